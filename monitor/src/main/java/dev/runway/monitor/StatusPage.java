package dev.runway.monitor;

import dev.runway.base.AtomicFiles;
import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import dev.runway.monitor.internal.GitBranch;
import dev.runway.monitor.internal.PublicAddress;
import dev.runway.monitor.internal.StatusHtml;
import dev.runway.monitor.internal.StatusJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The status page: one static HTML file with no external asset (styles inline, charts inline
 * SVG, no script), so it works offline and from any static host, and the same data as JSON for
 * machines. Per endpoint: current state, 90 daily uptime bars, a 24-hour response-time chart, and
 * open and past incidents. Colour is never the only signal: every state is also a word and a
 * symbol, every bar and chart has a text alternative.
 *
 * <pre>{@code
 * StatusReport report = StatusPage.report("Acme status", endpoints, history, Instant.now(), null);
 * StatusPage.write(report, Path.of("public/status.html"));   // and status.json next to it
 * }</pre>
 */
public final class StatusPage {
  static final int DAYS = 90;
  static final int POINTS = 96;

  private StatusPage() {}

  /** Reads the history of {@code endpoints} into a report as of {@code now}. */
  public static StatusReport report(String title, List<Endpoint> endpoints, History history, Instant now,
      @Nullable String historyProblem) {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    List<StatusReport.EndpointStatus> out = new ArrayList<>();
    for (Endpoint e : endpoints) {
      List<DailyUptime> days = history.daily(e.name(), today.minusDays(DAYS - 1L), today);
      List<Observation> day = history.observations(e.name(), now.minus(Duration.ofHours(24)), now.plusMillis(1));
      Observation last = day.isEmpty() ? null : day.get(day.size() - 1);
      List<Double> times = new ArrayList<>();
      long cold = 0;
      for (Observation o : day) {
        if (o.responseTime().isPresent() && o.state() != State.DOWN) times.add(o.responseMillis());
        if (o.coldStart()) cold++;
      }
      times.sort(null);
      out.add(new StatusReport.EndpointStatus(e.name(), e.service(), PublicAddress.of(e),
          last == null ? State.MAINTENANCE : last.state(), last == null ? null : last.at(),
          last == null ? "not checked yet" : PublicAddress.scrub(e, last.message()),
          ratio(days, 1), ratio(days, 7), ratio(days, 30), ratio(days, DAYS), days,
          pct(times, 0.50), pct(times, 0.95), pct(times, 0.99), points(day, now), cold));
    }
    List<Incident> incidents = new ArrayList<>();
    for (Incident i : history.incidents(now.minus(Duration.ofDays(DAYS)))) {
      for (Endpoint e : endpoints) {
        if (e.name().equals(i.endpoint())) {
          incidents.add(new Incident(i.id(), i.endpoint(), i.severity(), i.opened(), i.resolved().orElse(null),
              PublicAddress.scrub(e, i.cause())));
        }
      }
    }
    return new StatusReport(title, now, historyProblem, out, incidents);
  }

  private static double ratio(List<DailyUptime> days, int last) {
    long good = 0;
    long total = 0;
    for (DailyUptime d : days.subList(Math.max(0, days.size() - last), days.size())) {
      good += d.up() + d.degraded();
      total += d.total();
    }
    return total == 0 ? Double.NaN : (double) good / total;
  }

  private static @Nullable Duration pct(List<Double> sorted, double p) {
    if (sorted.isEmpty()) return null;
    int i = (int) Math.ceil(p * sorted.size()) - 1;
    double ms = sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    return Duration.ofNanos(Math.round(ms * 1e6));
  }

  private static List<StatusReport.Point> points(List<Observation> day, Instant now) {
    long slice = Duration.ofHours(24).toMillis() / POINTS;
    long start = now.toEpochMilli() - Duration.ofHours(24).toMillis();
    double[] sum = new double[POINTS];
    int[] n = new int[POINTS];
    for (Observation o : day) {
      if (o.responseTime().isEmpty() || o.state() == State.DOWN) continue;
      int i = (int) Math.min(POINTS - 1, Math.max(0, (o.at().toEpochMilli() - start) / slice));
      sum[i] += o.responseMillis();
      n[i]++;
    }
    List<StatusReport.Point> out = new ArrayList<>();
    for (int i = 0; i < POINTS; i++) {
      if (n[i] > 0) out.add(new StatusReport.Point(Instant.ofEpochMilli(start + i * slice + slice / 2), sum[i] / n[i]));
    }
    return out;
  }

  /** The page as one self-contained HTML document. */
  public static String html(StatusReport report) {
    return StatusHtml.render(report);
  }

  /** The same report as JSON: {@code {"title", "generated", "status", "endpoints": [...], "incidents": [...]}}. */
  public static String json(StatusReport report) {
    return StatusJson.render(report);
  }

  /**
   * Writes {@link #html} to {@code file} and {@link #json} next to it ({@code status.html} gives
   * {@code status.json}), each replaced atomically so a static host never serves half a page.
   *
   * @throws RunwayException.IoFailed when the folder cannot be written
   */
  public static Path write(StatusReport report, Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    Path json = file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".json");
    replace(file, html(report));
    replace(json, json(report));
    return file;
  }

  /**
   * Commits {@code page} and its {@code .json} to the root of {@code branch} (as {@code status.html}
   * and {@code status.json}, plus {@code index.html} for GitHub Pages' "deploy from a branch") in the
   * git repository {@code folder} is in, and pushes it to {@code origin}.
   *
   * @return whether the page changed
   * @throws RunwayException.IoFailed when git fails or the push is refused
   */
  public static boolean publishToBranch(Path page, Path folder, String branch) {
    String name = page.getFileName().toString();
    int dot = name.lastIndexOf('.');
    Path json = page.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".json");
    try (GitBranch b = GitBranch.open(folder, branch, "origin")) {
      Runnable copy = () -> {
        try {
          Files.copy(page, b.dir().resolve("status.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          Files.copy(page, b.dir().resolve("index.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          if (Files.exists(json)) Files.copy(json, b.dir().resolve("status.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
          throw new RunwayException.IoFailed(page + ": cannot copy the status page to branch " + branch + " ("
              + e.getClass().getSimpleName() + "); was it written?", Origin.file(page), e);
        }
      };
      copy.run();
      return b.commitAndPush("runway status page", copy);
    }
  }

  private static void replace(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new RunwayException.IoFailed(file + ": cannot write the status page (" + e.getClass().getSimpleName()
          + "); check that " + file.toAbsolutePath().getParent() + " is writable", Origin.file(file), e);
    }
    AtomicFiles.writePublic(file, text); // atomic as every file Runway writes; readable by the static host that serves it
  }
}

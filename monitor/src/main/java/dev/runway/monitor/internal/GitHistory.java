package dev.runway.monitor.internal;

import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import dev.runway.monitor.DailyUptime;
import dev.runway.monitor.History;
import dev.runway.monitor.Incident;
import dev.runway.monitor.Observation;
import dev.runway.monitor.State;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * History kept in a branch of the repository, the way Upptime keeps its own: append-only text
 * files, so every run adds a few lines, a diff reads as what happened, and two runs never rewrite
 * the same line. Layout: {@code observations/<yyyy-mm>/<endpoint>.tsv} (one line per check:
 * epoch ms, state, response ms or {@code -}, cold start 0/1, message) and {@code incidents.tsv}
 * (one line each time an incident opens, escalates or resolves; the last line of an id wins).
 * Purging deletes whole months. Reads are answered from memory, loaded at open; {@link #close()}
 * commits and pushes.
 */
public final class GitHistory implements History {
  private static final Duration PUSH_EVERY = Duration.ofMinutes(15);

  private final GitBranch branch;
  private final MemoryHistory memory = new MemoryHistory(500_000);
  private final Map<String, List<String>> pending = new LinkedHashMap<>(); // file -> lines not yet appended; guarded by this
  private final Map<String, List<String>> written = new LinkedHashMap<>(); // appended since the last push, for a retry
  private final List<String> purged = new ArrayList<>();
  private Instant lastPush = Instant.now();

  private GitHistory(GitBranch branch) {
    this.branch = branch;
  }

  /**
   * Checks out {@code branch} of {@code origin} from the repository {@code folder} is in and reads it.
   *
   * @throws RunwayException.IoFailed when git fails or a file cannot be read
   */
  public static GitHistory open(Path folder, String branchName) {
    GitBranch b = GitBranch.open(folder, branchName, "origin");
    GitHistory h = new GitHistory(b);
    try {
      h.load();
    } catch (IOException | RuntimeException e) {
      b.close();
      throw new RunwayException.IoFailed("monitor: history git " + branchName + ": cannot read it (" + e.getMessage()
          + "); fix or delete the line it names on the branch", Origin.of("git " + branchName), e);
    }
    return h;
  }

  private void load() throws IOException {
    Path obs = branch.dir().resolve("observations");
    if (Files.isDirectory(obs)) {
      List<Path> files;
      try (Stream<Path> all = Files.walk(obs)) {
        files = all.filter(p -> p.toString().endsWith(".tsv")).sorted().toList();
      }
      for (Path f : files) {
        String endpoint = URLDecoder.decode(f.getFileName().toString().replaceFirst("\\.tsv$", ""), StandardCharsets.UTF_8);
        List<Observation> batch = new ArrayList<>();
        for (String line : Files.readAllLines(f)) if (!line.isBlank()) batch.add(observation(endpoint, line, f));
        memory.record(batch);
      }
    }
    Path inc = branch.dir().resolve("incidents.tsv");
    if (Files.isRegularFile(inc)) {
      for (String line : Files.readAllLines(inc)) if (!line.isBlank()) memory.save(incident(line));
    }
  }

  private static Observation observation(String endpoint, String line, Path file) {
    String[] f = line.split("\t", 5);
    if (f.length < 5) throw new IllegalArgumentException(file.getFileName() + ": '" + line + "' has fewer than 5 fields");
    return new Observation(endpoint, Instant.ofEpochMilli(Long.parseLong(f[0])), State.ofWire(f[1]),
        f[2].equals("-") ? Double.NaN : Double.parseDouble(f[2]), f[4], f[3].equals("1"));
  }

  private static Incident incident(String line) {
    String[] f = line.split("\t", 6);
    if (f.length < 6) throw new IllegalArgumentException("incidents.tsv: '" + line + "' has fewer than 6 fields");
    return new Incident(Long.parseLong(f[0]), unescape(f[1]), State.ofWire(f[2]), Instant.ofEpochMilli(Long.parseLong(f[3])),
        f[4].equals("-") ? null : Instant.ofEpochMilli(Long.parseLong(f[4])), f[5]);
  }

  private static String clean(String s) {
    return s.replaceAll("[\\t\\r\\n]+", " ");
  }

  private static String unescape(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String file(String endpoint, Instant at) {
    return "observations/" + YearMonth.from(at.atZone(ZoneOffset.UTC)) + "/"
        + URLEncoder.encode(endpoint, StandardCharsets.UTF_8).replace("*", "%2A") + ".tsv";
  }

  @Override
  public synchronized void record(Collection<Observation> observations) {
    memory.record(observations);
    for (Observation o : observations) {
      String ms = Double.isNaN(o.responseMillis()) ? "-" : String.valueOf(Math.round(o.responseMillis() * 10) / 10.0);
      pending.computeIfAbsent(file(o.endpoint(), o.at()), k -> new ArrayList<>()).add(o.at().toEpochMilli() + "\t"
          + o.state().wire() + "\t" + ms + "\t" + (o.coldStart() ? 1 : 0) + "\t" + clean(o.message()));
    }
  }

  @Override
  public synchronized void save(Incident i) {
    memory.save(i);
    pending.computeIfAbsent("incidents.tsv", k -> new ArrayList<>()).add(i.id() + "\t"
        + URLEncoder.encode(i.endpoint(), StandardCharsets.UTF_8) + "\t" + i.severity().wire() + "\t"
        + i.opened().toEpochMilli() + "\t" + i.resolved().map(r -> String.valueOf(r.toEpochMilli())).orElse("-") + "\t"
        + clean(i.cause()));
  }

  /** Appends what is pending to the files; pushes at most every 15 minutes (and at close). */
  @Override
  public synchronized void flush() {
    append(pending);
    pending.forEach((f, lines) -> written.computeIfAbsent(f, k -> new ArrayList<>()).addAll(lines));
    pending.clear();
    if (Duration.between(lastPush, Instant.now()).compareTo(PUSH_EVERY) >= 0) push();
  }

  private void append(Map<String, List<String>> lines) {
    for (Map.Entry<String, List<String>> e : lines.entrySet()) {
      Path f = branch.dir().resolve(e.getKey());
      try {
        Files.createDirectories(f.getParent());
        Files.writeString(f, String.join("\n", e.getValue()) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      } catch (IOException ex) {
        throw new RunwayException.IoFailed("monitor: history git " + branch.branch() + ": cannot write " + e.getKey() + " ("
            + ex.getClass().getSimpleName() + ")", Origin.of("git " + branch.branch()), ex);
      }
    }
  }

  // guarded by this
  private void push() {
    Path readme = branch.dir().resolve("README.md");
    if (!Files.exists(readme)) {
      try {
        Files.writeString(readme, "# " + branch.branch() + "\n\nUptime history written by `runway monitor run --once`"
            + " (docs/monitoring.md). Append-only: observations/<month>/<endpoint>.tsv and incidents.tsv.\n");
      } catch (IOException ignored) {
        // only a courtesy for people browsing the branch
      }
    }
    branch.commitAndPush("runway monitor: " + lines(written) + " lines", () -> {
      append(written);
      for (String p : purged) deleteMonth(p);
    });
    written.clear();
    purged.clear();
    lastPush = Instant.now();
  }

  private static int lines(Map<String, List<String>> m) {
    return m.values().stream().mapToInt(List::size).sum();
  }

  @Override
  public long nextIncidentId() {
    return memory.nextIncidentId();
  }

  @Override
  public List<Observation> observations(String endpoint, Instant from, Instant to) {
    return memory.observations(endpoint, from, to);
  }

  @Override
  public List<Incident> incidents(Instant since) {
    return memory.incidents(since);
  }

  @Override
  public List<DailyUptime> daily(String endpoint, LocalDate from, LocalDate to) {
    return memory.daily(endpoint, from, to);
  }

  /** Deletes the months that end before {@code before} (lines are never rewritten), and their incidents from memory. */
  @Override
  public synchronized long purge(Instant before) {
    long n = memory.purge(before);
    YearMonth keep = YearMonth.from(before.atZone(ZoneOffset.UTC));
    Path obs = branch.dir().resolve("observations");
    if (!Files.isDirectory(obs)) return n;
    try (Stream<Path> months = Files.list(obs)) {
      for (Path m : months.toList()) {
        String name = m.getFileName().toString();
        if (name.matches("\\d{4}-\\d{2}") && YearMonth.parse(name).isBefore(keep)) {
          deleteMonth(name);
          purged.add(name);
        }
      }
    } catch (IOException e) {
      throw new RunwayException.IoFailed("monitor: history git " + branch.branch() + ": cannot purge ("
          + e.getClass().getSimpleName() + ")", Origin.of("git " + branch.branch()), e);
    }
    return n;
  }

  private void deleteMonth(String month) {
    Path m = branch.dir().resolve("observations").resolve(month);
    if (!Files.isDirectory(m)) return;
    try (Stream<Path> all = Files.walk(m)) {
      all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // retried by the next purge
    }
  }

  @Override
  public String describe() {
    return "git branch " + branch.branch();
  }

  /** Writes what is pending, commits and pushes it, and removes the worktree. */
  @Override
  public synchronized void close() {
    try {
      append(pending);
      pending.forEach((f, l) -> written.computeIfAbsent(f, k -> new ArrayList<>()).addAll(l));
      pending.clear();
      push();
    } finally {
      branch.close();
    }
  }

  @Override
  public String toString() {
    return "History{" + describe() + "}";
  }
}

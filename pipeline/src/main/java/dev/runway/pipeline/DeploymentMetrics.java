package dev.runway.pipeline;

import dev.runway.pipeline.internal.History;
import dev.runway.pipeline.internal.Plans;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * The four DORA measures computed from run history, plus deploy time and success rate, and the
 * targets a team sets itself. Only runs that deployed something count as deployments. Immutable.
 *
 * <ul>
 *   <li>deployment frequency: successful deploying runs per week in the window;</li>
 *   <li>lead time: median time from the commit to the end of its successful deploy (runs that
 *       know their commit time);</li>
 *   <li>change failure rate: failed deploying runs / all deploying runs;</li>
 *   <li>time to restore: median time from a failed deploying run's start until service was
 *       restored: its own end when it rolled back, else the end of the next successful deploy.</li>
 * </ul>
 *
 * <pre>{@code
 * DeploymentMetrics m = DeploymentMetrics.from(Path.of(".runway"), "production-deploy", Duration.ofDays(30), Instant.now());
 * m.check(Target.deployTimeUnder(Duration.ofMinutes(10)), Target.successRateAtLeast(0.95));
 * }</pre>
 */
public final class DeploymentMetrics {
  private final List<RunSummary> runs;
  private final Duration window;

  private DeploymentMetrics(List<RunSummary> runs, Duration window) {
    this.runs = runs;
    this.window = window;
  }

  /** Metrics of {@code pipeline}'s runs (every pipeline when empty) that started within {@code window} before {@code now}. */
  public static DeploymentMetrics from(Path stateDir, String pipeline, Duration window, Instant now) {
    return of(History.read(stateDir), pipeline, window, now);
  }

  public static DeploymentMetrics of(List<RunSummary> history, String pipeline, Duration window, Instant now) {
    Instant since = now.minus(window);
    List<RunSummary> runs = history.stream()
        .filter(r -> pipeline.isEmpty() || r.pipeline().equals(pipeline))
        .filter(r -> !r.startedAt().isBefore(since) && !r.startedAt().isAfter(now))
        .sorted(Comparator.comparing(RunSummary::startedAt)).toList();
    return new DeploymentMetrics(runs, window);
  }

  public List<RunSummary> runs() {
    return runs;
  }

  private List<RunSummary> deploys() {
    return runs.stream().filter(RunSummary::deployed).toList();
  }

  /** Successful deploying runs per week. */
  public double deploymentsPerWeek() {
    long ok = deploys().stream().filter(RunSummary::succeeded).count();
    double weeks = Math.max(window.toMillis() / (double) Duration.ofDays(7).toMillis(), 1e-9);
    return ok / weeks;
  }

  public Optional<Duration> leadTime() {
    return median(deploys().stream().filter(RunSummary::succeeded).filter(r -> r.commitTime().isPresent())
        .map(r -> Duration.between(r.commitTime().get(), r.finishedAt())).toList());
  }

  public OptionalDouble changeFailureRate() {
    List<RunSummary> d = deploys();
    if (d.isEmpty()) return OptionalDouble.empty();
    return OptionalDouble.of(d.stream().filter(r -> !r.succeeded()).count() / (double) d.size());
  }

  public Optional<Duration> timeToRestore() {
    List<RunSummary> d = deploys();
    List<Duration> restores = new ArrayList<>();
    for (int i = 0; i < d.size(); i++) {
      RunSummary r = d.get(i);
      if (r.succeeded()) continue;
      if (r.rolledBack()) {
        restores.add(r.duration());
        continue;
      }
      for (int j = i + 1; j < d.size(); j++) {
        if (d.get(j).succeeded()) {
          restores.add(Duration.between(r.startedAt(), d.get(j).finishedAt()));
          break;
        }
      }
    }
    return median(restores);
  }

  /** Median duration of successful runs. */
  public Optional<Duration> deployTime() {
    return median(runs.stream().filter(RunSummary::succeeded).map(RunSummary::duration).toList());
  }

  /** Successful runs / all runs. */
  public OptionalDouble successRate() {
    if (runs.isEmpty()) return OptionalDouble.empty();
    return OptionalDouble.of(runs.stream().filter(RunSummary::succeeded).count() / (double) runs.size());
  }

  private static Optional<Duration> median(List<Duration> values) {
    if (values.isEmpty()) return Optional.empty();
    List<Duration> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return Optional.of(n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2));
  }

  /** One target's verdict: met, or missed, or unknown without data. */
  public record Verdict(String target, String actual, Optional<Boolean> met) {}

  public List<Verdict> check(List<Target> targets) {
    return targets.stream().map(t -> t.judge(this)).toList();
  }

  /** The measures and the verdicts, for people. */
  public String toText(List<Target> targets) {
    StringBuilder sb = new StringBuilder();
    sb.append("runs in the last ").append(Plans.human(window)).append(": ").append(runs.size())
        .append(" (").append(deploys().size()).append(" deploying)\n");
    sb.append(String.format(Locale.ROOT, "  deployment frequency  %.1f per week%n", deploymentsPerWeek()));
    sb.append("  lead time             ").append(leadTime().map(Plans::human).orElse("unknown (no commit times)")).append('\n');
    sb.append("  change failure rate   ").append(pct(changeFailureRate())).append('\n');
    sb.append("  time to restore       ").append(timeToRestore().map(Plans::human).orElse("n/a (no failure)")).append('\n');
    sb.append("  deploy time (median)  ").append(deployTime().map(Plans::human).orElse("n/a")).append('\n');
    sb.append("  success rate          ").append(pct(successRate())).append('\n');
    List<Verdict> verdicts = check(targets);
    if (!verdicts.isEmpty()) sb.append("targets:\n");
    for (Verdict v : verdicts) {
      sb.append("  ").append(v.met().map(m -> m ? "✔ met   " : "✖ missed").orElse("? no data")).append(' ')
          .append(v.target()).append(" (actual ").append(v.actual()).append(")\n");
    }
    return sb.toString();
  }

  static String pct(OptionalDouble d) {
    return d.isPresent() ? String.format(Locale.ROOT, "%.0f%%", d.getAsDouble() * 100) : "n/a";
  }

  /**
   * A target a team sets itself. Immutable.
   *
   * <pre>{@code
   * Target.deployTimeUnder(Duration.ofMinutes(10)); Target.successRateAtLeast(0.95);
   * }</pre>
   */
  public static final class Target {
    private final String name;
    private final Function<DeploymentMetrics, Verdict> judge;

    private Target(String name, Function<DeploymentMetrics, Verdict> judge) {
      this.name = name;
      this.judge = judge;
    }

    Verdict judge(DeploymentMetrics m) {
      return judge.apply(m);
    }

    public String name() {
      return name;
    }

    public static Target deployTimeUnder(Duration limit) {
      String name = "deploy time under " + Plans.human(limit);
      return new Target(name, m -> m.deployTime().map(d -> new Verdict(name, Plans.human(d), Optional.of(d.compareTo(limit) < 0)))
          .orElse(new Verdict(name, "n/a", Optional.empty())));
    }

    public static Target successRateAtLeast(double share) {
      String name = String.format(Locale.ROOT, "success rate >= %.0f%%", share * 100);
      return new Target(name, m -> m.successRate().isPresent()
          ? new Verdict(name, pct(m.successRate()), Optional.of(m.successRate().getAsDouble() >= share))
          : new Verdict(name, "n/a", Optional.empty()));
    }

    public static Target changeFailureRateAtMost(double share) {
      String name = String.format(Locale.ROOT, "change failure rate <= %.0f%%", share * 100);
      return new Target(name, m -> m.changeFailureRate().isPresent()
          ? new Verdict(name, pct(m.changeFailureRate()), Optional.of(m.changeFailureRate().getAsDouble() <= share))
          : new Verdict(name, "n/a", Optional.empty()));
    }

    public static Target deploymentsPerWeekAtLeast(double count) {
      String name = String.format(Locale.ROOT, "deployments per week >= %.1f", count);
      return new Target(name, m -> new Verdict(name, String.format(Locale.ROOT, "%.1f", m.deploymentsPerWeek()),
          Optional.of(m.deploymentsPerWeek() >= count)));
    }

    public static Target timeToRestoreUnder(Duration limit) {
      String name = "time to restore under " + Plans.human(limit);
      return new Target(name, m -> m.timeToRestore().map(d -> new Verdict(name, Plans.human(d), Optional.of(d.compareTo(limit) < 0)))
          .orElse(new Verdict(name, "n/a", Optional.empty())));
    }

    @Override
    public String toString() {
      return name;
    }
  }
}

package dev.runway.monitor;

import dev.runway.base.Problem;
import dev.runway.base.Problems;
import dev.runway.pipeline.GitHubActions;
import dev.runway.pipeline.Pipeline;
import dev.runway.pipeline.Step;
import dev.runway.pipeline.Trigger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Runs the monitors (and keep-warm) from outside the platform they watch: a scheduled GitHub
 * Actions workflow that calls {@code runway monitor run --once}. GitHub starts scheduled
 * workflows 5 to 30 minutes late under load (and never more often than every 5 minutes), so
 * {@link #problems()} says when the schedule cannot keep a free service warm, and what to use
 * instead. Immutable; the settings methods return modified copies.
 *
 * <pre>{@code
 * MonitorWorkflow wf = MonitorWorkflow.github("monitor", Duration.ofMinutes(10)).keepWarm(plan);
 * wf.problems();                                // warns: GitHub cron cannot beat a 15 min spin-down
 * wf.writeTo(Path.of(".github/workflows"));     // monitor.yml
 * }</pre>
 */
public final class MonitorWorkflow {
  /** How late GitHub may start a scheduled workflow, by its documentation and common experience. */
  public static final Duration GITHUB_CRON_DELAY = Duration.ofMinutes(30);

  private final String name;
  private final Duration every;
  private final String command;
  private final List<String> secrets;
  private final KeepWarm.@Nullable Plan keepWarm;

  private MonitorWorkflow(String name, Duration every, String command, List<String> secrets,
      KeepWarm.@Nullable Plan keepWarm) {
    this.name = name;
    this.every = every;
    this.command = command;
    this.secrets = List.copyOf(secrets);
    this.keepWarm = keepWarm;
  }

  /**
   * A workflow named {@code name} run every {@code every} (whole minutes, 5 to 60, dividing 60, or whole hours).
   *
   * @throws IllegalArgumentException for a period cron cannot express that way
   */
  public static MonitorWorkflow github(String name, Duration every) {
    cron(every);
    return new MonitorWorkflow(name, every, "./runway monitor run --once", List.of(), null);
  }

  /** The command the job runs; default {@code ./runway monitor run --once}. */
  public MonitorWorkflow command(String value) {
    return new MonitorWorkflow(name, every, Objects.requireNonNull(value, "value"), secrets, keepWarm);
  }

  /** Repository secrets the command needs (webhook URLs, database password), passed as environment variables. */
  public MonitorWorkflow secrets(String... names) {
    List<String> all = new ArrayList<>(secrets);
    all.addAll(List.of(names));
    return new MonitorWorkflow(name, every, command, all, keepWarm);
  }

  /** Checks the schedule against this keep-warm plan (see {@link #problems()}). */
  public MonitorWorkflow keepWarm(KeepWarm.Plan plan) {
    return new MonitorWorkflow(name, every, command, secrets, Objects.requireNonNull(plan, "plan"));
  }

  /** The cron expression: {@code "*&#47;10 * * * *"}, or {@code "0 *&#47;2 * * *"} for whole hours. */
  public String cron() {
    return cron(every);
  }

  private static String cron(Duration every) {
    long minutes = every.toMinutes();
    if (every.toSeconds() % 60 == 0 && minutes >= 5 && minutes < 60 && 60 % minutes == 0) return "*/" + minutes + " * * * *";
    if (minutes == 60) return "0 * * * *";
    if (minutes % 60 == 0 && minutes > 60 && minutes <= 24 * 60 && (24 * 60) % minutes == 0) {
      return "0 */" + (minutes / 60) + " * * *";
    }
    throw new IllegalArgumentException("monitor: workflow: every " + every + " cannot be a GitHub schedule; use 5, 10, 15, 20,"
        + " 30 or 60 minutes, or whole hours dividing a day (GitHub runs schedules at most every 5 minutes)");
  }

  /**
   * Warnings about the schedule: with a keep-warm plan, when the period plus GitHub's possible
   * delay reaches the spin-down, the services will still fall asleep between runs.
   */
  public Problems problems() {
    List<Problem> out = new ArrayList<>();
    if (keepWarm != null) {
      Duration worst = every.plus(GITHUB_CRON_DELAY);
      Duration spin = keepWarm.budget().spinDownAfter();
      if (worst.compareTo(spin) >= 0) {
        out.add(Problem.warning(Problem.OUT_OF_RANGE, "monitor export: keep-warm",
                "a GitHub schedule every " + every.toMinutes() + " min can start up to " + GITHUB_CRON_DELAY.toMinutes()
                    + " min late, so pings may be " + worst.toMinutes() + " min apart, past the " + spin.toMinutes()
                    + " min spin-down of " + keepWarm.budget().name() + "; the services will still fall asleep")
            .withFix("run 'runway keep-warm run' on an always-on host, or ping from a cron service that runs on time"
                + " (cron-job.org, an UptimeRobot free monitor) every " + keepWarm.interval().toMinutes() + " min"));
      }
    }
    return Problems.of(out);
  }

  /** The workflow as a pipeline (one stage, one step), for {@link GitHubActions}. */
  public Pipeline pipeline() {
    Step step = Step.shell("monitor", command).timeout(Duration.ofMinutes(Math.max(2, Math.min(every.toMinutes(), 15))));
    for (String s : secrets) step = step.secret(s);
    Step run = step;
    return Pipeline.named(name)
        .on(Trigger.schedule(cron()), Trigger.manual())
        .concurrency(name)
        .stage("monitor", s -> s.step(run))
        .build();
  }

  /** The workflow YAML; it validates against GitHub's workflow schema. */
  public String yaml() {
    return GitHubActions.workflow(pipeline()).yaml();
  }

  /** Writes {@code dir/<name>.yml} and returns its path. */
  public Path writeTo(Path dir) {
    return GitHubActions.workflow(pipeline()).writeTo(dir);
  }

  @Override
  public String toString() {
    return "MonitorWorkflow{" + name + " " + cron() + "}";
  }
}

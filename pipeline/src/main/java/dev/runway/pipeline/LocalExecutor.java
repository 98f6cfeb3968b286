package dev.runway.pipeline;

import dev.runway.pipeline.internal.Engine;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Runs pipelines on this machine: groups of steps with bounded parallelism, timeouts enforced
 * (the step's thread is interrupted and its processes killed), retries with backoff, cancellation of
 * the siblings of a failed step, approval gates through an {@link Approver}, automatic rollback,
 * notifications, live progress (one updating line per running step on a terminal, timestamped
 * lines otherwise), a JSON run record under {@code <stateDir>/runs/} and a line of history in
 * {@code <stateDir>/pipeline-history.jsonl} for {@link DeploymentMetrics}. Immutable and
 * thread-safe; one executor may run many pipelines.
 *
 * <pre>{@code
 * PipelineRun run = LocalExecutor.builder()
 *     .approver(Approver.upFront(Set.of("production")))
 *     .branch("main").environment("production")
 *     .build()
 *     .run(pipeline);
 * System.exit(run.exitCode());
 * }</pre>
 */
public final class LocalExecutor {
  private final Engine.Settings settings;

  private LocalExecutor(Engine.Settings settings) {
    this.settings = settings;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs every stage, then the handlers; never throws for a failing step (the run says so).
   *
   * @throws dev.runway.base.RunwayException when another run holds the pipeline's concurrency key
   */
  public PipelineRun run(Pipeline pipeline) {
    return new Engine(settings).run(Objects.requireNonNull(pipeline, "pipeline"));
  }

  /**
   * Runs one step alone (what {@code jbang <script> --step <id>} does on a GitHub runner): no other
   * step, no rollback, no notification. A deploy step's version is in the result.
   */
  public PipelineRun runStep(Pipeline pipeline, String stepId) {
    return new Engine(settings).runStep(pipeline, pipeline.step(stepId));
  }

  /** Rolls one deploy step's target back to {@code version} (the exported rollback job's call). */
  public PipelineRun.RollbackResult rollback(Pipeline pipeline, String stepId, String fromVersion, String toVersion) {
    return new Engine(settings).rollbackOne(pipeline, pipeline.step(stepId), fromVersion, toVersion);
  }

  /** Settings of a {@link LocalExecutor}; every one has a default. */
  public static final class Builder {
    private int parallelism = 4;
    private Approver approver = Approver.refuseAll();
    private @Nullable PrintStream progress = System.out;
    private boolean tty = System.console() != null;
    private String branch = "main";
    private String environment = "production";
    private Function<String, Optional<String>> variables = name -> Optional.ofNullable(System.getenv(name));
    private Path workDir = Path.of(".");
    private @Nullable Path stateDir;
    private @Nullable Instant commitTime;
    private @Nullable URI link;
    private final List<String> masked = new ArrayList<>();
    private boolean notify = true;

    private Builder() {}

    /** How many steps of one parallel group run at once (default 4). */
    public Builder parallelism(int steps) {
      if (steps < 1) throw new IllegalArgumentException("pipeline: parallelism must be >= 1 but was " + steps);
      this.parallelism = steps;
      return this;
    }

    /** Who decides approval gates (default: refuse all, as in a non-interactive run). */
    public Builder approver(Approver decider) {
      this.approver = Objects.requireNonNull(decider, "decider");
      return this;
    }

    /** Where live progress goes and whether it is a terminal (updating lines) or a log (timestamped lines). */
    public Builder progress(PrintStream out, boolean terminal) {
      this.progress = Objects.requireNonNull(out, "out");
      this.tty = terminal;
      return this;
    }

    /** No live progress. */
    public Builder quiet() {
      this.progress = null;
      return this;
    }

    public Builder branch(String name) {
      this.branch = Objects.requireNonNull(name, "name");
      return this;
    }

    public Builder environment(String name) {
      this.environment = Objects.requireNonNull(name, "name");
      return this;
    }

    /** The run's variables, secrets included (default: the process environment). */
    public Builder variables(Map<String, String> values) {
      Map<String, String> copy = Map.copyOf(values);
      this.variables = name -> Optional.ofNullable(copy.get(name));
      return this;
    }

    /** Where shell steps run and relative paths resolve (default: the current directory). */
    public Builder workDir(Path dir) {
      this.workDir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /** Where run records, history and locks go (default: {@code <workDir>/.runway}). */
    public Builder stateDir(Path dir) {
      this.stateDir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /** When the deployed commit was made, for lead time (default: unknown). */
    public Builder commitTime(Instant time) {
      this.commitTime = Objects.requireNonNull(time, "time");
      return this;
    }

    /** The run's link in notifications: {@code base} + run id (default: the run record's file URI). */
    public Builder link(URI base) {
      this.link = Objects.requireNonNull(base, "base");
      return this;
    }

    /** More values to mask in every output, beyond the steps' declared secrets. */
    public Builder mask(String... values) {
      masked.addAll(List.of(values));
      return this;
    }

    /** Whether to send the pipeline's notifications (default true). */
    public Builder notifications(boolean send) {
      this.notify = send;
      return this;
    }

    public LocalExecutor build() {
      Path state = stateDir != null ? stateDir : workDir.resolve(".runway");
      return new LocalExecutor(new Engine.Settings(parallelism, approver, progress, tty, branch, environment,
          variables, workDir, state, commitTime, link, List.copyOf(masked), notify));
    }
  }
}

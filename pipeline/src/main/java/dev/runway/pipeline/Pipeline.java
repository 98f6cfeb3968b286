package dev.runway.pipeline;

import dev.runway.base.RunwayException;
import dev.runway.notify.Notifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A deployment pipeline: triggers, stages in order, {@code onFailure} and {@code always} steps,
 * notifiers and a concurrency key. Write it once in Java, run it with a {@link LocalExecutor},
 * export it with {@link GitHubActions}. Immutable and thread-safe.
 *
 * <p>Guarantees: step ids are unique across the pipeline (they name jobs, {@code --step} and
 * {@code --approve} arguments); when a step fails after a deploy, every deploy this run made is
 * rolled back in reverse order unless {@link Builder#rollback(boolean)} turned that off.
 *
 * <pre>{@code
 * Pipeline p = Pipeline.named("production-deploy")
 *     .on(Trigger.push("main"), Trigger.manual())
 *     .stage("verify", s -> s.parallel(Step.shell("test", "./mvnw -q verify"), Step.shell("lint", "npm run lint")))
 *     .stage("approve", s -> s.gate(Approval.named("production").by("ops").within(Duration.ofHours(4))))
 *     .stage("deploy", s -> s.parallel(Step.deploy("deploy-api", api), Step.deploy("deploy-web", web)))
 *     .stage("smoke", s -> s.step(Step.smoke("health", URI.create(apiUrl + "/api/health"), 200)))
 *     .concurrency("production")
 *     .script("ops/Deploy.java")
 *     .build();
 * PipelineRun run = LocalExecutor.builder().build().run(p);
 * }</pre>
 */
public final class Pipeline {
  private final String name;
  private final List<Trigger> triggers;
  private final List<Stage> stages;
  private final List<Step> onFailure;
  private final List<Step> always;
  private final List<Notifier> notifiers;
  private final @Nullable String concurrency;
  private final @Nullable String script;
  private final @Nullable String config;
  private final boolean rollback;

  private Pipeline(Builder b) {
    this.name = b.name;
    this.triggers = List.copyOf(b.triggers);
    this.stages = List.copyOf(b.stages);
    this.onFailure = List.copyOf(b.onFailure);
    this.always = List.copyOf(b.always);
    this.notifiers = List.copyOf(b.notifiers);
    this.concurrency = b.concurrency;
    this.script = b.script;
    this.config = b.config;
    this.rollback = b.rollback;
  }

  /** Starts a pipeline named {@code name} (lower-case letters, digits, '-'; it names the workflow file). */
  public static Builder named(String name) {
    return new Builder(Names.check("pipeline", name));
  }

  public String name() {
    return name;
  }

  public List<Trigger> triggers() {
    return triggers;
  }

  public List<Stage> stages() {
    return stages;
  }

  /** Steps run after a failure (after the rollback). */
  public List<Step> onFailure() {
    return onFailure;
  }

  /** Steps run at the end of every run, success or not. */
  public List<Step> always() {
    return always;
  }

  public List<Notifier> notifiers() {
    return notifiers;
  }

  /** The key under which at most one run goes at a time (locally and on GitHub). */
  public Optional<String> concurrency() {
    return Optional.ofNullable(concurrency);
  }

  /** The JBang script that runs this pipeline's Java steps ({@code jbang <script> --step <id>}). */
  public Optional<String> script() {
    return Optional.ofNullable(script);
  }

  /**
   * The runway.conf that declares this pipeline, as the repository sees it ({@code runway.conf}):
   * exported workflows run its non-shell steps with {@code runway pipeline step} from an installed
   * Runway instead of a JBang script, so they need no Java source in the repository.
   */
  public Optional<String> config() {
    return Optional.ofNullable(config);
  }

  /** Whether deploys are rolled back automatically when a later step fails (default true). */
  public boolean rollback() {
    return rollback;
  }

  /** Every step of the stages, in order (not the onFailure and always steps). */
  public List<Step> steps() {
    return stages.stream().flatMap(s -> s.steps().stream()).toList();
  }

  /** The step with this id, in the stages or the handlers. */
  public Step step(String id) {
    List<Step> all = new ArrayList<>(steps());
    all.addAll(onFailure);
    all.addAll(always);
    return all.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow(() -> new RunwayException.UnknownName(
        "pipeline " + name + ": no step named '" + id + "' (known: "
            + String.join(", ", all.stream().map(Step::id).toList()) + ")"));
  }

  /** The graph as text: stages, groups, each step with its kind, settings and condition. */
  public String plan() {
    return dev.runway.pipeline.internal.Plans.text(this);
  }

  @Override
  public String toString() {
    return "Pipeline{" + name + ", " + stages.size() + " stages}";
  }

  /** Collects a pipeline. Not thread-safe; {@link #build()} checks it and makes the immutable value. */
  public static final class Builder {
    private final String name;
    private final List<Trigger> triggers = new ArrayList<>();
    private final List<Stage> stages = new ArrayList<>();
    private final List<Step> onFailure = new ArrayList<>();
    private final List<Step> always = new ArrayList<>();
    private final List<Notifier> notifiers = new ArrayList<>();
    private @Nullable String concurrency;
    private @Nullable String script;
    private @Nullable String config;
    private boolean rollback = true;

    private Builder(String name) {
      this.name = name;
    }

    public Builder on(Trigger... more) {
      triggers.addAll(List.of(more));
      return this;
    }

    /** Adds a stage, built by {@code stage}, after the previous ones. */
    public Builder stage(String stageName, Consumer<Stage.Builder> stage) {
      Stage.Builder b = new Stage.Builder(stageName);
      stage.accept(b);
      stages.add(b.build());
      return this;
    }

    public Builder onFailure(Step... steps) {
      onFailure.addAll(List.of(steps));
      return this;
    }

    public Builder always(Step... steps) {
      always.addAll(List.of(steps));
      return this;
    }

    public Builder notify(Notifier... more) {
      notifiers.addAll(List.of(more));
      return this;
    }

    /** At most one run per {@code key} at a time ({@code "production"}). */
    public Builder concurrency(String key) {
      this.concurrency = Names.check("concurrency key", key);
      return this;
    }

    /** The JBang script, relative to the repository root, that runs this pipeline's Java steps. */
    public Builder script(String path) {
      this.script = Objects.requireNonNull(path, "path");
      return this;
    }

    /** The runway.conf declaring this pipeline, relative to the repository root; see {@link Pipeline#config()}. */
    public Builder config(String path) {
      this.config = Objects.requireNonNull(path, "path");
      return this;
    }

    /** Whether to roll back this run's deploys when a later step fails (default true). */
    public Builder rollback(boolean enabled) {
      this.rollback = enabled;
      return this;
    }

    /**
     * The pipeline.
     *
     * @throws RunwayException.ModelInvalid when a step id is used twice or there is no stage
     */
    public Pipeline build() {
      if (stages.isEmpty()) {
        throw new RunwayException.ModelInvalid(
            "pipeline " + name + ": stages: none declared; add .stage(\"build\", s -> s.step(...))", null);
      }
      Map<String, String> seen = new HashMap<>();
      List<String> where = new ArrayList<>();
      for (Stage stage : stages) for (Step step : stage.steps()) where.add(step.id() + "@" + stage.name());
      for (Step step : onFailure) where.add(step.id() + "@onFailure");
      for (Step step : always) where.add(step.id() + "@always");
      for (String w : where) {
        String id = w.substring(0, w.indexOf('@'));
        String place = w.substring(w.indexOf('@') + 1);
        String before = seen.putIfAbsent(id, place);
        if (before != null) {
          throw new RunwayException.ModelInvalid("pipeline " + name + ": step '" + id + "': declared twice (in "
              + before + " and " + place + "); give each step its own id", null);
        }
      }
      return new Pipeline(this);
    }
  }
}

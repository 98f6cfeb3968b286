package dev.runway.pipeline;

import dev.runway.pipeline.internal.Checks;
import dev.runway.pipeline.internal.Shell;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One unit of work in a stage: a shell command, a Java lambda, a deploy, a smoke test, a quality
 * gate or an approval. Every step has a timeout (default 10 minutes), retries with exponential
 * backoff (default none) and a {@link Condition} (default always). Immutable and thread-safe: the
 * settings methods return modified copies.
 *
 * <pre>{@code
 * Step.shell("test", "./mvnw -q verify").timeout(Duration.ofMinutes(15)).retries(2, Duration.ofSeconds(10));
 * Step.shell("migrate", "./migrate.sh").secret("DATABASE_URL").when(Condition.branch("main"));
 * Step.java("warm", ctx -> ctx.log("warming"));
 * Step.deploy("deploy-api", renderTarget);
 * }</pre>
 */
public final class Step {
  /** What a step does; decides how it runs locally and how it is exported. */
  public enum Kind { SHELL, JAVA, DEPLOY, SMOKE, GATE, APPROVAL }

  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  private final String id;
  private final Kind kind;
  private final String description;
  private final @Nullable String command;
  private final @Nullable Path workingDir;
  private final Map<String, String> env;
  private final List<String> secrets;
  private final Duration timeout;
  private final int retries;
  private final Duration backoff;
  private final Condition condition;
  private final @Nullable StepAction action;
  private final @Nullable DeployTarget target;
  private final @Nullable Approval approval;

  private Step(String id, Kind kind, String description, @Nullable String command, @Nullable Path workingDir,
      Map<String, String> env, List<String> secrets, Duration timeout, int retries, Duration backoff,
      Condition condition, @Nullable StepAction action, @Nullable DeployTarget target, @Nullable Approval approval) {
    this.id = Names.check("step", id);
    this.kind = kind;
    this.description = description;
    this.command = command;
    this.workingDir = workingDir;
    this.env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    this.secrets = List.copyOf(secrets);
    this.timeout = timeout;
    this.retries = retries;
    this.backoff = backoff;
    this.condition = condition;
    this.action = action;
    this.target = target;
    this.approval = approval;
  }

  private static Step of(String id, Kind kind, String description, @Nullable String command,
      @Nullable StepAction action, @Nullable DeployTarget target, @Nullable Approval approval) {
    return new Step(id, kind, description, command, null, Map.of(), List.of(), DEFAULT_TIMEOUT, 0, Duration.ZERO,
        Condition.always(), action, target, approval);
  }

  /**
   * A shell command run with {@code bash -c} (exported as a {@code run:} step). Its output is
   * captured line by line with secret values masked; a non-zero exit fails it.
   */
  public static Step shell(String id, String command) {
    Objects.requireNonNull(command, "command");
    return of(id, Kind.SHELL, command, command, null, null, null);
  }

  /** A Java step; exported as {@code jbang <script> --step <id>} so the same code runs on the runner. */
  public static Step java(String id, StepAction action) {
    return of(id, Kind.JAVA, "java", null, Objects.requireNonNull(action, "action"), null, null);
  }

  /** Deploys to a platform and waits until live; rolled back when a later step fails. */
  public static Step deploy(String id, DeployTarget target) {
    Objects.requireNonNull(target, "target");
    return of(id, Kind.DEPLOY, "deploy " + target.name(), null, null, target, null);
  }

  /** A smoke test: GET {@code url} must answer {@code expectedStatus} (redirects not followed). */
  public static Step smoke(String id, URI url, int expectedStatus) {
    Objects.requireNonNull(url, "url");
    return of(id, Kind.SMOKE, "GET " + Checks.safe(url) + " expects " + expectedStatus, null,
        ctx -> Checks.http(ctx, url, expectedStatus), null, null);
  }

  /** A smoke test made of your own check (a health probe, a login, a query). */
  public static Step smoke(String id, String description, StepAction check) {
    return of(id, Kind.SMOKE, description, null, Objects.requireNonNull(check, "check"), null, null);
  }

  /** A quality gate that passes when {@code command} exits 0 (exported as a {@code run:} step). */
  static Step exitCodeGate(String id, String command) {
    Objects.requireNonNull(command, "command");
    return of(id, Kind.GATE, command, command, null, null, null);
  }

  /** A quality gate implemented in Java (test reports, performance). */
  static Step javaGate(String id, String description, StepAction check) {
    return of(id, Kind.GATE, description, null, check, null, null);
  }

  static Step approval(Approval approval) {
    return new Step(approval.name(), Kind.APPROVAL, approval.toString(), null, null, Map.of(), List.of(),
        approval.within(), 0, Duration.ZERO, Condition.always(), null, null, approval);
  }

  private Step copy(Duration newTimeout, int newRetries, Duration newBackoff, Condition newCondition,
      @Nullable Path newDir, Map<String, String> newEnv, List<String> newSecrets) {
    return new Step(id, kind, description, command, newDir, newEnv, newSecrets, newTimeout, newRetries,
        newBackoff, newCondition, action, target, approval);
  }

  /** A copy that fails an attempt running longer than {@code limit}. */
  public Step timeout(Duration limit) {
    if (limit.isZero() || limit.isNegative()) {
      throw new IllegalArgumentException("pipeline: step '" + id + "': timeout must be positive but was " + limit);
    }
    return copy(limit, retries, backoff, condition, workingDir, env, secrets);
  }

  /**
   * A copy that retries a failed attempt up to {@code times} more times, waiting {@code backoff},
   * then twice that, and so on. Timeouts are retried; cancellations are not.
   */
  public Step retries(int times, Duration firstBackoff) {
    if (times < 0 || times > 10) {
      throw new IllegalArgumentException("pipeline: step '" + id + "': retries must be 0..10 but was " + times);
    }
    if (firstBackoff.isNegative()) {
      throw new IllegalArgumentException("pipeline: step '" + id + "': backoff must be >= 0 but was " + firstBackoff);
    }
    return copy(timeout, times, firstBackoff, condition, workingDir, env, secrets);
  }

  /** A copy that runs only when {@code when} holds for the run; otherwise it is skipped. */
  public Step when(Condition when) {
    return copy(timeout, retries, backoff, Objects.requireNonNull(when, "when"), workingDir, env, secrets);
  }

  /** A copy of a shell step that runs in {@code dir} (relative to the run's working directory). */
  public Step workingDir(Path dir) {
    requireCommand("workingDir");
    return copy(timeout, retries, backoff, condition, Objects.requireNonNull(dir, "dir"), env, secrets);
  }

  /** A copy of a shell step with one more environment variable (not secret: it is exported as is). */
  public Step env(String name, String value) {
    requireCommand("env");
    Map<String, String> copy = new LinkedHashMap<>(env);
    copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return copy(timeout, retries, backoff, condition, workingDir, copy, secrets);
  }

  /**
   * A copy that receives the secret {@code name}: read from the run's environment locally (masked in
   * every output), {@code ${{ secrets.NAME }}} on GitHub. The value never appears in a workflow.
   */
  public Step secret(String name) {
    if (!name.matches("[A-Z_][A-Z0-9_]*")) {
      throw new IllegalArgumentException("pipeline: step '" + id + "': secret '" + name
          + "' is not an environment variable name; use upper-case letters, digits and '_'");
    }
    List<String> copy = new ArrayList<>(secrets);
    if (!copy.contains(name)) copy.add(name);
    return copy(timeout, retries, backoff, condition, workingDir, env, copy);
  }

  private void requireCommand(String setting) {
    if (command == null) {
      throw new IllegalArgumentException("pipeline: step '" + id + "': " + setting
          + " applies to shell steps only; set it inside the Java step instead");
    }
  }

  public String id() {
    return id;
  }

  public Kind kind() {
    return kind;
  }

  /** What the step does, for plans and reports (a command, "deploy render:acme-api", ...). */
  public String description() {
    return description;
  }

  /** The shell command of a shell step or exit-code gate. */
  public Optional<String> command() {
    return Optional.ofNullable(command);
  }

  public Optional<Path> workingDir() {
    return Optional.ofNullable(workingDir);
  }

  public Map<String, String> env() {
    return env;
  }

  /** Names of the secrets the step receives as environment variables. */
  public List<String> secrets() {
    return secrets;
  }

  public Duration timeout() {
    return timeout;
  }

  public int retries() {
    return retries;
  }

  public Duration backoff() {
    return backoff;
  }

  public Condition condition() {
    return condition;
  }

  /** The deploy target of a deploy step. */
  public Optional<DeployTarget> target() {
    return Optional.ofNullable(target);
  }

  /** The approval of an approval gate. */
  public Optional<Approval> approval() {
    return Optional.ofNullable(approval);
  }

  /** The body of a Java step, smoke test or Java gate. */
  public Optional<StepAction> action() {
    if (action == null && command != null) {
      String cmd = command;
      Path dir = workingDir;
      Map<String, String> vars = env;
      List<String> names = secrets;
      return Optional.of(ctx -> Shell.run(ctx, cmd, dir, vars, names));
    }
    return Optional.ofNullable(action);
  }

  @Override
  public String toString() {
    return id + " (" + kind.name().toLowerCase(java.util.Locale.ROOT) + ": " + description + ")";
  }
}

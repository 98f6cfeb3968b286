package dev.runway.env;

import dev.runway.base.Problems;
import dev.runway.base.RunwayException;
import dev.runway.internal.Json;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The outcome of validating one environment: every problem found, and the loaded {@link Env} when
 * there was no error (warnings do not fail).
 *
 * <pre>{@code
 * Validation v = SCHEMA.validate(PRODUCTION, EnvSources.standard(dir));
 * if (!v.isValid()) System.err.println(v.toText());
 * Env env = v.orThrow();
 * }</pre>
 *
 * Immutable and thread-safe. No rendering shows a secret.
 */
public final class Validation {
  private final Environment environment;
  private final @Nullable Detection detection;
  private final Problems problems;
  private final @Nullable Env env;
  private final @Nullable Env loaded; // kept even when invalid, so withProblems can re-derive
  private final int variables;

  Validation(Environment environment, @Nullable Detection detection, Problems problems, @Nullable Env env, int variables) {
    this.environment = environment;
    this.detection = detection;
    this.problems = problems;
    this.loaded = env;
    this.env = problems.hasErrors() || env == null ? null : env.withWarnings(problems.warnings());
    this.variables = variables;
  }

  public Environment environment() {
    return environment;
  }

  /** How the environment was chosen, when it was detected. */
  public Optional<Detection> detection() {
    return Optional.ofNullable(detection);
  }

  public Problems problems() {
    return problems;
  }

  /** True when there is no error (there may be warnings). */
  public boolean isValid() {
    return !problems.hasErrors();
  }

  /** The loaded environment, when valid. */
  public Optional<Env> env() {
    return Optional.ofNullable(env);
  }

  /** The loaded environment, or {@link RunwayException.ValidationFailed} listing every error. */
  public Env orThrow() {
    problems.orThrow();
    return java.util.Objects.requireNonNull(env);
  }

  /**
   * A copy with more problems (a platform's findings, say); an error among them makes the copy
   * invalid.
   */
  public Validation withProblems(Problems more) {
    return new Validation(environment, detection, problems.and(more), loaded, variables);
  }

  /** A report for people: a summary line, why this environment, then one line per problem. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    int errors = problems.errors().size();
    int warnings = problems.warnings().size();
    sb.append(environment).append(": ")
        .append(errors == 0 ? "valid" : "invalid").append(" (")
        .append(variables).append(variables == 1 ? " variable, " : " variables, ")
        .append(errors).append(errors == 1 ? " error, " : " errors, ")
        .append(warnings).append(warnings == 1 ? " warning)" : " warnings)");
    if (detection != null) sb.append("\n  environment chosen because ").append(detection.reason());
    for (String line : problems.toText().split("\n")) {
      if (!line.isEmpty()) sb.append("\n  ").append(line);
    }
    return sb.toString();
  }

  /** The same report as JSON, for CI. */
  public String toJson() {
    return Json.pretty(toJsonNode());
  }

  ObjectNode toJsonNode() {
    ObjectNode node = Json.mapper().createObjectNode();
    node.put("environment", environment.name());
    node.put("valid", isValid());
    node.put("variables", variables);
    node.put("errors", problems.errors().size());
    node.put("warnings", problems.warnings().size());
    if (detection != null) node.put("detectedBecause", detection.reason());
    node.set("problems", Json.problems(problems));
    return node;
  }

  @Override
  public String toString() {
    return toText();
  }
}

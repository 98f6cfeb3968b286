package dev.runway.env;

import dev.runway.base.Problem;
import dev.runway.base.RunwayException;
import dev.runway.platform.Names;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The declared variables of an app, its environments (in order) and its cross-variable rules. A
 * schema validates an environment's values and loads them as a typed {@link Env}.
 *
 * <pre>{@code
 * static final EnvSchema SCHEMA = EnvSchema.of(PORT, OPENAI_API_KEY, NEXT_PUBLIC_SUPABASE_URL)
 *     .rule(Rules.noLocalhostIn(PRODUCTION));
 *
 * Env env = SCHEMA.load(EnvSources.standard(Path.of(".")));                 // detects the environment
 * Validation v = SCHEMA.validate(PRODUCTION, EnvSources.standard(dir));     // every problem at once
 * }</pre>
 *
 * <p>Environments default to development, preview and production. Immutable and thread-safe.
 */
public final class EnvSchema {
  private static final Logger LOG = LoggerFactory.getLogger(EnvSchema.class);
  private static final List<Environment> DEFAULT_ENVIRONMENTS =
      List.of(Environment.DEVELOPMENT, Environment.PREVIEW, Environment.PRODUCTION);

  private final List<Var<?>> variables;
  private final Map<String, Var<?>> byName;
  private final List<Rule> rules;
  private final List<Environment> environments;

  private EnvSchema(List<Var<?>> variables, List<Rule> rules, List<Environment> environments) {
    Map<String, Var<?>> map = new LinkedHashMap<>();
    for (Var<?> v : variables) {
      if (map.putIfAbsent(v.name(), v) != null) {
        throw new RunwayException.ModelInvalid(v.name() + ": declared twice; keep one declaration", null);
      }
    }
    if (environments.isEmpty()) throw new RunwayException.ModelInvalid("a schema needs at least one environment", null);
    if (environments.stream().distinct().count() != environments.size()) {
      throw new RunwayException.ModelInvalid("environments " + environments + " name one environment twice", null);
    }
    this.variables = List.copyOf(variables);
    this.byName = map;
    this.rules = List.copyOf(rules);
    this.environments = List.copyOf(environments);
  }

  /**
   * A schema of these variables.
   *
   * @throws RunwayException.ModelInvalid when two variables share a name
   */
  public static EnvSchema of(Var<?>... variables) {
    return new EnvSchema(Arrays.asList(variables), List.of(), DEFAULT_ENVIRONMENTS);
  }

  /** A schema of these variables. */
  public static EnvSchema of(List<Var<?>> variables) {
    return new EnvSchema(variables, List.of(), DEFAULT_ENVIRONMENTS);
  }

  /** A copy with these variables added. */
  public EnvSchema and(Var<?>... more) {
    List<Var<?>> all = new ArrayList<>(variables);
    all.addAll(Arrays.asList(more));
    return new EnvSchema(all, rules, environments);
  }

  /** A copy with one more cross-variable rule. */
  public EnvSchema rule(Rule rule) {
    List<Rule> all = new ArrayList<>(rules);
    all.add(Objects.requireNonNull(rule, "rule"));
    return new EnvSchema(variables, all, environments);
  }

  /** A copy with these environments, in order (the default is development, preview, production). */
  public EnvSchema environments(Environment... ordered) {
    return new EnvSchema(variables, rules, Arrays.asList(ordered));
  }

  public List<Var<?>> variables() {
    return variables;
  }

  public Optional<Var<?>> variable(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The variables a service receives (those targeting it, and those targeting every service). */
  public List<Var<?>> variablesFor(String service) {
    return variables.stream().filter(v -> v.reaches(service)).toList();
  }

  public List<Rule> rules() {
    return rules;
  }

  public List<Environment> environments() {
    return environments;
  }

  /**
   * The declared environment with this name.
   *
   * @throws RunwayException.UnknownName listing the declared ones
   */
  public Environment environment(String name) {
    List<String> names = environments.stream().map(Environment::name).toList();
    for (Environment e : environments) if (e.name().equalsIgnoreCase(name.trim())) return e;
    throw new RunwayException.UnknownName("No environment named '" + name + "' (" + Names.known(names) + ")"
        + Names.closest(name, names).map(c -> "; did you mean " + c + "?").orElse(""));
  }

  /** Detects the environment from the sources' process environment and overrides; see {@link Detection}. */
  public Detection detect(EnvSources sources) {
    return Detection.detect(environments, sources.detectionHints());
  }

  /** Validates one environment: every problem at once, and the typed values when there is no error. */
  public Validation validate(Environment environment, EnvSources sources) {
    return new Resolver(this, requireDeclared(environment), null, sources).run();
  }

  /** Validates the environment {@link #detect detected} from the sources. */
  public Validation validate(EnvSources sources) {
    Detection detection = detect(sources);
    return new Resolver(this, detection.environment(), detection, sources).run();
  }

  /**
   * Loads one environment.
   *
   * <p>Warnings do not fail the load; they are kept on the returned {@link Env#warnings()} and
   * logged through SLF4J (logger {@code dev.runway.env.EnvSchema}) as one WARN event per call that
   * found any, one line per warning with its origin ({@code .env:3}) and variable name, never a
   * value. Loading twice logs twice: each call reports what it read. {@link #validate} logs nothing.
   *
   * @throws RunwayException.ValidationFailed listing every error, sorted by origin
   */
  public Env load(Environment environment, EnvSources sources) {
    return logWarnings(validate(environment, sources).orThrow());
  }

  /**
   * Loads the environment detected from the sources: the one-liner for a service's start-up.
   * Warnings are logged and kept as in {@link #load(Environment, EnvSources)}.
   *
   * @throws RunwayException.ValidationFailed listing every error, sorted by origin
   */
  public Env load(EnvSources sources) {
    return logWarnings(validate(sources).orThrow());
  }

  /**
   * One WARN event for the load's warnings. Runway's own UNKNOWN warnings are made of names only and
   * are shown whole; any other warning (a rule's, whose message may quote a value) shows its origin,
   * name and code.
   */
  private static Env logWarnings(Env env) {
    List<Problem> warnings = env.warnings();
    if (warnings.isEmpty() || !LOG.isWarnEnabled()) return env;
    StringBuilder sb = new StringBuilder().append(env.environment()).append(": loaded with ")
        .append(warnings.size()).append(warnings.size() == 1 ? " warning" : " warnings")
        .append(" (Env.warnings() lists them):");
    for (Problem p : warnings) {
      sb.append("\n  ");
      p.origin().ifPresent(o -> sb.append(o).append(": "));
      if (p.code().equals(Problem.UNKNOWN) && p.message().equals(Resolver.NOT_DECLARED)) {
        sb.append(p.subject()).append(": ").append(p.message());
        p.fix().ifPresent(f -> sb.append("; ").append(f));
      } else {
        sb.append(p.subject()).append(": ").append(p.code()).append(" warning");
      }
    }
    LOG.warn(sb.toString());
    return env;
  }

  private Environment requireDeclared(Environment environment) {
    if (!environments.contains(environment)) environment(environment.name());
    return environment;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EnvSchema s && variables.equals(s.variables) && rules.equals(s.rules)
        && environments.equals(s.environments);
  }

  @Override
  public int hashCode() {
    return Objects.hash(variables, rules, environments);
  }

  @Override
  public String toString() {
    return "EnvSchema" + variables.stream().map(Var::name).toList() + " in " + environments;
  }
}

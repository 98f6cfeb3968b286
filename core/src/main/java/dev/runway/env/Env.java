package dev.runway.env;

import dev.runway.base.Secret;
import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.base.RunwayException;
import dev.runway.platform.Names;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * The loaded, typed values of one environment, each with its origin. Obtained from
 * {@link EnvSchema#load} (all valid) or {@link Validation#env()}.
 *
 * <pre>{@code
 * Env env = SCHEMA.load(EnvSources.standard(Path.of(".")));
 * int port = env.get(PORT);
 * env.origin("PORT");        // Optional[.env.production:3]
 * env.toString();            // Env[production: PORT=10000, OPENAI_API_KEY=****]
 * env.warnings();            // [WARNING UNKNOWN .env:4: PORTT: is not declared in the schema; did you mean PORT? ...]
 * }</pre>
 *
 * Immutable and thread-safe. No rendering of an Env shows a secret.
 */
public final class Env {
  /** One resolved value. */
  record Value(Var<?> variable, Object value, String text, Origin origin) {}

  private final EnvSchema schema;
  private final Environment environment;
  private final @Nullable Detection detection;
  private final Map<String, Value> values;
  private final List<Problem> warnings;

  Env(EnvSchema schema, Environment environment, @Nullable Detection detection, Map<String, Value> values) {
    this(schema, environment, detection, Collections.unmodifiableMap(new LinkedHashMap<>(values)), List.of());
  }

  private Env(EnvSchema schema, Environment environment, @Nullable Detection detection, Map<String, Value> values,
      List<Problem> warnings) {
    this.schema = schema;
    this.environment = environment;
    this.detection = detection;
    this.values = values;
    this.warnings = warnings;
  }

  /** A copy that carries the warnings its validation found. */
  Env withWarnings(List<Problem> found) {
    return new Env(schema, environment, detection, values, List.copyOf(found));
  }

  public Environment environment() {
    return environment;
  }

  /** How the environment was chosen, when it was detected rather than given. */
  public Optional<Detection> detection() {
    return Optional.ofNullable(detection);
  }

  public EnvSchema schema() {
    return schema;
  }

  /**
   * The warnings found while loading: names in a file that the schema does not declare (a typo
   * such as {@code PORTT}), and the warnings of the schema's rules, sorted by origin. Warnings never
   * fail a load; {@link EnvSchema#load} also logs them. Empty when there were none.
   */
  public List<Problem> warnings() {
    return warnings;
  }

  /**
   * The variable's value.
   *
   * @throws RunwayException.UnknownName when the schema does not declare the variable
   * @throws RunwayException when the variable has no value here (it is optional and unset)
   */
  public <T> T get(Var<T> variable) {
    return find(variable).orElseThrow(() -> new RunwayException(variable.name() + ": has no value in "
        + environment + " (it is optional and no source sets it); use env.find(" + variable.name()
        + ") for optional variables or give it a default"));
  }

  /** The variable's value, or empty when it is optional and unset. */
  @SuppressWarnings("unchecked")
  public <T> Optional<T> find(Var<T> variable) {
    declared(variable.name());
    Value v = values.get(variable.name());
    return v == null ? Optional.empty() : Optional.of((T) v.value());
  }

  /** The value's text as written (secrets too: handle with care, never log). */
  public Optional<String> text(String name) {
    declared(name);
    Value v = values.get(name);
    return v == null ? Optional.empty() : Optional.of(v.text());
  }

  /** Where the value came from: a file and line, {@code process env}, {@code default}, ... */
  public Optional<Origin> origin(String name) {
    declared(name);
    Value v = values.get(name);
    return v == null ? Optional.empty() : Optional.of(v.origin());
  }

  /** The names that have a value. */
  public Set<String> names() {
    return values.keySet();
  }

  /** The values' texts for the variables a service receives, secrets included: for handing to a process. */
  public Map<String, String> textsFor(String service) {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach((name, v) -> {
      if (v.variable().reaches(service)) out.put(name, v.text());
    });
    return out;
  }

  Map<String, Value> values() {
    return values;
  }

  private void declared(String name) {
    if (schema.variable(name).isEmpty()) {
      throw new RunwayException.UnknownName("No variable named '" + name + "' in the schema ("
          + Names.known(schema.variables().stream().map(Var::name).toList()) + ")"
          + Names.closest(name, schema.variables().stream().map(Var::name).toList())
              .map(c -> "; did you mean " + c + "?").orElse(""));
    }
  }

  /** {@code Env[production: PORT=10000, OPENAI_API_KEY=****]}: secrets masked. */
  @Override
  public String toString() {
    StringJoiner joiner = new StringJoiner(", ", "Env[" + environment + ": ", "]");
    values.forEach((name, v) -> joiner.add(name + "=" + shown(v)));
    return joiner.toString();
  }

  /** A secret's value stays masked even when its variable was declared less sensitive. */
  private static String shown(Value v) {
    if (v.variable().isSecret() || v.value() instanceof Secret) return Secret.MASK;
    if (v.value() instanceof PostgresUrl url) return url.toString();
    return v.text();
  }
}

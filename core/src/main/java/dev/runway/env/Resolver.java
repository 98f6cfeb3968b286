package dev.runway.env;

import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.base.Problems;
import dev.runway.base.RunwayException;
import dev.runway.env.internal.Constraint;
import dev.runway.env.internal.VarType;
import dev.runway.platform.Names;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Layers the sources, parses and checks every variable, runs the rules; collects every problem. */
final class Resolver {
  private static final Origin DEFAULT = Origin.of("default");
  private static final int SHOWN_VALUE_LIMIT = 60;
  /** The message of an UNKNOWN warning: names only, so {@link EnvSchema#load} may log it whole. */
  static final String NOT_DECLARED = "is not declared in the schema";

  private final EnvSchema schema;
  private final Environment environment;
  private final @Nullable Detection detection;
  private final EnvSources sources;
  private final List<Problem> problems = new ArrayList<>();

  Resolver(EnvSchema schema, Environment environment, @Nullable Detection detection, EnvSources sources) {
    this.schema = schema;
    this.environment = environment;
    this.detection = detection;
    this.sources = sources;
  }

  Validation run() {
    Map<String, RawValue> raw = layer();
    Map<String, Env.Value> values = new LinkedHashMap<>();
    for (Var<?> v : schema.variables()) resolve(v, raw.get(v.name()), values);
    Env env = new Env(schema, environment, detection, values);
    for (Rule rule : schema.rules()) {
      try {
        problems.addAll(rule.check(env));
      } catch (RuntimeException e) {
        problems.add(Problem.error(Problem.RULE, "rules", "a rule failed with " + e.getClass().getSimpleName())
            .withEnvironment(environment.name())
            .withFix("fix the rule: it must return problems, not throw"));
      }
    }
    // Messages quote input: a key pasted into any variable, or used as a name, is masked here.
    return new Validation(environment, detection, Problems.of(KeyMask.mask(problems)), env, schema.variables().size());
  }

  /** Reads every layer, lowest first; later layers win. Unknown names in files become warnings. */
  private Map<String, RawValue> layer() {
    Map<String, RawValue> merged = new LinkedHashMap<>();
    Map<String, String> hints = sources.detectionHints();
    for (EnvSource source : sources.layers()) {
      List<RawValue> read;
      try {
        read = source.read(environment, name -> {
          RawValue below = merged.get(name);
          if (below != null) return Optional.of(below.text());
          Optional<String> dflt = schema.variable(name).flatMap(v -> v.defaultTextIn(environment));
          return dflt.isPresent() ? dflt : Optional.ofNullable(hints.get(name));
        });
      } catch (RunwayException e) {
        // A file that is there but cannot be read (a FIFO, a device, past a limit) is no validation result: exit 2.
        if (e instanceof RunwayException.IoFailed && e.origin().flatMap(o -> o.path()).filter(java.nio.file.Files::exists)
            .isPresent()) {
          throw e;
        }
        problems.add(Problem.error(Problem.MALFORMED, fileName(source, e), stripOrigin(e))
            .withOrigin(e.origin().orElse(null))
            .withEnvironment(environment.name()));
        continue;
      }
      for (RawValue value : read) {
        if (source.reportsUnknownNames() && schema.variable(value.name()).isEmpty()) unknown(value);
        if (schema.variable(value.name()).isPresent()) merged.put(value.name(), value);
      }
    }
    return merged;
  }

  private void unknown(RawValue value) {
    List<String> names = schema.variables().stream().map(Var::name).toList();
    Optional<String> close = Names.closest(value.name(), names);
    problems.add(Problem.warning(Problem.UNKNOWN, value.name(), NOT_DECLARED)
        .withOrigin(value.origin())
        .withEnvironment(environment.name())
        .withFix(close.map(c -> "did you mean " + c + "? rename it").orElse(
            "declare it in the schema, or remove it from the file")));
  }

  private <T> void resolve(Var<T> v, @Nullable RawValue raw, Map<String, Env.Value> out) {
    String file = ".env." + environment.name();
    boolean empty = raw != null && raw.text().isEmpty();
    if (raw != null && !empty && v.isForbiddenIn(environment)) {
      problems.add(problem(Problem.NOT_ALLOWED, v, "must not be set in " + environment, raw.origin())
          .withFix("remove " + v.name() + " from " + raw.origin().path().map(Object::toString).orElse(raw.origin().toString())));
      return;
    }
    String text;
    Origin origin;
    if (raw != null && !empty) {
      text = raw.text();
      origin = raw.origin();
    } else {
      Optional<String> dflt = v.defaultTextIn(environment);
      if (dflt.isPresent()) {
        text = dflt.get();
        origin = DEFAULT;
      } else {
        if (v.isRequiredIn(environment)) {
          String why = empty ? "is empty" : "is missing";
          problems.add(problem(Problem.MISSING, v, why + " in " + environment, raw == null ? null : raw.origin())
              .withExpected(v.expected())
              .withFix("add " + v.name() + "=<" + v.expected() + "> to " + file + " or the process environment"));
        }
        return;
      }
    }
    VarType<T> type = v.type();
    T value;
    try {
      value = type.parse(text);
    } catch (VarType.ValueError e) {
      problems.add(problem(e.code(), v, e.getMessage() + shown(v, text), origin)
          .withExpected(type.expected())
          .withFix("set " + v.name() + " to " + type.expected()));
      return;
    }
    for (Constraint c : v.constraints()) {
      Optional<Constraint.Failure> failure = c.check(environment.name(), text, value);
      if (failure.isPresent()) {
        Constraint.Failure f = failure.get();
        // INSECURE findings name the scheme; leaving the value out lets the https-only rule's
        // identical finding merge with this one.
        String shown = f.code().equals(Problem.INSECURE) ? "" : shown(v, text);
        problems.add(problem(f.code(), v, f.message() + shown, origin)
            .withExpected(f.expected())
            .withFix(f.fix()));
      }
    }
    // Parsed values reach the rules even when a check failed, so every problem is reported at once;
    // an Env with errors is never handed to the caller.
    out.put(v.name(), new Env.Value(v, value, text, origin));
  }

  private Problem problem(String code, Var<?> v, String message, @Nullable Origin origin) {
    return Problem.error(code, v.name(), message).withOrigin(origin).withEnvironment(environment.name());
  }

  /**
   * {@code : 'abc'} for values that are not secret, so the reader sees what was wrong; nothing for
   * secrets, nor for values of a secret-holding type whose sensitivity was lowered.
   */
  private static String shown(Var<?> v, String text) {
    if (v.isSecret() || v.typeName().equals("secret") || v.typeName().equals("postgres-url")) return "";
    // masked before it is cut: a key cut short no longer has its shape
    String masked = KeyMask.mask(text);
    String shown = masked.length() > SHOWN_VALUE_LIMIT ? masked.substring(0, SHOWN_VALUE_LIMIT) + "..." : masked;
    return ": '" + shown.replace("\n", "\\n") + "'";
  }

  /**
   * The file a layer failed to read, by its actual name ({@code .env.production}, not the layer's
   * pattern {@code .env.<environment>}).
   */
  private String fileName(EnvSource source, RunwayException e) {
    Optional<java.nio.file.Path> name = e.origin().flatMap(Origin::path).map(java.nio.file.Path::getFileName);
    if (name.isPresent()) return name.get().toString();
    return source.describe().replace("<environment>", environment.name());
  }

  private static String stripOrigin(RunwayException e) {
    String message = e.getMessage() == null ? "cannot be read" : e.getMessage();
    String prefix = e.origin().map(o -> o + ": ").orElse("");
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }

}

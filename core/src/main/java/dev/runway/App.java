package dev.runway;

import dev.runway.base.Problems;
import dev.runway.base.Problem;
import dev.runway.base.RunwayException;
import dev.runway.env.Env;
import dev.runway.env.EnvSchema;
import dev.runway.env.EnvSources;
import dev.runway.env.Environment;
import dev.runway.env.Validation;
import dev.runway.env.ValueSource;
import dev.runway.env.Var;
import dev.runway.platform.Names;
import dev.runway.internal.Platforms;
import dev.runway.platform.Platform;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The model of an app: its services, and the environment schema (variables, environments, rules)
 * they share. Everything else Runway does — validation, platform files, sync, pipelines — is
 * derived from it. Write it in Java or in {@code runway.conf} ({@link Runway#load}); both build
 * equal models.
 *
 * <pre>{@code
 * App app = App.of("acme", SCHEMA,
 *     Service.of("api", "render", Map.of("runtime", "docker", "plan", "free")),
 *     Service.of("web", "vercel", Map.of("framework", "nextjs")));
 * Validation v = app.validate(Environment.PRODUCTION, EnvSources.standard(dir));
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class App {
  private final String name;
  private final Map<String, Service> services;
  private final EnvSchema schema;
  private final Map<String, Map<String, Object>> platformSettings;

  private App(String name, Map<String, Service> services, EnvSchema schema,
      Map<String, Map<String, Object>> platformSettings) {
    this.name = name;
    this.services = services;
    this.schema = schema;
    this.platformSettings = platformSettings;
  }

  /**
   * An app.
   *
   * @throws RunwayException.ModelInvalid when two services share a name, or a variable targets a
   *     service that does not exist
   */
  public static App of(String name, EnvSchema schema, Service... services) {
    return of(name, schema, Arrays.asList(services));
  }

  /** An app; see {@link #of(String, EnvSchema, Service...)}. */
  public static App of(String name, EnvSchema schema, List<Service> services) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(schema, "schema");
    Map<String, Service> map = new LinkedHashMap<>();
    for (Service s : services) {
      if (map.putIfAbsent(s.name(), s) != null) {
        throw new RunwayException.ModelInvalid("services." + s.name() + ": declared twice; keep one", null);
      }
    }
    List<String> problems = new ArrayList<>();
    for (Var<?> v : schema.variables()) {
      for (String target : v.targets()) {
        if (!map.containsKey(target)) {
          problems.add(v.name() + ": targets service '" + target + "', which is not declared ("
              + Names.known(map.keySet()) + ")"
              + Names.closest(target, map.keySet()).map(c -> "; did you mean " + c + "?").orElse(""));
        }
      }
      if (v.source().orElse(null) instanceof ValueSource.FromService from && !map.containsKey(from.service())) {
        problems.add(v.name() + ": from names service '" + from.service() + "', which is not declared ("
            + Names.known(map.keySet()) + ")"
            + Names.closest(from.service(), map.keySet()).map(c -> "; did you mean " + c + "?").orElse(""));
      }
    }
    if (!problems.isEmpty()) throw new RunwayException.ModelInvalid(String.join("\n", problems), null);
    return new App(name, java.util.Collections.unmodifiableMap(map), schema, Map.of());
  }

  /**
   * A copy with settings for one platform as a whole, not for a service: runway.conf's top-level
   * block named after the platform ({@code render { previews { generation = automatic } }}).
   */
  public App withPlatformSettings(String platformId, Map<String, ?> settings) {
    Objects.requireNonNull(platformId, "platformId");
    Map<String, Map<String, Object>> all = new LinkedHashMap<>(platformSettings);
    all.put(platformId, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings)));
    return new App(name, services, schema, java.util.Collections.unmodifiableMap(all));
  }

  /** The settings for one platform as a whole (plain values, as services' settings); empty when none. */
  public Map<String, Object> platformSettings(String platformId) {
    return platformSettings.getOrDefault(platformId, Map.of());
  }

  public String name() {
    return name;
  }

  public List<Service> services() {
    return List.copyOf(services.values());
  }

  /**
   * The service with this name.
   *
   * @throws RunwayException.UnknownName listing the services that exist
   */
  public Service service(String serviceName) {
    Service s = services.get(serviceName);
    if (s == null) {
      throw new RunwayException.UnknownName("No service named '" + serviceName + "' (" + Names.known(services.keySet())
          + ")" + Names.closest(serviceName, services.keySet()).map(c -> "; did you mean " + c + "?").orElse(""));
    }
    return s;
  }

  /** The services on one platform, in declaration order. */
  public List<Service> servicesOn(String platformId) {
    return services.values().stream().filter(s -> s.platform().equals(platformId)).toList();
  }

  public EnvSchema schema() {
    return schema;
  }

  public List<Environment> environments() {
    return schema.environments();
  }

  /** The declared environment with this name; see {@link EnvSchema#environment(String)}. */
  public Environment environment(String environmentName) {
    return schema.environment(environmentName);
  }

  /**
   * Validates one environment: the schema's checks, then every platform module's on the class path
   * (a secret in a browser-exposed variable, say).
   */
  public Validation validate(Environment environment, EnvSources sources) {
    return withPlatformChecks(schema.validate(environment, sources));
  }

  /** Validates the environment detected from the sources. */
  public Validation validate(EnvSources sources) {
    return withPlatformChecks(schema.validate(sources));
  }

  private Validation withPlatformChecks(Validation validation) {
    List<Problem> found = new ArrayList<>();
    Optional<Env> env = validation.env();
    for (Platform platform : Platforms.all()) {
      found.addAll(platform.check(this, validation.environment(), env));
    }
    return found.isEmpty() ? validation : validation.withProblems(Problems.of(found));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof App a && name.equals(a.name) && services.equals(a.services) && schema.equals(a.schema)
        && platformSettings.equals(a.platformSettings);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, services, schema);
  }

  @Override
  public String toString() {
    return "App[" + name + ": " + String.join(", ", services.keySet()) + "]";
  }
}

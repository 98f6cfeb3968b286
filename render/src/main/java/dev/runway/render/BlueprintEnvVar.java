package dev.runway.render;

import dev.runway.base.Origin;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a service's or group's {@code envVars} in render.yaml, in each of the forms Render
 * knows: a literal {@link Value}, a {@link Generated} random value, an {@link Unsynced} secret set in
 * the dashboard ({@code sync: false}), a reference {@link FromDatabase}, {@link FromService}, or a
 * whole {@link FromGroup}.
 *
 * <p>An entry read from a file remembers where each of its fields was ({@link #origin(String)}), so
 * that a finding names the {@code value:} line rather than the service; origins are not part of
 * equality, and entries built in code have none.
 *
 * <p>Values are immutable; {@code toString()} never shows a literal value, since a blueprint may
 * (wrongly) carry a secret.
 */
public sealed interface BlueprintEnvVar
    permits BlueprintEnvVar.Value, BlueprintEnvVar.Generated, BlueprintEnvVar.Unsynced,
        BlueprintEnvVar.FromDatabase, BlueprintEnvVar.FromService, BlueprintEnvVar.FromGroup {

  /** The variable's key, or empty for {@link FromGroup}, which brings many. */
  Optional<String> key();

  /**
   * Where the entry was read, by field path: {@code key}, {@code value}, {@code previewValue},
   * {@code sync}, {@code generateValue}, {@code fromGroup}, {@code fromDatabase},
   * {@code fromDatabase.name}, {@code fromService}, {@code fromService.name}, ...; the entry's own
   * first line under the empty path {@code ""}. Empty for an entry built in code. Not part of equality.
   */
  Map<String, Origin> origins();

  /** Where the entry was read: the line of its first field; empty for one built in code. */
  default Optional<Origin> origin() {
    return Optional.ofNullable(origins().get(""));
  }

  /**
   * Where one of the entry's fields was read ({@code "value"}, {@code "fromService.name"}, ...), or
   * the entry's {@link #origin()} when it has no such field.
   */
  default Optional<Origin> origin(String field) {
    Origin at = origins().get(field);
    return at != null ? Optional.of(at) : origin();
  }

  /** {@code key: X, value: v} (with an optional {@code previewValue}). */
  record Value(String name, String value, Optional<String> previewValue, Map<String, Origin> origins)
      implements BlueprintEnvVar {
    public Value {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(previewValue, "previewValue");
      origins = Map.copyOf(origins);
    }

    public Value(String name, String value, Optional<String> previewValue) {
      this(name, value, previewValue, Map.of());
    }

    @Override
    public Optional<String> key() { return Optional.of(name); }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Value v && name.equals(v.name) && value.equals(v.value) && previewValue.equals(v.previewValue);
    }

    @Override
    public int hashCode() { return Objects.hash(name, value, previewValue); }

    @Override
    public String toString() { return "Value[" + name + "=<" + value.length() + " chars>]"; }
  }

  /** {@code key: X, generateValue: true}: Render generates a random base64 value once. */
  record Generated(String name, Map<String, Origin> origins) implements BlueprintEnvVar {
    public Generated {
      Objects.requireNonNull(name, "name");
      origins = Map.copyOf(origins);
    }

    public Generated(String name) { this(name, Map.of()); }

    @Override
    public Optional<String> key() { return Optional.of(name); }

    @Override
    public boolean equals(@Nullable Object o) { return o instanceof Generated g && name.equals(g.name); }

    @Override
    public int hashCode() { return name.hashCode(); }

    @Override
    public String toString() { return "Generated[" + name + "]"; }
  }

  /** {@code key: X, sync: false}: Render asks for the value in the dashboard; the file never holds it. */
  record Unsynced(String name, Map<String, Origin> origins) implements BlueprintEnvVar {
    public Unsynced {
      Objects.requireNonNull(name, "name");
      origins = Map.copyOf(origins);
    }

    public Unsynced(String name) { this(name, Map.of()); }

    @Override
    public Optional<String> key() { return Optional.of(name); }

    @Override
    public boolean equals(@Nullable Object o) { return o instanceof Unsynced u && name.equals(u.name); }

    @Override
    public int hashCode() { return name.hashCode() * 31 + 1; }

    @Override
    public String toString() { return "Unsynced[" + name + "]"; }
  }

  /** {@code fromDatabase: {name, property}}; property is e.g. {@code connectionString}, {@code host}. */
  record FromDatabase(String name, String database, String property, Map<String, Origin> origins)
      implements BlueprintEnvVar {
    public FromDatabase {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(database, "database");
      Objects.requireNonNull(property, "property");
      origins = Map.copyOf(origins);
    }

    public FromDatabase(String name, String database, String property) { this(name, database, property, Map.of()); }

    @Override
    public Optional<String> key() { return Optional.of(name); }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof FromDatabase d && name.equals(d.name) && database.equals(d.database) && property.equals(d.property);
    }

    @Override
    public int hashCode() { return Objects.hash(name, database, property); }

    @Override
    public String toString() { return "FromDatabase[" + name + " = " + database + "." + property + "]"; }
  }

  /**
   * {@code fromService: {type, name, property | envVarKey}}: another service's {@code host},
   * {@code port}, {@code hostport}, {@code connectionString}, or one of its variables.
   */
  record FromService(String name, String serviceType, String service, Optional<String> property,
      Optional<String> envVarKey, Map<String, Origin> origins) implements BlueprintEnvVar {
    public FromService {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(serviceType, "serviceType");
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(property, "property");
      Objects.requireNonNull(envVarKey, "envVarKey");
      origins = Map.copyOf(origins);
    }

    public FromService(String name, String serviceType, String service, Optional<String> property,
        Optional<String> envVarKey) {
      this(name, serviceType, service, property, envVarKey, Map.of());
    }

    @Override
    public Optional<String> key() { return Optional.of(name); }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof FromService s && name.equals(s.name) && serviceType.equals(s.serviceType)
          && service.equals(s.service) && property.equals(s.property) && envVarKey.equals(s.envVarKey);
    }

    @Override
    public int hashCode() { return Objects.hash(name, serviceType, service, property, envVarKey); }

    @Override
    public String toString() {
      return "FromService[" + name + " = " + serviceType + " " + service + "." + property.or(() -> envVarKey).orElse("?") + "]";
    }
  }

  /** {@code fromGroup: name}: every variable of an env var group. */
  record FromGroup(String group, Map<String, Origin> origins) implements BlueprintEnvVar {
    public FromGroup {
      Objects.requireNonNull(group, "group");
      origins = Map.copyOf(origins);
    }

    public FromGroup(String group) { this(group, Map.of()); }

    @Override
    public Optional<String> key() { return Optional.empty(); }

    @Override
    public boolean equals(@Nullable Object o) { return o instanceof FromGroup g && group.equals(g.group); }

    @Override
    public int hashCode() { return group.hashCode() * 31 + 2; }

    @Override
    public String toString() { return "FromGroup[" + group + "]"; }
  }

  static Value value(String key, String value) { return new Value(key, value, Optional.empty()); }

  static Unsynced unsynced(String key) { return new Unsynced(key); }

  static Generated generated(String key) { return new Generated(key); }

  static FromDatabase fromDatabase(String key, String database, String property) {
    return new FromDatabase(key, database, property);
  }

  static FromService fromService(String key, String type, String service, @Nullable String property) {
    return new FromService(key, type, service, Optional.ofNullable(property), Optional.empty());
  }

  static FromGroup fromGroup(String group) { return new FromGroup(group); }
}

package dev.runway.render;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a service's or group's {@code envVars} in render.yaml, in each of the forms Render
 * knows: a literal {@link Value}, a {@link Generated} random value, an {@link Unsynced} secret set in
 * the dashboard ({@code sync: false}), a reference {@link FromDatabase}, {@link FromService}, or a
 * whole {@link FromGroup}.
 *
 * <p>Values are immutable; {@code toString()} never shows a literal value, since a blueprint may
 * (wrongly) carry a secret.
 */
public sealed interface BlueprintEnvVar
    permits BlueprintEnvVar.Value, BlueprintEnvVar.Generated, BlueprintEnvVar.Unsynced,
        BlueprintEnvVar.FromDatabase, BlueprintEnvVar.FromService, BlueprintEnvVar.FromGroup {

  /** The variable's key, or empty for {@link FromGroup}, which brings many. */
  Optional<String> key();

  /** {@code key: X, value: v} (with an optional {@code previewValue}). */
  record Value(String name, String value, Optional<String> previewValue) implements BlueprintEnvVar {
    public Value {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(previewValue, "previewValue");
    }

    @Override
    public Optional<String> key() { return Optional.of(name); }

    @Override
    public String toString() { return "Value[" + name + "=<" + value.length() + " chars>]"; }
  }

  /** {@code key: X, generateValue: true}: Render generates a random base64 value once. */
  record Generated(String name) implements BlueprintEnvVar {
    public Generated { Objects.requireNonNull(name, "name"); }

    @Override
    public Optional<String> key() { return Optional.of(name); }
  }

  /** {@code key: X, sync: false}: Render asks for the value in the dashboard; the file never holds it. */
  record Unsynced(String name) implements BlueprintEnvVar {
    public Unsynced { Objects.requireNonNull(name, "name"); }

    @Override
    public Optional<String> key() { return Optional.of(name); }
  }

  /** {@code fromDatabase: {name, property}}; property is e.g. {@code connectionString}, {@code host}. */
  record FromDatabase(String name, String database, String property) implements BlueprintEnvVar {
    public FromDatabase {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(database, "database");
      Objects.requireNonNull(property, "property");
    }

    @Override
    public Optional<String> key() { return Optional.of(name); }
  }

  /**
   * {@code fromService: {type, name, property | envVarKey}}: another service's {@code host},
   * {@code port}, {@code hostport}, {@code connectionString}, or one of its variables.
   */
  record FromService(String name, String serviceType, String service, Optional<String> property,
      Optional<String> envVarKey) implements BlueprintEnvVar {
    public FromService {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(serviceType, "serviceType");
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(property, "property");
      Objects.requireNonNull(envVarKey, "envVarKey");
    }

    @Override
    public Optional<String> key() { return Optional.of(name); }
  }

  /** {@code fromGroup: name}: every variable of an env var group. */
  record FromGroup(String group) implements BlueprintEnvVar {
    public FromGroup { Objects.requireNonNull(group, "group"); }

    @Override
    public Optional<String> key() { return Optional.empty(); }
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

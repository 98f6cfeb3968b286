package dev.runway.render;

import dev.runway.base.Origin;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One entry of render.yaml's {@code envVarGroups}: variables shared by services that say
 * {@code fromGroup: <name>}. A group holds only literal, generated or unsynced variables.
 * A group read from a file remembers where it and its fields were ({@link #origin(String)}); origins
 * are not part of equality. Immutable and thread-safe.
 */
public record EnvVarGroup(String name, List<BlueprintEnvVar> envVars, Map<String, Origin> origins) {
  public EnvVarGroup {
    Objects.requireNonNull(name, "name");
    envVars = List.copyOf(envVars);
    origins = Map.copyOf(origins);
    for (BlueprintEnvVar v : envVars) {
      if (!(v instanceof BlueprintEnvVar.Value || v instanceof BlueprintEnvVar.Generated
          || v instanceof BlueprintEnvVar.Unsynced)) {
        throw new IllegalArgumentException("env var group " + name + " may hold only value, generateValue or"
            + " sync: false variables, not " + v);
      }
    }
  }

  /** A group built in code, with no origins. */
  public EnvVarGroup(String name, List<BlueprintEnvVar> envVars) {
    this(name, envVars, Map.of());
  }

  /** Where the group was read: the line of its first field; empty for one built in code. Not part of equality. */
  public Optional<Origin> origin() {
    return Optional.ofNullable(origins.get(""));
  }

  /** Where a field of the group ({@code name}, {@code envVars}) was read, else {@link #origin()}. */
  public Optional<Origin> origin(String field) {
    Origin at = origins.get(field);
    return at != null ? Optional.of(at) : origin();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof EnvVarGroup g && name.equals(g.name) && envVars.equals(g.envVars);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, envVars);
  }

  @Override
  public String toString() {
    return "EnvVarGroup[name=" + name + ", envVars=" + envVars + "]";
  }
}

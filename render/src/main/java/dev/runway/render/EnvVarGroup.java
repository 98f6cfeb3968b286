package dev.runway.render;

import java.util.List;
import java.util.Objects;

/**
 * One entry of render.yaml's {@code envVarGroups}: variables shared by services that say
 * {@code fromGroup: <name>}. A group holds only literal, generated or unsynced variables.
 * Immutable and thread-safe.
 */
public record EnvVarGroup(String name, List<BlueprintEnvVar> envVars) {
  public EnvVarGroup {
    Objects.requireNonNull(name, "name");
    envVars = List.copyOf(envVars);
    for (BlueprintEnvVar v : envVars) {
      if (!(v instanceof BlueprintEnvVar.Value || v instanceof BlueprintEnvVar.Generated
          || v instanceof BlueprintEnvVar.Unsynced)) {
        throw new IllegalArgumentException("env var group " + name + " may hold only value, generateValue or"
            + " sync: false variables, not " + v);
      }
    }
  }
}

package dev.runway.render;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One entry of render.yaml's {@code databases}: a Render Postgres instance. Fields Runway does not
 * model (disk size, high availability, read replicas, IP allow list) are kept in {@link #extras()}.
 * Immutable and thread-safe.
 */
public record BlueprintDatabase(String name, Optional<String> plan, Optional<String> region,
    Optional<String> databaseName, Optional<String> user, Optional<String> postgresMajorVersion,
    Map<String, Object> extras) {

  public BlueprintDatabase {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(databaseName, "databaseName");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(postgresMajorVersion, "postgresMajorVersion");
    extras = Collections.unmodifiableMap(new TreeMap<>(extras));
  }

  /** A database with a name and a plan, everything else Render's default. */
  public static BlueprintDatabase of(String name, String plan) {
    return new BlueprintDatabase(name, Optional.of(plan), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Map.of());
  }
}

package dev.runway.render;

import dev.runway.base.Origin;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One entry of render.yaml's {@code databases}: a Render Postgres instance. Fields Runway does not
 * model (disk size, high availability, read replicas, IP allow list) are kept in {@link #extras()}.
 * A database read from a file remembers where it and its fields were ({@link #origin(String)});
 * origins are not part of equality. Immutable and thread-safe.
 */
public record BlueprintDatabase(String name, Optional<String> plan, Optional<String> region,
    Optional<String> databaseName, Optional<String> user, Optional<String> postgresMajorVersion,
    Map<String, Object> extras, Map<String, Origin> origins) {

  public BlueprintDatabase {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(databaseName, "databaseName");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(postgresMajorVersion, "postgresMajorVersion");
    extras = Collections.unmodifiableMap(new TreeMap<>(extras));
    origins = Map.copyOf(origins);
  }

  /** A database built in code, with no origins. */
  public BlueprintDatabase(String name, Optional<String> plan, Optional<String> region,
      Optional<String> databaseName, Optional<String> user, Optional<String> postgresMajorVersion,
      Map<String, Object> extras) {
    this(name, plan, region, databaseName, user, postgresMajorVersion, extras, Map.of());
  }

  /** A database with a name and a plan, everything else Render's default. */
  public static BlueprintDatabase of(String name, String plan) {
    return new BlueprintDatabase(name, Optional.of(plan), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Map.of());
  }

  /** Where the database was read: the line of its first field; empty for one built in code. Not part of equality. */
  public Optional<Origin> origin() {
    return Optional.ofNullable(origins.get(""));
  }

  /** Where a field of the database ({@code plan}, {@code name}, ...) was read, else {@link #origin()}. */
  public Optional<Origin> origin(String field) {
    Origin at = origins.get(field);
    return at != null ? Optional.of(at) : origin();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof BlueprintDatabase d && name.equals(d.name) && plan.equals(d.plan) && region.equals(d.region)
        && databaseName.equals(d.databaseName) && user.equals(d.user)
        && postgresMajorVersion.equals(d.postgresMajorVersion) && extras.equals(d.extras);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, plan, region, databaseName, user, postgresMajorVersion, extras);
  }

  @Override
  public String toString() {
    return "BlueprintDatabase[name=" + name + ", plan=" + plan + ", region=" + region + "]";
  }
}

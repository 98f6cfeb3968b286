package dev.runway.render;

import java.util.Objects;

/** A custom domain of a Render service; {@code verified} once its DNS points at Render. Immutable. */
public record CustomDomain(String id, String name, String domainType, boolean verified) {
  public CustomDomain {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(domainType, "domainType");
  }
}

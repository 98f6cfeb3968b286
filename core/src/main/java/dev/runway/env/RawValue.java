package dev.runway.env;

import dev.runway.base.Origin;
import java.util.Objects;

/**
 * One variable's text as a source provides it, with its origin. {@link #toString()} never shows
 * the text: any value may be a secret.
 *
 * @param name the variable name
 * @param text the value as written, before parsing
 * @param origin where it came from: {@code .env.production:12}, {@code process env}, ...
 */
public record RawValue(String name, String text, Origin origin) {
  public RawValue {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(origin, "origin");
  }

  @Override
  public String toString() {
    return name + " (" + origin + ")";
  }
}

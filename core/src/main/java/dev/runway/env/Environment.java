package dev.runway.env;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A named environment an app runs in: {@link #DEVELOPMENT}, {@link #PREVIEW}, {@link #PRODUCTION} by
 * default, or any other a schema declares ({@code Environment.named("staging")}). The order of
 * environments is the schema's; see {@link EnvSchema#environments()}.
 *
 * <p>Names are lower-case letters, digits and dashes, so {@code .env.<name>} is a safe file name.
 * Immutable and thread-safe.
 */
public final class Environment {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

  public static final Environment DEVELOPMENT = new Environment("development");
  public static final Environment PREVIEW = new Environment("preview");
  public static final Environment PRODUCTION = new Environment("production");

  private final String name;

  private Environment(String name) {
    this.name = name;
  }

  /**
   * The environment with this name; names are case-insensitive and stored lower-case.
   *
   * @throws IllegalArgumentException when the name is not letters, digits and dashes
   */
  public static Environment named(String name) {
    Objects.requireNonNull(name, "name");
    String lower = name.trim().toLowerCase(Locale.ROOT);
    if (!NAME.matcher(lower).matches()) {
      throw new IllegalArgumentException(
          "environment name '" + name + "' must start with a letter and hold only letters, digits and '-'");
    }
    return switch (lower) {
      case "development" -> DEVELOPMENT;
      case "preview" -> PREVIEW;
      case "production" -> PRODUCTION;
      default -> new Environment(lower);
    };
  }

  public String name() {
    return name;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Environment other && name.equals(other.name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}

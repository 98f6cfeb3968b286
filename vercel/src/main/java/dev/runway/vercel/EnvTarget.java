package dev.runway.vercel;

import java.util.Locale;

/** The Vercel environments a project variable applies to. */
public enum EnvTarget {
  PRODUCTION,
  PREVIEW,
  DEVELOPMENT;

  /** The API's spelling: {@code production}, {@code preview}, {@code development}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The target for a wire name; throws IllegalArgumentException for another. */
  public static EnvTarget of(String wireName) {
    return valueOf(wireName.toUpperCase(Locale.ROOT));
  }
}

package dev.runway.vercel;

import java.util.Locale;

/**
 * How Vercel stores a project variable: {@code PLAIN} (readable by anyone on the team),
 * {@code ENCRYPTED} (readable in the dashboard), {@code SENSITIVE} (write-only: never readable
 * again, the right type for secrets), {@code SYSTEM} (set by Vercel), {@code SECRET} (legacy).
 */
public enum EnvType {
  PLAIN,
  ENCRYPTED,
  SENSITIVE,
  SYSTEM,
  SECRET;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static EnvType of(String wireName) {
    return valueOf(wireName.toUpperCase(Locale.ROOT));
  }
}

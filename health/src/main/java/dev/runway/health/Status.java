package dev.runway.health;

import java.util.Locale;

/**
 * The outcome of a probe or a whole report, as the IETF health+json draft names them: {@code pass},
 * {@code warn} (degraded but serving) and {@code fail}. HTTP maps pass and warn to 200, fail to 503.
 */
public enum Status {
  PASS,
  WARN,
  FAIL;

  /** {@code "pass"}, {@code "warn"} or {@code "fail"}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The worse of two statuses. */
  public Status and(Status other) {
    return compareTo(other) >= 0 ? this : other;
  }
}

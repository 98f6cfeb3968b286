package dev.runway.monitor;

import java.util.Locale;

/**
 * What one check found, as people read it: up, degraded (slow, or the probe warned, or a
 * certificate nears expiry), down, or in maintenance (not checked, not counted against uptime).
 */
public enum State {
  UP,
  DEGRADED,
  DOWN,
  MAINTENANCE;

  /** {@code "up"}, {@code "degraded"}, {@code "down"} or {@code "maintenance"}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@link #wire()}. */
  public static State ofWire(String text) {
    return valueOf(text.toUpperCase(Locale.ROOT));
  }
}

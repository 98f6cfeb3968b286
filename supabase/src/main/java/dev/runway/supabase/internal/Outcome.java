package dev.runway.supabase.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of a Supabase check: status, message and details. The checks return this plain value
 * so the keep-alive job and tests can run them directly; {@link Results} maps it one to one onto
 * core's health {@code Result} for the public probes.
 */
public record Outcome(Level level, String message, Map<String, Object> details) {

  /** pass, warn, fail: the IETF health statuses. */
  public enum Level {
    PASS,
    WARN,
    FAIL;

    public Level and(Level other) {
      return compareTo(other) >= 0 ? this : other;
    }
  }

  public Outcome {
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  public static Outcome pass(String message) {
    return new Outcome(Level.PASS, message, Map.of());
  }

  public static Outcome warn(String message) {
    return new Outcome(Level.WARN, message, Map.of());
  }

  public static Outcome fail(String message) {
    return new Outcome(Level.FAIL, message, Map.of());
  }

  public static Outcome of(Level level, String message) {
    return new Outcome(level, message, Map.of());
  }

  /** A copy with one more detail (keys are identifiers; values strings, numbers or booleans). */
  public Outcome with(String key, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(details);
    copy.put(key, value);
    return new Outcome(level, message, copy);
  }

  @Override
  public String toString() {
    return level.name().toLowerCase(java.util.Locale.ROOT) + (message.isEmpty() ? "" : ": " + message)
        + (details.isEmpty() ? "" : " " + details);
  }
}

package dev.runway.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What one run of a probe found: a {@link Status}, a short message, optional details (strings,
 * numbers, booleans) and an optional observed value with its unit (the IETF {@code observedValue}).
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * Result.pass().withDetail("rows", 12);
 * Result.fail("connection refused");
 * Result.pass().withObserved(73.5, "%");
 * }</pre>
 */
public final class Result {
  private static final Pattern DETAIL_KEY = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Result PASS = new Result(Status.PASS, "", Map.of(), null, null);

  private final Status status;
  private final String message;
  private final Map<String, Object> details;
  private final @Nullable Double observedValue;
  private final @Nullable String observedUnit;

  private Result(
      Status status,
      String message,
      Map<String, Object> details,
      @Nullable Double observedValue,
      @Nullable String observedUnit) {
    this.status = status;
    this.message = message;
    this.details = details;
    this.observedValue = observedValue;
    this.observedUnit = observedUnit;
  }

  public static Result pass() {
    return PASS;
  }

  public static Result pass(String message) {
    return of(Status.PASS, message);
  }

  public static Result warn(String message) {
    return of(Status.WARN, message);
  }

  public static Result fail(String message) {
    return of(Status.FAIL, message);
  }

  public static Result of(Status status, String message) {
    return new Result(
        Objects.requireNonNull(status, "status"), Objects.requireNonNull(message, "message"), Map.of(), null, null);
  }

  /**
   * A copy with one more detail. Keys are identifiers ({@code [a-zA-Z_][a-zA-Z0-9_]*}, so every
   * output shape accepts them); values are strings, numbers or booleans.
   */
  public Result withDetail(String key, Object value) {
    if (!DETAIL_KEY.matcher(key).matches()) {
      throw new IllegalArgumentException(
          "health: detail '" + key + "': not an identifier; use letters, digits and '_' only");
    }
    if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
      throw new IllegalArgumentException(
          "health: detail '" + key + "': " + value.getClass().getSimpleName()
              + " is not a string, number or boolean; convert it with String.valueOf");
    }
    Map<String, Object> copy = new LinkedHashMap<>(details);
    copy.put(key, value);
    return new Result(status, message, Collections.unmodifiableMap(copy), observedValue, observedUnit);
  }

  /** A copy that reports {@code value} in {@code unit} as the observed measurement. */
  public Result withObserved(double value, String unit) {
    return new Result(status, message, details, value, Objects.requireNonNull(unit, "unit"));
  }

  /** A copy with another status and message, keeping details and the observed value. */
  public Result withStatus(Status newStatus, String newMessage) {
    return new Result(newStatus, newMessage, details, observedValue, observedUnit);
  }

  public Status status() {
    return status;
  }

  /** Empty when there is nothing to say beyond the status. */
  public String message() {
    return message;
  }

  /** In insertion order; unmodifiable. */
  public Map<String, Object> details() {
    return details;
  }

  public OptionalDouble observedValue() {
    return observedValue == null ? OptionalDouble.empty() : OptionalDouble.of(observedValue);
  }

  public Optional<String> observedUnit() {
    return Optional.ofNullable(observedUnit);
  }

  @Override
  public String toString() {
    return status.wire() + (message.isEmpty() ? "" : ": " + message) + (details.isEmpty() ? "" : " " + details);
  }
}

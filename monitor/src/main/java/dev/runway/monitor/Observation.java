package dev.runway.monitor;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One check of one endpoint: when it finished, the {@link State}, the response time in
 * milliseconds (empty when the endpoint was not reached in time or was in maintenance), the
 * probe's message (never a secret: probes keep header values out of it) and whether it was a cold
 * start (a slow first answer after the service was idle). Immutable.
 */
public record Observation(String endpoint, Instant at, State state, double responseMillis, String message,
    boolean coldStart) {
  public Observation {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(message, "message");
    if (message.length() > 300) message = message.substring(0, 297) + "...";
  }

  /** The response time, when there is one ({@code responseMillis} is NaN otherwise). */
  public OptionalDouble responseTime() {
    return Double.isNaN(responseMillis) ? OptionalDouble.empty() : OptionalDouble.of(responseMillis);
  }
}

package dev.runway.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A period during which an endpoint was down or degraded: opened after the endpoint's failure
 * threshold, resolved after its success threshold. {@code cause} is the message of the check that
 * opened it. {@code severity} is {@link State#DOWN} or {@link State#DEGRADED} (the worst seen).
 * Immutable.
 */
public record Incident(long id, String endpoint, State severity, Instant opened, @Nullable Instant resolvedAt,
    String cause) {
  public Incident {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(opened, "opened");
    Objects.requireNonNull(cause, "cause");
  }

  /** When it was resolved; empty while it is open. */
  public Optional<Instant> resolved() {
    return Optional.ofNullable(resolvedAt);
  }

  public boolean open() {
    return resolvedAt == null;
  }

  /** How long it lasted, or has lasted until {@code now} while open. */
  public Duration duration(Instant now) {
    return Duration.between(opened, resolvedAt == null ? now : resolvedAt);
  }

  /** A copy resolved at {@code at}. */
  public Incident withResolved(Instant at) {
    return new Incident(id, endpoint, severity, opened, at, cause);
  }

  /** A copy with another severity (an incident escalates from degraded to down). */
  public Incident withSeverity(State worse) {
    return new Incident(id, endpoint, worse, opened, resolvedAt, cause);
  }
}

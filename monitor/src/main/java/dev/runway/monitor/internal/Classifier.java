package dev.runway.monitor.internal;

import dev.runway.health.Result;
import dev.runway.health.Status;
import dev.runway.monitor.Endpoint;
import dev.runway.monitor.Observation;
import dev.runway.monitor.State;
import java.time.Duration;
import java.time.Instant;

/** Turns a probe's result into an observation: the endpoint's degraded and cold-start rules. */
final class Classifier {
  private Classifier() {}

  static Observation classify(Endpoint e, Result r, long durationNanos, Instant at) {
    double measured = durationNanos / 1e6;
    double ms = r.observedValue().isPresent() && "ms".equals(r.observedUnit().orElse(""))
        ? r.observedValue().getAsDouble() : measured;
    if (r.status() == Status.FAIL) {
      boolean answered = r.details().containsKey("httpStatus");
      return new Observation(e.name(), at, State.DOWN, answered ? ms : Double.NaN, r.message(), false);
    }
    boolean cold = e.coldStartAbove().map(d -> ms > d.toMillis()).orElse(false);
    if (r.status() == Status.WARN) return new Observation(e.name(), at, State.DEGRADED, ms, r.message(), cold);
    if (e.degradedAbove().isPresent() && ms > e.degradedAbove().get().toMillis()) {
      Duration max = e.degradedAbove().get();
      return new Observation(e.name(), at, State.DEGRADED, ms,
          "answered in " + Math.round(ms) + " ms (degraded above " + max.toMillis() + " ms)", cold);
    }
    Object days = r.details().get("certificateDaysLeft");
    if (e.certificateWarnDays() > 0 && days instanceof Number n && n.longValue() < e.certificateWarnDays()) {
      return new Observation(e.name(), at, State.DEGRADED, ms,
          "certificate expires in " + n.longValue() + " days (warn below " + e.certificateWarnDays() + ")", cold);
    }
    return new Observation(e.name(), at, State.UP, ms, cold ? "cold start: answered in " + Math.round(ms) + " ms" : r.message(), cold);
  }
}

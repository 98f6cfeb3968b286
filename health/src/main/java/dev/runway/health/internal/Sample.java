package dev.runway.health.internal;

import dev.runway.health.Result;
import java.time.Instant;

/**
 * One completed run of a probe: its result, how long it took, when it finished (wall clock for
 * people, monotonic nanos for TTLs) and whether the caller got it from the cache.
 */
public record Sample(Result result, long durationNanos, Instant checkedAt, long completedNanos, boolean cached) {
  Sample asCached() {
    return cached ? this : new Sample(result, durationNanos, checkedAt, completedNanos, true);
  }
}

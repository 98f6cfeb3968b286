package dev.runway.health.internal;

import dev.runway.health.Result;
import java.time.Duration;

/** A check that bounds its own blocking calls (connect, query) by the probe's timeout. */
@FunctionalInterface
public interface TimedCheck {
  Result run(Duration timeout) throws Exception;
}

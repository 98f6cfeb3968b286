package dev.runway.health.internal;

import dev.runway.health.Probe;
import java.util.Objects;
import java.util.function.Function;

/**
 * A probe's check for other Runway packages, run directly: no cache, no coalescing. The monitor's
 * scheduler needs this (every scheduled check must really run), while {@link Probe} keeps its
 * check out of the public API. {@link Probe} hands its accessor over when its class initialises,
 * the way the JDK shares internals between its own packages.
 */
public final class ProbeChecks {
  private static volatile Function<Probe, TimedCheck> access;

  private ProbeChecks() {}

  /** Called once, by {@link Probe}'s static initialiser. */
  public static void install(Function<Probe, TimedCheck> accessor) {
    if (access != null) throw new IllegalStateException("probe checks already installed");
    access = Objects.requireNonNull(accessor, "accessor");
  }

  /** The check of {@code probe}; the probe exists, so its class, and the accessor, are initialised. */
  public static TimedCheck of(Probe probe) {
    return access.apply(probe);
  }
}

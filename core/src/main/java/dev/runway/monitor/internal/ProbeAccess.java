package dev.runway.monitor.internal;

import dev.runway.health.Probe;
import dev.runway.health.internal.TimedCheck;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;

/**
 * Reaches a probe's check. {@code Probe.check()} is package-private in {@code dev.runway.health}
 * (its runner there adds caching and coalescing, which a scheduler must not have: every scheduled
 * check must really run), and both packages ship in the same jar, so the monitor opens it once
 * here. TODO(lead): replace with a public seam in health.internal when one lands.
 */
final class ProbeAccess {
  private static final MethodHandle CHECK;

  static {
    try {
      Method m = Probe.class.getDeclaredMethod("check");
      m.setAccessible(true);
      CHECK = MethodHandles.lookup().unreflect(m);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private ProbeAccess() {}

  static TimedCheck check(Probe probe) {
    try {
      return (TimedCheck) CHECK.invoke(probe);
    } catch (Throwable e) {
      throw new IllegalStateException("monitor: cannot reach the check of " + probe, e);
    }
  }
}

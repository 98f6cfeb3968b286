package dev.runway.monitor;

import java.time.Duration;
import java.util.Objects;

/**
 * A free tier's instance-hour budget: how many hours a month the workspace's free services may
 * run together, and after how long without a request a service spins down. Core knows no
 * platform: pass the numbers (Render's free tier is 750 hours and 15 minutes, in
 * {@code dev.runway.render.RenderPlan}). Immutable.
 *
 * <pre>{@code
 * HourBudget render = HourBudget.of("Render free", 750, Duration.ofMinutes(15));
 * }</pre>
 */
public record HourBudget(String name, double hoursPerMonth, Duration spinDownAfter) {
  public HourBudget {
    Objects.requireNonNull(name, "name");
    if (!(hoursPerMonth > 0)) throw new IllegalArgumentException("monitor: hour budget: hoursPerMonth must be > 0");
    if (spinDownAfter.isNegative() || spinDownAfter.isZero()) {
      throw new IllegalArgumentException("monitor: hour budget: spinDownAfter must be positive");
    }
  }

  public static HourBudget of(String name, double hoursPerMonth, Duration spinDownAfter) {
    return new HourBudget(name, hoursPerMonth, spinDownAfter);
  }
}

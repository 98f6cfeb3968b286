package dev.runway.monitor;

import java.time.LocalDate;

/**
 * The checks of one endpoint on one UTC day, by state. Uptime counts degraded checks as up (the
 * service answered); maintenance is not counted at all. Immutable.
 */
public record DailyUptime(LocalDate day, long up, long degraded, long down) {
  /** Checks that count: up + degraded + down. */
  public long total() {
    return up + degraded + down;
  }

  /** {@code (up + degraded) / total}, or NaN when there was no check that day. */
  public double ratio() {
    long total = total();
    return total == 0 ? Double.NaN : (double) (up + degraded) / total;
  }
}

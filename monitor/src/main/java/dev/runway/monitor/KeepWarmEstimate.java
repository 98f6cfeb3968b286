package dev.runway.monitor;

import java.time.YearMonth;

/**
 * The instance hours a keep-warm plan uses in one month: each kept service is awake for its
 * active hours plus the spin-down tail after the last ping, every day. {@code otherHours} are the
 * hours the workspace's other free services use, as the plan declares them. Immutable.
 */
public record KeepWarmEstimate(YearMonth month, int services, double awakeHoursPerDay, double keptHours,
    double otherHours, double budgetHours, long pings) {
  /** Kept plus other hours. */
  public double totalHours() {
    return keptHours + otherHours;
  }

  public boolean overBudget() {
    return totalHours() > budgetHours;
  }

  /** Hours left in the budget (negative when over). */
  public double remainingHours() {
    return budgetHours - totalHours();
  }
}

package dev.runway.supabase;

import java.util.Locale;
import java.util.Optional;

/**
 * What a Supabase plan allows, as the pricing page states it (checked 2025): database size before
 * the project goes read-only, direct Postgres connections, pooler clients, the idle days before a
 * free project pauses, and whether daily backups exist. Use {@link #FREE} or {@link #PRO}, or
 * {@link #of} your own for a larger compute add-on. Immutable.
 *
 * @param databaseBytes the database size limit in bytes (free: 500 MB)
 * @param directConnections the direct Postgres connections the compute size allows (free/micro: 60)
 * @param poolerClients the pooler's client connections (free/micro: 200)
 * @param pausesAfterIdleDays idle days before the project pauses; 0 when it never does
 * @param dailyBackups whether the plan keeps daily backups (free: none)
 */
public record PlanLimits(String name, long databaseBytes, int directConnections, int poolerClients,
    int pausesAfterIdleDays, boolean dailyBackups) {
  private static final long MB = 1024L * 1024L;

  /** Free: 500 MB, 60 direct connections, 200 pooler clients, pauses after 7 idle days, no backups. */
  public static final PlanLimits FREE = new PlanLimits("free", 500 * MB, 60, 200, 7, false);
  /** Pro (Micro compute): 8 GB included, 60 direct connections, 200 pooler clients, never pauses, daily backups. */
  public static final PlanLimits PRO = new PlanLimits("pro", 8 * 1024 * MB, 60, 200, 0, true);

  /** A plan of your own (a larger compute size, a team plan). */
  public static PlanLimits of(String name, long databaseBytes, int directConnections, int poolerClients,
      int pausesAfterIdleDays, boolean dailyBackups) {
    return new PlanLimits(name, databaseBytes, directConnections, poolerClients, pausesAfterIdleDays, dailyBackups);
  }

  /** The plan a service setting names ({@code plan = free}), when it is one this module knows. */
  public static Optional<PlanLimits> named(String plan) {
    return switch (plan.toLowerCase(Locale.ROOT)) {
      case "free" -> Optional.of(FREE);
      case "pro", "team" -> Optional.of(PRO);
      default -> Optional.empty();
    };
  }
}

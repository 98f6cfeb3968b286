package dev.runway.supabase;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The backups of a project from {@code GET /v1/projects/{ref}/database/backups}. A free project has
 * none: {@link #hasAny()} is false and no restore is possible — answer the disaster-recovery
 * question (your own {@code pg_dump}, or a paid plan) before a cutover.
 *
 * @param pitrEnabled point-in-time recovery (a paid add-on)
 */
public record Backups(String region, boolean walgEnabled, boolean pitrEnabled, List<Backup> backups) {
  public Backups {
    backups = List.copyOf(backups);
  }

  /** One backup. */
  public record Backup(long id, String status, boolean physical, Instant insertedAt) {
    public boolean isCompleted() {
      return status.equals("COMPLETED");
    }
  }

  /** Whether any completed backup exists or point-in-time recovery is on. */
  public boolean hasAny() {
    return pitrEnabled || newestCompleted().isPresent();
  }

  /** The newest completed backup. */
  public Optional<Backup> newestCompleted() {
    return backups.stream().filter(Backup::isCompleted).max(Comparator.comparing(Backup::insertedAt));
  }
}

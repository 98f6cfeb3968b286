package dev.runway.sync;

import dev.runway.env.Environment;
import dev.runway.security.EnvKey;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How {@link Sync#apply} applies a plan: whether it deletes (prune), and where it writes the
 * encrypted backup of the target before the first write. Immutable: each method returns a copy.
 *
 * <pre>{@code
 * Sync.options().prune(true).backups(Path.of(".runway/backups"), key).environment(Environment.PRODUCTION)
 * }</pre>
 */
public final class SyncOptions {
  private final boolean prune;
  private final @Nullable Path backupDir;
  private final @Nullable EnvKey backupKey;
  private final Clock clock;
  private final @Nullable Environment environment;

  SyncOptions(boolean prune, @Nullable Path backupDir, @Nullable EnvKey backupKey, Clock clock,
      @Nullable Environment environment) {
    this.prune = prune;
    this.backupDir = backupDir;
    this.backupKey = backupKey;
    this.clock = clock;
    this.environment = environment;
  }

  /** Whether variables the source lacks are deleted from the target (default: no, never). */
  public SyncOptions prune(boolean value) {
    return new SyncOptions(value, backupDir, backupKey, clock, environment);
  }

  /** Writes the target's snapshot, encrypted with {@code key}, into {@code dir} before any write. */
  public SyncOptions backups(Path dir, EnvKey key) {
    return new SyncOptions(prune, Objects.requireNonNull(dir, "dir"), Objects.requireNonNull(key, "key"), clock,
        environment);
  }

  /**
   * The environment the sync is of. Backups are bound to it, so that {@link Sync#readBackup(Path,
   * EnvKey, Environment)} refuses to restore one into another environment.
   */
  public SyncOptions environment(Environment value) {
    return new SyncOptions(prune, backupDir, backupKey, clock, Objects.requireNonNull(value, "value"));
  }

  /** The clock that names backup files (for tests). */
  public SyncOptions clock(Clock value) {
    return new SyncOptions(prune, backupDir, backupKey, Objects.requireNonNull(value, "value"), environment);
  }

  public boolean prune() {
    return prune;
  }

  public Optional<Path> backupDir() {
    return Optional.ofNullable(backupDir);
  }

  Optional<EnvKey> backupKey() {
    return Optional.ofNullable(backupKey);
  }

  public Optional<Environment> environment() {
    return Optional.ofNullable(environment);
  }

  Clock clock() {
    return clock;
  }

  @Override
  public String toString() {
    return "SyncOptions[prune=" + prune + ", backups=" + (backupDir == null ? "none" : backupDir) + "]";
  }
}

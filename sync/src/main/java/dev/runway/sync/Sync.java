package dev.runway.sync;

import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import dev.runway.security.EnvKey;
import dev.runway.security.Fingerprints;
import dev.runway.sync.internal.Backups;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Plans, applies and undoes env-var syncs between {@link EnvStore stores}. Nothing is destructive
 * by default: a plan changes nothing; apply writes key by key after snapshotting the target, never
 * deletes unless asked to prune, stops at the first failure and reports exactly what it applied;
 * restore puts a snapshot back.
 *
 * <pre>{@code
 * SyncPlan plan = Sync.plan(EnvStores.dotenv(Path.of(".env.production")), renderStore);
 * System.out.println(plan.toText());
 * SyncResult result = Sync.apply(plan, renderStore, Sync.options().backups(Path.of(".runway/backups"), key));
 * if (!result.isComplete()) Sync.restore(result.snapshot(), renderStore);
 * }</pre>
 */
public final class Sync {
  /** What plans show instead of a fingerprint for a value the target cannot read back. */
  static final String WRITE_ONLY = "write-only";

  private Sync() {}

  /** Options with no prune and no backup file. */
  public static SyncOptions options() {
    return new SyncOptions(false, null, null, Clock.systemUTC(), null);
  }

  /** Plans making {@code target} equal {@code source} on every name either holds. */
  public static SyncPlan plan(EnvStore source, EnvStore target) {
    return plan(source.name(), source.readAll(), target, null);
  }

  /** Plans making {@code target} equal {@code source} on {@code keys} only (the variables a service receives, say). */
  public static SyncPlan plan(EnvStore source, EnvStore target, Collection<String> keys) {
    return plan(source.name(), source.readAll(), target, keys);
  }

  /**
   * Plans making {@code target} hold {@code desired} on {@code keys} (all names of both sides when
   * null): a name the desired values have is added or changed, a name they lack is removed (with
   * prune), an equal one is left alone.
   *
   * @param sourceName what reports call the desired values: {@code .env.production}
   */
  public static SyncPlan plan(String sourceName, Map<String, String> desired, EnvStore target,
      @Nullable Collection<String> keys) {
    Objects.requireNonNull(sourceName, "sourceName");
    Map<String, String> now = target.readAll();
    java.util.Set<String> writeOnly = target.writeOnly();
    TreeSet<String> planned = new TreeSet<>();
    if (keys == null) {
      planned.addAll(desired.keySet());
      planned.addAll(now.keySet());
      planned.addAll(writeOnly);
    } else {
      planned.addAll(keys);
    }
    Fingerprints fp = Fingerprints.fresh();
    List<SyncChange> changes = new ArrayList<>();
    Map<String, String> wanted = new LinkedHashMap<>();
    Map<String, String> before = new LinkedHashMap<>();
    for (String name : planned) {
      String s = desired.get(name);
      String t = now.get(name);
      boolean unreadable = t == null && writeOnly.contains(name);
      before.put(name, unreadable ? WRITE_ONLY : t == null ? "" : fp.full(t));
      Optional<String> sf = Optional.ofNullable(s).map(fp::of);
      Optional<String> tf = unreadable ? Optional.of(WRITE_ONLY) : Optional.ofNullable(t).map(fp::of);
      SyncChange.Kind kind;
      if (s == null && t == null && !unreadable) continue;
      else if (s == null) kind = SyncChange.Kind.REMOVE;
      else if (unreadable) kind = SyncChange.Kind.CHANGE; // cannot compare: overwrite
      else if (t == null) kind = SyncChange.Kind.ADD;
      else if (s.equals(t)) kind = SyncChange.Kind.UNCHANGED;
      else kind = SyncChange.Kind.CHANGE;
      if (kind == SyncChange.Kind.ADD || kind == SyncChange.Kind.CHANGE) wanted.put(name, s);
      changes.add(new SyncChange(name, kind, tf, sf));
    }
    return new SyncPlan(sourceName, target.name(), changes, wanted, before, fp);
  }

  /**
   * Applies a plan to its target: checks that the target still is as planned, snapshots it (and
   * writes the snapshot, encrypted, to the backup folder when asked), then writes key by key in name
   * order. Removals happen only with {@link SyncOptions#prune(boolean) prune}, and never to write-only
   * variables (their values cannot be backed up, so a deletion could not be undone). The first failing
   * write stops the apply; the result lists what was applied and what was not.
   *
   * @throws RunwayException when the target is not the plan's, changed since the plan, or the
   *     backup cannot be written (nothing has been written then)
   */
  public static SyncResult apply(SyncPlan plan, EnvStore target, SyncOptions options) {
    if (!plan.target().equals(target.name())) {
      throw new RunwayException(target.name() + ": the plan is for " + plan.target()
          + "; apply it to the store it was made for, or plan again");
    }
    EnvSnapshot snapshot = target.snapshot();
    List<String> moved = new ArrayList<>();
    plan.before().forEach((name, fingerprint) -> {
      String value = snapshot.values().get(name);
      String now = value != null ? plan.fingerprints().full(value)
          : snapshot.writeOnly().contains(name) ? WRITE_ONLY : "";
      if (!now.equals(fingerprint)) moved.add(name);
    });
    if (!moved.isEmpty()) {
      throw new RunwayException(target.name() + ": changed since the plan was made (" + String.join(", ", moved)
          + "); run runway sync plan again and review it", Origin.of(target.name()), null);
    }
    Path backup = null;
    if (options.backupDir().isPresent()) {
      backup = Backups.write(options.backupDir().get(), snapshot, options.backupKey().orElseThrow(),
          options.environment().orElse(null), options.clock());
    }
    List<SyncChange> applied = new ArrayList<>();
    List<SyncChange> notApplied = new ArrayList<>();
    List<SyncChange> skipped = new ArrayList<>();
    String failure = null;
    for (SyncChange c : plan.changes()) {
      if (c.kind() == SyncChange.Kind.UNCHANGED) continue;
      // A write-only value cannot be backed up, so deleting it could not be undone: never prune it.
      if (c.kind() == SyncChange.Kind.REMOVE && (!options.prune() || c.target().filter(WRITE_ONLY::equals).isPresent())) {
        skipped.add(c);
        continue;
      }
      if (failure != null) {
        notApplied.add(c);
        continue;
      }
      try {
        if (c.kind() == SyncChange.Kind.REMOVE) target.delete(c.name());
        else target.write(c.name(), plan.desired().get(c.name()));
        applied.add(c);
      } catch (RuntimeException e) {
        failure = c.name() + ": " + describe(e);
        notApplied.add(c);
      }
    }
    if (!applied.isEmpty() || failure != null) {
      dev.runway.base.SecurityEvents.envSyncApplied(target.name(), applied.size(), failure == null);
    }
    return new SyncResult(plan, snapshot, backup, applied, notApplied, skipped, failure);
  }

  /**
   * Puts a snapshot back: the store then holds exactly the snapshot's variables.
   *
   * @throws RunwayException when the snapshot is of another store, or a write fails (run it again)
   */
  public static void restore(EnvSnapshot snapshot, EnvStore target) {
    if (!snapshot.store().equals(target.name())) {
      throw new RunwayException(target.name() + ": the snapshot is of " + snapshot.store()
          + "; restore it into " + snapshot.store());
    }
    target.restore(snapshot);
    dev.runway.base.SecurityEvents.envRestored(target.name());
  }

  /**
   * Reads a backup written by {@link #apply}.
   *
   * @throws dev.runway.security.DecryptionFailed when the key is wrong or the file was changed
   */
  public static EnvSnapshot readBackup(Path file, EnvKey key) {
    return Backups.read(file, key, null);
  }

  /**
   * {@link #readBackup(Path, EnvKey)} of a backup of {@code environment}: one bound to another
   * environment is refused ({@link dev.runway.security.DecryptionFailed.Reason#WRONG_BINDING}).
   */
  public static EnvSnapshot readBackup(Path file, EnvKey key, dev.runway.env.Environment environment) {
    return Backups.read(file, key, java.util.Objects.requireNonNull(environment, "environment"));
  }

  private static String describe(RuntimeException e) {
    // RunwayException messages never carry values (a contract of every store); others might.
    if (e instanceof RunwayException) return String.valueOf(e.getMessage());
    return "failed with " + e.getClass().getSimpleName();
  }
}

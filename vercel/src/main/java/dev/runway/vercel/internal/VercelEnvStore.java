package dev.runway.vercel.internal;

import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import dev.runway.base.RunwayException.PlatformRejected;
import dev.runway.sync.EnvSnapshot;
import dev.runway.sync.EnvStore;
import dev.runway.vercel.EnvTarget;
import dev.runway.vercel.EnvType;
import dev.runway.vercel.internal.VercelEnvCalls.Entry;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * One target of a Vercel project as a sync {@link EnvStore} ({@code vercel:<project>/<target>}).
 *
 * <ul>
 *   <li>It sees the variables whose targets include its target and that have no git branch
 *       (branch-specific preview variables belong to one branch, not to the target).
 *   <li>{@code sensitive} variables (and legacy {@code secret} ones, or encrypted values Vercel did
 *       not decrypt) are write-only: named by {@link #writeOnly()}, absent from {@link #readAll()}.
 *   <li>{@link #write} edits the variable that holds the key for this target only; a variable shared
 *       with other targets is split — this target is taken out of it (the other targets keep it
 *       untouched) and a variable for this target alone is created with the new value, of the
 *       shared one's type. A new variable is {@code sensitive} when the model classifies it SECRET
 *       (except on development, where Vercel allows no sensitive variables), else {@code encrypted}.
 *       When the create of a split fails, the target is put back into the shared variable before
 *       the failure is thrown, so a failed write changes nothing.
 *   <li>{@link #restore} re-creates a variable the snapshot could read as readable, never
 *       {@code sensitive}, so a restore gives back exactly what the snapshot saw.
 *   <li>{@link #delete} takes only this target out of a shared variable, and deletes a variable
 *       only when this was its last target.
 * </ul>
 *
 * Thread-safe (it keeps no state between calls); {@link #toString()} names the store only.
 */
public final class VercelEnvStore implements EnvStore {
  private final VercelEnvCalls api;
  private final String project;
  private final EnvTarget target;
  private final Predicate<String> secret;
  private final String name;

  /**
   * @param project the Vercel project id or name
   * @param secret which keys the model classifies SECRET (created {@code sensitive})
   */
  public VercelEnvStore(VercelEnvCalls api, String project, EnvTarget target, Predicate<String> secret) {
    this.api = Objects.requireNonNull(api, "api");
    this.project = Objects.requireNonNull(project, "project");
    this.target = Objects.requireNonNull(target, "target");
    this.secret = Objects.requireNonNull(secret, "secret");
    this.name = "vercel:" + project + "/" + target.wireName();
  }

  @Override
  public String name() {
    return name;
  }

  public EnvTarget target() {
    return target;
  }

  @Override
  public Map<String, String> readAll() {
    return readable(view());
  }

  @Override
  public Set<String> writeOnly() {
    return unreadable(view());
  }

  private static Map<String, String> readable(List<Entry> view) {
    Map<String, String> out = new TreeMap<>();
    for (Entry e : view) e.value().ifPresent(v -> out.put(e.key(), v));
    return out;
  }

  private static Set<String> unreadable(List<Entry> view) {
    Set<String> out = new TreeSet<>();
    for (Entry e : view) if (e.value().isEmpty()) out.add(e.key());
    return out;
  }

  @Override
  public void write(String key, String value) {
    write(key, value, false);
  }

  /**
   * Like the default restore, except that a variable the snapshot could read is re-created readable
   * ({@code encrypted}) even when the model calls it SECRET: a restore brings back what was there, and a
   * {@code sensitive} one could never be compared or backed up again.
   */
  @Override
  public void restore(EnvSnapshot snapshot) {
    List<Entry> view = view();
    Map<String, String> now = readable(view);
    Set<String> present = new TreeSet<>(now.keySet());
    present.addAll(unreadable(view));
    new TreeMap<>(snapshot.values()).forEach((key, value) -> {
      if (!value.equals(now.get(key))) write(key, value, true);
    });
    for (String key : present) {
      if (!snapshot.values().containsKey(key) && !snapshot.writeOnly().contains(key)) delete(key);
    }
  }

  /** Values and write-only names from one listing, so they agree with each other. */
  @Override
  public EnvSnapshot snapshot() {
    List<Entry> view = view();
    return EnvSnapshot.of(name, Instant.now(), readable(view), unreadable(view));
  }

  private void write(String key, String value, boolean readable) {
    Optional<Entry> found = find(key);
    if (found.isEmpty()) {
      api.create(project, key, value, readable ? EnvType.ENCRYPTED : typeForNew(key), Set.of(target));
      return;
    }
    Entry e = found.get();
    EnvType type = kept(e.type(), key);
    if (e.targets().equals(Set.of(target))) {
      api.editValue(project, e.id(), value, type);
      return;
    }
    // Shared with other targets: split it. Vercel refuses two variables of a key for one target, so this
    // target leaves the shared variable first; if the create then fails, it is put back.
    Set<EnvTarget> others = EnumSet.copyOf(e.targets());
    others.remove(target);
    api.editTargets(project, e.id(), others);
    try {
      api.create(project, key, value, type, Set.of(target));
    } catch (RuntimeException failure) {
      try {
        api.editTargets(project, e.id(), e.targets());
      } catch (RuntimeException undo) {
        throw new PlatformRejected(VercelHttp.PLATFORM, status(failure), null, name + ": " + key + ": was taken out of the"
            + " variable shared with " + wire(others) + " but not re-created for " + target.wireName() + " ("
            + failure.getMessage() + "), and putting it back failed too; restore the backup with runway sync restore,"
            + " or add " + target.wireName() + " to " + key + " in the project's settings", failure);
      }
      throw failure;
    }
  }

  @Override
  public void delete(String key) {
    Optional<Entry> found = find(key);
    if (found.isEmpty()) return;
    Entry e = found.get();
    if (e.targets().equals(Set.of(target))) {
      try {
        api.delete(project, e.id());
      } catch (PlatformRejected gone) {
        if (gone.status() != 404 || find(key).isPresent()) throw gone;
      }
      return;
    }
    Set<EnvTarget> others = EnumSet.copyOf(e.targets());
    others.remove(target);
    api.editTargets(project, e.id(), others);
  }

  @Override
  public String toString() {
    return "VercelEnvStore[" + name + "]";
  }

  /** The variables this store sees: its target, no git branch. */
  private List<Entry> view() {
    return api.list(project).stream()
        .filter(e -> e.targets().contains(target) && e.gitBranch().isEmpty())
        .toList();
  }

  private Optional<Entry> find(String key) {
    List<Entry> hits = view().stream().filter(e -> e.key().equals(key)).toList();
    if (hits.size() > 1) {
      throw new RunwayException(name + ": " + key + ": " + hits.size() + " variables hold it for " + target.wireName()
          + "; delete all but one in the project's settings", Origin.of(name), null);
    }
    return hits.stream().findFirst();
  }

  private EnvType typeForNew(String key) {
    return secret.test(key) && target != EnvTarget.DEVELOPMENT ? EnvType.SENSITIVE : EnvType.ENCRYPTED;
  }

  /** The type a rewritten variable keeps: its own, unless Vercel would refuse it. */
  private EnvType kept(EnvType type, String key) {
    if (type == EnvType.PLAIN || type == EnvType.ENCRYPTED) return type;
    if (type == EnvType.SENSITIVE && target != EnvTarget.DEVELOPMENT) return type;
    return typeForNew(key);
  }

  private static String wire(Set<EnvTarget> targets) {
    return String.join(", ", EnumSet.copyOf(targets).stream().map(EnvTarget::wireName).toList());
  }

  private static int status(RuntimeException e) {
    return e instanceof PlatformRejected p ? p.status() : 0;
  }
}

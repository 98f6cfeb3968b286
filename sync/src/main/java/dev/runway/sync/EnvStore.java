package dev.runway.sync;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A place that holds env vars: a dotenv file, an encrypted env file, a Render service or env
 * group, a Vercel project's target. The SPI the sync engine works through; platform modules
 * implement it for their APIs (see docs/sync.md for what each must do).
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #readAll()} returns every variable the store holds, name to value, as one
 *       consistent read — except write-only ones (Vercel's {@code sensitive} type), whose values
 *       cannot be read back: those are absent from it and named by {@link #writeOnly()}.
 *   <li>{@link #write} and {@link #delete} change one variable each and are durable when they
 *       return; they throw a {@link dev.runway.base.RunwayException} (never another exception, never a
 *       message with a value) when the change was not made. Deleting an absent name is a no-op.
 *   <li>No method logs a value, and {@code toString()} never shows one.
 * </ul>
 *
 * <p>{@link #snapshot()} and {@link #restore} have defaults built on the three above; a store
 * whose platform has a cheaper or atomic way (replace all variables in one call) overrides them.
 */
public interface EnvStore {

  /** What reports call the store: {@code .env.production}, {@code render:api}, {@code vercel:web/production}. */
  String name();

  /** Every variable, name to value. */
  Map<String, String> readAll();

  /**
   * The variables the store holds but cannot read back (write-only secrets). A plan cannot compare
   * them (it overwrites them when the source has them), a snapshot cannot hold their values, and a
   * restore leaves them as they are, except that it deletes those the snapshot did not have.
   */
  default java.util.Set<String> writeOnly() {
    return java.util.Set.of();
  }

  /** Sets one variable, creating it when absent. */
  void write(String name, String value);

  /** Removes one variable; nothing happens when it is absent. */
  void delete(String name);

  /** Everything the store holds now, for {@link #restore}. */
  default EnvSnapshot snapshot() {
    return EnvSnapshot.of(name(), java.time.Instant.now(), readAll(), writeOnly());
  }

  /**
   * Makes the store hold exactly the snapshot's variables: writes those that differ or are missing,
   * deletes those the snapshot does not have. Stops at the first failure, which it throws; running
   * it again continues where it stopped.
   */
  default void restore(EnvSnapshot snapshot) {
    Map<String, String> now = new LinkedHashMap<>(readAll());
    java.util.Set<String> present = new java.util.LinkedHashSet<>(now.keySet());
    present.addAll(writeOnly());
    snapshot.values().forEach((name, value) -> {
      if (!value.equals(now.get(name))) write(name, value);
    });
    for (String name : present) {
      if (!snapshot.values().containsKey(name) && !snapshot.writeOnly().contains(name)) delete(name);
    }
  }
}

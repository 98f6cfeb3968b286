package dev.runway.sync;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Everything one store held at one moment: what {@link Sync#apply} takes before writing and
 * {@link Sync#restore} puts back. Immutable and thread-safe; {@link #toString()} names the store,
 * the time and the variable count, never a value.
 */
public final class EnvSnapshot {
  private final String store;
  private final Instant takenAt;
  private final Map<String, String> values;
  private final Set<String> writeOnly;
  private final @Nullable String fileText;

  private EnvSnapshot(String store, Instant takenAt, Map<String, String> values, Set<String> writeOnly,
      @Nullable String fileText) {
    this.store = store;
    this.takenAt = takenAt;
    this.values = values;
    this.writeOnly = writeOnly;
    this.fileText = fileText;
  }

  /** A snapshot taken now. */
  public static EnvSnapshot of(String store, Map<String, String> values) {
    return of(store, Instant.now(), values);
  }

  public static EnvSnapshot of(String store, Instant takenAt, Map<String, String> values) {
    return of(store, takenAt, values, Set.of());
  }

  /** A snapshot that also names the variables the store held but could not read ({@link EnvStore#writeOnly()}). */
  public static EnvSnapshot of(String store, Instant takenAt, Map<String, String> values, Set<String> writeOnly) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(takenAt, "takenAt");
    return new EnvSnapshot(store, takenAt, Collections.unmodifiableMap(new LinkedHashMap<>(values)),
        Collections.unmodifiableSet(new TreeSet<>(writeOnly)), null);
  }

  /**
   * A copy that also holds the exact text of a file store (a dotenv file) at the snapshot: comments,
   * blank lines, bare names, {@code ${REF}} references and quoting that the values alone cannot
   * give back. Restoring it into that file writes this text, byte for byte.
   */
  public EnvSnapshot withFileText(String text) {
    return new EnvSnapshot(store, takenAt, values, writeOnly, Objects.requireNonNull(text, "text"));
  }

  /** The file's exact text, for a snapshot of a file store; secrets included, never log it. */
  public Optional<String> fileText() {
    return Optional.ofNullable(fileText);
  }

  /** The store's {@link EnvStore#name()}. */
  public String store() {
    return store;
  }

  public Instant takenAt() {
    return takenAt;
  }

  /** The variables, secrets included: handle with care, never log. */
  public Map<String, String> values() {
    return values;
  }

  /** The write-only variables the store held; their values are not in the snapshot. */
  public Set<String> writeOnly() {
    return writeOnly;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof EnvSnapshot s && store.equals(s.store) && takenAt.equals(s.takenAt) && values.equals(s.values)
        && writeOnly.equals(s.writeOnly) && Objects.equals(fileText, s.fileText);
  }

  @Override
  public int hashCode() {
    return Objects.hash(store, takenAt, values.keySet());
  }

  @Override
  public String toString() {
    return "EnvSnapshot[" + store + " at " + takenAt + ", " + values.size() + " variables]";
  }
}

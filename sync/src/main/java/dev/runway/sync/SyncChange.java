package dev.runway.sync;

import java.util.Objects;
import java.util.Optional;

/**
 * What a plan does to one variable of the target. Values appear only as fingerprints
 * ({@code fp:1a2b3c4d}), salted per plan: equal values within one plan have equal fingerprints, and
 * a fingerprint cannot be checked against guesses once the plan is gone.
 *
 * @param name the variable
 * @param kind what happens to it
 * @param target the fingerprint of the target's value now, when it has one
 * @param source the fingerprint of the source's value, when it has one
 */
public record SyncChange(String name, Kind kind, Optional<String> target, Optional<String> source) {

  /** What happens to one variable. */
  public enum Kind {
    /** The source has it, the target does not: written. */
    ADD,
    /** Both have it with different values: the target's is overwritten. */
    CHANGE,
    /** The target has it, the source does not: deleted only with prune. */
    REMOVE,
    /** Both have the same value: left alone. */
    UNCHANGED
  }

  public SyncChange {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(source, "source");
  }
}

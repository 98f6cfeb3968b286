package dev.runway.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A manual approval gate: a name (what {@code --approve <name>} names), who may approve, and how
 * long the gate waits before it counts as refused. Exported to GitHub Actions as a job bound to a
 * GitHub environment of the same name, whose required reviewers approve it. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * s.gate(Approval.named("production").by("ops").within(Duration.ofHours(4)));
 * }</pre>
 */
public final class Approval {
  private final String name;
  private final List<String> approvers;
  private final Duration within;

  private Approval(String name, List<String> approvers, Duration within) {
    this.name = Names.check("approval", name);
    this.approvers = List.copyOf(approvers);
    this.within = within;
  }

  /** A gate named {@code name}; by default anyone may approve within 1 hour. */
  public static Approval named(String name) {
    return new Approval(name, List.of(), Duration.ofHours(1));
  }

  /** A copy that only these people or teams may approve. */
  public Approval by(String... who) {
    return new Approval(name, List.of(who), within);
  }

  /** A copy that waits at most {@code timeout} for an answer, then counts as refused. */
  public Approval within(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("pipeline: approval '" + name + "': within must be positive but was " + timeout);
    }
    return new Approval(name, approvers, timeout);
  }

  public String name() {
    return name;
  }

  /** Who may approve; empty means anyone who can answer. */
  public List<String> approvers() {
    return approvers;
  }

  public Duration within() {
    return within;
  }

  @Override
  public String toString() {
    return "approval " + name + (approvers.isEmpty() ? "" : " by " + String.join(", ", approvers))
        + " within " + Names.human(within);
  }
}

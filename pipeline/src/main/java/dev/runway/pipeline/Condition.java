package dev.runway.pipeline;

import java.util.Set;
import java.util.TreeSet;

/**
 * When a step runs: on some branches, in some environments, or always. A step whose condition
 * does not hold is reported as skipped. Immutable and thread-safe.
 *
 * <pre>{@code
 * Step.shell("migrate", "./migrate.sh").when(Condition.branch("main").and(Condition.environment("production")));
 * }</pre>
 */
public final class Condition {
  private static final Condition ALWAYS = new Condition(Set.of(), Set.of());

  private final Set<String> branches;
  private final Set<String> environments;

  private Condition(Set<String> branches, Set<String> environments) {
    this.branches = Set.copyOf(new TreeSet<>(branches));
    this.environments = Set.copyOf(new TreeSet<>(environments));
  }

  public static Condition always() {
    return ALWAYS;
  }

  /** Only when the run is on one of these branches. */
  public static Condition branch(String... names) {
    return new Condition(Set.of(names), Set.of());
  }

  /** Only when the run targets one of these environments. */
  public static Condition environment(String... names) {
    return new Condition(Set.of(), Set.of(names));
  }

  /** Both conditions. */
  public Condition and(Condition other) {
    Set<String> b = new TreeSet<>(branches);
    b.addAll(other.branches);
    Set<String> e = new TreeSet<>(environments);
    e.addAll(other.environments);
    return new Condition(b, e);
  }

  /** The branches the step runs on; empty means any. */
  public Set<String> branches() {
    return new TreeSet<>(branches);
  }

  /** The environments the step runs in; empty means any. */
  public Set<String> environments() {
    return new TreeSet<>(environments);
  }

  public boolean isAlways() {
    return branches.isEmpty() && environments.isEmpty();
  }

  /** Whether a run on {@code branch} targeting {@code environment} satisfies this condition. */
  public boolean holds(String branch, String environment) {
    return (branches.isEmpty() || branches.contains(branch))
        && (environments.isEmpty() || environments.contains(environment));
  }

  @Override
  public String toString() {
    if (isAlways()) return "always";
    StringBuilder sb = new StringBuilder();
    if (!branches.isEmpty()) sb.append("branch ").append(String.join("|", new TreeSet<>(branches)));
    if (!environments.isEmpty()) {
      if (sb.length() > 0) sb.append(" and ");
      sb.append("environment ").append(String.join("|", new TreeSet<>(environments)));
    }
    return sb.toString();
  }
}

package dev.runway.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A named stage: groups of steps run in order; the steps of one group run in parallel. A stage
 * ends at the first failing group. Immutable and thread-safe; built inside
 * {@link Pipeline.Builder#stage(String, java.util.function.Consumer)}.
 */
public final class Stage {
  private final String name;
  private final List<List<Step>> groups;

  private Stage(String name, List<List<Step>> groups) {
    this.name = name;
    this.groups = groups.stream().map(List::copyOf).toList();
  }

  public String name() {
    return name;
  }

  /** The groups in order; the steps of one group run in parallel (a group of one runs alone). */
  public List<List<Step>> groups() {
    return groups;
  }

  /** Every step of the stage, in declaration order. */
  public List<Step> steps() {
    return groups.stream().flatMap(List::stream).toList();
  }

  @Override
  public String toString() {
    return "stage " + name + " " + groups;
  }

  /** Collects a stage's groups. Not thread-safe; used inside the stage lambda only. */
  public static final class Builder {
    private final String name;
    private final List<List<Step>> groups = new ArrayList<>();

    Builder(String name) {
      this.name = Names.check("stage", name);
    }

    /** Adds a step that runs after the previous ones. */
    public Builder step(Step step) {
      groups.add(List.of(Objects.requireNonNull(step, "step")));
      return this;
    }

    /** Adds steps that run together (bounded by the executor's parallelism) after the previous ones. */
    public Builder parallel(Step... steps) {
      if (steps.length == 0) throw new IllegalArgumentException("pipeline: stage '" + name + "': parallel() needs steps");
      groups.add(List.of(steps));
      return this;
    }

    /** Adds an approval gate: the run waits here for an approval. */
    public Builder gate(Approval approval) {
      groups.add(List.of(Step.approval(Objects.requireNonNull(approval, "approval"))));
      return this;
    }

    Stage build() {
      if (groups.isEmpty()) {
        throw new IllegalArgumentException("pipeline: stage '" + name + "': has no steps; add s.step(...) or s.parallel(...)");
      }
      return new Stage(name, groups);
    }
  }
}

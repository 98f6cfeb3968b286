package dev.runway.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One line of run history, what {@link DeploymentMetrics} is computed from. Immutable.
 *
 * @param pipeline the pipeline's name
 * @param runId the run's id
 * @param succeeded whether the run succeeded
 * @param deployed whether it deployed anything
 * @param rolledBack whether its deploys were rolled back (all of them, successfully)
 * @param startedAt when it started
 * @param finishedAt when it finished
 * @param commit when the deployed commit was made, when known
 */
public record RunSummary(String pipeline, String runId, boolean succeeded, boolean deployed, boolean rolledBack,
    Instant startedAt, Instant finishedAt, @Nullable Instant commit) {

  /** When the deployed commit was made, when known. */
  public Optional<Instant> commitTime() {
    return Optional.ofNullable(commit);
  }

  public Duration duration() {
    return Duration.between(startedAt, finishedAt);
  }
}

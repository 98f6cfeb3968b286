package dev.runway.render;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A deploy of a Render service as the API reports it. Immutable.
 *
 * @param id the deploy id ({@code dep-...})
 * @param serviceId the service it belongs to
 * @param status its status, empty when Render sent none or one this version does not know
 * @param trigger what started it ({@code api}, {@code rollback}, {@code new_commit}, ...)
 */
public record Deploy(String id, String serviceId, Optional<DeployStatus> status, Optional<String> trigger,
    Optional<String> commitId, Optional<Instant> createdAt, Optional<Instant> finishedAt) {
  public Deploy {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(serviceId, "serviceId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(commitId, "commitId");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
  }

  /** The phase of {@link #status()}; an unknown status counts as in progress. */
  public DeployStatus.Phase phase() {
    return status.map(DeployStatus::phase).orElse(DeployStatus.Phase.IN_PROGRESS);
  }

  /** The deploy's page in the Render dashboard. */
  public String dashboardUrl() {
    return "https://dashboard.render.com/web/" + serviceId + "/deploys/" + id;
  }
}

package dev.runway.vercel;

import java.util.Objects;
import java.util.Optional;

/**
 * The parts of a Vercel project that decide what production serves.
 *
 * @param id the project id ({@code prj_...})
 * @param name the project name
 * @param autoAssignCustomDomains whether a new production deployment goes live when READY; false
 *     after an instant rollback, until a deployment is promoted
 * @param productionDeploymentId the deployment serving production, when one does
 * @param lastAliasRequest {@code "promote"} or {@code "rollback"}, the last production switch
 */
public record ProjectState(
    String id, String name, boolean autoAssignCustomDomains, Optional<String> productionDeploymentId,
    Optional<String> lastAliasRequest) {
  public ProjectState {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }

  /** Whether new pushes build but do not go live: the trap left by an instant rollback. */
  public boolean isAutoAssignPaused() {
    return !autoAssignCustomDomains;
  }
}

package dev.runway.vercel;

import java.util.List;
import java.util.Objects;

/**
 * A promotion or an instant rollback: production domains moved from one deployment to another.
 *
 * @param projectId the project
 * @param fromDeploymentId the deployment that served production before, or "" when none did
 * @param toDeploymentId the deployment that serves production now
 * @param rollback whether this went back to an older deployment
 * @param autoAssignPaused whether new production deployments have stopped going live
 *     automatically (Vercel pauses auto-assignment after a rollback until a promotion)
 * @param warnings what the caller must know, each with the fix
 */
public record AliasChange(
    String projectId, String fromDeploymentId, String toDeploymentId, boolean rollback, boolean autoAssignPaused,
    List<String> warnings) {
  public AliasChange {
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(fromDeploymentId, "fromDeploymentId");
    Objects.requireNonNull(toDeploymentId, "toDeploymentId");
    warnings = List.copyOf(warnings);
  }
}

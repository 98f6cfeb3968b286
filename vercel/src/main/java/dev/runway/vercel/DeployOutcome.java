package dev.runway.vercel;

import dev.runway.base.Problems;
import java.util.Objects;

/**
 * How {@link VercelClient#deployAndWait} ended: the READY deployment, whether it is live (serving
 * production, or reachable for a preview), and warnings such as "built but staged: production
 * auto-assignment is paused after a rollback".
 */
public record DeployOutcome(Deployment deployment, boolean live, Problems problems) {
  public DeployOutcome {
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(problems, "problems");
  }
}

package dev.runway.vercel;

import java.util.List;
import java.util.Optional;

/**
 * One page of deployments, newest first. Pass {@link #next()} as {@code until} to get the next
 * (older) page. Immutable and thread-safe.
 */
public record DeploymentPage(List<Deployment> deployments, Optional<Long> next) {
  public DeploymentPage {
    deployments = List.copyOf(deployments);
  }
}

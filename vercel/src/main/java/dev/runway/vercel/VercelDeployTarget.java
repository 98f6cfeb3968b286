package dev.runway.vercel;

import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.base.RunwayException;
import dev.runway.pipeline.DeployTarget;
import dev.runway.pipeline.StepContext;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A Vercel project's production as a pipeline {@link DeployTarget}; made by
 * {@link Vercel#deployTarget}. Deploys a production deployment and returns once it is READY and
 * serving the production domains; rolls back with Vercel's instant rollback to the deployment that
 * served before and returns once production serves it again. Waits end when the step's timeout
 * interrupts them. The token stays inside the client.
 */
final class VercelDeployTarget implements DeployTarget {
  /** Longer than any sensible step timeout: the step's timeout, which interrupts the wait, decides. */
  static final Duration WAIT = Duration.ofHours(2);

  private final VercelClient client;
  private final String project;
  private final @Nullable String gitRepoId;

  VercelDeployTarget(VercelClient client, String project, @Nullable String gitRepoId) {
    this.client = Objects.requireNonNull(client, "client");
    Objects.requireNonNull(project, "project");
    if (project.isBlank()) throw new IllegalArgumentException("vercel: deploy target: the project is blank; pass its name or id");
    if (gitRepoId != null && gitRepoId.isBlank()) {
      throw new IllegalArgumentException("vercel:" + project + ": deploy target: the git repository id is blank; pass the"
          + " numeric id of the project's GitHub repository");
    }
    this.project = project;
    this.gitRepoId = gitRepoId;
  }

  @Override
  public String name() {
    return "vercel:" + project;
  }

  @Override
  public dev.runway.pipeline.Deployment deploy(StepContext context) {
    ProjectState before = client.project(project);
    Optional<String> previous = before.productionDeploymentId();
    context.log(previous.map(id -> "production before this deploy: " + id)
        .orElse("nothing serves production yet: this first deploy cannot be rolled back"));
    DeploymentRequest.Builder request = DeploymentRequest.builder(before.name()).production().meta("runwayRun", context.runId());
    if (gitRepoId != null) {
      request.gitSource(gitRepoId, context.branch()).sha(context.variable("GITHUB_SHA").orElse(null));
    } else if (previous.isPresent()) {
      request.redeploy(previous.get());
      context.log("no git source given: rebuilding production's source (" + previous.get() + ") with the current variables");
    } else {
      throw new RunwayException.DeployFailed(name() + ": no git source and no production deployment to rebuild;"
          + " use Vercel.deployTarget(client, \"" + project + "\", gitRepoId) to deploy a branch", Origin.of(name()), "no_source");
    }
    stopIfInterrupted("before creating a deployment");
    Deployment created = client.createDeployment(request.build());
    context.log("deployment " + created.id() + " (" + created.url() + ") created; waiting until it is READY");
    DeployOutcome outcome = client.await(created, WAIT);
    Deployment ready = outcome.deployment();
    if (!outcome.live()) {
      // Vercel's trap: after an instant rollback, production auto-assignment stays paused, so this
      // deployment is READY but staged. The pipeline means to ship it: promote it (which resumes
      // auto-assignment) and say so.
      for (Problem p : outcome.problems().all()) context.log("warning: " + p.subject() + ": " + p.message());
      stopIfInterrupted("before promoting " + ready.id());
      AliasChange change = client.promote(before.id(), ready.id());
      context.log("promoted " + ready.id() + " to production" + (change.autoAssignPaused() ? "" : "; auto-assignment resumed"));
      change.warnings().forEach(w -> context.log("warning: " + w));
    }
    awaitProduction(before.id(), ready.id(), context);
    context.log("deployment " + ready.id() + " is READY and serves production");
    dev.runway.pipeline.Deployment out = dev.runway.pipeline.Deployment.of(ready.id())
        .link(URI.create("https://vercel.com/deployments/" + ready.url()));
    return previous.map(out::previous).orElse(out);
  }

  @Override
  public void rollback(dev.runway.pipeline.Deployment deployment, StepContext context) {
    String to = deployment.previousVersion().orElseThrow(() -> new RunwayException.DeployFailed(name() + ": deployment "
        + deployment.version() + ": nothing served production before it; promote an older deployment in the dashboard",
        Origin.of(name()), "no_previous_deployment"));
    String projectId = client.project(project).id();
    stopIfInterrupted("before rolling back");
    AliasChange change = client.rollback(projectId, to);
    context.log("instant rollback of production from " + change.fromDeploymentId() + " to " + to);
    awaitProduction(projectId, to, context);
    context.log("production serves " + to + " again");
    change.warnings().forEach(w -> context.log("warning: " + w));
    if (change.autoAssignPaused()) {
      context.log("warning: " + name() + ": until a deployment is promoted, pushes to the production branch build but do"
          + " not go live; the next pipeline deploy of " + name() + " promotes its deployment");
    }
  }

  /** Polls the project until production serves {@code deploymentId}: the alias switch may lag. */
  private void awaitProduction(String projectId, String deploymentId, StepContext context) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    long pause = 100;
    while (true) {
      ProjectState now = client.project(projectId);
      if (now.productionDeploymentId().filter(deploymentId::equals).isPresent()) return;
      if (System.nanoTime() - deadline > 0) {
        throw new RunwayException.Timeout(name() + ": production still serves " + now.productionDeploymentId().orElse("nothing")
            + " after " + WAIT.toMinutes() + " min, expected " + deploymentId + "; check the project's Deployments page",
            Origin.of(name()), WAIT);
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RunwayException(name() + ": interrupted while waiting for production to serve " + deploymentId
            + "; check the project's Deployments page");
      }
      pause = Math.min(pause * 2, 5_000);
    }
  }

  private void stopIfInterrupted(String when) {
    if (Thread.currentThread().isInterrupted()) throw new RunwayException(name() + ": interrupted " + when + "; nothing was started");
  }

  @Override
  public String toString() {
    return "VercelDeployTarget[" + name() + "]";
  }
}

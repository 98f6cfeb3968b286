package dev.runway.render;

import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import dev.runway.pipeline.DeployTarget;
import dev.runway.pipeline.Deployment;
import dev.runway.pipeline.StepContext;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Render web service as a pipeline {@link DeployTarget}; made by {@link Render#deployTarget}.
 * Deploys the latest commit and returns once it is live; rolls back with Render's rollback (a new
 * deploy of the earlier deploy's build) and returns once that is live. Waits end when the step's
 * timeout interrupts them: the engine owns the time budget. The API key stays inside the client.
 */
final class RenderDeployTarget implements DeployTarget {
  /** Longer than any sensible step timeout: the step's timeout, which interrupts the wait, decides. */
  static final Duration WAIT = Duration.ofHours(2);
  private static final int RECENT = 100;   // Render's page size: the live deploy is among them unless 100 failed since

  private final RenderClient client;
  private final String service;
  private final AtomicReference<String> resolvedId = new AtomicReference<>();

  RenderDeployTarget(RenderClient client, String service) {
    this.client = Objects.requireNonNull(client, "client");
    Objects.requireNonNull(service, "serviceId");
    if (service.isBlank()) {
      throw new IllegalArgumentException("render: deploy target: the service is blank; pass its id (srv-...) or its name");
    }
    this.service = service;
    if (service.startsWith("srv-")) resolvedId.set(service);
  }

  @Override
  public String name() {
    return "render:" + service;
  }

  @Override
  public Deployment deploy(StepContext context) {
    String id = serviceId();
    Optional<Deploy> before = client.deploys(id, RECENT).stream()
        .filter(d -> d.phase() == DeployStatus.Phase.LIVE).findFirst();
    context.log(before.map(d -> "live before this deploy: " + d.id())
        .orElse("no live deploy yet: this first deploy cannot be rolled back"));
    stopIfInterrupted("before triggering a deploy");
    Deploy started = client.triggerDeploy(id);
    context.log("deploy " + started.id() + " started; waiting until it is live (" + started.dashboardUrl() + ")");
    Deploy live = client.awaitDeploy(id, started.id(), WAIT);
    context.log("deploy " + live.id() + " is live");
    Deployment out = Deployment.of(live.id()).link(URI.create(live.dashboardUrl()));
    return before.map(d -> out.previous(d.id())).orElse(out);
  }

  @Override
  public void rollback(Deployment deployment, StepContext context) {
    String id = serviceId();
    String to = deployment.previousVersion().orElseThrow(() -> new RunwayException.DeployFailed(name() + ": deploy "
        + deployment.version() + ": no earlier deploy to roll back to (it was the first); suspend the service or deploy a fix",
        Origin.of(name()), "no_previous_deploy"));
    stopIfInterrupted("before rolling back");
    Deploy started = client.rollback(id, to);
    context.log("rolling back to " + to + " with deploy " + started.id() + "; waiting until it is live");
    Deploy live = client.awaitDeploy(id, started.id(), WAIT);
    context.log("rollback deploy " + live.id() + " (the build of " + to + ") is live");
  }

  /** The service id: given, or looked up once by name. */
  private String serviceId() {
    String id = resolvedId.get();
    if (id != null) return id;
    List<RenderService> named = client.servicesNamed(service);
    if (named.isEmpty()) {
      throw new RunwayException.UnknownName(name() + ": no service named '" + service
          + "' for this API key; check the name in the dashboard, or pass the service id (srv-...)");
    }
    if (named.size() > 1) {
      throw new RunwayException.UnknownName(name() + ": " + named.size() + " services are named '" + service + "' ("
          + String.join(", ", named.stream().map(RenderService::id).toList()) + "); pass the id of the one to deploy");
    }
    resolvedId.compareAndSet(null, named.get(0).id());
    return resolvedId.get();
  }

  private void stopIfInterrupted(String when) {
    if (Thread.currentThread().isInterrupted()) {
      throw new RunwayException(name() + ": interrupted " + when + "; nothing was started");
    }
  }

  @Override
  public String toString() {
    return "RenderDeployTarget[" + name() + "]";
  }
}

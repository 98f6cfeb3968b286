package dev.runway.examples.jbang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.junit.RunwayExtension;
import dev.runway.vercel.DeployOutcome;
import dev.runway.vercel.DeploymentRequest;
import dev.runway.vercel.VercelSandbox;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A user's test against Vercel, offline: a sandbox built by a lambda (docs/testing.md). */
class VercelSandboxExampleTest {
  @RegisterExtension
  static final RunwayExtension.Resource<VercelSandbox> vercel = RunwayExtension.start(VercelSandbox::start);

  @Test
  void aProductionDeploymentServesTheProductionDomain() {
    vercel.get().createProject("acme-web");

    DeployOutcome outcome = vercel.get().client().deployAndWait(
        DeploymentRequest.builder("acme-web").production().gitSource("1", "main").build(), Duration.ofSeconds(30));

    assertThat(outcome.live()).isTrue();
    assertThat(vercel.get().productionDeployment("acme-web")).contains(outcome.deployment().id());
  }
}

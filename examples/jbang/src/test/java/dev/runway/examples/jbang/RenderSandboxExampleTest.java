package dev.runway.examples.jbang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.junit.Sandbox;
import dev.runway.render.Deploy;
import dev.runway.render.DeployStatus;
import dev.runway.render.RenderClient;
import dev.runway.render.RenderSandbox;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A user's test against Render, offline: a @Sandbox field (docs/testing.md). */
class RenderSandboxExampleTest {
  @Sandbox static RenderSandbox render;   // RenderSandbox.start() before the first test, close() after the last

  @Test
  void aDeployGoesLive(RenderSandbox sandbox) {
    String api = sandbox.addService("acme-api");
    RenderClient client = RenderClient.builder().apiKey(sandbox.apiKey()).baseUrl(sandbox.baseUrl())
        .pollInterval(Duration.ofMillis(20)).build();

    Deploy live = client.deployAndWait(api, Duration.ofSeconds(30));

    assertThat(live.status()).contains(DeployStatus.LIVE);
    assertThat(sandbox).isSameAs(render);
  }

  @Test
  void aFailingBuildIsReported() {
    String api = render.addService("acme-worker");
    render.failNextDeploy(api, DeployStatus.BUILD_FAILED);
    RenderClient client = RenderClient.builder().apiKey(render.apiKey()).baseUrl(render.baseUrl())
        .pollInterval(Duration.ofMillis(20)).build();

    Deploy started = client.triggerDeploy(api);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.awaitDeploy(api, started.id(), Duration.ofSeconds(30)))
        .isInstanceOf(dev.runway.base.RunwayException.DeployFailed.class).hasMessageContaining("build_failed");
  }
}

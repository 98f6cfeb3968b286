package dev.runway.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.base.RunwayException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RenderSandboxTest {

  @Test
  void rateLimitsWithRendersHeaders() {
    try (RenderSandbox sandbox = RenderSandbox.builder().rateLimit(2, Duration.ofMinutes(1)).start()) {
      String api = sandbox.addService("acme-api");
      RenderClient client = RenderClient.builder().apiKey(sandbox.apiKey()).baseUrl(sandbox.baseUrl())
          .maxRateLimitWait(Duration.ofSeconds(1)).build();
      client.service(api);
      assertThat(client.lastRateLimit()).hasValueSatisfying(r -> {
        assertThat(r.limit()).isEqualTo(2);
        assertThat(r.remaining()).isEqualTo(1);
      });
      client.service(api);
      assertThatThrownBy(() -> client.service(api))
          .isInstanceOfSatisfying(RunwayException.PlatformRejected.class, e -> assertThat(e.status()).isEqualTo(429));
    }
  }

  @Test
  void rejectsAWrongKeyAndDeploysThroughTheHook() {
    try (RenderSandbox sandbox = RenderSandbox.builder().buildTime(Duration.ofMillis(20)).updateTime(Duration.ofMillis(20)).start()) {
      String api = sandbox.addService("acme-api");
      RenderClient wrong = RenderClient.builder().apiKey("rnd_wrong").baseUrl(sandbox.baseUrl()).build();
      assertThatThrownBy(() -> wrong.service(api))
          .isInstanceOfSatisfying(RunwayException.PlatformRejected.class, e -> assertThat(e.status()).isEqualTo(401));
      wrong.triggerDeployHook(sandbox.deployHookUrl(api));   // the hook's own key authorises it
      assertThat(sandbox.deploys(api).get(0).trigger()).contains("deploy_hook");
      assertThat(sandbox.deploys(api)).hasSize(2);
    }
  }

  @Test
  void injectedServerErrorsAreRetriedByTheClient() {
    try (RenderSandbox sandbox = RenderSandbox.start()) {
      String api = sandbox.addService("acme-api");
      sandbox.failNextRequests(2, 503);
      RenderClient client = RenderClient.builder().apiKey(sandbox.apiKey()).baseUrl(sandbox.baseUrl())
          .retryBackoff(Duration.ofMillis(5)).build();
      assertThat(client.service(api).name()).isEqualTo("acme-api");
      assertThat(sandbox.requestCount()).isEqualTo(3);
    }
  }
}

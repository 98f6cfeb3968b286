package dev.runway.examples.acmeservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import dev.runway.env.Env;
import dev.runway.env.EnvSources;
import dev.runway.health.Health;
import dev.runway.health.HealthRegistry;
import dev.runway.health.Probes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AcmeServiceTest {
  private static final String TOKEN = "acme-health-token-0123456789";
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private static Env env(Map<String, String> values) {
    return AcmeService.SCHEMA.load(EnvSources.of(EnvSources.map(values, Origin.processEnv(), false)));
  }

  private static HttpResponse<String> get(String url, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
    if (headers.length > 0) b.headers(headers);
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void answersLivenessAndDeepWithTheThreeChecks() throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    try (AcmeService service = AcmeService.start(env(Map.of("PORT", String.valueOf(port), "HEALTH_TOKEN", TOKEN)))) {
      String base = "http://127.0.0.1:" + service.port() + "/api/health";
      HttpResponse<String> live = get(base);
      assertThat(live.statusCode()).isEqualTo(200);
      assertThat(live.body()).isEqualTo("{\"status\":\"pass\"}");
      HttpResponse<String> deep = get(base + "/deep", "Authorization", "Bearer " + TOKEN);
      assertThat(deep.statusCode()).isEqualTo(200);
      assertThat(deep.body()).contains("\"config:responseTime\"", "\"memory:utilization\"", "\"clock:drift\"")
          .doesNotContain(TOKEN);
    }
  }

  @Test
  void refusesToStartWithAnInvalidPort() {
    assertThatThrownBy(() -> env(Map.of("PORT", "0")))
        .isInstanceOf(RunwayException.ValidationFailed.class)
        .hasMessage("error   OUT_OF_RANGE process env: PORT: is outside 1-65535: '0' (expected a port number from 1"
            + " to 65535); set PORT to a port number from 1 to 65535");
  }

  @Test
  void theHandlerMountsInAnExistingJdkServer() throws Exception {
    try (HealthRegistry registry = Health.registry().liveness("process", Probes.up()).build()) {
      HttpServer server = OwnServerExample.start(0, registry);
      try {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        assertThat(get(base + "/").body()).isEqualTo("hello from acme\n");
        assertThat(get(base + "/api/health").body()).isEqualTo("{\"status\":\"pass\"}");
        assertThat(get(base + "/api/health/nope").statusCode()).isEqualTo(404);
      } finally {
        server.stop(0);
      }
    }
  }
}

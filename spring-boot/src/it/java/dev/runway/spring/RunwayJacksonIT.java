package dev.runway.spring;

import static dev.runway.spring.TestApps.get;
import static dev.runway.spring.TestApps.start;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.runway.env.Env;
import dev.runway.spring.internal.EnvironmentCheck;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The parts of Runway that read JSON, under the framework's own dependency management: an HTTP probe
 * with a JSON condition and a JSON variable.
 */
class RunwayJacksonIT {
  private ConfigurableApplicationContext app;
  private HttpServer server;

  @AfterEach
  void stop() {
    if (app != null) app.close();
    if (server != null) server.stop(0);
  }

  @Test
  void checksAJsonConditionOfAnHttpProbe() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/status", exchange -> {
      byte[] body = "{\"status\":\"ok\",\"version\":3}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    TestApps.statusUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/status";
    app = start(TestApps.HttpProbed.class);

    TestApps.Answer health = get(app, "/actuator/health");

    assertThat(health.component("runwayDeep", "status-api")).containsEntry("status", "UP");
    @SuppressWarnings("unchecked")
    Map<String, Object> details = (Map<String, Object>) health.component("runwayDeep", "status-api").get("details");
    assertThat(details).containsEntry("status", "pass").doesNotContainKey("message");
    assertThat(health.status()).isEqualTo(200);
  }

  @Test
  void readsAJsonVariable() {
    app = start(TestApps.JsonSchema.class, "FEATURES={\"beta\":true,\"limit\":5}");

    Env env = app.getBean(EnvironmentCheck.class).validation().orElseThrow().orThrow();

    assertThat(env.get(TestApps.JsonSchema.FEATURES)).isEqualTo(Map.of("beta", true, "limit", 5));
  }
}

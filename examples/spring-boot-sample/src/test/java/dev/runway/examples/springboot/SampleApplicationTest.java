package dev.runway.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Starts the sample on a random loopback port, its upstream a loopback server, and reads /actuator/health. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class SampleApplicationTest {
  private static final HttpServer UPSTREAM = upstream();

  @LocalServerPort
  int port;

  private static HttpServer upstream() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", exchange -> {
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
      });
      server.start();
      return server;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void upstreamUrl(DynamicPropertyRegistry registry) {
    registry.add("UPSTREAM_URL", () -> "http://127.0.0.1:" + UPSTREAM.getAddress().getPort() + "/");
  }

  @AfterAll
  static void stopUpstream() {
    UPSTREAM.stop(0);
  }

  @Test
  @SuppressWarnings("unchecked")
  void showsItsRunwayProbesInActuatorHealth() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
        HttpResponse.BodyHandlers.ofString());

    Map<String, Object> json = JsonParserFactory.getJsonParser().parseMap(r.body());
    Map<String, Object> components = (Map<String, Object>) json.get("components");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json).containsEntry("status", "UP");
    assertThat((Map<String, Object>) ((Map<String, Object>) components.get("runwayLiveness")).get("components"))
        .containsOnlyKeys("process", "heap");
    Map<String, Object> upstream = (Map<String, Object>)
        ((Map<String, Object>) ((Map<String, Object>) components.get("runwayDeep")).get("components")).get("upstream");
    assertThat(upstream).containsEntry("status", "UP");
    assertThat((Map<String, Object>) upstream.get("details")).containsEntry("status", "pass").containsEntry("kind", "http");
  }
}

package dev.runway.examples.jbang;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** health-server.java, started through JBang and called over HTTP. */
class HealthServerIT {

  @Test
  void servesLivenessAndADeepCheckThatFollowsItsDependency() throws Exception {
    HttpServer dependency = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    dependency.createContext("/up", exchange -> { exchange.sendResponseHeaders(204, -1); exchange.close(); });
    dependency.createContext("/down", exchange -> { exchange.sendResponseHeaders(503, -1); exchange.close(); });
    dependency.start();
    String base = "http://127.0.0.1:" + dependency.getAddress().getPort();
    String token = "health-details-token-0123456789";
    try (JBang.Started script = JBang.start(JBang.ACME, Map.of("HEALTH_TOKEN", token), "health-server.java",
        "--port", "0", "--check", "db=" + base + "/up")) {
      String line = script.awaitLine(l -> l.startsWith("health-server: listening on "), Duration.ofSeconds(60));
      String health = line.substring("health-server: listening on ".length(), line.indexOf(" and "));
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

      HttpResponse<String> live = http.send(HttpRequest.newBuilder(URI.create(health)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> deep = http.send(HttpRequest.newBuilder(URI.create(health + "/deep"))
          .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
      assertThat(deep.statusCode()).as(deep.body()).isEqualTo(200);
      assertThat(deep.body()).contains("db");
      int exit = script.stop();
      String output = script.drain();
      assertThat(exit).as(output).isEqualTo(143);
      assertThat(output).contains("health-server: stopped").doesNotContain(token);
    } finally {
      dependency.stop(0);
    }

    try (JBang.Started script = JBang.start(JBang.ACME, Map.of(), "health-server.java",
        "--port", "0", "--check", "db=" + base + "/down")) {
      String line = script.awaitLine(l -> l.startsWith("health-server: listening on "), Duration.ofSeconds(60));
      String health = line.substring("health-server: listening on ".length(), line.indexOf(" and "));
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

      // the dependency server is stopped: the deep check fails, liveness does not
      HttpResponse<String> live = http.send(HttpRequest.newBuilder(URI.create(health)).build(), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> deep = http.send(HttpRequest.newBuilder(URI.create(health + "/deep")).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(live.statusCode()).isEqualTo(200);
      assertThat(deep.statusCode()).as(deep.body()).isEqualTo(503);
    }
  }
}

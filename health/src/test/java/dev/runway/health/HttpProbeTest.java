package dev.runway.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpProbeTest {
  private static final String SECRET = "sk-test-0123456789abcdefSECRET";

  private static HealthReport.Entry run(Probe probe) {
    try (HealthRegistry registry = Health.registry().deep("dep", probe).build()) {
      return registry.check(Group.DEEP).entry("dep").orElseThrow();
    }
  }

  @Test
  void passesOnTheExpectedStatusAndSendsTheBearerToken() throws Exception {
    try (FaultServer dep = FaultServer.answering(200, "application/json", "{\"status\":\"ok\"}")) {
      HealthReport.Entry e = run(HttpProbe.get(dep.url("/status?x=1")).bearer(SECRET).expectStatus(200)
          .expectJson("/status", "ok").expectHeader("Content-Type", "application/json").build());
      assertThat(e.status()).isEqualTo(Status.PASS);
      assertThat(e.details()).containsEntry("httpStatus", 200);
      assertThat(dep.requests.get(0)).startsWith("GET /status?x=1 HTTP/1.1").contains("Authorization: Bearer " + SECRET);
    }
  }

  @Test
  void failsOnAnotherStatusAndSaysWhich() throws Exception {
    try (FaultServer dep = FaultServer.answering(401, "application/json", "{}")) {
      HealthReport.Entry e = run(HttpProbe.get(dep.url("/v1/models")).bearer(SECRET).expectStatus(200).build());
      assertThat(e.status()).isEqualTo(Status.FAIL);
      assertThat(e.message()).isEqualTo("status 401 (expected 200)");
      assertThat(e.target()).isEqualTo("GET http://127.0.0.1:" + URI.create(dep.url("/")).getPort() + "/v1/models");
    }
  }

  @Test
  void failsWhenAJsonValueDiffers() throws Exception {
    try (FaultServer dep = FaultServer.answering(200, "application/json", "{\"db\":{\"status\":\"down\"}}")) {
      HealthReport.Entry e = run(HttpProbe.get(dep.url("/")).expectJson("/db/status", "up").build());
      assertThat(e.message()).isEqualTo("JSON /db/status was 'down' (expected 'up')");
    }
  }

  @Test
  void garbageInsteadOfJsonFailsAndSaysSo() throws Exception {
    try (FaultServer dep = FaultServer.answering(200, "application/json", "\u0000\u0001<html>garbage")) {
      HealthReport.Entry e = run(HttpProbe.get(dep.url("/")).expectJson("/status", "ok").build());
      assertThat(e.status()).isEqualTo(Status.FAIL);
      assertThat(e.message()).isEqualTo("body is not JSON (15 chars)");
    }
  }

  @Test
  void readsAtMostOneMebibyteOfABody() throws Exception {
    // 3 MiB of JSON-looking text: the probe keeps the first MiB, so the JSON is cut off and the
    // condition fails on a 1 MiB text instead of buffering everything the dependency sends.
    String huge = "{\"pad\":\"" + "x".repeat(3 << 20) + "\",\"status\":\"ok\"}";
    try (FaultServer dep = FaultServer.answering(200, "application/json", huge)) {
      HealthReport.Entry e = run(HttpProbe.get(dep.url("/")).expectJson("/status", "ok").build());
      assertThat(e.status()).isEqualTo(Status.FAIL);
      assertThat(e.message()).isEqualTo("body is not JSON (" + (1 << 20) + " chars)");
    }
  }

  @Test
  void garbageInsteadOfHttpFails() throws Exception {
    try (FaultServer dep = FaultServer.raw("SSH-2.0-OpenSSH_9.2\r\n\u0000\u0000\r\n\r\n")) {
      HealthReport.Entry e = run(HttpProbe.get(dep.url("/")).build());
      assertThat(e.status()).isEqualTo(Status.FAIL);
      assertThat(e.message()).isNotEmpty();
    }
  }

  @Test
  void aResetConnectionFails() throws Exception {
    try (FaultServer dep = FaultServer.resetting()) {
      HealthReport.Entry e = run(HttpProbe.get(dep.url("/")).build());
      assertThat(e.status()).isEqualTo(Status.FAIL);
      assertThat(e.message()).containsAnyOf("IOException", "EOF", "reset", "closed");
    }
  }

  @Test
  void aHangingDependencyFailsWithTheTimeout() throws Exception {
    try (FaultServer dep = FaultServer.hanging()) {
      HealthReport.Entry e = run(HttpProbe.get(dep.url("/")).build().timeout(Duration.ofMillis(200)));
      assertThat(e.status()).isEqualTo(Status.FAIL);
      assertThat(e.message()).isIn("no answer within 200 ms", "timed out after 200 ms");
    }
  }

  @Test
  void aSlowAnswerFailsTheResponseTimeCondition() throws Exception {
    try (FaultServer dep = FaultServer.answering(200, "text/plain", "ok")) {
      HealthReport.Entry e = run(HttpProbe.get(dep.url("/")).maxResponseTime(Duration.ofMillis(0)).build());
      assertThat(e.message()).startsWith("answered in ").endsWith(" ms (expected at most 0 ms)");
    }
  }

  @Test
  void certificateDaysNeedHttps() throws Exception {
    try (FaultServer dep = FaultServer.answering(200, "text/plain", "ok")) {
      HealthReport.Entry e = run(HttpProbe.get(dep.url("/")).minCertificateDays(14).build());
      assertThat(e.message()).isEqualTo("no TLS session (certificate days need https)");
    }
  }

  @Test
  void theOpenAiPresetListsModelsWithTheKeyAsBearer() throws Exception {
    try (FaultServer dep = FaultServer.answering(200, "application/json", "{\"data\":[]}")) {
      HealthReport.Entry e = run(Probes.openAi(SECRET, URI.create(dep.url(""))));
      assertThat(e.status()).isEqualTo(Status.PASS);
      assertThat(dep.requests.get(0)).startsWith("GET /v1/models HTTP/1.1").contains("Authorization: Bearer " + SECRET);
    }
  }

  @Test
  void theAnthropicPresetSendsItsKeyAndVersionHeaders() throws Exception {
    try (FaultServer dep = FaultServer.answering(200, "application/json", "{\"data\":[]}")) {
      HealthReport.Entry e = run(Probes.anthropic(SECRET, URI.create(dep.url("/"))));
      assertThat(e.status()).isEqualTo(Status.PASS);
      assertThat(dep.requests.get(0)).startsWith("GET /v1/models HTTP/1.1")
          .containsIgnoringCase("x-api-key: " + SECRET).containsIgnoringCase("anthropic-version: 2023-06-01");
    }
  }

  @Test
  void theLlamaCloudPresetListsProjects() throws Exception {
    try (FaultServer dep = FaultServer.answering(401, "application/json", "{\"detail\":\"Invalid API key\"}")) {
      HealthReport.Entry e = run(Probes.llamaCloud(SECRET, URI.create(dep.url(""))));
      assertThat(e.message()).isEqualTo("status 401 (expected 200)");
      assertThat(dep.requests.get(0)).startsWith("GET /api/v1/projects HTTP/1.1").contains("Bearer " + SECRET);
    }
  }

  @Test
  void theKeyNeverAppearsInTargetsMessagesOrJson() throws Exception {
    try (FaultServer dep = FaultServer.answering(500, "text/plain", "nope")) {
      Probe probe = Probes.openAi(SECRET, URI.create(dep.url("")));
      try (HealthRegistry registry = Health.registry().deep("openai", probe).build()) {
        HealthReport report = registry.check(Group.DEEP);
        for (HealthReport.Format f : HealthReport.Format.values()) {
          assertThat(report.toJson(f, true)).doesNotContain(SECRET).doesNotContain("0123456789abcdef");
        }
        assertThat(probe.toString()).doesNotContain(SECRET);
        assertThat(report.toString()).doesNotContain(SECRET);
      }
    }
  }

  @Test
  void rejectsAUrlThatIsNotHttp() {
    assertThatThrownBy(() -> HttpProbe.get("ftp://files.example.com/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("health: http probe: 'ftp://files.example.com:80/x' is not an http(s) URL; write it as https://host/path");
  }

  @Test
  void sendsAPostBodyWithItsTypeAndDoesNotFollowARedirect() throws Exception {
    try (FaultServer dep = FaultServer.raw(
        "HTTP/1.1 302 Found\r\nLocation: /elsewhere\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")) {
      HealthReport.Entry e = run(HttpProbe.request("post", dep.url("/q")).body("application/json", "{\"q\":1}").build());
      assertThat(e.message()).isEqualTo("status 302 (expected 2xx)");
      assertThat(dep.requests).hasSize(1);
      assertThat(dep.requests.get(0)).startsWith("POST /q HTTP/1.1").contains("User-Agent: runway-probe")
          .containsIgnoringCase("Content-Type: application/json; charset=utf-8").containsIgnoringCase("Content-Length: 7");
    }
  }

  @Test
  void rejectsAMethodTheJdkCannotSendWhenBuilt() {
    assertThatThrownBy(() -> HttpProbe.request("PATCH", "http://127.0.0.1:1/x").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("health: http probe: method PATCH is not supported; use GET, HEAD, POST, PUT, DELETE, OPTIONS or TRACE");
  }

  @Test
  void rejectsAHeaderValueWithALineBreakWithoutShowingIt() {
    assertThatThrownBy(() -> HttpProbe.get("http://127.0.0.1:1/x").bearer(SECRET + "\r\nX-Evil: 1").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("health: http probe: header Authorization: its value has a control character (a line break?); remove it");
  }

  @Test
  void aDependencyThatDripsItsAnswerIsCutOffAtTheDeadline() throws Exception {
    try (java.net.ServerSocket server = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
      Thread drip = new Thread(() -> {
        try (java.net.Socket s = server.accept()) {
          s.getInputStream().read(new byte[4096]);
          java.io.OutputStream out = s.getOutputStream();
          out.write("HTTP/1.1 200 OK\r\nX-Slow: ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
          for (int i = 0; i < 100; i++) { // a header byte every 50 ms: every read succeeds, the answer never ends
            out.write('a');
            out.flush();
            Thread.sleep(50);
          }
        } catch (Exception e) {
          // the probe hung up: expected
        }
      }, "drip");
      drip.setDaemon(true);
      drip.start();
      Probe probe = HttpProbe.get("http://127.0.0.1:" + server.getLocalPort() + "/").build();
      long t0 = System.nanoTime();
      Result r = probe.runCheck(Duration.ofMillis(300));
      long tookMs = (System.nanoTime() - t0) / 1_000_000;
      assertThat(r.message()).isEqualTo("no answer within 300 ms");
      assertThat(tookMs).isLessThan(1500);
    }
  }

  @Test
  void reusesAKeptAliveConnection() throws Exception {
    java.util.Set<Integer> clientPorts = java.util.concurrent.ConcurrentHashMap.newKeySet();
    com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 10);
    server.createContext("/", x -> {
      clientPorts.add(x.getRemoteAddress().getPort());
      byte[] b = "{\"status\":\"ok\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      x.sendResponseHeaders(200, b.length);
      x.getResponseBody().write(b);
      x.close();
    });
    server.start();
    try {
      Probe probe = HttpProbe.get("http://127.0.0.1:" + server.getAddress().getPort() + "/").expectJson("/status", "ok").build();
      for (int i = 0; i < 3; i++) {
        assertThat(probe.runCheck(Duration.ofSeconds(2)).status()).isEqualTo(Status.PASS);
      }
      assertThat(clientPorts).hasSize(1);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void tcpProbeConnectsOrFails() throws Exception {
    try (FaultServer dep = FaultServer.answering(200, "text/plain", "ok")) {
      int port = URI.create(dep.url("/")).getPort();
      assertThat(run(Probes.tcp("127.0.0.1", port)).status()).isEqualTo(Status.PASS);
    }
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      int closedPort = s.getLocalPort();
      s.close();
      HealthReport.Entry e = run(Probes.tcp("127.0.0.1", closedPort));
      assertThat(e.status()).isEqualTo(Status.FAIL);
      assertThat(e.message()).startsWith("ConnectException");
    }
  }

  @Test
  void takesTheTokenFromAnEnvSecret() throws Exception {
    try (FaultServer dep = FaultServer.answering(200, "text/plain", "ok")) {
      Probe probe = HttpProbe.get(dep.url("/")).bearer(dev.runway.base.Secret.of(SECRET))
          .apiKey("x-api-key", dev.runway.base.Secret.of(SECRET + "2")).build();
      assertThat(run(probe).status()).isEqualTo(Status.PASS);
      assertThat(dep.requests.get(0)).contains("Authorization: Bearer " + SECRET).containsIgnoringCase("x-api-key: " + SECRET + "2");
      assertThat(probe.toString()).doesNotContain(SECRET);
    }
  }
}

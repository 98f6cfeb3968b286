package dev.runway.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthServerTest {
  private static final String TOKEN = "details-token-0123456789abcdef";
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final CountDownLatch release = new CountDownLatch(1);
  private HealthRegistry registry;
  private HealthServer server;

  @BeforeEach
  void start() {
    registry = Health.registry()
        .liveness("process", Probes.up())
        .readiness("config", Probes.custom(() -> Result.pass()))
        .deep("db", Probes.custom(() -> Result.fail("password authentication failed for user acme")))
        .deep("cache", Probes.up().nonCritical())
        .build();
    server = HealthServer.start(registry,
        Health.options().port(0).bindAddress("127.0.0.1").workers(2).detailsToken(TOKEN)
            .slowClientTimeout(Duration.ofSeconds(2)).build());
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.close();
    registry.close();
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(Duration.ofSeconds(20));
    if (headers.length > 0) b.headers(headers);
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** One raw HTTP/1.1 exchange; returns everything the server sent until it closed. */
  private String raw(String request) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
      s.setSoTimeout(20_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  /** Sends a raw request and returns the status line of the answer (or "" when the server hung up). */
  private String statusLine(String request) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
      s.setSoTimeout(20_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      InputStream in = s.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c >= 0 && c != '\r'; c = in.read()) line.append((char) c);
      return line.toString();
    }
  }

  @Test
  void livenessPassesAsHealthJson() throws Exception {
    HttpResponse<String> r = get("/api/health");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/health+json");
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("max-age=1");
    assertThat(r.body()).isEqualTo("{\"status\":\"pass\"}");
  }

  @Test
  void deepWithoutTheTokenShowsOnlyTheStatus() throws Exception {
    HttpResponse<String> r = get("/api/health/deep");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).isEqualTo("{\"status\":\"fail\"}");
    HttpResponse<String> wrong = get("/api/health/deep", "Authorization", "Bearer " + TOKEN + "x");
    assertThat(wrong.body()).isEqualTo("{\"status\":\"fail\"}");
    HttpResponse<String> mp = get("/api/health/deep?format=microprofile");
    assertThat(mp.body()).isEqualTo("{\"status\":\"DOWN\",\"checks\":[]}");
  }

  @Test
  void deepWithTheTokenSaysWhichProbeFailedAndWhy() throws Exception {
    HttpResponse<String> r = get("/api/health/deep", "Authorization", "Bearer " + TOKEN);
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).contains("\"db:responseTime\"").contains("password authentication failed for user acme");
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("private, max-age=1");
  }

  @Test
  void readinessRunsLivenessAndReadinessProbes() throws Exception {
    HttpResponse<String> r = get("/api/health/ready?format=actuator", "Authorization", "Bearer " + TOKEN);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"process\"").contains("\"config\"").doesNotContain("\"db\"");
  }

  @Test
  void otherPathsAre404AndOtherMethods405() throws Exception {
    assertThat(get("/api/healthz").statusCode()).isEqualTo(404);
    assertThat(get("/").statusCode()).isEqualTo(404);
    HttpResponse<String> post = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
        + "/api/health")).POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    assertThat(get("/api/health?format=xml").statusCode()).isEqualTo(400);
  }

  @Test
  void oversizedRequestsAreRefused() throws Exception {
    assertThat(get("/api/health?pad=" + "a".repeat(9000)).statusCode()).isEqualTo(414);
    assertThat(statusLine("GET /api/health HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n"))
        .isEqualTo("HTTP/1.1 413 Request Entity Too Large");
  }

  @Test
  void malformedRequestsAreRefusedAndTheServerKeepsAnswering() throws Exception {
    assertThat(statusLine("GARBAGE\r\n\r\n")).startsWith("HTTP/1.1 400");
    statusLine("\u0000\u0001\u0002\u0003\r\n\r\n");
    StringBuilder many = new StringBuilder("GET /api/health HTTP/1.1\r\n");
    for (int i = 0; i < 500; i++) many.append("X-Pad-").append(i).append(": y\r\n");
    // more headers than sun.net.httpserver.maxReqHeaders (set to 100 by start): refused, not served
    assertThat(statusLine(many.append("\r\n").toString())).doesNotStartWith("HTTP/1.1 200");
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.getOutputStream().write("GET /api/he".getBytes(StandardCharsets.US_ASCII)); // and hang up mid-request
    }
    assertThat(get("/api/health").statusCode()).isEqualTo(200);
  }

  @Test
  void slowClientsDoNotStopOthersFromBeingAnswered() throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 6; i++) { // more than the 2 workers
        Socket s = new Socket("127.0.0.1", server.port());
        s.getOutputStream().write("GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        slow.add(s);
      }
      assertThat(get("/api/health").statusCode()).isEqualTo(200);
    } finally {
      for (Socket s : slow) s.close();
    }
  }

  @Test
  void twoThousandConcurrentConnectionsAreAllAnswered() throws Exception {
    List<Socket> sockets = new ArrayList<>();
    byte[] request = "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    try {
      for (int i = 0; i < 2000; i++) { // all stay open until the end
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 20_000);
        s.setSoTimeout(60_000);
        s.getOutputStream().write(request);
        s.getOutputStream().flush();
        sockets.add(s);
      }
      int ok = 0;
      for (Socket s : sockets) {
        InputStream in = s.getInputStream();
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\r'; c = in.read()) line.append((char) c);
        if (line.toString().equals("HTTP/1.1 200 OK")) ok++;
      }
      assertThat(ok).isEqualTo(2000);
      assertThat(get("/api/health").statusCode()).isEqualTo(200); // and a new client is still served
    } finally {
      for (Socket s : sockets) s.close();
    }
  }

  @Test
  void livenessKeepsAnsweringWhileDeepRequestsWaitOnAHangingDependency() throws Exception {
    server.close();
    registry.close();
    CountDownLatch entered = new CountDownLatch(1);
    registry = Health.registry()
        .liveness("process", Probes.up())
        .deep("hanging", Probes.custom(() -> {
          entered.countDown();
          release.await();
          return Result.pass();
        }).timeout(Duration.ofSeconds(30)))
        .deadline(Duration.ofSeconds(30))
        .build();
    server = HealthServer.start(registry, Health.options().port(0).bindAddress("127.0.0.1").workers(2).build());
    List<Socket> waiting = new ArrayList<>();
    try {
      for (int i = 0; i < 10; i++) { // five times the workers, all waiting on the dependency
        Socket s = new Socket("127.0.0.1", server.port());
        s.getOutputStream().write("GET /api/health/deep HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        waiting.add(s);
      }
      assertThat(entered.await(5, TimeUnit.SECONDS)).as("the dependency is hanging").isTrue();
      for (int i = 0; i < 20; i++) assertThat(get("/api/health").statusCode()).isEqualTo(200);
    } finally {
      for (Socket s : waiting) s.close();
    }
  }

  @Test
  void closeStopsListening() throws Exception {
    int port = server.port();
    server.close();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void headAnswersWithoutABody() throws Exception {
    String r = raw("HEAD /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertThat(r).startsWith("HTTP/1.1 200").doesNotContain("{\"status\"");
  }

  @Test
  void optionsNeverPrintTheToken() {
    assertThat(Health.options().detailsToken(TOKEN).build().toString()).doesNotContain(TOKEN).contains("<redacted>");
  }
}

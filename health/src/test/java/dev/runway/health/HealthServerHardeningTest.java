package dev.runway.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.base.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server under hostile or sloppy clients, and who closes what. */
class HealthServerHardeningTest {
  private HealthRegistry registry;
  private HealthServer server;

  private void start(HealthOptions.Builder options) {
    registry = Health.registry().liveness("process", Probes.up()).build();
    server = HealthServer.start(registry, options.port(0).bindAddress("127.0.0.1").build());
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
    if (registry != null) registry.close();
  }

  private Socket connect() throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 5_000);
    s.setSoTimeout(10_000);
    return s;
  }

  /** Sends a raw request and returns the status line of the answer ("" when the server hung up first). */
  private String statusLine(String request) throws IOException {
    try (Socket s = connect()) {
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      return readLine(s.getInputStream());
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c >= 0 && c != '\r'; c = in.read()) line.append((char) c);
    return line.toString();
  }

  /** One liveness request on a fresh connection, as a platform health check makes it; returns millis. */
  private double livenessMillis() throws IOException {
    long t0 = System.nanoTime();
    String line = statusLine("GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    double ms = (System.nanoTime() - t0) / 1e6;
    assertThat(line).isEqualTo("HTTP/1.1 200 OK");
    return ms;
  }

  @Test
  void livenessAnswersFastWhileFiftyClientsTrickleTheirHeadersAByteAtATime() throws Exception {
    start(Health.options()); // 4 workers, 10 s slow-client timeout: the defaults a service runs with
    List<Socket> slow = new java.util.concurrent.CopyOnWriteArrayList<>();
    AtomicBoolean trickling = new AtomicBoolean(true);
    byte[] head = "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < 50; i++) slow.add(connect());
    Thread trickler = new Thread(() -> {
      int i = 0;
      while (trickling.get()) {
        for (int k = 0; k < slow.size(); k++) {
          try {
            OutputStream out = slow.get(k).getOutputStream();
            out.write(i < head.length ? head[i] : 'a'); // never a complete head
            out.flush();
          } catch (IOException e) {
            try { // cut off: an attacker reconnects at once, so 50 stay open
              slow.get(k).close();
              Socket again = connect();
              again.getOutputStream().write(head);
              slow.set(k, again);
            } catch (IOException ignored) {
              // try again on the next round
            }
          }
        }
        i++;
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "trickler");
    trickler.start();
    try {
      Thread.sleep(300); // every slow client has started its request
      double[] ms = new double[20];
      for (int i = 0; i < ms.length; i++) {
        ms[i] = livenessMillis();
        Thread.sleep(250);
      }
      double[] sorted = ms.clone();
      Arrays.sort(sorted);
      System.out.printf("liveness under 50 trickling clients: median %.1f ms, max %.1f ms%n",
          sorted[ms.length / 2], sorted[ms.length - 1]);
      assertThat(sorted[ms.length - 1]).as("slowest liveness answer, ms, of %s", Arrays.toString(ms)).isLessThan(1000.0);
    } finally {
      trickling.set(false);
      trickler.join();
      for (Socket s : slow) s.close();
    }
  }

  @Test
  void aRequestStillIncompleteAtTheDeadlineIsCutOffHoweverSteadilyItTrickles() throws Exception {
    start(Health.options().slowClientTimeout(Duration.ofMillis(800)));
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      byte[] head = "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
      long t0 = System.nanoTime();
      String answer = null;
      s.setSoTimeout(50);
      // One byte every 50 ms: far quicker than any per-read timeout, never a complete head.
      for (int i = 0; i < 100 && answer == null; i++) {
        try {
          out.write(i < head.length ? head[i] : 'a');
          out.flush();
        } catch (IOException e) {
          answer = "";
          break;
        }
        try {
          answer = readLine(s.getInputStream());
        } catch (java.net.SocketTimeoutException e) {
          // nothing yet
        }
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertThat(answer).isEqualTo("HTTP/1.1 408 Request Timeout");
      assertThat(ms).isBetween(700L, 2500L);
    }
  }

  @Test
  void http11WithoutAHostIs400() throws Exception {
    start(Health.options());
    assertThat(statusLine("GET /api/health HTTP/1.1\r\n\r\n")).isEqualTo("HTTP/1.1 400 Bad Request");
    assertThat(statusLine("GET /api/health HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")).isEqualTo("HTTP/1.1 400 Bad Request");
    // HTTP/1.0 predates Host: answered
    assertThat(statusLine("GET /api/health HTTP/1.0\r\n\r\n")).isEqualTo("HTTP/1.1 200 OK");
  }

  @Test
  void anUnsupportedVersionIs505AndAMalformedOne400() throws Exception {
    start(Health.options());
    assertThat(statusLine("GET /api/health HTTP/9.9\r\nHost: x\r\n\r\n")).isEqualTo("HTTP/1.1 505 HTTP Version Not Supported");
    assertThat(statusLine("GET /api/health HTTP/2.0\r\nHost: x\r\n\r\n")).isEqualTo("HTTP/1.1 505 HTTP Version Not Supported");
    assertThat(statusLine("GET /api/health HTTP/1\r\nHost: x\r\n\r\n")).isEqualTo("HTTP/1.1 400 Bad Request");
    assertThat(statusLine("GET /api/health FTP/1.1\r\nHost: x\r\n\r\n")).isEqualTo("HTTP/1.1 400 Bad Request");
    // a higher minor version of 1 is answered as 1.1 (RFC 9112 2.3)
    assertThat(statusLine("GET /api/health HTTP/1.2\r\nHost: x\r\n\r\n")).isEqualTo("HTTP/1.1 200 OK");
  }

  @Test
  void malformedHeadersAndFramingAreRefused() throws Exception {
    start(Health.options());
    assertThat(statusLine("GET /api/health HTTP/1.1\r\nHost : x\r\n\r\n")).isEqualTo("HTTP/1.1 400 Bad Request");
    assertThat(statusLine("GET /api/health HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n")).isEqualTo("HTTP/1.1 400 Bad Request");
    assertThat(statusLine("GET /api/health HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"))
        .isEqualTo("HTTP/1.1 400 Bad Request");
    assertThat(statusLine("GET /api/health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"))
        .isEqualTo("HTTP/1.1 411 Length Required");
  }

  @Test
  void keepAliveAndPipelinedRequestsAreAnsweredInOrder() throws Exception {
    start(Health.options());
    try (Socket s = connect()) {
      String two = "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\nGET /api/nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
      s.getOutputStream().write(two.getBytes(StandardCharsets.US_ASCII));
      String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(all).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\n\r\n{\"status\":\"pass\"}HTTP/1.1 404 Not Found\r\n");
    }
  }

  @Test
  void theLogAndAddressNameTheRealBind() {
    start(Health.options());
    assertThat(server.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(HealthServer.describe(new InetSocketAddress("0.0.0.0", 8080))).isEqualTo("0.0.0.0:8080 (all interfaces)");
    assertThat(HealthServer.describe(server.address())).isEqualTo("127.0.0.1:" + server.port() + " (this address only)");
    assertThat(server.toString()).isEqualTo("HealthServer{127.0.0.1:" + server.port() + "/api/health}");
  }

  @Test
  void closeClosesARegistryTheServerBuiltButNotOneItWasGiven() throws Exception {
    AtomicInteger built = new AtomicInteger();
    AtomicInteger given = new AtomicInteger();
    HealthOptions options = Health.options().port(0).bindAddress("127.0.0.1").build();
    HealthServer owning = HealthServer.start(Health.registry()
        .liveness("ticks", Probes.custom(() -> {
          built.incrementAndGet();
          return Result.pass();
        }).cacheFor(Duration.ofMillis(20))).backgroundRefresh(true), options);
    registry = Health.registry()
        .liveness("ticks", Probes.custom(() -> {
          given.incrementAndGet();
          return Result.pass();
        }).cacheFor(Duration.ofMillis(20))).backgroundRefresh(true).build();
    server = HealthServer.start(registry, options);
    Thread.sleep(100);
    owning.close();
    server.close();
    int builtAtClose = built.get();
    int givenAtClose = given.get();
    Thread.sleep(200);
    assertThat(built.get()).as("refreshes of the registry the server built, after close").isLessThanOrEqualTo(builtAtClose + 1);
    assertThat(given.get()).as("refreshes of the caller's registry, after the server closed").isGreaterThan(givenAtClose + 2);
  }

  @Test
  void probesAndOptionsTakeUrisAndSecrets() throws Exception {
    Secret key = Secret.of("sk-test-0123456789");
    try (FaultServer upstream = FaultServer.answering(200, "application/json", "{}");
        HealthRegistry r = Health.registry()
            .deep("get", HttpProbe.get(URI.create(upstream.url("/status"))).build())
            .deep("openai", Probes.openAi(key, URI.create(upstream.url(""))))
            .deep("anthropic", Probes.anthropic(key, URI.create(upstream.url("/"))))
            .deep("llama", Probes.llamaCloud(key, URI.create(upstream.url(""))))
            .build()) {
      assertThat(r.check(Group.DEEP).status()).isEqualTo(Status.PASS);
      assertThat(upstream.requests).hasSize(4);
      assertThat(upstream.requests).anySatisfy(q -> assertThat(q).startsWith("GET /status HTTP/1.1"));
      assertThat(upstream.requests).anySatisfy(q -> assertThat(q).startsWith("GET /v1/models HTTP/1.1")
          .contains("Authorization: Bearer sk-test-0123456789"));
      assertThat(upstream.requests).anySatisfy(q -> assertThat(q).startsWith("GET /v1/models HTTP/1.1")
          .contains("x-api-key: sk-test-0123456789"));
      assertThat(upstream.requests).anySatisfy(q -> assertThat(q).startsWith("GET /api/v1/projects HTTP/1.1")
          .contains("Authorization: Bearer sk-test-0123456789"));
    }
    HealthOptions options = Health.options().detailsToken(Secret.of("details-token-0123456789abcdef")).build();
    assertThat(options.detailsToken()).map(Secret::reveal).hasValue("details-token-0123456789abcdef");
    assertThat(options.detailsToken()).hasValueSatisfying(t -> assertThat(t).hasToString(Secret.MASK));
  }
}

package dev.runway.examples.jbang;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** keep-warm.java, run through JBang against a local HTTP server standing in for a sleeping service. */
class KeepWarmIT {
  private HttpServer server;
  private final AtomicInteger healthHits = new AtomicInteger();

  @BeforeEach
  void startService() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/health", exchange -> {
      healthHits.incrementAndGet();
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.createContext("/down", exchange -> {
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stopService() {
    server.stop(0);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Test
  void pingsTheUrlTheBoundedNumberOfTimes() {
    JBang.Run run = JBang.run(JBang.ACME, Map.of(), Duration.ofSeconds(60), "keep-warm.java",
        url("/api/health"), "--every", "200ms", "--runs", "3");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(healthHits).hasValue(3);
    assertThat(run.out()).startsWith("keep-warm: GET " + url("/api/health") + " every 0.2s, 3 run(s)\n")
        .contains("ping 1: pass in ", "ping 2: pass in ", "ping 3: pass in ").doesNotContain("ping 4");
  }

  @Test
  void exitsWithOneWhenAPingFailsAndNeverPrintsTheQueryString() {
    JBang.Run run = JBang.run(JBang.ACME, Map.of(), Duration.ofSeconds(60), "keep-warm.java",
        url("/down?key=hook-secret-0123456789"), "--runs", "1");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).contains("ping 1: fail in ").contains("503");
    assertThat(run.all()).doesNotContain("hook-secret-0123456789");
  }

  @Test
  void exitsWithTwoOnANegativeRunCount() {
    JBang.Run run = JBang.run("keep-warm.java", "--runs", "-1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("""
        keep-warm: --runs -1: not a count; write 0 (until stopped) or more
        usage: keep-warm.java [<url>] [--every 10m] [--runs 1] [--timeout 10s]
        """);
  }
}

package dev.runway.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What {@link HealthServer#close()} stops: everything it started, never what it was given. */
class HealthServerCloseTest {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private static Set<Thread> threads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
  }

  /** Names of Runway threads alive now that did not exist in {@code before}. */
  private static List<String> newRunwayThreads(Set<Thread> before) {
    return threads().stream().filter(t -> !before.contains(t)).map(Thread::getName)
        .filter(n -> n.startsWith("runway-")).sorted().toList();
  }

  /** Waits up to 5 s for the new Runway threads to end (a pool's thread ends just after its shutdown). */
  private static List<String> lingering(Set<Thread> before) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    List<String> left = newRunwayThreads(before);
    while (!left.isEmpty() && System.nanoTime() - end < 0) {
      Thread.sleep(20);
      left = newRunwayThreads(before);
    }
    return left;
  }

  private static int get(HealthServer server, String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static boolean portIsFree(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort() == port;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  @Test
  void closingAServerThatBuiltItsRegistryEndsEveryRunwayThreadAndFreesThePort() throws Exception {
    Set<Thread> before = threads();
    int port;
    try (FaultServer dependency = FaultServer.answering(200, "application/json", "{}")) {
      HealthServer server = HealthServer.start(Health.registry()
              .liveness("process", Probes.up())
              .deep("api", HttpProbe.get(URI.create(dependency.url("/v1/models"))).build().timeout(Duration.ofSeconds(2)))
              .backgroundRefresh(true),
          Health.options().port(0).bindAddress("127.0.0.1").workers(2).build());
      port = server.port();
      assertThat(get(server, "/api/health")).isEqualTo(200);
      assertThat(get(server, "/api/health/deep")).isEqualTo(200);
      assertThat(newRunwayThreads(before)).isNotEmpty();

      server.close();
    }

    assertThat(lingering(before)).isEmpty();
    assertThat(portIsFree(port)).isTrue();
  }

  @Test
  void closingAServerLeavesARegistryItWasGivenRunningUntilItsOwnerClosesIt() throws Exception {
    Set<Thread> before = threads();
    HealthRegistry registry = Health.registry().liveness("process", Probes.up())
        .deep("cache", Probes.custom(Result::pass)).build();
    HealthServer server = HealthServer.start(registry, Health.options().port(0).bindAddress("127.0.0.1").build());
    int port = server.port();
    assertThat(get(server, "/api/health/deep")).isEqualTo(200);

    server.close();

    assertThat(portIsFree(port)).isTrue();
    assertThat(registry.check(Group.DEEP).status()).isEqualTo(Status.PASS);
    registry.close();
    assertThat(lingering(before)).isEmpty();
  }
}

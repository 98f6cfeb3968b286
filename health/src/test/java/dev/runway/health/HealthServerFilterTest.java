package dev.runway.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A filter's work after {@code chain.doFilter} (timing, access logs) ends before the client has its answer. */
class HealthServerFilterTest {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** Records, slowly, after the handler has answered: the way a timing filter records a meter. */
  private static final class SlowPostWork extends Filter {
    final AtomicBoolean recorded = new AtomicBoolean();

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
      chain.doFilter(exchange);
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      recorded.set(true);
    }

    @Override
    public String description() {
      return "slow post-work";
    }
  }

  private final CountDownLatch release = new CountDownLatch(1);
  private final SlowPostWork filter = new SlowPostWork();
  private HealthServer server;

  @BeforeEach
  void start() {
    server = HealthServer.start(Health.registry()
            .liveness("process", Probes.up())
            .deep("slow", Probes.custom(() -> {
              release.await(10, TimeUnit.SECONDS);
              return Result.pass();
            })),
        Health.options().port(0).bindAddress("127.0.0.1").workers(2).build());
    server.mount("/hello", exchange -> {
      byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.filter(filter);
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aMountedHandlersAnswerIsSentOnlyAfterTheFiltersPostWork() throws Exception {
    HttpResponse<String> answer = get("/hello");

    assertThat(answer.body()).isEqualTo("hello");
    assertThat(filter.recorded).as("the filter finished before the answer was sent").isTrue();
  }

  @Test
  void aReadyHealthAnswerIsSentOnlyAfterTheFiltersPostWork() throws Exception {
    HttpResponse<String> answer = get("/api/health");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(filter.recorded).as("the filter finished before the answer was sent").isTrue();
  }

  @Test
  void anAnswerThatWaitsForProbesIsSentWhenTheyFinishAfterTheFilterHasReturned() throws Exception {
    var pending = CLIENT.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
        + "/api/health/deep")).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!filter.recorded.get() && System.nanoTime() < end) Thread.sleep(10);
    assertThat(filter.recorded).as("the chain returned while the probe runs").isTrue();
    assertThat(pending).isNotDone();

    release.countDown();

    assertThat(pending.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
  }
}

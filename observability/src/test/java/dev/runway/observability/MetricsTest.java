package dev.runway.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.LoggerContext;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class MetricsTest {
  static final String TOKEN = "0123456789abcdef0123456789abcdef";
  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  PrometheusMeterRegistry registry;
  HttpServer server;
  Logging logging;
  ByteArrayOutputStream log = new ByteArrayOutputStream();

  @BeforeEach
  void start() throws Exception {
    // the endpoint records refusals on the global security logger: capture the global context
    logging = Observability.logging().context((LoggerContext) LoggerFactory.getILoggerFactory())
        .format(Logging.Format.JSON).stream(log).platformVariables(java.util.Map.of()).install();
    registry = Metrics.prometheus();
    Metrics.bindJvm(registry);
    Metrics.bindLogging(registry, logging);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(2));
    var hello = server.createContext("/api/hello", exchange -> {
      byte[] body = "hi".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (var out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    hello.getFilters().add(Observability.requestIds());
    hello.getFilters().add(Metrics.timing(registry));
    server.createContext("/api/metrics", Metrics.endpoint(registry, TOKEN));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    logging.close();
  }

  HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
        .timeout(Duration.ofSeconds(10));
    if (headers.length > 0) b.headers(headers);
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesPrometheusTextWithRequestTimingsToTheTokenHolder() throws Exception {
    assertThat(get("/api/hello").statusCode()).isEqualTo(200);
    assertThat(get("/api/hello").statusCode()).isEqualTo(200);
    Metrics.probe(registry, "db", "pass", Duration.ofMillis(12));
    Metrics.deploy(registry, "acme-api", "render", "live", Duration.ofMinutes(3));

    HttpResponse<String> r = get("/api/metrics", "Authorization", "Bearer " + TOKEN);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(r.body())
        .contains("http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/api/hello\"} 2")
        .contains("runway_probe_duration_seconds_count{probe=\"db\",status=\"pass\"} 1")
        .contains("runway_deploy_duration_seconds_sum{outcome=\"live\",platform=\"render\",service=\"acme-api\"} 180.0")
        .contains("jvm_memory_used_bytes{")
        .contains("jvm_gc_")
        .contains("runway_log_dropped ");
  }

  @Test
  void bindsJvmMetersAtTheFirstAuthorisedScrapeOnlyWhenAskedTo() throws Exception {
    PrometheusMeterRegistry lazy = Metrics.prometheus();
    server.createContext("/api/lazy-metrics", Metrics.endpointBindingJvm(lazy, TOKEN));
    assertThat(lazy.getMeters()).isEmpty();

    assertThat(get("/api/lazy-metrics").statusCode()).isEqualTo(401);
    assertThat(lazy.getMeters()).as("a refused scrape binds nothing").isEmpty();

    HttpResponse<String> first = get("/api/lazy-metrics", "Authorization", "Bearer " + TOKEN);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).contains("jvm_memory_used_bytes{").contains("jvm_threads_live_threads ");
    int meters = lazy.getMeters().size();
    assertThat(get("/api/lazy-metrics", "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
    assertThat(lazy.getMeters()).as("bound once").hasSize(meters);
  }

  @Test
  void refusesAScrapeWithoutTheTokenAndRecordsASecurityEvent() throws Exception {
    HttpResponse<String> none = get("/api/metrics");
    HttpResponse<String> wrong = get("/api/metrics", "Authorization", "Bearer " + TOKEN.replace('0', '1'));
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(none.body()).isEqualTo(
        "metrics: a valid bearer token is required; send Authorization: Bearer <the metrics token>\n");
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"metrics\"");
    assertThat(none.body()).doesNotContain("jvm_");
    TestLogs.await(() -> log.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("token.rejected")).count() == 2,
        "two security events");
    String line = log.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("token.rejected")).findFirst()
        .orElseThrow();
    assertThat(line).contains("\"logger_name\":\"runway.security\"").contains("\"actor\":\"127.0.0.1\"")
        .contains("\"subject\":\"/api/metrics\"").contains("\"outcome\":\"DENIED\"").contains("\"level\":\"WARN\"")
        .doesNotContain(TOKEN.replace('0', '1'));
  }

  @Test
  void answersARequestIdAndTagsTimingsWithTheRouteNotThePath() throws Exception {
    HttpResponse<String> r = get("/api/hello", "X-Request-Id", "abc-123");
    assertThat(r.headers().firstValue("X-Request-Id")).hasValue("abc-123");
    HttpResponse<String> hostile = get("/api/hello", "X-Request-Id", "a b\"<script>");
    assertThat(hostile.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f]{16}");
    get("/api/hello/random-1");
    get("/api/hello/random-2");
    // The timing filter records just after the answer is handed to the server, which may send it
    // first (the health module's engine writes answers on its own thread): wait for the fourth.
    String count = "http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/api/hello\"} 4";
    String text = registry.scrape();
    for (long end = System.nanoTime() + 5_000_000_000L; !text.contains(count) && System.nanoTime() < end; ) {
      Thread.sleep(10);
      text = registry.scrape();
    }
    assertThat(text).doesNotContain("random-1").doesNotContain("random-2").contains(count);
  }

  @Test
  void refusesAShortTokenWordForWord() {
    assertThatThrownBy(() -> Metrics.endpoint(registry, "short"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("metrics: token: shorter than 16 characters; use a random one, e.g. openssl rand -hex 32");
  }
}

package dev.runway.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.health.Health;
import dev.runway.health.HealthOptions;
import dev.runway.health.HealthRegistry;
import dev.runway.health.Probe;
import dev.runway.health.Probes;
import dev.runway.health.Result;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import io.javalin.Javalin;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The plugin in a real Javalin 6 application on a loopback ephemeral port. */
class HealthPluginTest {
  private static final String TOKEN = "0123456789abcdef0123456789abcdef";

  private final AtomicBoolean dbUp = new AtomicBoolean(true);
  private final AtomicBoolean cacheUp = new AtomicBoolean(true);
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private HealthRegistry registry;
  private Javalin app;
  private String base;

  @BeforeEach
  void start() throws Exception {
    registry = Health.registry()
        .liveness("process", Probes.up())
        .deep("db", probe("db", dbUp))
        .deep("cache", probe("cache", cacheUp).nonCritical())
        .build();
    start(registry, Health.options().detailsToken(TOKEN).build(), new QueuedThreadPool(50));
  }

  private static Probe probe(String name, AtomicBoolean up) {
    return Probes.custom(() -> up.get() ? Result.pass() : Result.fail(name + " refused the connection"))
        .cacheFor(Duration.ZERO);
  }

  private void start(HealthRegistry health, HealthOptions options, QueuedThreadPool threads) {
    app = Javalin.create(config -> {
      config.jetty.threadPool = threads;
      config.startupWatcherEnabled = false;
      config.showJavalinBanner = false;
      config.registerPlugin(HealthPlugin.of(health, options));
      config.router.mount(routing -> routing.get("/hello", ctx -> ctx.result("hello")));
    }).start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + app.port();
  }

  @AfterEach
  void stop() {
    app.stop();
    registry.close();
  }

  private HttpResponse<String> send(String method, String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) b.headers(headers);
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    return send("GET", path, headers);
  }

  @Test
  void answersLivenessWith200AndHealthJson() throws Exception {
    HttpResponse<String> r = get("/api/health");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/health+json");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.body()).isEqualTo("{\"status\":\"pass\"}");
  }

  @Test
  void answersDeepWith503WhenACriticalProbeFails() throws Exception {
    dbUp.set(false);

    HttpResponse<String> r = get("/api/health/deep");

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).isEqualTo("{\"status\":\"fail\"}");
  }

  @Test
  void answersDeepWith200AndWarnWhenOnlyANonCriticalProbeFails() throws Exception {
    cacheUp.set(false);

    HttpResponse<String> r = get("/api/health/deep");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"status\":\"warn\"}");
  }

  @Test
  void showsDetailsOnlyWithTheRightToken() throws Exception {
    cacheUp.set(false);

    HttpResponse<String> anonymous = get("/api/health/deep");
    HttpResponse<String> wrong = get("/api/health/deep", "Authorization", "Bearer not-the-token-at-all-000000");
    HttpResponse<String> right = get("/api/health/deep", "Authorization", "Bearer " + TOKEN);

    assertThat(anonymous.body()).isEqualTo("{\"status\":\"warn\"}");
    assertThat(wrong.body()).isEqualTo("{\"status\":\"warn\"}");
    assertThat(right.body())
        .startsWith("{\"status\":\"warn\",\"description\":\"deep\",\"checks\":{")
        .contains("\"componentId\":\"process\"", "\"componentId\":\"db\"", "\"componentId\":\"cache\"")
        .contains("\"output\":\"cache refused the connection\"", "\"critical\":false");
    assertThat(right.headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  @Test
  void answersHeadWithTheHeadersOfGetAndNoBody() throws Exception {
    HttpResponse<String> r = send("HEAD", "/api/health/deep");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/health+json");
    assertThat(r.headers().firstValue("Content-Length")).hasValue(String.valueOf("{\"status\":\"pass\"}".length()));
    assertThat(r.body()).isEmpty();
  }

  @Test
  void refusesOtherMethodsWith405AndAllow() throws Exception {
    HttpResponse<String> r = send("POST", "/api/health");

    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).hasValue("GET, HEAD");
    assertThat(r.body()).isEqualTo("{\"error\":\"method not allowed; use GET\"}");
  }

  @Test
  void leavesTheApplicationsOwnRoutesAlone() throws Exception {
    HttpResponse<String> r = get("/hello");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("hello");
  }

  @Test
  void answersUnknownPathsBelowTheBaseWith404() throws Exception {
    HttpResponse<String> r = get("/api/health/nope");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body())
        .isEqualTo("{\"error\":\"not found; try /api/health, /api/health/ready or /api/health/deep\"}");
  }

  @Test
  void writesEachOfTheThreeFormatsWithItsContentType() throws Exception {
    String auth = "Bearer " + TOKEN;
    HttpResponse<String> ietf = get("/api/health?format=ietf", "Authorization", auth);
    HttpResponse<String> actuator = get("/api/health?format=actuator", "Authorization", auth);
    HttpResponse<String> microprofile = get("/api/health?format=microprofile");
    HttpResponse<String> unknown = get("/api/health?format=xml");

    assertThat(ietf.headers().firstValue("Content-Type")).hasValue("application/health+json");
    assertThat(ietf.body()).startsWith("{\"status\":\"pass\",\"description\":\"liveness\",\"checks\":{\"process:");
    assertThat(actuator.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(actuator.body()).startsWith("{\"status\":\"UP\",\"components\":{\"process\":{\"status\":\"UP\"");
    assertThat(microprofile.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(microprofile.body()).isEqualTo("{\"status\":\"UP\",\"checks\":[]}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).isEqualTo("{\"error\":\"unknown format; use format=ietf, actuator or microprofile\"}");
  }

  @Test
  void holdsNoContainerThreadWhileADeepCheckWaitsForItsDependency() throws Exception {
    stop();
    CountDownLatch release = new CountDownLatch(1);
    registry = Health.registry()
        .liveness("process", Probes.up())
        .deep("slow", Probes.custom(() -> {
          release.await(20, TimeUnit.SECONDS);
          return Result.pass();
        }).timeout(Duration.ofSeconds(20)).cacheFor(Duration.ZERO))
        .deadline(Duration.ofSeconds(20))
        .build();
    // 8 threads: Jetty's acceptor and selectors, and a few to run requests.
    QueuedThreadPool threads = new QueuedThreadPool(8, 8);
    threads.setReservedThreads(0);
    start(registry, Health.options().build(), threads);

    List<CompletableFuture<HttpResponse<String>>> deep = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      deep.add(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/health/deep"))
          .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()));
    }
    Thread.sleep(500); // let all twelve reach the servlet and wait for the probe

    long started = System.nanoTime();
    HttpResponse<String> live = get("/api/health");
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    boolean deepStillWaiting = deep.stream().noneMatch(CompletableFuture::isDone);
    release.countDown();

    assertThat(deepStillWaiting).isTrue();
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(took).isLessThan(Duration.ofSeconds(2));
    for (CompletableFuture<HttpResponse<String>> f : deep) {
      assertThat(f.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
  }
}

package dev.runway.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.runway.testkit.TestTools.json;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.runway.base.RunwayException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** 429s, 5xx, truncated JSON, timeouts and resets, served by mockwebserver. */
class RenderClientFaultsTest {
  static final String KEY = "rnd_SUPERSECRETKEY123";
  static final String DEPLOY = "{\"id\":\"dep-1\",\"status\":\"live\",\"trigger\":\"api\"}";

  MockWebServer server;
  RenderClient client;
  ListAppender<ILoggingEvent> logs;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    client = RenderClient.builder().apiKey(KEY).baseUrl(server.url("/v1").toString())
        .retryBackoff(Duration.ofMillis(5)).maxRateLimitWait(Duration.ofSeconds(5)).callTimeout(Duration.ofSeconds(5))
        .build();
    logs = new ListAppender<>();
    logs.start();
    ((Logger) LoggerFactory.getLogger("dev.runway")).addAppender(logs);
    ((Logger) LoggerFactory.getLogger("dev.runway")).setLevel(ch.qos.logback.classic.Level.DEBUG);
  }

  @AfterEach
  void stop() {
    server.close();
    ((Logger) LoggerFactory.getLogger("dev.runway")).detachAppender(logs);
    assertThat(logs.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(KEY));
  }


  @Test
  void waitsOutA429ForRatelimitResetThenSucceeds() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Ratelimit-Limit", "30")
        .addHeader("Ratelimit-Remaining", "0").addHeader("Ratelimit-Reset", "1")
        .body("{\"message\":\"rate limit exceeded\"}").build());
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Ratelimit-Limit", "30")
        .addHeader("Ratelimit-Remaining", "29").addHeader("Ratelimit-Reset", "60").body(DEPLOY).build());
    assertThat(client.deploy("srv-1", "dep-1").status()).contains(DeployStatus.LIVE);
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(client.lastRateLimit()).contains(new RateLimit(30, 29, Duration.ofSeconds(60)));
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
  }

  @Test
  void aResetBeyondTheWaitBudgetFailsAtOnce() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Ratelimit-Limit", "30")
        .addHeader("Ratelimit-Remaining", "0").addHeader("Ratelimit-Reset", "120").body("{}").build());
    assertThatThrownBy(() -> client.triggerDeploy("srv-1"))
        .isInstanceOfSatisfying(RunwayException.PlatformRejected.class, e -> assertThat(e.status()).isEqualTo(429))
        .hasMessage("render: POST /v1/services/srv-1/deploys: 429 rate limited by Render (resets in 120 s); wait and"
            + " run it again, or lower the request rate");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void retriesAnIdempotentCallOn5xx() {
    server.enqueue(json(503, "{\"message\":\"unavailable\"}"));
    server.enqueue(json(500, "{\"message\":\"oops\"}"));
    server.enqueue(json(200, DEPLOY));
    assertThat(client.deploy("srv-1", "dep-1").id()).isEqualTo("dep-1");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void neverRetriesATriggerOn5xxSoNothingIsDeployedTwice() {
    server.enqueue(json(500, "{\"id\":\"internal\",\"message\":\"internal error\"}"));
    server.enqueue(json(201, DEPLOY));
    assertThatThrownBy(() -> client.triggerDeploy("srv-1"))
        .isInstanceOfSatisfying(RunwayException.PlatformRejected.class, e -> {
          assertThat(e.status()).isEqualTo(500);
          assertThat(e.vendorCode()).contains("internal");
        })
        .hasMessage("render: POST /v1/services/srv-1/deploys: 500 internal error; Render failed; it was not retried to"
            + " avoid applying it twice: check before running it again");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void retriesTruncatedJsonOnReadsButNotOnWrites() {
    server.enqueue(json(200, "{\"id\":\"dep-1\",\"sta"));
    server.enqueue(json(200, DEPLOY));
    assertThat(client.deploy("srv-1", "dep-1").id()).isEqualTo("dep-1");
    server.enqueue(json(201, "{\"id\":\"dep-2\",\"sta"));
    assertThatThrownBy(() -> client.rollback("srv-1", "dep-1"))
        .isInstanceOf(RunwayException.PlatformRejected.class)
        .hasMessageStartingWith("render: POST /v1/services/srv-1/rollback: answered malformed JSON (")
        .hasMessageEndingWith("; it was applied, but its answer was lost: check before running it again");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aTimedOutWriteIsReportedAndNotRetried() {
    RenderClient quick = RenderClient.builder().apiKey(KEY).baseUrl(server.url("/v1").toString())
        .callTimeout(Duration.ofMillis(300)).retryBackoff(Duration.ofMillis(5)).build();
    server.enqueue(new MockResponse.Builder().code(201).body(DEPLOY).headersDelay(3, TimeUnit.SECONDS).build());
    assertThatThrownBy(() -> quick.rollback("srv-1", "dep-1"))
        .isInstanceOfSatisfying(RunwayException.PlatformRejected.class, e -> assertThat(e.status()).isZero())
        .hasMessage("render: POST /v1/services/srv-1/rollback: timed out after 1 attempt; it may have been applied:"
            + " check before running it again, it is not retried automatically");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aResetConnectionIsRetriedForReadsWithinTheBudget() {
    server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(json(200, "[]"));
    assertThat(client.envVars("srv-1")).isEmpty();
    RenderClient once = RenderClient.builder().apiKey(KEY).baseUrl(server.url("/v1").toString()).maxAttempts(2)
        .retryBackoff(Duration.ofMillis(5)).build();
    server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
    assertThatThrownBy(() -> once.envVars("srv-1"))
        .isInstanceOf(RunwayException.PlatformRejected.class)
        .hasMessageStartingWith("render: GET /v1/services/srv-1/env-vars: lost the connection (")
        .hasMessageNotContaining("Exception").hasMessageEndingWith(") after 2 attempts; check the network and Render's status page, then run it again");
  }

  @Test
  void theApiKeyAndHookKeyNeverAppearInErrorsOrToString() {
    server.enqueue(json(401, "{\"message\":\"unauthorized\"}"));
    assertThatThrownBy(() -> client.services())
        .hasMessage("render: GET /v1/services: 401 unauthorized; check RENDER_API_KEY (create a key under Account"
            + " Settings → API Keys)")
        .hasMessageNotContaining(KEY);
    server.enqueue(json(404, "{\"message\":\"not found\"}"));
    String hook = server.url("/deploy/srv-1?key=HOOKSECRET99").toString();
    assertThatThrownBy(() -> client.triggerDeployHook(hook))
        .hasMessageNotContaining("HOOKSECRET99")
        .hasMessageStartingWith("render: POST http://");
    assertThat(client.toString()).doesNotContain(KEY).contains("<redacted>");
  }

  @Test
  void aMissingKeyIsRejectedWithTheFix() {
    assertThatThrownBy(() -> RenderClient.builder().build())
        .hasMessage("render: RENDER_API_KEY: is missing; create a key under Account Settings → API Keys and pass it"
            + " with RenderClient.builder().apiKey(...)");
  }
}

package dev.runway.vercel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.runway.testkit.TestTools.json;

import dev.runway.base.RunwayException.PlatformRejected;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Faults the sandbox does not produce: odd 429s, truncated bodies, timeouts. */
class VercelClientFaultTest {
  private static final String TOKEN = "tok_secret_abc123";
  private MockWebServer server;
  private VercelClient client;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    client = VercelClient.builder().token(TOKEN).teamId("team_1").baseUrl(URI.create(server.url("/").toString()))
        .retryBackoff(Duration.ZERO).maxRetries(2).timeout(Duration.ofMillis(300)).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }


  private static final String PROJECT = "{\"id\":\"prj_1\",\"name\":\"web\",\"autoAssignCustomDomains\":true}";

  @Test
  void sendsTheBearerTokenAndTeamIdOnEveryCall() throws Exception {
    server.enqueue(json(200, PROJECT));
    client.project("web");
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(r.getUrl().queryParameter("teamId")).isEqualTo("team_1");
  }

  @Test
  void retriesA429AfterTheResetInTheErrorBodyAndHeaders() throws Exception {
    long now = System.currentTimeMillis();
    server.enqueue(new MockResponse.Builder().code(429)
        .addHeader("X-RateLimit-Limit", "100").addHeader("X-RateLimit-Remaining", "0")
        .addHeader("X-RateLimit-Reset", String.valueOf(now / 1000))
        .body("{\"error\":{\"code\":\"rate_limited\",\"message\":\"Rate limit exceeded\","
            + "\"limit\":{\"remaining\":0,\"reset\":" + now / 1000 + ",\"resetMs\":" + now + ",\"total\":100}}}")
        .build());
    server.enqueue(json(200, PROJECT));
    assertThat(client.project("web").id()).isEqualTo("prj_1");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void failsAtOnceWhenTheRateLimitResetsTooLateNamingTheLimit() {
    long later = System.currentTimeMillis() + 3_600_000;
    server.enqueue(new MockResponse.Builder().code(429)
        .addHeader("X-RateLimit-Limit", "100").addHeader("X-RateLimit-Remaining", "0")
        .addHeader("X-RateLimit-Reset", String.valueOf(later / 1000))
        .body("{\"error\":{\"code\":\"rate_limited\",\"message\":\"Rate limit exceeded\"}}").build());
    assertThatThrownBy(() -> client.project("web"))
        .isInstanceOf(PlatformRejected.class)
        .hasMessageStartingWith("vercel: GET /v9/projects/web: rate limited (0 of 100 requests left); wait ")
        .hasMessageEndingWith(" seconds before retrying, or lower the request rate")
        .satisfies(e -> assertThat(((PlatformRejected) e).status()).isEqualTo(429));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void retriesReadsAfter5xxWithinTheBudgetThenGivesUp() {
    for (int i = 0; i < 3; i++) server.enqueue(json(502, "{\"error\":{\"code\":\"bad_gateway\",\"message\":\"Bad gateway\"}}"));
    assertThatThrownBy(() -> client.project("web"))
        .isInstanceOf(PlatformRejected.class)
        .hasMessage("vercel: GET /v9/projects/web: server error 502 (Bad gateway) after 3 attempt(s);"
            + " retry later and check the Vercel status page");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aTruncatedBodyIsATypedErrorNotAJacksonTrace() {
    server.enqueue(json(200, "{\"id\":\"prj_1\",\"name\":\"we"));
    assertThatThrownBy(() -> client.project("web"))
        .isInstanceOf(PlatformRejected.class)
        .hasMessage("vercel: GET /v9/projects/web: the response is not valid JSON (truncated, or not from the Vercel API);"
            + " retry, and check the client's base URL")
        .satisfies(e -> assertThat(((PlatformRejected) e).vendorCode()).contains("malformed_response"));
  }

  @Test
  void anUnknownReadyStateIsATypedError() {
    server.enqueue(json(200, "{\"id\":\"dpl_1\",\"url\":\"x\",\"readyState\":\"EXPLODED\",\"createdAt\":1}"));
    assertThatThrownBy(() -> client.deployment("dpl_1"))
        .isInstanceOf(PlatformRejected.class)
        .hasMessageStartingWith("vercel: GET /v13/deployments/dpl_1: the response does not have the expected shape");
  }

  @Test
  void aCallThatGetsNoAnswerTimesOutWithStatusZero() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder().headersDelay(5, TimeUnit.SECONDS).body(PROJECT).build());
    }
    assertThatThrownBy(() -> client.project("web"))
        .isInstanceOf(PlatformRejected.class)
        .hasMessage("vercel: GET /v9/projects/web: no answer within the timeout after 3 attempt(s);"
            + " check the network and the Vercel status page, then retry")
        .satisfies(e -> assertThat(((PlatformRejected) e).status()).isZero());
  }

  @Test
  void theTokenNeverAppearsInErrorsEvenWhenTheVendorEchoesIt() {
    server.enqueue(json(401, "{\"error\":{\"code\":\"invalid_token\",\"message\":\"Token " + TOKEN + " is invalid\"}}"));
    assertThatThrownBy(() -> client.project("web"))
        .isInstanceOf(PlatformRejected.class)
        .hasMessage("vercel: GET /v9/projects/web: 401 invalid_token (Token **** is invalid);"
            + " check the Vercel token and, for a team project, the teamId")
        .hasMessageNotContaining(TOKEN);
    assertThat(client.toString()).doesNotContain(TOKEN);
  }
}

package dev.runway.supabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.runway.testkit.TestTools.json;

import dev.runway.base.RunwayException;
import dev.runway.supabase.internal.Outcome;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Faults the sandbox does not make: server errors, truncated JSON, silence. */
class ManagementClientFaultTest {
  static final String REF = "abcdefghijklmnopqrst";
  static final String TOKEN = "sbp_faulttesttoken00000000000000000000000";
  static final String PROJECT = "{\"id\":\"" + REF + "\",\"ref\":\"" + REF + "\",\"organization_id\":\"o\",\"organization_slug\":\"o\","
      + "\"name\":\"n\",\"region\":\"us-west-1\",\"created_at\":\"2025-01-01T00:00:00Z\",\"status\":\"ACTIVE_HEALTHY\","
      + "\"database\":{\"host\":\"db." + REF + ".supabase.co\",\"version\":\"15\",\"postgres_engine\":\"15\",\"release_channel\":\"ga\"}}";

  MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ManagementClient.Builder client() {
    return Supabase.managementApi().token(TOKEN).baseUrl(URI.create(server.url("/").toString()));
  }


  @Test
  void sendsTheTokenAsABearerAndTheServicesAsRepeatedParameters() throws Exception {
    server.enqueue(json(200, "[]"));
    client().build().health(REF, "auth", "rest");
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/projects/" + REF + "/health");
    assertThat(r.getUrl().queryParameterValues("services")).containsExactly("auth", "rest");
  }

  @Test
  void retriesAReadAfterAServerError() {
    server.enqueue(json(500, "{\"message\":\"Failed to retrieve project\"}"));
    server.enqueue(json(200, PROJECT));
    assertThat(client().build().project(REF).status()).isEqualTo(ProjectStatus.ACTIVE_HEALTHY);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void givesUpAfterItsRetriesWithTheVendorsMessage() {
    for (int i = 0; i < 3; i++) server.enqueue(json(500, "{\"message\":\"Failed to retrieve project\"}"));
    assertThatThrownBy(() -> client().build().project(REF))
        .isInstanceOfSatisfying(RunwayException.PlatformRejected.class, e -> {
          assertThat(e.status()).isEqualTo(500);
          assertThat(e.vendorCode()).contains("server_error");
        })
        .hasMessage("supabase: GET /v1/projects/abcdefghijklmnopqrst: 500 (Failed to retrieve project); retry later and"
            + " check status.supabase.com");
  }

  @Test
  void aTruncatedBodyIsATypedError() {
    server.enqueue(json(200, PROJECT.substring(0, 40)));
    assertThatThrownBy(() -> client().build().project(REF))
        .isInstanceOfSatisfying(RunwayException.PlatformRejected.class, e -> assertThat(e.vendorCode()).contains("malformed_response"))
        .hasMessage("supabase: GET /v1/projects/abcdefghijklmnopqrst: the response is not valid JSON (truncated, or not the"
            + " Management API); retry, and check the client's base URL");
  }

  @Test
  void silenceEndsInATimeoutThatTheStatusCheckReportsWithoutThrowing() {
    for (int i = 0; i < 2; i++) {
      server.enqueue(new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS).body(PROJECT).build());
    }
    ManagementClient c = client().timeout(Duration.ofMillis(300)).maxRetries(1).build();
    Outcome o = c.checks().status(REF);
    assertThat(o.level()).isEqualTo(Outcome.Level.FAIL);
    assertThat(o.message()).isEqualTo("supabase: GET /v1/projects/abcdefghijklmnopqrst: no answer within the timeout after 2"
        + " attempt(s); check the network and status.supabase.com, then retry");
  }

  @Test
  void aVendorMessageEchoingATokenIsMasked() {
    server.enqueue(json(403, "{\"message\":\"token " + TOKEN + " may not read this project\"}"));
    assertThatThrownBy(() -> client().build().project(REF))
        .hasMessageNotContaining(TOKEN)
        .hasMessageContaining("(token sbp_**** may not read this project)");
  }
}

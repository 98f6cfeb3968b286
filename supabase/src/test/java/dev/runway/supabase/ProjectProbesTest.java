package dev.runway.supabase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.supabase.internal.HttpChecks;
import dev.runway.supabase.internal.Outcome;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProjectProbesTest {
  static final String REF = "abcdefghijklmnopqrst";
  SupabaseSandbox sandbox;
  SupabaseSandbox.Project project;

  @BeforeEach
  void start() {
    sandbox = SupabaseSandbox.start();
    project = sandbox.createProject(REF);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private HttpChecks checks(String key) {
    return Supabase.project(project.url(), key).build().checks();
  }

  private static List<Outcome> all(HttpChecks c) {
    return List.of(c.auth(), c.rest(), c.storage(), c.realtime());
  }

  @Test
  void everyServiceIsUpWithEachKindOfKey() {
    for (String key : List.of(project.anonKey(), project.serviceRoleKey(), project.publishableKey(), project.secretKey())) {
      assertThat(all(checks(key))).as(SupabaseKey.of(key).kind().name())
          .allSatisfy(o -> assertThat(o.level()).isEqualTo(Outcome.Level.PASS));
    }
  }

  @Test
  void anAnonKeysAccessToSchemaIsForbiddenCountsAsUp() {
    Outcome rest = checks(project.anonKey()).rest();
    assertThat(rest.level()).isEqualTo(Outcome.Level.PASS);
    assertThat(rest.message()).isEqualTo("rest (GET /p/" + REF + "/rest/v1/): up (401 'Access to schema is forbidden'"
        + " answers a public key as designed)");
  }

  @Test
  void sbKeysAreNotSentAsBearerTokens() {
    // The sandbox, like Supabase's gateway, refuses an sb_ key in Authorization: Bearer.
    assertThat(checks(project.secretKey()).auth().level()).isEqualTo(Outcome.Level.PASS);
    assertThat(checks("sb_secret_not-this-projects-key").auth().message()).isEqualTo("auth (GET /p/" + REF
        + "/auth/v1/health): the key was refused (401); check that it belongs to this project (Project Settings > API Keys)"
        + " and has not been rotated");
  }

  @Test
  void aPausedProjectIsReportedAsPaused() {
    project.pause();
    Outcome auth = checks(project.anonKey()).auth();
    assertThat(auth.level()).isEqualTo(Outcome.Level.FAIL);
    assertThat(auth.details()).containsEntry("status", 540);
    assertThat(auth.message()).isEqualTo("auth (GET /p/" + REF + "/auth/v1/health): project is paused (540); restore it"
        + " in the dashboard or with POST /v1/projects/{ref}/restore, and run a keep-alive so a free project does not"
        + " pause after 7 idle days");
  }

  @Test
  void aGatewayTimeoutIsReportedAsSuch() {
    project.gatewayTimeouts(1);
    assertThat(checks(project.anonKey()).storage().message()).isEqualTo("storage (GET /p/" + REF
        + "/storage/v1/status): gateway timeout (544): the project did not answer in time (overloaded, or still starting)");
    assertThat(checks(project.anonKey()).storage().level()).isEqualTo(Outcome.Level.PASS);
  }

  @Test
  void anExceededQuotaIsReportedAsSuch() {
    project.overQuota(true);
    Outcome o = checks(project.anonKey()).realtime();
    assertThat(o.level()).isEqualTo(Outcome.Level.FAIL);
    assertThat(o.message()).contains("over quota (402)");
  }

  @Test
  void anUnhealthyServiceFailsAndTheOthersStayUp() {
    project.healthy("storage", false);
    HttpChecks c = checks(project.anonKey());
    assertThat(c.storage().message()).endsWith("service error (503)");
    assertThat(c.auth().level()).isEqualTo(Outcome.Level.PASS);
  }

  @Test
  void anUnreachableProjectFailsWithoutThrowing() {
    String url = sandbox.baseUrl().toString();
    sandbox.close();
    Outcome o = Supabase.project(java.net.URI.create(url + "/p/" + REF), project.anonKey())
        .timeout(java.time.Duration.ofSeconds(2)).build().checks().auth();
    assertThat(o.level()).isEqualTo(Outcome.Level.FAIL);
    assertThat(o.message()).contains("cannot connect");
  }

  @Test
  void theSandboxNeverRecordsKeys() {
    all(checks(project.serviceRoleKey()));
    assertThat(String.join("\n", sandbox.requests())).doesNotContain(project.serviceRoleKey());
  }
}

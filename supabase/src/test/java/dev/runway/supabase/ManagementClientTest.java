package dev.runway.supabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.runway.base.RunwayException;
import dev.runway.supabase.internal.Outcome;
import dev.runway.testkit.OpenApiContract;
import dev.runway.testkit.RequiresSpecs;
import dev.runway.testkit.Specs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The client against the sandbox, every exchange held to the Management API's OpenAPI spec. */
@RequiresSpecs("supabase/management-api-v1.openapi.json")
class ManagementClientTest {
  static final String REF = "abcdefghijklmnopqrst";
  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  SupabaseSandbox sandbox;
  SupabaseSandbox.Project project;
  /** One validator for the class: building one reads the 560 KB spec. */
  static final Supplier<OpenApiContract> CONTRACT =
      Specs.lazily(() -> OpenApiContract.forSpec("supabase/management-api-v1.openapi.json"));
  final OpenApiContract contract = CONTRACT.get();
  ManagementClient client;

  @BeforeEach
  void start() {
    sandbox = SupabaseSandbox.start();
    project = sandbox.createProject(REF);
    client = sandbox.clientBuilder()
        .okHttpClient(new OkHttpClient.Builder().addInterceptor(contract.interceptor()).build())
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .build();
  }

  @AfterEach
  void stop() {
    sandbox.close();
    assertThat(contract.violations()).isEmpty();
  }

  @Test
  void readsTheProjectAndItsStatus() {
    Project p = client.project(REF);
    assertThat(p.ref()).isEqualTo(REF);
    assertThat(p.status()).isEqualTo(ProjectStatus.ACTIVE_HEALTHY);
    assertThat(p.databaseHost()).isEqualTo("db." + REF + ".supabase.co");
    project.pause();
    assertThat(client.project(REF).status()).isEqualTo(ProjectStatus.INACTIVE);
    assertThat(contract.checkedOperations()).contains("GET /v1/projects/" + REF);
  }

  @Test
  void aPausedProjectFailsTheStatusCheck() {
    client.pause(REF);
    assertThat(project.status()).isEqualTo(ProjectStatus.INACTIVE);
    Outcome o = client.checks().status(REF);
    assertThat(o.level()).isEqualTo(Outcome.Level.FAIL);
    assertThat(o.message()).isEqualTo("project abcdefghijklmnopqrst is paused (INACTIVE); restore it in the dashboard or"
        + " with POST /v1/projects/abcdefghijklmnopqrst/restore, and run a keep-alive so it does not pause again");
    project.status(ProjectStatus.COMING_UP);
    assertThat(client.checks().status(REF).level()).isEqualTo(Outcome.Level.WARN);
  }

  @Test
  void readsServiceHealthAndNamesTheUnhealthyOnes() {
    assertThat(client.health(REF)).extracting(ServiceHealth::name).containsExactlyElementsOf(ManagementClient.SERVICES);
    assertThat(client.checks().health(REF).level()).isEqualTo(Outcome.Level.PASS);
    project.healthy("auth", false);
    Outcome o = client.checks().health(REF);
    assertThat(o.level()).isEqualTo(Outcome.Level.FAIL);
    assertThat(o.message()).isEqualTo("unhealthy: auth UNHEALTHY (auth is not responding)");
    assertThat(o.details()).containsEntry("auth", "UNHEALTHY").containsEntry("rest", "ACTIVE_HEALTHY");
  }

  @Test
  void readsThePoolerConfiguration() {
    List<PoolerConfig> poolers = client.poolerConfig(REF);
    assertThat(poolers).singleElement().satisfies(p -> {
      assertThat(p.port()).isEqualTo(6543);
      assertThat(p.poolMode()).isEqualTo("transaction");
      assertThat(p.maxClientConnections()).contains(200);
    });
  }

  @Test
  void saysPlainlyWhenTheFreePlanHasNoBackups() {
    Outcome o = client.checks().backups(REF, Duration.ofHours(26), PlanLimits.FREE);
    assertThat(o.level()).isEqualTo(Outcome.Level.WARN);
    assertThat(o.message()).isEqualTo("project abcdefghijklmnopqrst has no backups (the free plan keeps none): if the"
        + " database is lost, nothing can be restored; before a cutover, schedule your own pg_dump to storage you control,"
        + " or move to a plan with daily backups");
  }

  @Test
  void warnsWhenTheNewestBackupIsOlderThanTheSetAge() {
    project.backup(NOW.minus(Duration.ofDays(5)), "COMPLETED").backup(NOW.minus(Duration.ofDays(3)), "COMPLETED")
        .backup(NOW.minus(Duration.ofHours(2)), "FAILED");
    Backups backups = client.backups(REF);
    assertThat(backups.backups()).hasSize(3);
    assertThat(backups.newestCompleted().orElseThrow().insertedAt()).isEqualTo(NOW.minus(Duration.ofDays(3)));
    Outcome o = client.checks().backups(REF, Duration.ofHours(26), PlanLimits.PRO);
    assertThat(o.level()).isEqualTo(Outcome.Level.WARN);
    assertThat(o.message()).isEqualTo("newest backup is 3 days old, older than 26 h; check the backup schedule in the"
        + " dashboard (Database > Backups)");
    project.backup(NOW.minus(Duration.ofHours(5)), "COMPLETED");
    assertThat(client.checks().backups(REF, Duration.ofHours(26), PlanLimits.PRO).message()).isEqualTo("newest backup is 5 h old");
  }

  @Test
  void aWrongTokenIsATypedErrorThatNeverShowsTheToken() {
    String token = "sbp_wrongwrongwrongwrongwrongwrong0000000";
    ManagementClient wrong = ManagementClient.builder().baseUrl(sandbox.baseUrl()).token(token)
        .okHttpClient(new OkHttpClient.Builder().addInterceptor(contract.interceptor()).build()).build();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    Level before = root.getLevel();
    root.setLevel(Level.TRACE);
    root.addAppender(logs);
    try {
      assertThatThrownBy(() -> wrong.project(REF))
          .isInstanceOfSatisfying(RunwayException.PlatformRejected.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.vendorCode()).contains("unauthorized");
            assertThat(e.platform()).isEqualTo("supabase");
          })
          .hasMessage("supabase: GET /v1/projects/abcdefghijklmnopqrst: 401; the access token is missing,"
              + " invalid or expired: create one at supabase.com/dashboard/account/tokens and pass it as SUPABASE_ACCESS_TOKEN");
    } finally {
      root.detachAppender(logs);
      root.setLevel(before);
    }
    assertThat(logs.list).isNotEmpty();
    assertThat(logs.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(token));
    assertThat(wrong.toString()).doesNotContain(token);
  }

  @Test
  void anUnknownProjectIsNotFound() {
    ManagementClient plain = sandbox.client();
    assertThatThrownBy(() -> plain.project("zzzzzzzzzzzzzzzzzzzz"))
        .isInstanceOfSatisfying(RunwayException.PlatformRejected.class, e -> assertThat(e.status()).isEqualTo(404))
        .hasMessageEndingWith("no such project for this token: check the ref (Project Settings > General)");
  }

  @Test
  void waitsOutARateLimitThenSucceeds() {
    sandbox.rateLimitNext(1);
    assertThat(client.project(REF).ref()).isEqualTo(REF);
    assertThat(sandbox.requests()).filteredOn(r -> r.equals("GET /v1/projects/" + REF)).hasSize(2);
  }

  @Test
  void givesUpOnARateLimitLongerThanItMayWait() {
    sandbox.rateLimitNext(5);
    ManagementClient impatient = sandbox.clientBuilder().maxRetryWait(Duration.ZERO).build();
    assertThatThrownBy(() -> impatient.project(REF))
        .isInstanceOfSatisfying(RunwayException.PlatformRejected.class, e -> assertThat(e.status()).isEqualTo(429))
        .hasMessage("supabase: GET /v1/projects/abcdefghijklmnopqrst: rate limited (the Management API allows 60 requests"
            + " a minute per token); wait 1 s before retrying, or make fewer calls");
  }

  @Test
  void theContractWouldCatchAResponseThatStrayedFromTheSpec() {
    List<String> found = OpenApiContract.forSpec("supabase/management-api-v1.openapi.json").check("GET", "/v1/projects/" + REF, java.util.Map.of(), "", "", 200, "application/json",
        "{\"ref\":\"" + REF + "\",\"status\":\"PAUSED\"}");
    assertThat(found).isNotEmpty();
  }

  @Test
  void refusesARefThatIsNotOne() {
    assertThatThrownBy(() -> client.project("../../etc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("supabase: ref: must be 20 lower-case letters (Project Settings > General) but was '../../etc'");
  }

  @Test
  void needsAToken() {
    assertThatThrownBy(() -> ManagementClient.builder().build()).hasMessage("supabase: management API: no access token;"
        + " call .token(System.getenv(\"SUPABASE_ACCESS_TOKEN\")) with a token from supabase.com/dashboard/account/tokens");
  }
}

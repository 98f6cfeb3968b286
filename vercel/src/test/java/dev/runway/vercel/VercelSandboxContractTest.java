package dev.runway.vercel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.base.RunwayException;
import dev.runway.testkit.OpenApiContract;
import dev.runway.testkit.RequiresSpecs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against the sandbox, every exchange held to Vercel's OpenAPI spec. */
@RequiresSpecs(VercelSpec.FILE)
class VercelSandboxContractTest {
  private static final String SPEC = "vercel/vercel-rest-api-openapi.json";

  private VercelSandbox sandbox;
  private OpenApiContract contract;
  private VercelClient client;

  @BeforeEach
  void start() {
    sandbox = VercelSandbox.start();
    contract = VercelSpec.contract();
    client = sandbox.clientBuilder()
        .teamId("team_acme")
        .okHttpClient(new OkHttpClient.Builder().addInterceptor(contract.interceptor()).build())
        .build();
    sandbox.createProject("acme-web");
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private static DeploymentRequest production(String ref) {
    return DeploymentRequest.builder("acme-web").production().gitSource("123456", ref).build();
  }

  private void assertContractHeld(String... operations) {
    assertThat(VercelSpec.violations(contract)).isEmpty();
    List<String> checked = contract.checkedOperations().stream().map(o -> o.replaceAll("/(dpl|prj|env)_\\w+", "/{id}")).toList();
    assertThat(checked).contains(operations);
  }

  @Test
  void deploysAndWaitsUntilTheDeploymentServesProduction() {
    DeployOutcome out = client.deployAndWait(production("main"), Duration.ofSeconds(10));
    assertThat(out.live()).isTrue();
    assertThat(out.problems().isEmpty()).isTrue();
    assertThat(out.deployment().readyState()).isEqualTo(ReadyState.READY);
    assertThat(out.deployment().isServingProduction()).isTrue();
    assertThat(sandbox.productionDeployment("acme-web")).contains(out.deployment().id());
    assertThat(sandbox.requests()).allMatch(r -> r.contains("teamId=team_acme"));
    assertContractHeld("POST /v13/deployments", "GET /v13/deployments/{id}");
  }

  @Test
  void aFailedBuildRaisesDeployFailedWithTheBuildError() {
    sandbox.failBuilds("acme-web", true);
    assertThatThrownBy(() -> client.deployAndWait(production("main"), Duration.ofSeconds(10)))
        .isInstanceOf(RunwayException.DeployFailed.class)
        .hasMessageMatching("vercel:dpl_\\w+: deployment acme-web-\\w+\\.vercel\\.app ended ERROR"
            + " \\(Command \"npm run build\" exited with 1\\); read the build log at https://vercel.com/deployments/\\S+ and fix the build, then deploy again")
        .satisfies(e -> assertThat(((RunwayException.DeployFailed) e).status()).isEqualTo("ERROR"));
    assertContractHeld("POST /v13/deployments");
  }

  @Test
  void cancelsAQueuedDeployment() {
    Deployment d = client.createDeployment(production("main"));
    Deployment canceled = client.cancel(d.id());
    assertThat(canceled.readyState()).isEqualTo(ReadyState.CANCELED);
    assertThatThrownBy(() -> client.await(canceled, Duration.ofSeconds(5)))
        .isInstanceOf(RunwayException.DeployFailed.class);
    assertContractHeld("PATCH /v12/deployments/{id}/cancel");
  }

  @Test
  void listsDeploymentsPageByPageWithUntil() {
    for (int i = 0; i < 5; i++) client.createDeployment(production("main"));
    DeploymentPage first = client.deployments("acme-web", 2, null, false);
    assertThat(first.deployments()).hasSize(2);
    assertThat(first.next()).isPresent();
    List<Deployment> all = client.allDeployments("acme-web", 50, false);
    assertThat(all).hasSize(5);
    assertThat(all).extracting(Deployment::id).doesNotHaveDuplicates();
    assertThat(all).isSortedAccordingTo((a, b) -> b.createdAt().compareTo(a.createdAt()));
    assertContractHeld("GET /v6/deployments");
  }

  @Test
  void rollsBackToThePreviousProductionDeploymentAndReportsThePausedAutoAssignment() {
    Deployment first = client.deployAndWait(production("v1"), Duration.ofSeconds(10)).deployment();
    Deployment second = client.deployAndWait(production("v2"), Duration.ofSeconds(10)).deployment();
    assertThat(sandbox.productionDeployment("acme-web")).contains(second.id());

    AliasChange rollback = client.rollback("acme-web");
    assertThat(rollback.rollback()).isTrue();
    assertThat(rollback.fromDeploymentId()).isEqualTo(second.id());
    assertThat(rollback.toDeploymentId()).isEqualTo(first.id());
    assertThat(rollback.autoAssignPaused()).isTrue();
    assertThat(rollback.warnings()).singleElement().asString()
        .startsWith("acme-web: production auto-assignment is paused after the rollback: new pushes build but do not go live;");
    assertThat(sandbox.productionDeployment("acme-web")).contains(first.id());

    // The trap: the next push builds READY but does not go live, and the outcome says so.
    DeployOutcome third = client.deployAndWait(production("v3"), Duration.ofSeconds(10));
    assertThat(third.live()).isFalse();
    assertThat(third.deployment().readyState()).isEqualTo(ReadyState.READY);
    assertThat(third.deployment().isServingProduction()).isFalse();
    assertThat(third.problems().warnings()).singleElement()
        .satisfies(p -> assertThat(p.code()).isEqualTo("VERCEL_AUTO_ASSIGN_PAUSED"));
    assertThat(client.checkProject("acme-web").warnings()).hasSize(1);
    assertThat(sandbox.productionDeployment("acme-web")).contains(first.id());

    // Promoting the fix resumes auto-assignment.
    AliasChange promote = client.promote("acme-web", third.deployment().id());
    assertThat(promote.rollback()).isFalse();
    assertThat(promote.autoAssignPaused()).isFalse();
    assertThat(promote.warnings()).isEmpty();
    assertThat(client.checkProject("acme-web").isEmpty()).isTrue();
    assertThat(client.deployAndWait(production("v4"), Duration.ofSeconds(10)).live()).isTrue();
    assertContractHeld("POST /v10/projects/{id}/promote/{id}", "GET /v9/projects/acme-web", "GET /v6/deployments");
  }

  @Test
  void resumesAutoAssignmentExplicitly() {
    client.deployAndWait(production("v1"), Duration.ofSeconds(10));
    client.deployAndWait(production("v2"), Duration.ofSeconds(10));
    client.rollback("acme-web");
    assertThat(sandbox.autoAssign("acme-web")).isFalse();
    assertThat(client.resumeAutoAssign("acme-web").isAutoAssignPaused()).isFalse();
    assertThat(sandbox.autoAssign("acme-web")).isTrue();
    assertContractHeld("PATCH /v9/projects/acme-web");
  }

  @Test
  void refusesToRollBackWithoutAnEarlierProductionDeployment() {
    client.deployAndWait(production("v1"), Duration.ofSeconds(10));
    assertThatThrownBy(() -> client.rollback("acme-web"))
        .isInstanceOf(RunwayException.UnknownName.class)
        .hasMessageMatching("vercel:prj_\\w+: acme-web: no READY production deployment older than dpl_\\w+ to roll back to; deploy a fixed version instead");
  }

  @Test
  void createsListsEditsAndDeletesEnvironmentVariables() {
    EnvVar api = EnvVar.builder("NEXT_PUBLIC_API_URL").value("https://api.acme.dev").type(EnvType.PLAIN)
        .targets(EnvTarget.PRODUCTION, EnvTarget.PREVIEW).build();
    EnvChange created = client.createEnvVar("acme-web", api);
    assertThat(created.kind()).isEqualTo(EnvChange.Kind.CREATED);
    assertThat(created.rebuildRequired()).isTrue();
    assertThat(created.note()).isEqualTo("NEXT_PUBLIC_API_URL is inlined into the browser bundle at build time:"
        + " redeploy with a fresh build (not promote or rollback) for the change to reach browsers");

    EnvVar key = EnvVar.builder("OPENAI_API_KEY").value("sk-test-1").type(EnvType.SENSITIVE)
        .targets(EnvTarget.PRODUCTION).build();
    assertThat(client.createEnvVar("acme-web", key).rebuildRequired()).isFalse();
    EnvVar branch = EnvVar.builder("FEATURE_FLAG").value("on").type(EnvType.ENCRYPTED)
        .targets(EnvTarget.PREVIEW).gitBranch("feature-1").build();
    client.createEnvVar("acme-web", branch);

    List<EnvVar> listed = client.envVars("acme-web");
    assertThat(listed).extracting(EnvVar::key).containsExactly("NEXT_PUBLIC_API_URL", "OPENAI_API_KEY", "FEATURE_FLAG");
    EnvVar listedKey = listed.get(1);
    assertThat(listedKey.value()).isEmpty();
    assertThat(listedKey.targets()).containsExactly(EnvTarget.PRODUCTION);
    assertThat(listed.get(2).gitBranch()).contains("feature-1");

    EnvChange edited = client.editEnvVar("acme-web", created.id().orElseThrow(),
        api.toBuilder().value("https://api2.acme.dev").build());
    assertThat(edited.kind()).isEqualTo(EnvChange.Kind.UPDATED);
    assertThat(sandbox.envVars("acme-web").get(0)).containsEntry("value", "https://api2.acme.dev");

    EnvChange upserted = client.upsertEnvVar("acme-web", key.toBuilder().value("sk-test-2").build());
    assertThat(upserted.kind()).isEqualTo(EnvChange.Kind.CREATED);
    assertThat(sandbox.envVars("acme-web").get(1)).containsEntry("value", "sk-test-2");
    assertThat(sandbox.envVars("acme-web")).hasSize(3);

    EnvChange deleted = client.deleteEnvVar("acme-web", listedKey.id().orElseThrow());
    assertThat(deleted.kind()).isEqualTo(EnvChange.Kind.DELETED);
    assertThat(deleted.key()).isEqualTo("OPENAI_API_KEY");
    assertThat(client.envVars("acme-web")).extracting(EnvVar::key).containsExactly("NEXT_PUBLIC_API_URL", "FEATURE_FLAG");
    assertContractHeld("POST /v10/projects/acme-web/env", "GET /v10/projects/acme-web/env",
        "PATCH /v9/projects/acme-web/env/{id}", "DELETE /v9/projects/acme-web/env/{id}");
  }

  @Test
  void aConflictingTargetIsATypedRejectionNamingTheFix() {
    EnvVar v = EnvVar.builder("DATABASE_URL").value("postgres://x").targets(EnvTarget.PRODUCTION, EnvTarget.PREVIEW).build();
    client.createEnvVar("acme-web", v);
    EnvVar clash = EnvVar.builder("DATABASE_URL").value("postgres://y").targets(EnvTarget.PREVIEW).build();
    assertThatThrownBy(() -> client.createEnvVar("acme-web", clash))
        .isInstanceOf(RunwayException.PlatformRejected.class)
        .hasMessage("vercel: POST /v10/projects/acme-web/env: 409 ENV_CONFLICT (A variable with the name `DATABASE_URL`"
            + " already exists for the target preview); a variable with this key already exists for one of these targets"
            + " (and git branch): upsert it, edit the existing one by id, or choose other targets")
        .satisfies(e -> {
          var r = (RunwayException.PlatformRejected) e;
          assertThat(r.status()).isEqualTo(409);
          assertThat(r.vendorCode()).contains("ENV_CONFLICT");
          assertThat(e.getMessage()).doesNotContain("postgres://");
        });
    // Nothing lost: the first variable is untouched.
    assertThat(sandbox.envVars("acme-web")).singleElement().satisfies(m -> assertThat(m).containsEntry("value", "postgres://x"));
  }

  @Test
  void checksDomainsAndCertificatesAsProbesThatNeverThrow() {
    sandbox.domain("acme.dev", false);
    sandbox.domain("www.acme.dev", true);
    sandbox.certificate("cert_1", List.of("acme.dev"), Instant.now().plus(Duration.ofDays(40)), true);
    sandbox.certificate("cert_2", List.of("old.acme.dev"), Instant.now().plus(Duration.ofDays(3)), false);

    DomainStatus ok = client.domainStatus("acme.dev");
    assertThat(ok.healthy()).isTrue();
    assertThat(ok.message()).isEqualTo("acme.dev is configured by CNAME");
    DomainStatus bad = client.domainStatus("www.acme.dev");
    assertThat(bad.healthy()).isFalse();
    assertThat(bad.misconfigured()).isTrue();
    assertThat(bad.message()).isEqualTo("www.acme.dev is misconfigured: its DNS does not point at Vercel;"
        + " add the records shown in the project's Domains settings (CNAME cname.vercel-dns.com.)");
    DomainStatus unknown = client.domainStatus("nope.dev");
    assertThat(unknown.healthy()).isFalse();
    assertThat(unknown.message()).startsWith("nope.dev: check failed: vercel: GET /v6/domains/nope.dev/config: 403 forbidden");

    assertThat(client.certificateStatus("cert_1", Duration.ofDays(14)).healthy()).isTrue();
    CertificateStatus soon = client.certificateStatus("cert_2", Duration.ofDays(14));
    assertThat(soon.healthy()).isFalse();
    assertThat(soon.message()).endsWith(", not auto-renewed); renew it or turn on auto-renewal");
    assertContractHeld("GET /v6/domains/acme.dev/config", "GET /v8/certs/cert_1");
  }

  @Test
  void rejectsAWrongTokenWithoutEchoingIt() {
    VercelClient wrong = sandbox.clientBuilder().token("tok_wrong_123").build();
    assertThatThrownBy(() -> wrong.project("acme-web"))
        .isInstanceOf(RunwayException.PlatformRejected.class)
        .hasMessage("vercel: GET /v9/projects/acme-web: 403 forbidden (Not authorized); check the Vercel token and, for a team project, the teamId")
        .hasMessageNotContaining("tok_wrong_123");
    assertThat(wrong.toString()).doesNotContain("tok_wrong_123");
  }

  @Test
  void retriesAfterARateLimitAndAfterServerErrorsOnReads() {
    sandbox.rateLimitNext(2);
    assertThat(client.project("acme-web").name()).isEqualTo("acme-web");
    sandbox.failNext(2, 503);
    assertThat(client.envVars("acme-web")).isEmpty();
    assertThat(sandbox.requests()).hasSize(6);
  }

  @Test
  void givesUpOnARateLimitWhenRetriesRunOut() {
    sandbox.rateLimitNext(10);
    VercelClient once = sandbox.clientBuilder().maxRetries(1).build();
    assertThatThrownBy(() -> once.project("acme-web"))
        .isInstanceOf(RunwayException.PlatformRejected.class)
        .hasMessage("vercel: GET /v9/projects/acme-web: rate limited (0 of 100 requests left); wait 1 second before retrying, or lower the request rate");
  }

  @Test
  void doesNotRetryACreateAfterAServerError() {
    sandbox.failNext(1, 500);
    assertThatThrownBy(() -> client.createDeployment(production("main")))
        .isInstanceOf(RunwayException.PlatformRejected.class)
        .hasMessage("vercel: POST /v13/deployments: server error 500 (An unexpected internal error occurred) after 1 attempt(s);"
            + " the call may or may not have taken effect: check its result before retrying");
    assertThat(sandbox.requests()).hasSize(1);
    assertThat(Set.copyOf(client.allDeployments("acme-web", 10, false))).isEmpty();
  }
}

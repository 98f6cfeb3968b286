package dev.runway.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.base.RunwayException;
import dev.runway.testkit.OpenApiContract;
import dev.runway.testkit.RequiresSpecs;
import dev.runway.testkit.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against the sandbox, every exchange checked against Render's OpenAPI spec. */
@RequiresSpecs("render/render-public-api-openapi.json")
class RenderClientContractTest {
  /** One validator for the run (parsing the spec takes a second), built on first use so that a missing spec skips. */
  static final Supplier<OpenApiContract> CONTRACT =
      Specs.lazily(() -> OpenApiContract.forSpec("render/render-public-api-openapi.json", "/v1"));
  static final List<String> USED = List.of(
      "GET /services", "GET /services/{id}", "POST /services/{id}/suspend", "POST /services/{id}/resume",
      "POST /services/{id}/deploys", "GET /services/{id}/deploys", "GET /services/{id}/deploys/{id}",
      "POST /services/{id}/deploys/{id}/cancel", "POST /services/{id}/rollback", "GET /services/{id}/env-vars",
      "PUT /services/{id}/env-vars", "PUT /services/{id}/env-vars/{id}", "DELETE /services/{id}/env-vars/{id}",
      "GET /services/{id}/custom-domains", "POST /services/{id}/custom-domains",
      "DELETE /services/{id}/custom-domains/{id}");

  RenderSandbox sandbox;
  RenderClient client;

  @BeforeEach
  void start() {
    sandbox = RenderSandbox.builder().buildTime(Duration.ofMillis(60)).updateTime(Duration.ofMillis(60)).start();
    client = RenderClient.builder().apiKey(sandbox.apiKey()).baseUrl(sandbox.baseUrl())
        .pollInterval(Duration.ofMillis(10)).maxPollInterval(Duration.ofMillis(40)).retryBackoff(Duration.ofMillis(10))
        .okHttpClient(new OkHttpClient.Builder().addInterceptor(CONTRACT.get().interceptor()).build())
        .build();
  }

  @AfterEach
  void stop() {
    sandbox.close();
    assertThat(CONTRACT.get().violations()).isEmpty();
  }

  @AfterAll
  static void everyEndpointTheClientUsesWasChecked() {
    // Without the spec every test was skipped (@RequiresSpecs): there is nothing to sum up. Under CI they ran, and so does this.
    if (Specs.skipReason("render/render-public-api-openapi.json").isPresent()) return;
    List<String> seen = CONTRACT.get().checkedOperations().stream()
        .map(op -> op.replaceAll("/(srv|dep|cdm)-[0-9a-f]+", "/{id}").replaceAll("/env-vars/[A-Z_]+", "/env-vars/{id}")
            .replaceAll("/custom-domains/[a-z.]+", "/custom-domains/{id}"))
        .map(op -> op.replace(" /v1/", " /")).distinct().toList();
    assertThat(seen).containsAll(USED);
    assertThat(CONTRACT.get().violations()).isEmpty();
  }

  @Test
  void deployAndWaitReturnsTheLiveDeployAndSupersedesThePreviousOne() {
    String api = sandbox.addService("acme-api");
    String before = sandbox.liveDeploy(api).orElseThrow().id();
    Deploy live = client.deployAndWait(api, Duration.ofSeconds(20));
    assertThat(live.status()).contains(DeployStatus.LIVE);
    assertThat(live.trigger()).contains("api");
    assertThat(sandbox.liveDeploy(api).orElseThrow().id()).isEqualTo(live.id());
    assertThat(client.deploy(api, before).status()).contains(DeployStatus.DEACTIVATED);
  }

  @Test
  void rollbackToPreviousLiveRedeploysTheDeployBeforeTheLiveOne() {
    String api = sandbox.addService("acme-api");
    String first = sandbox.liveDeploy(api).orElseThrow().id();
    Deploy second = client.deployAndWait(api, Duration.ofSeconds(20));
    Deploy rollback = client.rollbackToPreviousLive(api);
    assertThat(rollback.trigger()).contains("rollback");
    assertThat(rollback.commitId()).isEqualTo(sandbox.deploys(api).stream()
        .filter(d -> d.id().equals(first)).findFirst().orElseThrow().commitId());
    Deploy live = client.awaitDeploy(api, rollback.id(), Duration.ofSeconds(20));
    assertThat(live.status()).contains(DeployStatus.LIVE);
    assertThat(client.deploy(api, second.id()).status()).contains(DeployStatus.DEACTIVATED);
  }

  @Test
  void aFailedBuildRaisesDeployFailedNamingTheStatusAndLinkingTheDeploy() {
    String api = sandbox.addService("acme-api");
    sandbox.failNextDeploy(api, DeployStatus.BUILD_FAILED);
    assertThatThrownBy(() -> client.deployAndWait(api, Duration.ofSeconds(20)))
        .isInstanceOfSatisfying(RunwayException.DeployFailed.class, e -> {
          String id = sandbox.deploys(api).get(0).id();
          assertThat(e.status()).isEqualTo("build_failed");
          assertThat(e).hasMessage("render:" + api + ": deploy " + id + ": ended build_failed; read its logs at"
              + " https://dashboard.render.com/web/" + api + "/deploys/" + id);
        });
  }

  @Test
  void updateFailuresAndCancellationsAreFailuresToo() {
    String api = sandbox.addService("acme-api");
    sandbox.failNextDeploy(api, DeployStatus.UPDATE_FAILED);
    assertThatThrownBy(() -> client.deployAndWait(api, Duration.ofSeconds(20)))
        .isInstanceOfSatisfying(RunwayException.DeployFailed.class, e -> assertThat(e.status()).isEqualTo("update_failed"));
    Deploy started = client.triggerDeploy(api);
    Deploy canceled = client.cancelDeploy(api, started.id());
    assertThat(canceled.status()).contains(DeployStatus.CANCELED);
    assertThat(canceled.phase()).isEqualTo(DeployStatus.Phase.FAILED);
  }

  @Test
  void aQueuedDeployAnsweredWith202IsFoundInTheList() {
    String api = sandbox.addService("acme-api");
    sandbox.answerDeploysWith202(true);
    Deploy d = client.triggerDeploy(api);
    assertThat(d.id()).isEqualTo(sandbox.deploys(api).get(0).id());
    assertThat(client.awaitDeploy(api, d.id(), Duration.ofSeconds(20)).status()).contains(DeployStatus.LIVE);
  }

  @Test
  void awaitDeployTimesOutNamingTheStatus() {
    RenderSandbox slow = RenderSandbox.builder().buildTime(Duration.ofMinutes(5)).start();
    try (slow) {
      String api = slow.addService("acme-api");
      RenderClient c = RenderClient.builder().apiKey(slow.apiKey()).baseUrl(slow.baseUrl())
          .pollInterval(Duration.ofMillis(10)).build();
      Deploy d = c.triggerDeploy(api);
      assertThatThrownBy(() -> c.awaitDeploy(api, d.id(), Duration.ofMillis(100)))
          .isInstanceOf(RunwayException.Timeout.class)
          .hasMessageStartingWith("render:" + api + ": deploy " + d.id() + ": still ")
          .hasMessageContaining(" after 0 s, expected live;");
    }
  }

  @Test
  void listsServicesAcrossPages() {
    for (int i = 0; i < 105; i++) sandbox.addService("svc-" + i);
    List<RenderService> all = client.services();
    assertThat(all).hasSize(105);
    assertThat(all).extracting(RenderService::name).doesNotHaveDuplicates();
    assertThat(client.servicesNamed("svc-7")).singleElement()
        .satisfies(s -> assertThat(s.url()).contains("https://svc-7.onrender.com"));
    assertThat(client.service(all.get(0).id()).name()).isEqualTo("svc-0");
  }

  @Test
  void envVarsArePutDeletedAndReplacedOnlyAfterABackup(@TempDir Path dir) throws Exception {
    String api = sandbox.addService("acme-api");
    client.putEnvVar(api, "LOG_LEVEL", "info");
    client.putEnvVar(api, "OPENAI_API_KEY", "sk-proj-secret-value");
    assertThat(client.envVars(api)).extracting(RenderEnvVar::key).containsExactly("LOG_LEVEL", "OPENAI_API_KEY");
    assertThat(client.envVars(api).toString()).doesNotContain("sk-proj");
    client.deleteEnvVar(api, "LOG_LEVEL");
    assertThat(sandbox.envVars(api)).containsOnlyKeys("OPENAI_API_KEY");

    Path backup = dir.resolve("backup/env.json");
    Map<String, String> next = new LinkedHashMap<>();
    next.put("PORT", "10000");
    next.put("SENTRY_ENVIRONMENT", "production");
    List<RenderEnvVar> after = client.replaceAllEnvVars(api, next, backup);
    assertThat(after).extracting(RenderEnvVar::key).containsExactly("PORT", "SENTRY_ENVIRONMENT");
    assertThat(sandbox.envVars(api)).isEqualTo(Map.of("PORT", "10000", "SENTRY_ENVIRONMENT", "production"));
    assertThat(Files.readString(backup)).isEqualTo("[{\"key\":\"OPENAI_API_KEY\",\"value\":\"sk-proj-secret-value\"}]");
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)))
        .isEqualTo("rw-------");
  }

  @Test
  void suspendsResumesAndManagesCustomDomains() {
    String api = sandbox.addService("acme-api");
    client.suspend(api);
    assertThat(client.service(api).suspended()).isTrue();
    client.resume(api);
    assertThat(client.service(api).suspended()).isFalse();
    assertThat(client.addCustomDomain(api, "api.acme.dev")).singleElement()
        .satisfies(d -> assertThat(d.verified()).isFalse());
    assertThat(client.customDomains(api)).extracting(CustomDomain::name).containsExactly("api.acme.dev");
    client.deleteCustomDomain(api, "api.acme.dev");
    assertThat(client.customDomains(api)).isEmpty();
  }

  @Test
  void rejectionsCarryRendersStatusAndMessage() {
    assertThatThrownBy(() -> client.service("srv-nope"))
        .isInstanceOfSatisfying(RunwayException.PlatformRejected.class, e -> {
          assertThat(e.status()).isEqualTo(404);
          assertThat(e).hasMessage("render: GET /v1/services/srv-nope: 404 service not found; check the id or name"
              + " (list them with runway render services)");
        });
  }
}

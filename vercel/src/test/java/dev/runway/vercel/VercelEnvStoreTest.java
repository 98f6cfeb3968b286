package dev.runway.vercel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.App;
import dev.runway.base.RunwayException;
import dev.runway.Service;
import dev.runway.env.EnvSchema;
import dev.runway.env.Environment;
import dev.runway.env.Var;
import dev.runway.sync.EnvSnapshot;
import dev.runway.sync.EnvStore;
import dev.runway.sync.EnvStoreProvider;
import dev.runway.sync.EnvStores;
import dev.runway.sync.Sync;
import dev.runway.sync.SyncResult;
import dev.runway.testkit.OpenApiContract;
import dev.runway.testkit.RequiresSpecs;
import dev.runway.vercel.internal.VercelEnvCalls;
import dev.runway.vercel.internal.VercelEnvStore;
import dev.runway.vercel.internal.VercelEnvStoreProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@RequiresSpecs(VercelSpec.FILE)
class VercelEnvStoreTest {
  static {
    // Nagle off for the JDK's HTTP server (read once per JVM, at its first server): ~40 ms less per sandbox answer.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  VercelSandbox sandbox;
  OpenApiContract contract;
  SandboxFaults faults;
  VercelEnvCalls calls;
  VercelClient client;

  @BeforeEach
  void start() {
    sandbox = VercelSandbox.start();
    contract = VercelSpec.contract();
    faults = new SandboxFaults(sandbox);
    calls = VercelEnvCalls.connect(sandbox.token(), sandbox.baseUrl(), null, new OkHttpClient.Builder()
        .addInterceptor(faults.interceptor()).addInterceptor(contract.interceptor()).build(), 0, Duration.ZERO);
    client = sandbox.client();
    sandbox.createProject("web");
  }

  @AfterEach
  void stop() {
    sandbox.close();
    // The spec lists no 503 answers: those are the faults the tests inject, not the sandbox's wire format.
    assertThat(VercelSpec.violations(contract)).filteredOn(v -> !v.contains("Response status 503 not defined")).isEmpty();
  }

  VercelEnvStore store(EnvTarget target, String... secrets) {
    return new VercelEnvStore(calls, "web", target, Set.of(secrets)::contains);
  }

  void seed(String key, String value, EnvType type, EnvTarget... targets) {
    client.createEnvVar("web", EnvVar.builder(key).value(value).type(type).targets(targets).build());
  }

  /** Every variable as stored: "KEY type targets=value". */
  @SuppressWarnings("unchecked")
  List<String> raw() {
    return sandbox.envVars("web").stream()
        .map(v -> v.get("key") + " " + v.get("type") + " " + String.join("+", (List<String>) v.get("target"))
            + (v.get("gitBranch") == null ? "" : "@" + v.get("gitBranch")) + "=" + v.get("value"))
        .sorted().toList();
  }

  @Test
  void aTargetSeesItsVariablesWithoutBranchAndSensitiveOnesOnlyByName() {
    seed("SHARED", "s", EnvType.ENCRYPTED, EnvTarget.PRODUCTION, EnvTarget.PREVIEW);
    seed("TOKEN", "t", EnvType.SENSITIVE, EnvTarget.PRODUCTION);
    seed("PLAIN", "p", EnvType.PLAIN, EnvTarget.PRODUCTION);
    seed("LOCAL", "l", EnvType.ENCRYPTED, EnvTarget.DEVELOPMENT);
    client.createEnvVar("web", EnvVar.builder("BRANCHED").value("b").targets(EnvTarget.PREVIEW).gitBranch("feat").build());

    assertThat(store(EnvTarget.PRODUCTION).name()).isEqualTo("vercel:web/production");
    assertThat(store(EnvTarget.PRODUCTION).readAll()).isEqualTo(Map.of("SHARED", "s", "PLAIN", "p"));
    assertThat(store(EnvTarget.PRODUCTION).writeOnly()).containsExactly("TOKEN");
    assertThat(store(EnvTarget.PREVIEW).readAll()).isEqualTo(Map.of("SHARED", "s"));
    assertThat(store(EnvTarget.DEVELOPMENT).readAll()).isEqualTo(Map.of("LOCAL", "l"));
    assertThat(sandbox.requests()).filteredOn(r -> r.startsWith("GET ")).allMatch(r -> r.contains("decrypt=true"));
  }

  @Test
  void writingAVariableSharedWithOtherTargetsSplitsItAndLeavesTheOthersAlone() {
    seed("API_URL", "old", EnvType.PLAIN, EnvTarget.PRODUCTION, EnvTarget.PREVIEW, EnvTarget.DEVELOPMENT);

    store(EnvTarget.PREVIEW).write("API_URL", "new");

    assertThat(raw()).containsExactly("API_URL plain preview=new", "API_URL plain production+development=old");
  }

  @Test
  void writingAVariableOfThisTargetAloneEditsItInPlace() {
    seed("A", "1", EnvType.ENCRYPTED, EnvTarget.PRODUCTION);
    seed("TOKEN", "t", EnvType.SENSITIVE, EnvTarget.PRODUCTION);
    String id = (String) sandbox.envVars("web").get(0).get("id");

    store(EnvTarget.PRODUCTION).write("A", "2");
    store(EnvTarget.PRODUCTION).write("TOKEN", "t2");

    assertThat(raw()).containsExactly("A encrypted production=2", "TOKEN sensitive production=t2");
    assertThat(sandbox.envVars("web").get(0).get("id")).isEqualTo(id);
  }

  @Test
  void newSecretsAreCreatedSensitiveExceptOnDevelopment() {
    store(EnvTarget.PRODUCTION, "OPENAI_API_KEY").write("OPENAI_API_KEY", "sk-1");
    store(EnvTarget.DEVELOPMENT, "OPENAI_API_KEY").write("OPENAI_API_KEY", "sk-2");
    store(EnvTarget.PRODUCTION, "OPENAI_API_KEY").write("PORT", "10000");

    assertThat(raw()).containsExactly("OPENAI_API_KEY encrypted development=sk-2", "OPENAI_API_KEY sensitive production=sk-1",
        "PORT encrypted production=10000");
    assertThat(store(EnvTarget.PRODUCTION).writeOnly()).containsExactly("OPENAI_API_KEY");
  }

  @Test
  void deleteTakesOnlyThisTargetOutAndDeletesAVariableWithNoTargetLeft() {
    seed("SHARED", "s", EnvType.SENSITIVE, EnvTarget.PRODUCTION, EnvTarget.PREVIEW);
    seed("ALONE", "a", EnvType.ENCRYPTED, EnvTarget.PRODUCTION);

    store(EnvTarget.PRODUCTION).delete("SHARED");
    store(EnvTarget.PRODUCTION).delete("ALONE");
    store(EnvTarget.PRODUCTION).delete("NEVER_THERE");

    assertThat(raw()).containsExactly("SHARED sensitive preview=s");
  }

  @Test
  void whenTheCreateOfASplitFailsTheTargetIsPutBack() {
    seed("A", "old", EnvType.ENCRYPTED, EnvTarget.PRODUCTION, EnvTarget.PREVIEW);
    faults.failChanges(1); // 0: take production out of the shared variable, 1: create production's own

    assertThatThrownBy(() -> store(EnvTarget.PRODUCTION).write("A", "new-secret-value"))
        .isInstanceOfSatisfying(RunwayException.PlatformRejected.class, e -> assertThat(e.status()).isEqualTo(503))
        .hasMessage("vercel: POST /v10/projects/web/env: server error 503 (An unexpected internal error occurred) after 1"
            + " attempt(s); the call may or may not have taken effect: check its result before retrying");
    assertThat(raw()).containsExactly("A encrypted production+preview=old");
  }

  @Test
  void whenPuttingTheTargetBackFailsTooTheMessageSaysWhatToDo() {
    seed("A", "old", EnvType.ENCRYPTED, EnvTarget.PRODUCTION, EnvTarget.PREVIEW);
    faults.failChanges(1, 2);

    assertThatThrownBy(() -> store(EnvTarget.PRODUCTION).write("A", "new-secret-value"))
        .isInstanceOf(RunwayException.PlatformRejected.class)
        .hasMessage("vercel:web/production: A: was taken out of the variable shared with preview but not re-created for"
            + " production (vercel: POST /v10/projects/web/env: server error 503 (An unexpected internal error occurred)"
            + " after 1 attempt(s); the call may or may not have taken effect: check its result before retrying), and putting"
            + " it back failed too; restore the backup with runway sync restore, or add production to A in the project's settings")
        .message().doesNotContain("new-secret-value");
  }

  @Test
  void aRestoreRecreatesAReadableVariableReadableEvenForASecret() {
    seed("A", "", EnvType.ENCRYPTED, EnvTarget.PRODUCTION, EnvTarget.DEVELOPMENT);
    VercelEnvStore store = store(EnvTarget.PRODUCTION, "A");
    SyncResult result = Sync.apply(Sync.plan(EnvStores.memory(".env.production", Map.of()), store), store,
        Sync.options().prune(true));
    assertThat(raw()).containsExactly("A encrypted development=");

    Sync.restore(result.snapshot(), store);

    assertThat(store.readAll()).isEqualTo(Map.of("A", ""));
    assertThat(raw()).containsExactly("A encrypted development=", "A encrypted production=");
  }

  @Test
  void aRestoreDeletesSecretsTheApplyAddedAndKeepsTheOthers() {
    seed("KEPT", "k", EnvType.SENSITIVE, EnvTarget.PRODUCTION);
    VercelEnvStore store = store(EnvTarget.PRODUCTION, "NEW_KEY");
    EnvSnapshot before = store.snapshot();
    store.write("NEW_KEY", "n");

    Sync.restore(before, store);

    assertThat(raw()).containsExactly("KEPT sensitive production=k");
    assertThat(before.writeOnly()).containsExactly("KEPT");
  }

  @Test
  void aSyncThroughTheStoreUsesOnlyCallsOfVercelsSpec() {
    seed("SHARED", "s", EnvType.ENCRYPTED, EnvTarget.PRODUCTION, EnvTarget.PREVIEW);
    seed("ALONE", "a", EnvType.ENCRYPTED, EnvTarget.PRODUCTION);
    seed("GONE", "g", EnvType.ENCRYPTED, EnvTarget.PRODUCTION);
    VercelEnvStore store = store(EnvTarget.PRODUCTION);
    Sync.apply(Sync.plan(EnvStores.memory(".env.production", Map.of("SHARED", "s2", "ALONE", "a2", "NEW", "n")), store),
        store, Sync.options().prune(true));

    assertThat(store.readAll()).isEqualTo(Map.of("SHARED", "s2", "ALONE", "a2", "NEW", "n"));
    assertThat(contract.checkedOperations().stream().map(o -> o.replaceAll("/env_\\w+", "/{id}")).toList())
        .contains("GET /v10/projects/web/env", "POST /v10/projects/web/env", "PATCH /v9/projects/web/env/{id}",
            "DELETE /v9/projects/web/env/{id}");
  }

  @Test
  void anEncryptedValueVercelDidNotDecryptIsWriteOnly() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body("""
          {"envs": [
            {"id": "env_1", "key": "READ", "value": "r", "type": "encrypted", "decrypted": true, "target": ["production"]},
            {"id": "env_2", "key": "CIPHER", "value": "eyJ2IjoxfQ", "type": "encrypted", "decrypted": false, "target": ["production"]},
            {"id": "env_3", "key": "LEGACY", "value": "secret_ref", "type": "secret", "target": ["production"]}
          ]}""").build());
      VercelEnvCalls mock = VercelEnvCalls.connect("t", server.url("/").uri(), "team_1", null, 0, Duration.ZERO);
      EnvSnapshot snapshot = new VercelEnvStore(mock, "web", EnvTarget.PRODUCTION, k -> false).snapshot();

      assertThat(snapshot.values()).isEqualTo(Map.of("READ", "r"));
      assertThat(snapshot.writeOnly()).containsExactly("CIPHER", "LEGACY");
      assertThat(server.takeRequest().getTarget()).isEqualTo("/v10/projects/web/env?decrypt=true&teamId=team_1");
    }
  }

  // ---- provider ----

  App app(Map<String, Object> settings) {
    return App.of("acme", EnvSchema.of(Var.secret("OPENAI_API_KEY").targets("web")), Service.of("web", "vercel", settings));
  }

  VercelEnvStoreProvider provider() {
    return new VercelEnvStoreProvider(Map.of("VERCEL_TOKEN", sandbox.token(), "VERCEL_API_URL", sandbox.baseUrl().toString())::get,
        null);
  }

  @Test
  void theProviderIsFoundThroughTheServiceLoader() {
    assertThat(ServiceLoader.load(EnvStoreProvider.class).stream().map(ServiceLoader.Provider::type))
        .contains(VercelEnvStoreProvider.class);
  }

  @Test
  void aMissingTokenIsReportedWithTheFix() {
    App app = app(Map.of());
    assertThatThrownBy(() -> new VercelEnvStoreProvider(k -> null, null).stores(app, app.service("web"), Environment.PRODUCTION))
        .isInstanceOf(RunwayException.class)
        .hasMessage("vercel:web/production: VERCEL_TOKEN: is not set; create a token at vercel.com/account/tokens"
            + " and export VERCEL_TOKEN=<token>");
  }

  @Test
  void eachEnvironmentNamedLikeATargetGetsThatTargetOfTheProject() {
    App app = app(Map.of("vercel-project", "web", "vercel-team-id", "team_acme"));
    for (String env : List.of("production", "preview", "development")) {
      assertThat(provider().stores(app, app.service("web"), Environment.named(env))).extracting(EnvStore::name)
          .containsExactly("vercel:web/" + env);
    }
    assertThat(provider().stores(app, app.service("web"), Environment.named("staging"))).isEmpty();

    provider().stores(app, app.service("web"), Environment.PRODUCTION).get(0).write("OPENAI_API_KEY", "sk-x");

    assertThat(raw()).containsExactly("OPENAI_API_KEY sensitive production=sk-x");
    assertThat(sandbox.requests()).allMatch(r -> r.contains("teamId=team_acme"));
  }

  @Test
  void withoutAProjectSettingTheServiceNameIsTheProject() {
    sandbox.createProject("site");
    App app = App.of("acme", EnvSchema.of(), Service.of("site", "vercel", Map.of()));
    EnvStore store = provider().stores(app, app.service("site"), Environment.PREVIEW).get(0);

    store.write("X", "1");

    assertThat(store.name()).isEqualTo("vercel:site/preview");
    assertThat(sandbox.envVars("site")).hasSize(1);
    assertThat(new TreeMap<>(store.readAll())).isEqualTo(Map.of("X", "1"));
  }
}

package dev.runway.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.App;
import dev.runway.base.RunwayException;
import dev.runway.Service;
import dev.runway.env.EnvSchema;
import dev.runway.env.Environment;
import dev.runway.render.internal.RenderEnvStore;
import dev.runway.render.internal.RenderEnvStoreProvider;
import dev.runway.sync.EnvSnapshot;
import dev.runway.sync.EnvStore;
import dev.runway.sync.EnvStoreProvider;
import dev.runway.sync.EnvStores;
import dev.runway.sync.Sync;
import dev.runway.sync.SyncResult;
import dev.runway.testkit.OpenApiContract;
import dev.runway.testkit.RequiresSpecs;
import dev.runway.testkit.Specs;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@RequiresSpecs("render/render-public-api-openapi.json")
class RenderEnvStoreTest {
  static {
    // Nagle off for the JDK's HTTP server (read once per JVM, at its first server): ~40 ms less per sandbox answer.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  static final Supplier<OpenApiContract> CONTRACT =
      Specs.lazily(() -> OpenApiContract.forSpec("render/render-public-api-openapi.json", "/v1"));

  RenderSandbox sandbox;
  RenderEnvStoreProvider.Connection connection;

  @BeforeEach
  void start() {
    sandbox = RenderSandbox.start();
    connection = RenderEnvStoreProvider.connection(sandbox.apiKey(), sandbox.baseUrl(),
        new OkHttpClient.Builder().addInterceptor(CONTRACT.get().interceptor()).build(), 1, Duration.ofMillis(1));
  }

  @AfterEach
  void stop() {
    sandbox.close();
    assertThat(CONTRACT.get().violations()).isEmpty();
  }

  RenderEnvStore store(String serviceId) {
    return RenderEnvStore.ofId("render:api", connection.client(), serviceId, connection.http());
  }

  App app(Map<String, Object> settings) {
    return App.of("acme", EnvSchema.of(), Service.of("api", "render", settings));
  }

  RenderEnvStoreProvider provider() {
    return new RenderEnvStoreProvider(Map.of("RENDER_API_KEY", sandbox.apiKey(), "RENDER_API_URL", sandbox.baseUrl())::get, null);
  }

  @Test
  void readsEveryVariableAcrossPages() {
    String id = sandbox.addService("api");
    Map<String, String> all = new TreeMap<>();
    for (int i = 0; i < 130; i++) all.put("VAR_" + i, "value " + i);
    all.forEach((k, v) -> sandbox.putEnvVar(id, k, v));

    assertThat(store(id).readAll()).isEqualTo(all);
    assertThat(store(id).writeOnly()).isEmpty();
    assertThat(sandbox.requests()).filteredOn(r -> r.startsWith("GET ")).hasSize(2);
  }

  @Test
  void writesAndDeletesOneVariableLeavingTheOthers() {
    String id = sandbox.addService("api");
    sandbox.putEnvVar(id, "KEEP", "1");
    sandbox.putEnvVar(id, "OLD", "2");
    EnvStore store = store(id);

    store.write("NEW", "multi\nline é");
    store.delete("OLD");
    store.delete("NEVER_THERE");

    assertThat(sandbox.envVars(id)).isEqualTo(Map.of("KEEP", "1", "NEW", "multi\nline é"));
    assertThat(sandbox.requests()).contains("PUT /v1/services/" + id + "/env-vars/NEW",
        "DELETE /v1/services/" + id + "/env-vars/OLD", "DELETE /v1/services/" + id + "/env-vars/NEVER_THERE");
  }

  @Test
  void deletingFromAServiceThatDoesNotExistFails() {
    assertThatThrownBy(() -> store("srv-nothere").delete("A"))
        .isInstanceOfSatisfying(RunwayException.PlatformRejected.class, e -> assertThat(e.status()).isEqualTo(404))
        .hasMessage("render: GET /v1/services/srv-nothere/env-vars: 404 service not found;"
            + " check the id or name (list them with runway render services)");
  }

  @Test
  void aRejectedWriteCarriesRendersStatusAndNeverTheValue() {
    String id = sandbox.addService("api");
    sandbox.failNextRequests(1, 503);

    assertThatThrownBy(() -> store(id).write("OPENAI_API_KEY", "sk-proj-abcdef123456"))
        .isInstanceOfSatisfying(RunwayException.PlatformRejected.class, e -> assertThat(e.status()).isEqualTo(503))
        .hasMessage("render: PUT /v1/services/" + id + "/env-vars/OPENAI_API_KEY: 503 internal server error;"
            + " Render failed 1 time; check status.render.com and run it again")
        .message().doesNotContain("sk-proj");
  }

  @Test
  void restorePutsTheWholeListBackInOneCall() {
    String id = sandbox.addService("api");
    sandbox.putEnvVar(id, "A", "1");
    sandbox.putEnvVar(id, "B", "2");
    RenderEnvStore store = store(id);
    EnvSnapshot snapshot = store.snapshot();
    store.write("A", "changed");
    store.write("C", "added");
    store.delete("B");
    int before = sandbox.requests().size();

    Sync.restore(snapshot, store);

    assertThat(sandbox.envVars(id)).isEqualTo(Map.of("A", "1", "B", "2"));
    assertThat(sandbox.requests().subList(before, sandbox.requests().size()))
        .containsExactly("GET /v1/services/" + id + "/env-vars", "PUT /v1/services/" + id + "/env-vars");
  }

  @Test
  void restoreOfAnUnchangedServiceWritesNothing() {
    String id = sandbox.addService("api");
    sandbox.putEnvVar(id, "A", "1");
    RenderEnvStore store = store(id);
    int before = sandbox.requests().size();

    store.restore(store.snapshot());

    assertThat(sandbox.requests().subList(before, sandbox.requests().size())).allMatch(r -> r.startsWith("GET "));
  }

  @Test
  void aSyncThroughTheStoreUsesOnlyCallsOfRendersSpec() {
    String id = sandbox.addService("api");
    sandbox.putEnvVar(id, "OLD", "x");
    sandbox.putEnvVar(id, "PORT", "8080");
    EnvStore store = store(id);
    SyncResult result = Sync.apply(Sync.plan(EnvStores.memory(".env.production", Map.of("PORT", "10000", "NEW", "y")), store),
        store, Sync.options().prune(true));
    Sync.restore(result.snapshot(), store);

    assertThat(sandbox.envVars(id)).isEqualTo(Map.of("OLD", "x", "PORT", "8080"));
    assertThat(CONTRACT.get().checkedOperations()).contains("GET /v1/services/" + id + "/env-vars",
        "PUT /v1/services/" + id + "/env-vars/NEW", "DELETE /v1/services/" + id + "/env-vars/OLD",
        "PUT /v1/services/" + id + "/env-vars");
  }

  // ---- provider ----

  @Test
  void theProviderIsFoundThroughTheServiceLoader() {
    assertThat(ServiceLoader.load(EnvStoreProvider.class).stream().map(ServiceLoader.Provider::type))
        .contains(RenderEnvStoreProvider.class);
  }

  @Test
  void aMissingApiKeyIsReportedWithTheFix() {
    assertThatThrownBy(() -> new RenderEnvStoreProvider(k -> null, null).stores(app(Map.of()), app(Map.of()).service("api"),
        Environment.PRODUCTION))
        .isInstanceOf(RunwayException.class)
        .hasMessage("render:api: RENDER_API_KEY: is not set; create a key under Account Settings → API Keys"
            + " on dashboard.render.com and export RENDER_API_KEY=<key>");
  }

  @Test
  void theServiceIdComesFromTheSettings() {
    String id = sandbox.addService("acme-api");
    sandbox.putEnvVar(id, "A", "1");
    App app = app(Map.of("render-service-id", id));

    List<EnvStore> stores = provider().stores(app, app.service("api"), Environment.PRODUCTION);

    assertThat(stores).extracting(EnvStore::name).containsExactly("render:api");
    assertThat(stores.get(0).readAll()).isEqualTo(Map.of("A", "1"));
    assertThat(provider().stores(app, app.service("api"), Environment.PREVIEW)).isEmpty();
  }

  @Test
  void aMapOfIdsGivesOneStorePerEnvironmentItNames() {
    String production = sandbox.addService("api");
    String staging = sandbox.addService("api-staging");
    sandbox.putEnvVar(staging, "STAGE", "yes");
    App app = app(Map.of("render-service-id", Map.of("production", production, "preview", staging)));

    List<EnvStore> preview = provider().stores(app, app.service("api"), Environment.PREVIEW);

    assertThat(preview).extracting(EnvStore::name).containsExactly("render:api/preview");
    assertThat(preview.get(0).readAll()).isEqualTo(Map.of("STAGE", "yes"));
    assertThat(provider().stores(app, app.service("api"), Environment.PRODUCTION)).extracting(EnvStore::name)
        .containsExactly("render:api");
    assertThat(provider().stores(app, app.service("api"), Environment.DEVELOPMENT)).isEmpty();
  }

  @Test
  void withoutAnIdTheServiceIsLookedUpByName() {
    String id = sandbox.addService("api");
    sandbox.putEnvVar(id, "FOUND", "1");
    App app = app(Map.of());

    EnvStore store = provider().stores(app, app.service("api"), Environment.PRODUCTION).get(0);

    assertThat(store.readAll()).isEqualTo(Map.of("FOUND", "1"));
    assertThat(((RenderEnvStore) store).serviceId()).isEqualTo(id);
  }

  @Test
  void aNameNoServiceHasIsReportedWithTheSettingToWrite() {
    App app = app(Map.of());
    EnvStore store = provider().stores(app, app.service("api"), Environment.PRODUCTION).get(0);

    assertThatThrownBy(store::readAll)
        .isInstanceOf(RunwayException.UnknownName.class)
        .hasMessage("render:api: no Render service is named 'api' in the API key's workspaces; set"
            + " services.api.render-service-id = \"srv-...\" in runway.conf (the id is in the service's dashboard URL)");
  }

  @Test
  void aNameSeveralServicesHaveIsReportedWithTheirIds() {
    String one = sandbox.addService("api");
    String two = sandbox.addService("api");
    App app = app(Map.of());
    EnvStore store = provider().stores(app, app.service("api"), Environment.PRODUCTION).get(0);

    assertThatThrownBy(store::readAll)
        .isInstanceOf(RunwayException.class)
        .hasMessage("render:api: 2 Render services are named 'api' (" + String.join(", ", new java.util.TreeSet<>(List.of(one, two)))
            + "); set services.api.render-service-id to the one to sync");
  }

  @Test
  void noStoreLeaksAValueThroughToString() {
    String id = sandbox.addService("api");
    sandbox.putEnvVar(id, "SECRET", "s3cr3t-value");
    RenderEnvStore store = store(id);
    Map<String, String> seen = new HashMap<>(store.readAll());

    assertThat(seen).containsEntry("SECRET", "s3cr3t-value");
    assertThat(store.toString()).isEqualTo("RenderEnvStore[render:api]");
    assertThat(store.snapshot().toString()).doesNotContain("s3cr3t");
  }
}

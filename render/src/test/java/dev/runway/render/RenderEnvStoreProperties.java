package dev.runway.render;

import dev.runway.testkit.FaultyStore;
import dev.runway.testkit.SyncFixtures;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.render.internal.RenderEnvStore;
import dev.runway.render.internal.RenderEnvStoreProvider;
import dev.runway.security.EnvKey;
import dev.runway.sync.EnvSnapshot;
import dev.runway.sync.EnvStore;
import dev.runway.sync.EnvStores;
import dev.runway.sync.Sync;
import dev.runway.sync.SyncChange;
import dev.runway.sync.SyncPlan;
import dev.runway.sync.SyncResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * The sync engine's properties (core's {@code SyncProperties}) against Render stores on a
 * {@link RenderSandbox}: one sandbox for the class, a fresh service per try. Failures are injected
 * either by a wrapping store (before the change reaches Render) or by the sandbox itself
 * ({@code failNextRequests}: Render answers the change with 503, and the client does not retry).
 */
class RenderEnvStoreProperties {
  private static final EnvKey KEY = EnvKey.generate();
  private static final AtomicInteger FAIL_AT = new AtomicInteger(-1);
  private static final AtomicInteger CHANGES = new AtomicInteger();
  private static final AtomicInteger SERVICES = new AtomicInteger();
  private static RenderSandbox sandbox;
  private static RenderEnvStoreProvider.Connection connection;
  private final java.util.List<Path> temps = new java.util.ArrayList<>();

  enum Injection { STORE, SANDBOX }

  @BeforeContainer
  static void start() {
    // The JDK's HTTP server leaves Nagle on by default, which costs ~40 ms per answer on loopback (headers and
    // body go out in two writes); read once per JVM, so it only helps when no server started before.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    sandbox = RenderSandbox.builder().rateLimit(1_000_000, Duration.ofMinutes(1)).start();
    // Counts the single-variable changes (PUT/DELETE .../env-vars/{key}) and makes the sandbox fail the chosen one.
    OkHttpClient http = new OkHttpClient.Builder().addInterceptor(chain -> {
      Request r = chain.request();
      boolean change = r.url().encodedPath().matches(".*/env-vars/[^/]+") && !r.method().equals("GET");
      if (change && CHANGES.getAndIncrement() == FAIL_AT.get()) {
        FAIL_AT.set(-1);
        sandbox.failNextRequests(1, 503);
      }
      return chain.proceed(r);
    }).build();
    connection = RenderEnvStoreProvider.connection(sandbox.apiKey(), sandbox.baseUrl(), http, 1, Duration.ofMillis(1));
  }

  @AfterContainer
  static void stop() {
    sandbox.close();
  }

  @AfterProperty
  void cleanUp() throws IOException {
    FAIL_AT.set(-1);
    SyncFixtures.deleteAll(temps);
  }

  @Provide
  Arbitrary<Map<String, String>> contents() {
    return SyncFixtures.contents();
  }

  @Provide
  Arbitrary<Set<String>> keySets() {
    return SyncFixtures.keySets();
  }

  /** A new service holding {@code initial}, set as from the dashboard. */
  static String service(Map<String, String> initial) {
    String id = sandbox.addService("api-" + SERVICES.incrementAndGet());
    initial.forEach((k, v) -> sandbox.putEnvVar(id, k, v));
    return id;
  }

  static RenderEnvStore store(String serviceId, boolean oneCallRestore) {
    return RenderEnvStore.ofId("render:api", connection.client(), serviceId, oneCallRestore ? connection.http() : null);
  }

  @Property(tries = 25)
  void applyingAPlanMakesTheServiceEqualTheSourceOnThePlannedKeys(
      @ForAll("contents") Map<String, String> a, @ForAll("contents") Map<String, String> b,
      @ForAll("keySets") Set<String> keys, @ForAll boolean allKeys, @ForAll boolean prune) {
    String id = service(b);
    EnvStore target = store(id, true);
    EnvStore source = EnvStores.memory(".env.production", a);
    SyncPlan plan = allKeys ? Sync.plan(source, target) : Sync.plan(source, target, keys);
    SyncResult result = Sync.apply(plan, target, Sync.options().prune(prune));
    assertThat(result.isComplete()).isTrue();

    Map<String, String> expected = new TreeMap<>(b);
    Set<String> planned = new HashSet<>(allKeys ? SyncFixtures.union(a, b) : keys);
    for (String k : planned) {
      if (a.containsKey(k)) expected.put(k, a.get(k));
      else if (prune) expected.remove(k);
    }
    assertThat(sandbox.envVars(id)).isEqualTo(expected);
    assertThat(target.readAll()).isEqualTo(expected);
    assertThat(Sync.plan(source, target, planned).hasChanges(prune)).isFalse();
  }

  @Property(tries = 25)
  void aFailureAtAnyWriteFollowedByRestoreLeavesTheServiceExactlyAsItWas(
      @ForAll("contents") Map<String, String> a, @ForAll("contents") Map<String, String> b,
      @ForAll @IntRange(min = 0, max = 12) int failAt, @ForAll boolean prune, @ForAll Injection injection,
      @ForAll boolean oneCallRestore, @ForAll boolean fromBackupFile) throws IOException {
    String id = service(b);
    Map<String, String> original = sandbox.envVars(id);
    RenderEnvStore inner = store(id, oneCallRestore);
    FaultyStore target = new FaultyStore(inner, injection == Injection.STORE ? failAt : -1);
    CHANGES.set(0);
    FAIL_AT.set(injection == Injection.SANDBOX ? failAt : -1);
    Path backups = Files.createTempDirectory("runway-render-backups");
    temps.add(backups);
    SyncPlan plan = Sync.plan(EnvStores.memory(".env.production", a), target);
    SyncResult result = Sync.apply(plan, target, Sync.options().prune(prune).backups(backups, KEY));

    int planned = (int) plan.changes().stream().filter(c -> c.kind() == SyncChange.Kind.ADD
        || c.kind() == SyncChange.Kind.CHANGE || (prune && c.kind() == SyncChange.Kind.REMOVE)).count();
    assertThat(result.isComplete()).isEqualTo(failAt >= planned);
    assertThat(result.applied()).hasSize(Math.min(failAt, planned));
    assertThat(result.applied().size() + result.notApplied().size()).isEqualTo(planned);
    if (failAt < planned) {
      assertThat(result.failure().orElseThrow()).contains(injection == Injection.SANDBOX ? ": 503 " : "injected failure");
    }

    target.disarm();
    FAIL_AT.set(-1);
    EnvSnapshot snapshot = fromBackupFile ? Sync.readBackup(result.backup().orElseThrow(), KEY) : result.snapshot();
    Sync.restore(snapshot, target);
    assertThat(sandbox.envVars(id)).isEqualTo(original);
  }

}

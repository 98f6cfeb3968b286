package dev.runway.vercel;

import dev.runway.testkit.FaultyStore;
import dev.runway.testkit.SyncFixtures;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.security.EnvKey;
import dev.runway.sync.EnvSnapshot;
import dev.runway.sync.EnvStore;
import dev.runway.sync.EnvStores;
import dev.runway.sync.Sync;
import dev.runway.sync.SyncChange;
import dev.runway.sync.SyncPlan;
import dev.runway.sync.SyncResult;
import dev.runway.vercel.internal.VercelEnvCalls;
import dev.runway.vercel.internal.VercelEnvStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;
import okhttp3.OkHttpClient;

/**
 * The sync engine's properties (core's {@code SyncProperties}) against Vercel target stores on a
 * {@link VercelSandbox}: one sandbox for the class, a fresh project per try, seeded with random
 * layouts — variables shared by several targets, one per target, {@code sensitive} ones. Failures are
 * injected by a wrapping store or by the sandbox itself (a 503 on any change request, including the
 * second request of a split), and the client does not retry.
 */
class VercelEnvStoreProperties {
  private static final EnvKey KEY = EnvKey.generate();
  private static final List<String> NAMES = List.of("A", "B", "C", "D", "E", "F", "OPENAI_API_KEY", "PORT", "X_1");
  private static final AtomicInteger PROJECTS = new AtomicInteger();
  private static VercelSandbox sandbox;
  private static SandboxFaults faults;
  private static VercelEnvCalls calls;
  private final List<Path> temps = new ArrayList<>();

  enum Injection { STORE, SANDBOX }

  /** One variable to seed: a key, its targets, its value, whether sensitive. */
  record Seed(String key, Set<EnvTarget> targets, String value, boolean sensitive) {}

  @BeforeContainer
  static void start() {
    // The JDK's HTTP server leaves Nagle on by default, which costs ~40 ms per answer on loopback (headers and
    // body go out in two writes); read once per JVM, so it only helps when no server started before.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    sandbox = VercelSandbox.start();
    faults = new SandboxFaults(sandbox);
    calls = VercelEnvCalls.connect(sandbox.token(), sandbox.baseUrl(), null,
        new OkHttpClient.Builder().addInterceptor(faults.interceptor()).build(), 0, Duration.ZERO);
  }

  @AfterContainer
  static void stop() {
    sandbox.close();
  }

  @BeforeTry
  void noFaultFromAnEarlierTry() {
    faults.disarm();
  }

  @AfterProperty
  void cleanUp() throws IOException {
    faults.disarm();
    SyncFixtures.deleteAll(temps);
  }

  static Arbitrary<String> values() {
    return Arbitraries.oneOf(
        Arbitraries.strings().alpha().numeric().ofMaxLength(12),
        Arbitraries.of("", "same", "with space", "quote\"d", "multi\nline", "$HOME", "a #b", "é😀"));
  }

  @Provide
  Arbitrary<Map<String, String>> contents() {
    return Arbitraries.maps(Arbitraries.of(NAMES), values()).ofMaxSize(7);
  }

  @Provide
  Arbitrary<Set<String>> keySets() {
    return Arbitraries.of(NAMES).set().ofMaxSize(9);
  }

  /**
   * A project layout: for each key, every target is in no variable or in one of up to three groups;
   * each group is one variable (shared when it has several targets), sensitive or not (never with
   * development, which Vercel refuses).
   */
  @Provide
  Arbitrary<List<Seed>> layouts() {
    Arbitrary<List<Seed>> perKey = Combinators.combine(
        Arbitraries.of(NAMES), Arbitraries.integers().between(0, 3).list().ofSize(3),
        values().list().ofSize(3), Arbitraries.of(true, false).list().ofSize(3))
        .as((key, groups, vals, sensitive) -> {
          List<Seed> out = new ArrayList<>();
          for (int g = 1; g <= 3; g++) {
            Set<EnvTarget> ts = EnumSet.noneOf(EnvTarget.class);
            for (int t = 0; t < 3; t++) if (groups.get(t) == g) ts.add(EnvTarget.values()[t]);
            if (!ts.isEmpty()) out.add(new Seed(key, ts, vals.get(g - 1), sensitive.get(g - 1) && !ts.contains(EnvTarget.DEVELOPMENT)));
          }
          return out;
        });
    return perKey.list().ofMaxSize(6).map(lists -> {
      Map<String, List<Seed>> byKey = new TreeMap<>();
      for (List<Seed> l : lists) if (!l.isEmpty()) byKey.putIfAbsent(l.get(0).key(), l); // one layout per key
      return byKey.values().stream().flatMap(List::stream).toList();
    });
  }

  static String project(List<Seed> seeds) {
    String name = "web-" + PROJECTS.incrementAndGet();
    sandbox.createProject(name);
    for (Seed s : seeds) calls.create(name, s.key(), s.value(), s.sensitive() ? EnvType.SENSITIVE : EnvType.ENCRYPTED, s.targets());
    return name;
  }

  /** What the platform really holds for each target, sensitive values included. */
  @SuppressWarnings("unchecked")
  static Map<EnvTarget, Map<String, String>> raw(String project) {
    Map<EnvTarget, Map<String, String>> out = new EnumMap<>(EnvTarget.class);
    for (EnvTarget t : EnvTarget.values()) out.put(t, new TreeMap<>());
    for (Map<String, Object> v : sandbox.envVars(project)) {
      for (String t : (List<String>) v.get("target")) {
        String previous = out.get(EnvTarget.of(t)).put((String) v.get("key"), (String) v.get("value"));
        assertThat(previous).as("two variables hold " + v.get("key") + " for " + t).isNull();
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> typesFor(String project, EnvTarget target) {
    Map<String, String> out = new TreeMap<>();
    for (Map<String, Object> v : sandbox.envVars(project)) {
      if (((List<String>) v.get("target")).contains(target.wireName())) out.put((String) v.get("key"), (String) v.get("type"));
    }
    return out;
  }

  @Property(tries = 25)
  void applyingAPlanMakesTheTargetEqualTheSourceOnThePlannedKeysAndLeavesTheOtherTargetsAlone(
      @ForAll("layouts") List<Seed> layout, @ForAll("contents") Map<String, String> a, @ForAll EnvTarget target,
      @ForAll("keySets") Set<String> keys, @ForAll boolean allKeys, @ForAll boolean prune,
      @ForAll("keySets") Set<String> secrets) {
    String project = project(layout);
    EnvStore store = new VercelEnvStore(calls, project, target, secrets::contains);
    Map<EnvTarget, Map<String, String>> before = raw(project);
    Set<String> writeOnly = store.writeOnly();
    EnvStore source = EnvStores.memory(".env." + target.wireName(), a);
    SyncPlan plan = allKeys ? Sync.plan(source, store) : Sync.plan(source, store, keys);
    SyncResult result = Sync.apply(plan, store, Sync.options().prune(prune));
    assertThat(result.isComplete()).isTrue();

    Map<String, String> expected = new TreeMap<>(before.get(target));
    Set<String> planned = new HashSet<>(allKeys ? union(a.keySet(), before.get(target).keySet()) : keys);
    for (String k : planned) {
      if (a.containsKey(k)) expected.put(k, a.get(k));
      else if (prune && !writeOnly.contains(k)) expected.remove(k); // a write-only variable is never pruned
    }
    Map<EnvTarget, Map<String, String>> after = raw(project);
    assertThat(after.get(target)).isEqualTo(expected);
    for (EnvTarget other : EnvTarget.values()) {
      if (other != target) assertThat(after.get(other)).as(other.wireName()).isEqualTo(before.get(other));
    }
    Map<String, String> types = typesFor(project, target);
    for (String k : a.keySet()) {
      if (planned.contains(k) && !before.get(target).containsKey(k) && secrets.contains(k)) {
        assertThat(types.get(k)).as(k).isEqualTo(target == EnvTarget.DEVELOPMENT ? "encrypted" : "sensitive");
      }
    }
  }

  @Property(tries = 20) // about 1 s a try when the JDK server keeps Nagle on (see start())
  void aFailureAtAnyWriteFollowedByRestoreLeavesEveryTargetAsItWas(
      @ForAll("layouts") List<Seed> layout, @ForAll("contents") Map<String, String> a, @ForAll EnvTarget target,
      @ForAll @IntRange(min = 0, max = 14) int failAt, @ForAll boolean prune, @ForAll Injection injection,
      @ForAll("keySets") Set<String> secrets, @ForAll boolean fromBackupFile) throws IOException {
    String project = project(layout);
    VercelEnvStore inner = new VercelEnvStore(calls, project, target, secrets::contains);
    Map<EnvTarget, Map<String, String>> before = raw(project);
    Map<String, String> readable = inner.readAll();
    Set<String> writeOnly = inner.writeOnly();
    FaultyStore store = new FaultyStore(inner, injection == Injection.STORE ? failAt : -1);
    Path backups = Files.createTempDirectory("runway-vercel-backups");
    temps.add(backups);
    SyncPlan plan = Sync.plan(EnvStores.memory(".env." + target.wireName(), a), store);
    if (injection == Injection.SANDBOX) faults.failChanges(failAt);
    SyncResult result = Sync.apply(plan, store, Sync.options().prune(prune).backups(backups, KEY));
    faults.disarm();

    int planned = (int) plan.changes().stream().filter(c -> c.kind() == SyncChange.Kind.ADD
        || c.kind() == SyncChange.Kind.CHANGE || (prune && c.kind() == SyncChange.Kind.REMOVE
            && !writeOnly.contains(c.name()))).count();
    assertThat(result.applied().size() + result.notApplied().size()).isEqualTo(planned);
    if (injection == Injection.STORE) {
      assertThat(result.isComplete()).isEqualTo(failAt >= planned);
      assertThat(result.applied()).hasSize(Math.min(failAt, planned));
    }
    if (!result.isComplete()) {
      assertThat(result.failure().orElseThrow()).contains(injection == Injection.SANDBOX ? "server error 503" : "injected failure");
    }

    store.disarm();
    EnvSnapshot snapshot = fromBackupFile ? Sync.readBackup(result.backup().orElseThrow(), KEY) : result.snapshot();
    Sync.restore(snapshot, store);
    assertThat(inner.readAll()).isEqualTo(readable);
    assertThat(inner.writeOnly()).isEqualTo(writeOnly);
    Map<EnvTarget, Map<String, String>> after = raw(project);
    for (EnvTarget other : EnvTarget.values()) {
      if (other != target) assertThat(after.get(other)).as(other.wireName()).isEqualTo(before.get(other));
    }
    // A write-only value the apply did not reach keeps its value too.
    for (String k : writeOnly) {
      if (!a.containsKey(k)) assertThat(after.get(target).get(k)).as(k).isEqualTo(before.get(target).get(k));
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> s = new HashSet<>(a);
    s.addAll(b);
    return s;
  }
}

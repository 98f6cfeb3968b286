package dev.runway.sync;

import dev.runway.testkit.FaultyStore;
import dev.runway.testkit.SyncFixtures;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.security.EnvKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterProperty;

class SyncProperties {
  private static final EnvKey KEY = EnvKey.generate();
  private final java.util.List<Path> temps = new java.util.ArrayList<>();

  enum Kind { MEMORY, DOTENV, ENCRYPTED }

  @Provide
  Arbitrary<Map<String, String>> contents() {
    return SyncFixtures.contents();
  }

  @Provide
  Arbitrary<Set<String>> keySets() {
    return SyncFixtures.keySets();
  }

  EnvStore store(Kind kind, Map<String, String> initial) {
    if (kind == Kind.MEMORY) return EnvStores.memory("memory", initial);
    try {
      Path dir = Files.createTempDirectory("runway-sync");
      temps.add(dir);
      EnvStore s = kind == Kind.DOTENV ? EnvStores.dotenv(dir.resolve(".env.target"))
          : EnvStores.encrypted(dir.resolve(".env.target.enc"), KEY);
      initial.forEach(s::write);
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterProperty
  void cleanUp() throws IOException {
    SyncFixtures.deleteAll(temps);
  }

  @Property(tries = 150)
  void applyingAPlanMakesTheTargetEqualTheSourceOnThePlannedKeys(
      @ForAll("contents") Map<String, String> a, @ForAll("contents") Map<String, String> b,
      @ForAll("keySets") Set<String> keys, @ForAll boolean allKeys, @ForAll boolean prune, @ForAll Kind kind) {
    EnvStore source = EnvStores.memory(".env.production", a);
    EnvStore target = store(kind, b);
    SyncPlan plan = allKeys ? Sync.plan(source, target) : Sync.plan(source, target, keys);
    SyncResult result = Sync.apply(plan, target, Sync.options().prune(prune));
    assertThat(result.isComplete()).isTrue();

    Map<String, String> after = target.readAll();
    Set<String> planned = new HashSet<>(allKeys ? SyncFixtures.union(a, b) : keys);
    for (String k : SyncFixtures.union(a, b)) {
      if (planned.contains(k) && a.containsKey(k)) {
        assertThat(after.get(k)).as(k).isEqualTo(a.get(k));
      } else if (planned.contains(k) && prune) {
        assertThat(after).as(k).doesNotContainKey(k);
      } else {
        assertThat(after.get(k)).as(k).isEqualTo(b.get(k)); // not planned, or kept without prune
      }
    }
    assertThat(Sync.plan(source, target, planned).hasChanges(prune)).isFalse();
  }

  @Property(tries = 150)
  void aFailureAtAnyWriteFollowedByRestoreLeavesTheTargetExactlyAsItWas(
      @ForAll("contents") Map<String, String> a, @ForAll("contents") Map<String, String> b,
      @ForAll @IntRange(min = 0, max = 12) int failAt, @ForAll boolean prune, @ForAll Kind kind,
      @ForAll boolean fromBackupFile) throws IOException {
    EnvStore inner = store(kind, b);
    Map<String, String> original = inner.readAll();
    FaultyStore target = new FaultyStore(inner, failAt);
    Path backups = Files.createTempDirectory("runway-backups");
    temps.add(backups);
    SyncPlan plan = Sync.plan(EnvStores.memory(".env.production", a), target);
    SyncResult result = Sync.apply(plan, target, Sync.options().prune(prune).backups(backups, KEY));

    int planned = (int) plan.changes().stream().filter(c -> c.kind() == SyncChange.Kind.ADD
        || c.kind() == SyncChange.Kind.CHANGE || (prune && c.kind() == SyncChange.Kind.REMOVE)).count();
    assertThat(result.isComplete()).isEqualTo(failAt >= planned);
    assertThat(result.applied()).hasSize(Math.min(failAt, planned));
    assertThat(result.applied().size() + result.notApplied().size()).isEqualTo(planned);

    EnvSnapshot snapshot = fromBackupFile ? Sync.readBackup(result.backup().orElseThrow(), KEY) : result.snapshot();
    target.disarm();
    Sync.restore(snapshot, target);
    assertThat(inner.readAll()).isEqualTo(original);
  }

  @Property(tries = 150)
  void writeOnlyVariablesAreOverwrittenAndARestoreKeepsTheirNamesAndEveryReadableValue(
      @ForAll("contents") Map<String, String> a, @ForAll("contents") Map<String, String> b,
      @ForAll("keySets") Set<String> sensitive, @ForAll @IntRange(min = 0, max = 12) int failAt,
      @ForAll boolean prune) {
    WriteOnlyStore inner = new WriteOnlyStore(b, sensitive);
    Map<String, String> original = inner.raw();
    FaultyStore target = new FaultyStore(inner, failAt);
    SyncPlan plan = Sync.plan(EnvStores.memory(".env.production", a), target);
    SyncResult result = Sync.apply(plan, target, Sync.options().prune(prune));
    if (result.isComplete()) {
      for (String k : a.keySet()) assertThat(inner.raw().get(k)).as(k).isEqualTo(a.get(k));
    }
    target.disarm();
    Sync.restore(result.snapshot(), target);
    Map<String, String> after = inner.raw();
    assertThat(after.keySet()).isEqualTo(original.keySet());
    original.forEach((k, v) -> {
      if (!sensitive.contains(k)) assertThat(after.get(k)).as(k).isEqualTo(v);
    });
  }
}

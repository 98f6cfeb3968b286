package dev.runway.sync;

import dev.runway.testkit.FaultyStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.App;
import dev.runway.base.RunwayException;
import dev.runway.Service;
import dev.runway.env.EnvSchema;
import dev.runway.env.Environment;
import dev.runway.security.EnvKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncTest {
  private static final String SECRET_NEW = "sk-proj-NEWVALUEnew0123456789";
  private static final String SECRET_OLD = "sk-proj-OLDVALUEold0123456789";

  @TempDir Path dir;

  private static EnvStore local() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("OPENAI_API_KEY", SECRET_NEW);
    m.put("PORT", "10000");
    m.put("SENTRY_DSN", "https://sentry.example/1");
    return EnvStores.memory(".env.production", m);
  }

  private static EnvStore remote() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("OPENAI_API_KEY", SECRET_OLD);
    m.put("PORT", "10000");
    m.put("OLD_FLAG", "on");
    return EnvStores.memory("render:api", m);
  }

  @Test
  void plansAddChangeRemoveAndUnchangedShowingFingerprintsOnly() {
    SyncPlan plan = Sync.plan(local(), remote());
    assertThat(plan.changes()).extracting(SyncChange::name, SyncChange::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple("OLD_FLAG", SyncChange.Kind.REMOVE),
        org.assertj.core.groups.Tuple.tuple("OPENAI_API_KEY", SyncChange.Kind.CHANGE),
        org.assertj.core.groups.Tuple.tuple("PORT", SyncChange.Kind.UNCHANGED),
        org.assertj.core.groups.Tuple.tuple("SENTRY_DSN", SyncChange.Kind.ADD));
    String text = plan.toText();
    SyncChange changed = plan.changes(SyncChange.Kind.CHANGE).get(0);
    assertThat(text).isEqualTo(String.join("\n",
        ".env.production -> render:api: 1 to add, 1 to change, 1 to remove (with --prune), 1 unchanged",
        "  - OLD_FLAG (" + plan.changes(SyncChange.Kind.REMOVE).get(0).target().orElseThrow() + ")",
        "  ~ OPENAI_API_KEY (" + changed.target().orElseThrow() + " -> " + changed.source().orElseThrow() + ")",
        "  + SENTRY_DSN (" + plan.changes(SyncChange.Kind.ADD).get(0).source().orElseThrow() + ")",
        "  render:api has OPENAI_API_KEY different from .env.production"));
    assertThat(changed.target().orElseThrow()).matches("fp:[0-9a-f]{8}");
    for (String rendering : List.of(text, plan.toJson(), plan.toString())) {
      assertThat(rendering).doesNotContain(SECRET_NEW, SECRET_OLD, "sentry.example", "10000");
    }
    assertThat(plan.drift()).containsExactly(
        "render:api has OLD_FLAG, which .env.production lacks",
        "render:api has OPENAI_API_KEY different from .env.production",
        "render:api lacks SENTRY_DSN, which .env.production has");
  }

  @Test
  void equalValuesHaveEqualFingerprintsWithinAPlanOnly() {
    EnvStore a = EnvStores.memory("a", Map.of("X", "same", "Y", "same"));
    SyncPlan one = Sync.plan(a, EnvStores.memory("b", Map.of()));
    SyncPlan two = Sync.plan(a, EnvStores.memory("b", Map.of()));
    assertThat(one.changes().get(0).source()).isEqualTo(one.changes().get(1).source());
    assertThat(one.changes().get(0).source()).isNotEqualTo(two.changes().get(0).source());
  }

  @Test
  void applyNeverDeletesWithoutPrune() {
    EnvStore target = remote();
    SyncResult result = Sync.apply(Sync.plan(local(), target), target, Sync.options());
    assertThat(result.isComplete()).isTrue();
    assertThat(target.readAll()).containsEntry("OLD_FLAG", "on").containsEntry("OPENAI_API_KEY", SECRET_NEW)
        .containsEntry("SENTRY_DSN", "https://sentry.example/1");
    assertThat(result.skipped()).extracting(SyncChange::name).containsExactly("OLD_FLAG");
    assertThat(result.toText()).isEqualTo(String.join("\n",
        ".env.production -> render:api: applied 2 changes, 1 removal(s) skipped (no --prune, or write-only)",
        "  applied     change OPENAI_API_KEY",
        "  applied     add SENTRY_DSN"));
  }

  @Test
  void aFailedWriteStopsTheApplyAndTheReportSaysExactlyWhatWasApplied() {
    EnvStore inner = remote();
    FaultyStore target = new FaultyStore(inner, 1);
    Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC);
    EnvKey key = EnvKey.generate();
    SyncResult result = Sync.apply(Sync.plan(local(), target), target,
        Sync.options().prune(true).backups(dir, key).clock(clock));
    Path backup = dir.resolve("20260102-030405-678-render_api.env.enc");
    assertThat(result.isComplete()).isFalse();
    assertThat(result.backup()).contains(backup);
    assertThat(result.toText()).isEqualTo(String.join("\n",
        ".env.production -> render:api: STOPPED after 1 change",
        "  applied     remove OLD_FLAG",
        "  failed: OPENAI_API_KEY: sandbox: OPENAI_API_KEY: injected failure, the platform answered 503; try again later",
        "  not applied change OPENAI_API_KEY",
        "  not applied add SENTRY_DSN",
        "  backup: " + backup,
        "  to put the target back: Sync.restore(Sync.readBackup(Path.of(\"" + backup + "\"), key), target)"));
    assertThat(result.withRestoreCommand("runway sync restore --env production --service api " + backup).toText())
        .endsWith("\n  to put the target back: runway sync restore --env production --service api " + backup);
    target.disarm();
    Sync.restore(Sync.readBackup(backup, key), target);
    assertThat(inner.readAll()).isEqualTo(remote().readAll());
  }

  @Test
  void theBackupIsEncryptedAndLabelledWithItsStore() throws Exception {
    EnvStore target = remote();
    EnvKey key = EnvKey.generate();
    SyncResult result = Sync.apply(Sync.plan(local(), target), target, Sync.options().backups(dir, key));
    String text = Files.readString(result.backup().orElseThrow());
    assertThat(text).doesNotContain(SECRET_OLD).contains("OPENAI_API_KEY=enc:v1:");
    EnvSnapshot snapshot = Sync.readBackup(result.backup().orElseThrow(), key);
    assertThat(snapshot.store()).isEqualTo("render:api");
    assertThat(snapshot.values()).isEqualTo(remote().readAll());
    assertThat(snapshot.toString()).doesNotContain(SECRET_OLD).endsWith(", 3 variables]");
  }

  @Test
  void refusesToApplyWhenTheTargetChangedSinceThePlan() {
    EnvStore target = remote();
    SyncPlan plan = Sync.plan(local(), target);
    target.write("OPENAI_API_KEY", "changed-by-someone-else");
    assertThatThrownBy(() -> Sync.apply(plan, target, Sync.options()))
        .isInstanceOf(RunwayException.class)
        .hasMessage("render:api: changed since the plan was made (OPENAI_API_KEY); run runway sync plan again and review it");
    assertThat(target.readAll()).containsEntry("OPENAI_API_KEY", "changed-by-someone-else");
  }

  @Test
  void refusesToApplyAPlanToAnotherStore() {
    SyncPlan plan = Sync.plan(local(), remote());
    assertThatThrownBy(() -> Sync.apply(plan, EnvStores.memory("vercel:web/production", Map.of()), Sync.options()))
        .hasMessage("vercel:web/production: the plan is for render:api; apply it to the store it was made for, or plan again");
  }

  @Test
  void refusesToRestoreASnapshotIntoAnotherStore() {
    EnvSnapshot snapshot = remote().snapshot();
    assertThatThrownBy(() -> Sync.restore(snapshot, EnvStores.memory("vercel:web/production", Map.of())))
        .hasMessage("vercel:web/production: the snapshot is of render:api; restore it into render:api");
  }

  @Test
  void writeOnlyVariablesAreOverwrittenButNeverPruned() {
    WriteOnlyStore target = new WriteOnlyStore(Map.of("OPENAI_API_KEY", SECRET_OLD, "OLD_TOKEN", "x"),
        java.util.Set.of("OPENAI_API_KEY", "OLD_TOKEN"));
    SyncPlan plan = Sync.plan(EnvStores.memory(".env.production", Map.of("OPENAI_API_KEY", SECRET_NEW)), target);
    assertThat(plan.toText()).isEqualTo(String.join("\n",
        ".env.production -> vercel:web/production: 0 to add, 1 to change, 1 to remove (with --prune), 0 unchanged",
        "  - OLD_TOKEN (write-only) never pruned: it cannot be backed up",
        "  ~ OPENAI_API_KEY (write-only -> " + plan.changes(SyncChange.Kind.CHANGE).get(0).source().orElseThrow() + ")",
        "  vercel:web/production cannot show OPENAI_API_KEY (write-only): it is overwritten, and a restore cannot"
            + " bring its old value back"));
    SyncResult result = Sync.apply(plan, target, Sync.options().prune(true));
    assertThat(result.skipped()).extracting(SyncChange::name).containsExactly("OLD_TOKEN");
    assertThat(target.raw()).containsEntry("OPENAI_API_KEY", SECRET_NEW).containsKey("OLD_TOKEN");
  }

  @Test
  void plansOnlyTheGivenKeys() {
    SyncPlan plan = Sync.plan(local(), remote(), List.of("PORT", "SENTRY_DSN"));
    assertThat(plan.changes()).extracting(SyncChange::name).containsExactly("PORT", "SENTRY_DSN");
  }

  @Test
  void aDotenvStoreWritesTheFileAtomicallyAndReadsItBack() {
    EnvStore file = EnvStores.dotenv(dir.resolve(".env.production"));
    assertThat(file.readAll()).isEmpty();
    file.write("A", "with \"quotes\" and $dollar");
    file.write("B", "2");
    file.delete("A");
    file.delete("MISSING");
    assertThat(file.readAll()).containsExactly(Map.entry("B", "2"));
    assertThat(file.name()).isEqualTo(dir.resolve(".env.production").toString());
  }

  @Test
  void anEncryptedStoreKeepsTheLinesOfUnchangedValues() throws Exception {
    Path path = dir.resolve(".env.production.enc");
    EnvStore file = EnvStores.encrypted(path, EnvKey.generate());
    file.write("A", "1");
    file.write("B", "2");
    String lineA = Files.readAllLines(path).stream().filter(l -> l.startsWith("A=")).findFirst().orElseThrow();
    file.write("B", "3");
    assertThat(Files.readAllLines(path)).contains(lineA);
    assertThat(file.readAll()).containsExactly(Map.entry("A", "1"), Map.entry("B", "3"));
  }

  @Test
  void namesTheMissingPlatformModule() {
    App app = App.of("acme", EnvSchema.of(), Service.of("api", "render"));
    assertThatThrownBy(() -> EnvStores.forService(app, app.service("api"), Environment.PRODUCTION))
        .isInstanceOf(RunwayException.UnknownName.class)
        .hasMessage("No env store for platform 'render' of service 'api' (none declared);"
            + " add the runway-render module to the class path");
  }
}

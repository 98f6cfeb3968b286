package dev.runway.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.env.Environment;
import dev.runway.security.EnvKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dotenv target keeps every byte the model does not manage, and a restore gives back the original bytes. */
class DotenvStoreTest {
  private static final String ORIGINAL = String.join("\n",
      "# production settings: keep this comment",
      "export PORT=10000   # the port Render gives",
      "",
      "HOST",
      "URL=${BASE}/api",
      "BASE=https://api.example.com",
      "SINGLE='kept as written'",
      "QUOTED=\"old value\"",
      "CALLBACK=\"${BASE}/callback\"",
      "UNMANAGED=stays",
      "");

  @TempDir Path dir;

  private static Map<String, String> desired() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("PORT", "8080");
    m.put("SINGLE", "new words");
    m.put("QUOTED", "new \"value\"");
    m.put("CALLBACK", "https://api.example.com/callback");
    m.put("NEW_ONE", "x y");
    return m;
  }

  @Test
  void applyChangesOnlyManagedValuesInPlaceAndAppendsNewOnes() throws Exception {
    Path file = Files.writeString(dir.resolve(".env.production"), ORIGINAL);
    EnvStore store = EnvStores.dotenv(file);
    SyncPlan plan = Sync.plan(".env", desired(), store, List.of("PORT", "SINGLE", "QUOTED", "CALLBACK", "NEW_ONE"));
    SyncResult result = Sync.apply(plan, store, Sync.options());
    assertThat(result.isComplete()).isTrue();
    assertThat(Files.readString(file)).isEqualTo(String.join("\n",
        "# production settings: keep this comment",
        "export PORT=8080   # the port Render gives",
        "",
        "HOST",
        "URL=${BASE}/api",
        "BASE=https://api.example.com",
        "SINGLE='new words'",
        "QUOTED=\"new \\\"value\\\"\"",
        "CALLBACK=\"${BASE}/callback\"",
        "UNMANAGED=stays",
        "NEW_ONE=\"x y\"",
        ""));
    assertThat(store.readAll()).containsAllEntriesOf(desired());
  }

  @Test
  void aValueEmptiedBeforeATrailingCommentIsQuotedSoTheCommentStaysAComment() throws Exception {
    // Found by DotenvStoreProperties: D=   # note reads as "# note", so the empty value needs its quotes.
    Path file = Files.writeString(dir.resolve(".env.production"), "A=\nD=a   # trailing comment\n");
    EnvStore store = EnvStores.dotenv(file);
    SyncResult result = Sync.apply(Sync.plan(".env", Map.of("A", "", "D", ""), store, null), store, Sync.options());
    assertThat(result.isComplete()).isTrue();
    assertThat(Files.readString(file)).isEqualTo("A=\nD=\"\"   # trailing comment\n");
    assertThat(store.readAll()).containsEntry("D", "");
  }

  @Test
  void applyThenRestoreFromTheBackupGivesBackTheExactBytes() throws Exception {
    String crlf = "\uFEFF" + ORIGINAL.replace("\n", "\r\n");
    Path file = Files.writeString(dir.resolve(".env.production"), crlf);
    byte[] before = Files.readAllBytes(file);
    EnvStore store = EnvStores.dotenv(file);
    EnvKey key = EnvKey.generate();
    SyncPlan plan = Sync.plan(".env", desired(), store, null);
    SyncResult result = Sync.apply(plan, store, Sync.options().prune(true).backups(dir.resolve("backups"), key)
        .environment(Environment.PRODUCTION));
    assertThat(Files.readAllBytes(file)).isNotEqualTo(before);
    assertThat(Files.readString(file)).as("a new line follows the file's CRLF").contains("\r\nNEW_ONE=\"x y\"\r\n")
        .startsWith("\uFEFF# production settings");
    Path backup = result.backup().orElseThrow();
    assertThat(Files.readString(backup)).doesNotContain("production settings").doesNotContain("stays");
    Sync.restore(Sync.readBackup(backup, key, Environment.PRODUCTION), store);
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    Sync.apply(Sync.plan(".env", desired(), store, null), store, Sync.options());
    Sync.restore(result.snapshot(), store);
    assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).isEqualTo(crlf);
  }

  @Test
  void applyWithNoChangeLeavesTheFileByteForByte() throws Exception {
    Path file = Files.writeString(dir.resolve(".env.production"), ORIGINAL + "DUP=1\nDUP=2\nNO_NEWLINE=1");
    byte[] before = Files.readAllBytes(file);
    EnvStore store = EnvStores.dotenv(file);
    Sync.apply(Sync.plan(".env", store.readAll(), store, null), store, Sync.options());
    store.readAll().forEach(store::write);
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void aRemovalWithPruneDropsOnlyThatVariablesLines() throws Exception {
    Path file = Files.writeString(dir.resolve(".env.production"), "# a\nA=1 # one\n# b\nB=2\nA=3\n");
    EnvStore store = EnvStores.dotenv(file);
    store.delete("A");
    assertThat(Files.readString(file)).isEqualTo("# a\n# b\nB=2\n");
    store.write("C", "3");
    assertThat(Files.readString(file)).isEqualTo("# a\n# b\nB=2\nC=3\n");
  }

  @Test
  void aBackupOfProductionIsNotRestoredIntoAnotherEnvironment() throws Exception {
    Path file = Files.writeString(dir.resolve(".env.production"), ORIGINAL);
    EnvStore store = EnvStores.dotenv(file);
    EnvKey key = EnvKey.generate();
    SyncResult result = Sync.apply(Sync.plan(".env", desired(), store, null), store,
        Sync.options().backups(dir.resolve("backups"), key).environment(Environment.PRODUCTION));
    Path backup = result.backup().orElseThrow();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Sync.readBackup(backup, key, Environment.named("staging")))
        .isInstanceOf(dev.runway.security.DecryptionFailed.class)
        .hasMessage(backup + ": is a backup of environment 'production', not 'staging'; restore it with --env"
            + " production, or pass a backup of staging");
  }
}

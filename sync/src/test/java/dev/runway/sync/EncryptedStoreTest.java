package dev.runway.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.env.Environment;
import dev.runway.security.DecryptionFailed;
import dev.runway.security.EnvKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An encrypted target is bound to its environment; a sync backup copied over it never reads as its values. */
class EncryptedStoreTest {
  private static final EnvKey KEY = EnvKey.generate();

  @TempDir Path dir;

  private Path backupOf(EnvStore store) {
    SyncResult r = Sync.apply(Sync.plan("src", Map.of("A", "2"), store, null), store,
        Sync.options().backups(dir.resolve("backups"), KEY).environment(Environment.PRODUCTION));
    return r.backup().orElseThrow();
  }

  @Test
  void aBackupCopiedOverAnEncryptedTargetIsRefusedWhateverTheTargetIsCalled() throws Exception {
    for (String name : new String[] {".env.production.enc", "secrets.enc"}) {
      Path file = dir.resolve(name);
      EnvStore store = EnvStores.encrypted(file, KEY);
      store.write("A", "1");
      Path backup = backupOf(store);
      Files.copy(backup, file, StandardCopyOption.REPLACE_EXISTING);
      assertThatThrownBy(store::readAll).as(name).isInstanceOfSatisfying(DecryptionFailed.class,
          e -> assertThat(e.reason()).isEqualTo(DecryptionFailed.Reason.WRONG_BINDING))
          .hasMessageContaining(file + ": is a sync backup");
      Files.delete(file);
    }
  }

  @Test
  void aTargetBoundToAnEnvironmentIsWrittenBoundAndRefusesAnotherEnvironmentsFile() throws Exception {
    Path file = dir.resolve("prod-secrets.enc");
    EnvStore prod = EnvStores.encrypted(file, KEY, Environment.PRODUCTION);
    prod.write("A", "1");
    assertThat(Files.readString(file)).contains(" purpose=env env=production ");
    assertThat(prod.readAll()).containsExactly(Map.entry("A", "1"));
    assertThatThrownBy(() -> EnvStores.encrypted(file, KEY, Environment.named("staging")).readAll())
        .isInstanceOfSatisfying(DecryptionFailed.class,
            e -> assertThat(e.reason()).isEqualTo(DecryptionFailed.Reason.WRONG_BINDING));
  }
}

package dev.runway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.base.Origin;
import dev.runway.env.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The header binds a file to its environment, app, purpose and version (the hardening issue's item 1 and 2). */
class EnvCryptoBindingTest {
  private static final EnvKey KEY = EnvKey.parse("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", "test key");
  private static final EnvCrypto.Binding PRODUCTION = EnvCrypto.Binding.of(Environment.PRODUCTION);

  @TempDir Path dir;

  private Path encrypt(String env, String plainText) throws Exception {
    Path plain = dir.resolve(".env." + env);
    Files.writeString(plain, plainText);
    Path enc = dir.resolve(".env." + env + ".enc");
    EnvCrypto.encryptFile(plain, enc, KEY);
    return enc;
  }

  private Path fixture(String name) throws Exception {
    Path to = dir.resolve(".env.production.enc");
    Files.copy(Path.of("src/test/resources/v1", name), to, StandardCopyOption.REPLACE_EXISTING);
    return to;
  }

  @Test
  void writesTheBindingAndVersionInTheHeader() throws Exception {
    Path enc = encrypt("production", "PORT=1\n");
    assertThat(Files.readString(enc).lines().toList().get(2))
        .isEqualTo("#runway:v2 key=" + KEY.id() + " purpose=env env=production version=1");
  }

  @Test
  void aDevelopmentFileCopiedOverProductionDoesNotDecryptAsProduction() throws Exception {
    Path dev = encrypt("development", "DEBUG=true\n");
    Path prod = dir.resolve(".env.production.enc");
    Files.copy(dev, prod);
    assertThatThrownBy(() -> EnvCrypto.decryptFile(prod, KEY))
        .isInstanceOfSatisfying(DecryptionFailed.class,
            e -> assertThat(e.reason()).isEqualTo(DecryptionFailed.Reason.WRONG_BINDING))
        .hasMessage(prod + ": was encrypted for environment 'development', not 'production' (a file copied over"
            + " another?); restore it from version control, or encrypt .env.production again with:"
            + " runway encrypt --env production");
    assertThatThrownBy(() -> EnvCrypto.layer(dir, e -> Optional.of(KEY)).read(Environment.PRODUCTION, n -> Optional.empty()))
        .isInstanceOf(DecryptionFailed.class);
  }

  @Test
  void editingTheBindingInTheHeaderBreaksTheMac() throws Exception {
    Path dev = encrypt("development", "DEBUG=true\n");
    Path prod = dir.resolve(".env.production.enc");
    Files.writeString(prod, Files.readString(dev).replace("env=development", "env=production"));
    assertThatThrownBy(() -> EnvCrypto.decryptFile(prod, KEY))
        .isInstanceOfSatisfying(DecryptionFailed.class,
            e -> assertThat(e.reason()).isEqualTo(DecryptionFailed.Reason.TAMPERED));
  }

  @Test
  void aFileOfAnotherAppIsRefused() {
    String text = EnvCrypto.encrypt(Map.of("A", "1"), KEY, null, PRODUCTION.withApp("shop"));
    assertThat(text).contains(" env=production app=shop version=1\n");
    Origin origin = Origin.file(Path.of(".env.production.enc"));
    assertThatThrownBy(() -> EnvCrypto.decrypt(text, origin, KEY, PRODUCTION.withApp("acme")))
        .hasMessage(".env.production.enc: was encrypted for app 'shop', not 'acme' (a file copied from another"
            + " project?); restore it from version control, or encrypt .env.production again with:"
            + " runway encrypt --env production");
    assertThat(EnvCrypto.decrypt(text, origin, KEY, PRODUCTION).values()).containsExactly(Map.entry("A", "1"));
  }

  @Test
  void aSyncBackupCopiedOverProductionDoesNotDecryptAsProduction() throws Exception {
    Path prod = dir.resolve(".env.production.enc");
    Files.writeString(prod, EnvCrypto.encryptLabelled(Map.of("A", "1"), KEY, "2024-01-01T00:00:00Z api"));
    String message = prod + ": is a sync backup, not the encrypted env file of production (a backup copied over"
        + " it?); restore .env.production.enc from version control, or put a backup's values back with:"
        + " runway sync restore --env production --service <service> <backup>";
    assertThatThrownBy(() -> EnvCrypto.decryptFile(prod, KEY))
        .isInstanceOfSatisfying(DecryptionFailed.class,
            e -> assertThat(e.reason()).isEqualTo(DecryptionFailed.Reason.WRONG_BINDING))
        .hasMessage(message);
    fixture("backup.enc");
    assertThatThrownBy(() -> EnvCrypto.decryptFile(prod, KEY)).hasMessage(message);
  }

  @Test
  void aBackupIsBoundToItsEnvironmentKeepsTheFileTextAndNeverOpensAsAnEnvFile() throws Exception {
    String text = EnvCrypto.encryptBackup(Map.of("A", "1"), KEY, "2024-01-01T00:00:00Z .env.production",
        PRODUCTION.withApp("acme"), "# kept\nA=1\n");
    assertThat(text.lines().toList().get(2)).startsWith("#runway:v2 key=" + KEY.id() + " purpose=backup env=production app=acme");
    assertThat(text).doesNotContain("# kept");
    EnvCrypto.Backup backup = EnvCrypto.openBackup(text, Origin.of("backup"), KEY);
    assertThat(backup.environment()).contains(Environment.PRODUCTION);
    assertThat(backup.app()).contains("acme");
    assertThat(backup.fileText()).contains("# kept\nA=1\n");
    assertThat(backup.values()).containsExactly(Map.entry("A", "1"));
    assertThat(backup).hasToString("Backup[2024-01-01T00:00:00Z .env.production, 1 variables]");
    Path prod = dir.resolve(".env.production.enc");
    Files.writeString(prod, text);
    assertThatThrownBy(() -> EnvCrypto.open(prod, KEY, PRODUCTION)).isInstanceOfSatisfying(DecryptionFailed.class,
        e -> assertThat(e.reason()).isEqualTo(DecryptionFailed.Reason.WRONG_BINDING));
    assertThatThrownBy(() -> EnvCrypto.decrypt(text, Origin.of("t"), KEY, PRODUCTION))
        .hasMessageStartingWith("t: is a sync backup, not the encrypted env file of production");
    Path env = encrypt("production", "A=1\n");
    assertThatThrownBy(() -> EnvCrypto.openBackup(Files.readString(env), Origin.file(env), KEY))
        .isInstanceOf(DecryptionFailed.class)
        .hasMessage(env + ": is an encrypted env file, not a sync backup; pass a file from .runway/backups/");
    Path v1 = fixture("backup.enc");
    EnvCrypto.Backup old = EnvCrypto.openBackup(Files.readString(v1), Origin.file(v1), KEY);
    assertThat(old.environment()).as("a first-format backup is bound to nothing").isEmpty();
    assertThat(old.fileText()).isEmpty();
  }

  @Test
  void backupsStillReadAsBackups() {
    String text = EnvCrypto.encryptLabelled(Map.of("A", "1"), KEY, "2024-01-01T00:00:00Z api");
    Origin origin = Origin.file(Path.of(".runway/backups/20240101-000000-000-api.env.enc"));
    assertThat(EnvCrypto.label(text, origin, KEY)).contains("2024-01-01T00:00:00Z api");
    assertThat(EnvCrypto.decrypt(text, origin, KEY)).containsExactly(Map.entry("A", "1"));
  }

  @Test
  void anOlderVersionPutBackDecryptsWithAWarning() throws Exception {
    Path prod = encrypt("production", "A=1\n");
    Path old = dir.resolve("old.enc");
    Files.copy(prod, old);
    assertThat(EnvCrypto.open(prod, KEY, PRODUCTION).warnings()).isEmpty();
    encrypt("production", "A=2\n");
    EnvCrypto.Decrypted newest = EnvCrypto.open(prod, KEY, PRODUCTION);
    assertThat(newest.version()).isEqualTo(2);
    assertThat(newest.warnings()).isEmpty();

    Files.copy(old, prod, StandardCopyOption.REPLACE_EXISTING);
    EnvCrypto.Decrypted rolledBack = EnvCrypto.open(prod, KEY, PRODUCTION);
    assertThat(rolledBack.values()).containsExactly(Map.entry("A", "1"));
    assertThat(rolledBack.warnings()).containsExactly(prod + ": is version 1, older than version 2 that this"
        + " checkout decrypted before (an older copy put back?); restore the newest from version control, or if"
        + " these values are meant, encrypt them again: runway encrypt --env production");
    assertThat(Files.readString(dir.resolve(".runway/encrypted-versions"))).contains(".env.production.enc=2");

    encrypt("production", "A=1\n"); // meant: encrypting again makes it the newest
    assertThat(EnvCrypto.open(prod, KEY, PRODUCTION).version()).isEqualTo(3);
    assertThat(EnvCrypto.open(prod, KEY, PRODUCTION).warnings()).isEmpty();
  }

  @Test
  void aFirstFormatFileStillDecryptsWithAWarningAndRotateMigratesIt() throws Exception {
    Path prod = fixture("env.enc");
    EnvCrypto.Decrypted old = EnvCrypto.open(prod, KEY, PRODUCTION);
    assertThat(old.values()).containsExactly(
        // The fake test key encrypted in the v1 fixture (generated by the earlier format's code), not a real one.
        Map.entry("OPENAI_API_KEY", "sk-proj-abcdefghijklmnopqrstuvwx"), Map.entry("PORT", "10000"));
    assertThat(old.warnings()).containsExactly(prod + ": is in the first format, which binds it to no environment"
        + " and has no version; migrate it with: runway rotate --env production");

    EnvCrypto.rotateFile(prod, KEY, KEY);
    assertThat(Files.readString(prod)).contains("#runway:v2 key=" + KEY.id() + " purpose=env env=production version=1\n");
    EnvCrypto.Decrypted migrated = EnvCrypto.open(prod, KEY, PRODUCTION);
    assertThat(migrated.values()).isEqualTo(old.values());
    assertThat(migrated.warnings()).isEmpty();
  }

  @Test
  void aFileWithCrlfLineEndsDecrypts() throws Exception {
    Path prod = encrypt("production", "A=1\nB=two\n");
    Files.writeString(prod, Files.readString(prod).replace("\n", "\r\n"));
    assertThat(EnvCrypto.decryptFile(prod, KEY)).containsExactly(Map.entry("A", "1"), Map.entry("B", "two"));
    Path v1 = fixture("env.enc");
    Files.writeString(v1, Files.readString(v1).replace("\n", "\r\n"));
    assertThat(EnvCrypto.decryptFile(v1, KEY)).containsKeys("OPENAI_API_KEY", "PORT");
  }

  @Test
  void aBareCarriageReturnIsNamedPlainly() throws Exception {
    Path prod = encrypt("production", "A=1\n");
    Files.writeString(prod, Files.readString(prod).replace("\nA=", "\rA="));
    assertThatThrownBy(() -> EnvCrypto.decryptFile(prod, KEY))
        .isInstanceOfSatisfying(DecryptionFailed.class,
            e -> assertThat(e.reason()).isEqualTo(DecryptionFailed.Reason.MALFORMED))
        .hasMessage(prod + ":1: holds a carriage return that does not end a line; restore it from version control,"
            + " and mark encrypted files LF-only in .gitattributes: *.enc text eol=lf");
  }

  @Test
  void decryptingGivesBackTheCommentsEncrypted() throws Exception {
    // Test data: obviously fake keys in the OpenAI shape (one in a comment), never real credentials.
    String plain = "# OpenAI, rotated monthly\nOPENAI_API_KEY=sk-proj-FAKE0TEST0KEY0not0a0real0one0\n\n"
        + "# old key: sk-proj-FAKE0OLD0KEY0not0a0real0one0\nPORT=10000\n# the end\n";
    Path prod = encrypt("production", plain);
    assertThat(Files.readString(prod)).contains("#runway:comments enc:v1:")
        .doesNotContain("rotated monthly", "zzzz", "the end");
    assertThat(EnvCrypto.open(prod, KEY, PRODUCTION).dotenv()).isEqualTo(plain);
    String first = Files.readString(prod);
    assertThat(EnvCrypto.encryptFile(dir.resolve(".env.production"), prod, KEY)).isFalse();
    assertThat(Files.readString(prod)).isEqualTo(first);
  }
}

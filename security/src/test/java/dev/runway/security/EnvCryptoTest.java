package dev.runway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import dev.runway.env.EnvSchema;
import dev.runway.env.EnvSources;
import dev.runway.env.Environment;
import dev.runway.env.Env;
import dev.runway.base.Secret;
import dev.runway.env.Var;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvCryptoTest {
  private static final EnvKey KEY = EnvKey.parse("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", "test key");
  private static final EnvKey OTHER = EnvKey.parse("HxweHRwbGhkYFxYVFBMSERAPDg0MCwoJCAcGBQQDAgE=", "RUNWAY_KEY_PRODUCTION");

  @TempDir Path dir;

  private static Map<String, String> values() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("OPENAI_API_KEY", "sk-proj-abcdefghijklmnopqrstuvwx");
    m.put("PORT", "10000");
    m.put("MULTI", "line one\nline two");
    m.put("EMPTY", "");
    return m;
  }

  @Test
  void decryptsWhatItEncryptedInOrder() {
    String text = EnvCrypto.encrypt(values(), KEY);
    assertThat(EnvCrypto.decrypt(text, Origin.of("t"), KEY)).containsExactlyEntriesOf(values());
  }

  @Test
  void keepsNamesReadableAndValuesHidden() {
    String text = EnvCrypto.encrypt(values(), KEY);
    assertThat(text).contains("OPENAI_API_KEY=enc:v1:", "PORT=enc:v1:", "#runway:v2 key=" + KEY.id() + " purpose=env version=1")
        .doesNotContain("sk-proj", "10000", "line one");
  }

  @Test
  void usesAFreshNonceForEveryValue() {
    String a = EnvCrypto.encrypt(Map.of("A", "same"), KEY);
    String b = EnvCrypto.encrypt(Map.of("A", "same"), KEY);
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void reEncryptingUnchangedValuesGivesTheSameBytes() {
    String first = EnvCrypto.encrypt(values(), KEY);
    assertThat(EnvCrypto.encrypt(values(), KEY, first)).isEqualTo(first);
  }

  @Test
  void reEncryptingAChangedValueChangesOnlyItsLineAndTheMac() {
    String first = EnvCrypto.encrypt(values(), KEY);
    Map<String, String> changed = values();
    changed.put("PORT", "8080");
    String second = EnvCrypto.encrypt(changed, KEY, first);
    List<String> a = first.lines().toList();
    List<String> b = second.lines().toList();
    assertThat(b).hasSameSizeAs(a);
    int differing = 0;
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).equals(b.get(i))) {
        differing++;
        assertThat(b.get(i)).matches("PORT=.*|#runway:mac .*|#runway:v2 key=\\w+ purpose=env version=2");
      }
    }
    assertThat(differing).isEqualTo(3);
  }

  @Test
  void rotateReEncryptsEveryValueUnderTheNewKey() {
    String first = EnvCrypto.encrypt(values(), KEY);
    String rotated = EnvCrypto.rotate(first, Origin.of("t"), KEY, OTHER);
    assertThat(EnvCrypto.decrypt(rotated, Origin.of("t"), OTHER)).containsExactlyEntriesOf(values());
    List<String> oldLines = first.lines().filter(l -> l.contains("=enc:")).toList();
    assertThat(rotated.lines().filter(oldLines::contains)).isEmpty();
  }

  @Test
  void namesAWrongKeyAsSuch() {
    String text = EnvCrypto.encrypt(values(), KEY);
    assertThatThrownBy(() -> EnvCrypto.decrypt(text, Origin.file(Path.of(".env.production.enc")), OTHER))
        .isInstanceOfSatisfying(DecryptionFailed.class,
            e -> assertThat(e.reason()).isEqualTo(DecryptionFailed.Reason.WRONG_KEY))
        .hasMessage(".env.production.enc: was encrypted with key " + KEY.id() + " but the key from "
            + "RUNWAY_KEY_PRODUCTION is key " + OTHER.id()
            + "; use the key the file was encrypted with (runway rotate re-encrypts it with a new one)");
  }

  @Test
  void rejectsADroppedLineWithoutShowingAnyValue() {
    String text = EnvCrypto.encrypt(values(), KEY);
    String dropped = text.lines().filter(l -> !l.startsWith("PORT=")).reduce("", (a, l) -> a + l + "\n");
    assertThatThrownBy(() -> EnvCrypto.decrypt(dropped, Origin.file(Path.of(".env.production.enc")), KEY))
        .isInstanceOfSatisfying(DecryptionFailed.class,
            e -> assertThat(e.reason()).isEqualTo(DecryptionFailed.Reason.TAMPERED))
        .hasMessage(".env.production.enc: the file was changed after encryption (a line was added, removed,"
            + " reordered or edited); restore it from version control or encrypt the plain file again");
  }

  @Test
  void rejectsAPlainDotenvFileWithItsFix() {
    assertThatThrownBy(() -> EnvCrypto.decrypt("PORT=1\n", Origin.file(Path.of(".env.production.enc")), KEY))
        .isInstanceOfSatisfying(DecryptionFailed.class,
            e -> assertThat(e.reason()).isEqualTo(DecryptionFailed.Reason.MALFORMED))
        .hasMessage(".env.production.enc:1: not a Runway encrypted env file (no '#runway:v2' header);"
            + " encrypt the plain file with: runway encrypt --env <environment>");
  }

  @Test
  void rejectsAMalformedKeyWithoutShowingIt() {
    assertThatThrownBy(() -> EnvKey.parse("not-a-key-but-maybe-a-secret", "RUNWAY_KEY_PRODUCTION"))
        .isInstanceOf(RunwayException.ParseFailed.class)
        .hasMessage("RUNWAY_KEY_PRODUCTION: is not a Runway key (expected 32 bytes in base64, 44 characters);"
            + " create one with: runway keygen --env <environment>")
        .hasMessageNotContaining("maybe-a-secret");
  }

  @Test
  void refusesAValueThatIsNotUnicodeText() {
    assertThatThrownBy(() -> EnvCrypto.encrypt(Map.of("A", "\uD800"), KEY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A: value is not valid Unicode text (it holds a lone surrogate)");
  }

  @Test
  void keyToStringShowsOnlyItsId() {
    assertThat(KEY.toString()).isEqualTo("EnvKey[" + KEY.id() + " from test key]").doesNotContain(KEY.encoded());
    assertThat(KEY.id()).matches("[0-9a-f]{16}");
  }

  @Test
  void findsTheKeyInTheEnvironmentVariableFirst() {
    Optional<EnvKey> found = EnvKey.find(Environment.named("pre-prod"),
        n -> n.equals("RUNWAY_KEY_PRE_PROD") ? Optional.of(KEY.encoded()) : Optional.empty(), dir);
    assertThat(found).contains(KEY);
    assertThat(found.orElseThrow().source()).isEqualTo("RUNWAY_KEY_PRE_PROD");
  }

  @Test
  void findsTheKeyInTheKeysDirectory(@TempDir Path keys) throws Exception {
    Files.writeString(keys.resolve("production.key"), KEY.encoded() + "\n");
    Optional<EnvKey> found = EnvKey.find(Environment.PRODUCTION,
        n -> n.equals("RUNWAY_KEYS_DIR") ? Optional.of(keys.toString()) : Optional.empty(), dir);
    assertThat(found).contains(KEY);
  }

  @Test
  void refusesAKeyFileInsideTheProject() throws Exception {
    Path file = dir.resolve("production.key");
    Files.writeString(file, KEY.encoded());
    assertThatThrownBy(() -> EnvKey.fromFile(file, dir))
        .isInstanceOf(RunwayException.IoFailed.class)
        .hasMessageStartingWith(file + ": key file lies inside the project (" + dir + "); move it out of the repository");
  }

  @Test
  void encryptFileLeavesAnUnchangedFileUntouched() throws Exception {
    Path plain = dir.resolve(".env.production");
    Path enc = dir.resolve(".env.production.enc");
    Files.writeString(plain, "A=1\nB=two\n");
    assertThat(EnvCrypto.encryptFile(plain, enc, KEY)).isTrue();
    String first = Files.readString(enc);
    assertThat(EnvCrypto.encryptFile(plain, enc, KEY)).isFalse();
    assertThat(Files.readString(enc)).isEqualTo(first);
    assertThat(EnvCrypto.decryptFile(enc, KEY)).containsExactly(Map.entry("A", "1"), Map.entry("B", "two"));
  }

  @Test
  void theEncryptedFileLoadsAsALayerBetweenTheEnvironmentFileAndTheProcessEnvironment() throws Exception {
    Var<Integer> port = Var.port("PORT");
    Var<Secret> key = Var.secret("OPENAI_API_KEY");
    Var<String> level = Var.string("LOG_LEVEL");
    EnvSchema schema = EnvSchema.of(port, key, level);
    Files.writeString(dir.resolve(".env.production"), "PORT=1\nLOG_LEVEL=info\n");
    Files.writeString(dir.resolve(".env.production.enc"),
        EnvCrypto.encrypt(new java.util.TreeMap<>(Map.of("PORT", "2", "OPENAI_API_KEY", "sk-secret-value-0123456789")), KEY));
    EnvSources sources = EnvSources.of(EnvSources.dotenvForEnvironment(dir), EnvCrypto.layer(dir, e -> Optional.of(KEY)))
        .withOverrides(Map.of("LOG_LEVEL", "debug"));
    Env env = schema.load(Environment.PRODUCTION, sources);
    assertThat(env.get(port)).isEqualTo(2);
    assertThat(env.get(key).reveal()).isEqualTo("sk-secret-value-0123456789");
    assertThat(env.get(level)).isEqualTo("debug");
    assertThat(env.origin("PORT").orElseThrow().toString()).isEqualTo(dir.resolve(".env.production.enc") + ":5");
  }

  @Test
  void theStandardSourcesIncludeTheEncryptedLayer() {
    assertThat(EnvSources.standard(dir).layers()).extracting(l -> l.describe())
        .contains(dir.resolve(".env.<environment>.enc").toString());
  }

  @Test
  void anEncryptedFileWithoutAKeyFailsWithTheFix() throws Exception {
    Files.writeString(dir.resolve(".env.production.enc"), EnvCrypto.encrypt(Map.of("A", "1"), KEY));
    assertThatThrownBy(() -> EnvCrypto.layer(dir, e -> Optional.empty()).read(Environment.PRODUCTION, n -> Optional.empty()))
        .isInstanceOf(RunwayException.IoFailed.class)
        .hasMessageStartingWith(dir.resolve(".env.production.enc") + ": no key to decrypt it; set RUNWAY_KEY_PRODUCTION"
            + " or write the key to ");
  }
}

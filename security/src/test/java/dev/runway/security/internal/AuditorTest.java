package dev.runway.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditorTest {
  private static String jwt(String payload) {
    Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
    return b.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
  }

  @Test
  void recognisesPlaceholders() {
    for (String p : new String[] {"changeme", "CHANGE_ME", "xxx", "xxxxxxxx", "<your-key>", "your-api-key-here",
        "sk-proj-EXAMPLEkey000000000000", "secret", "****", "dummy-token", "replace-me"}) {
      assertThat(Auditor.isPlaceholder(p)).as(p).isTrue();
    }
    for (String p : new String[] {"Zq8Lm3Xv7Np2Kc9Rt4Wb6Hd1Fs5Gj0Ay", "sk-proj-Qm7Lk2Vx9Rt4Wz8Np3Hs6Jd1Fg5Bc0Ay"}) {
      assertThat(Auditor.isPlaceholder(p)).as(p).isFalse();
    }
  }

  @Test
  void measuresEntropyPerCharacter() {
    assertThat(Auditor.entropyBitsPerChar("aaaaaaaa")).isZero();
    assertThat(Auditor.entropyBitsPerChar("abababab")).isEqualTo(1.0);
    assertThat(Auditor.entropyBitsPerChar("Zq8Lm3Xv7Np2Kc9Rt4Wb6Hd1Fs5Gj0Ay")).isGreaterThan(4.5);
  }

  @Test
  void readsTheRoleClaimOfAJwtWithoutVerifyingIt() {
    assertThat(Auditor.jwtRole(jwt("{\"role\":\"service_role\"}"))).contains("service_role");
    assertThat(Auditor.jwtRole(jwt("{\"sub\":\"1\"}"))).isEmpty();
    assertThat(Auditor.jwtRole("eyJ.not-base64!.x")).isEmpty();
  }

  @Test
  void namesCredentialsByShapeAndLeavesPublicKeysAlone() {
    assertThat(Auditor.credential("AK" + "IAQ3EGRZ7TLJ5M2WXY")).contains("an AWS access key id (AKIA...)");
    assertThat(Auditor.credential("-----BEGIN PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcN\n-----END PRIVATE KEY-----\n"))
        .contains("a PEM private key (-----BEGIN ... PRIVATE KEY-----)");
    assertThat(Auditor.credential("sb_secret_" + "abcdefghijklmnop")).isPresent();
    assertThat(Auditor.credential("sb_publishable_abcdefghijklmnop")).isEmpty();
    assertThat(Auditor.credential(jwt("{\"role\":\"anon\"}"))).isEmpty();
    assertThat(Auditor.credential("abcdefghijklmnopqrstuvwx")).isEmpty(); // Vercel-token shape: too common
  }

  @Test
  void readsDockerignoreLikeDockerForTheCommonPatterns(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(".dockerignore"), "# secrets\n**/.env*\n!.env.example\n");
    assertThat(Auditor.dockerIgnores(dir, ".env.production")).isTrue();
    assertThat(Auditor.dockerIgnores(dir, ".env.example")).isFalse();
    Files.writeString(dir.resolve(".dockerignore"), "node_modules\n");
    assertThat(Auditor.dockerIgnores(dir, ".env")).isFalse();
  }

  @Test
  void localOnlyUrlsAreNotRealSecrets() {
    assertThat(Auditor.isLocalOnly("postgresql://postgres:postgres@localhost:54322/postgres")).isTrue();
    assertThat(Auditor.isLocalOnly("postgresql://u:p@db.example.co:5432/postgres")).isFalse();
  }
}

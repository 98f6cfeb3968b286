package dev.runway.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.base.Origin;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyMaskTest {
  /** Key-shaped values built at run time: no key-shaped literal sits in the source. */
  private static final String BODY = "Ab3dEf6hIj9kLm2nOp5qRs8t";
  private static final String OPENAI = "sk-proj-" + BODY;

  @Test
  void keepsTheFormatsPrefixAndMasksTheRest() {
    assertThat(KeyMask.mask("is not a port number: '" + OPENAI + "'")).isEqualTo("is not a port number: 'sk-proj-****'");
    assertThat(KeyMask.mask("ghp_" + BODY + BODY)).isEqualTo("ghp_****");
    assertThat(KeyMask.mask("sk_live_" + BODY)).isEqualTo("sk_live_****");
    assertThat(KeyMask.mask("AKIA" + "ABCDEFGHIJ234567")).isEqualTo("AKIA****");
    assertThat(KeyMask.mask("eyJ" + BODY + ".eyJ" + BODY + "." + BODY)).isEqualTo("eyJ****");
    assertThat(KeyMask.mask(BODY)).isEqualTo("****"); // a Vercel token has no prefix to show
  }

  @Test
  void masksKeysInsidePathsAndUpperCasedCopies() {
    assertThat(KeyMask.mask("services.api.envVars." + OPENAI + ".value: is declared twice"))
        .isEqualTo("services.api.envVars.sk-proj-****.value: is declared twice");
    assertThat(KeyMask.mask("method " + OPENAI.toUpperCase(java.util.Locale.ROOT) + " is not supported"))
        .isEqualTo("method SK-PROJ-**** is not supported");
    assertThat(KeyMask.mask("a JWT at the end of a sentence: eyJ" + BODY + ".eyJ" + BODY + "." + BODY + "."))
        .isEqualTo("a JWT at the end of a sentence: eyJ****.");
  }

  @Test
  void masksTheUrlPasswordWhateverItHolds() {
    assertThat(KeyMask.mask("'ftp://mon:hunter22@ftp.example.com/health' is not an http(s) URL"))
        .isEqualTo("'ftp://mon:****@ftp.example.com/health' is not an http(s) URL");
    // Found by PlantedKeyProperties: a password that starts with '$' is a password, not a reference.
    assertThat(KeyMask.mask("ftp://mon:$AAABCDEFG@ftp.example.com")).isEqualTo("ftp://mon:****@ftp.example.com");
    assertThat(KeyMask.mask("postgres://app:${DB_PASSWORD}@db")).isEqualTo("postgres://app:${DB_PASSWORD}@db");
    assertThat(KeyMask.mask("redis://:p@ss/w0rd@cache:6379")).isEqualTo("redis://:****@cache:6379");
    assertThat(KeyMask.mask("https://example.com/a:b/@types/node")).isEqualTo("https://example.com/a:b/@types/node");
  }

  @Test
  void masksAPrivateKeyBlock() {
    String pem = "-----BEGIN PRIVATE KEY-----\nMIIE" + BODY + "\n-----END PRIVATE KEY-----";
    assertThat(KeyMask.mask("value: " + pem + " (done)")).isEqualTo("value: -----BEGIN PRIVATE KEY-----**** (done)");
  }

  @Test
  void leavesOrdinaryTextAndIsIdempotent() {
    String plain = "render.yaml:3: services.api.plan: 'starter-plus' is not a known plan; write plan: starter";
    assertThat(KeyMask.mask(plain)).isSameAs(plain);
    String once = KeyMask.mask("x " + OPENAI + " ftp://a:bcd@e");
    assertThat(KeyMask.mask(once)).isEqualTo(once).isEqualTo("x sk-proj-**** ftp://a:****@e");
  }

  @Test
  void aKeyInANonSecretVariableIsMaskedInItsMessage() {
    Validation v = EnvSchema.of(Var.port("PORT")).validate(Environment.PRODUCTION,
        EnvSources.of(EnvSources.map(Map.of("PORT", OPENAI), Origin.of(".env"), true)));
    assertThat(v.problems().toText()).contains("PORT: is not a port number: 'sk-proj-****'").doesNotContain(BODY);
    assertThat(v.problems().toJson()).doesNotContain(BODY);
  }
}

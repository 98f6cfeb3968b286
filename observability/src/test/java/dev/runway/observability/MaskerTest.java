package dev.runway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.env.KeyFormat;
import org.junit.jupiter.api.Test;

class MaskerTest {
  @Test
  void masksEveryOccurrenceOfASecretWhereverItStands() {
    Masker m = Masker.builder().noFormats().secret("p@ss w0rd!").build();
    assertThat(m.mask("a=p@ss w0rd!;b=p@ss w0rd!p@ss w0rd!")).isEqualTo("a=****;b=****");
  }

  @Test
  void masksOverlappingSecretsAsOneSpan() {
    Masker m = Masker.builder().noFormats().secret("abcdef").secret("defghi").build();
    assertThat(m.mask("xxabcdefghixx")).isEqualTo("xx****xx");
  }

  @Test
  void leavesTextWithoutSecretsUntouchedAndTheSameInstance() {
    Masker m = Masker.builder().secret("correct-horse").build();
    String text = "GET /api/health 200 in 3 ms (request 7f3a9c21d0e84b5a)";
    assertThat(m.mask(text)).isSameAs(text);
  }

  @Test
  void ignoresSecretsTooShortToMaskWithoutManglingText() {
    Masker m = Masker.builder().noFormats().secret("abc").build();
    assertThat(m.secretCount()).isZero();
    assertThat(m.mask("abc abc")).isEqualTo("abc abc");
  }

  @Test
  void masksThePasswordOfASecretUrlOnItsOwn() {
    Masker m = Masker.builder().noFormats().secret("postgresql://app:s3cr3t-pw@db:5432/app").build();
    assertThat(m.mask("auth failed for password s3cr3t-pw")).isEqualTo("auth failed for password ****");
  }

  @Test
  void masksWordsShapedLikeEveryBuiltInKeyFormat() {
    Masker m = Masker.formatsOnly();
    // Obviously fake test data: the right prefixes and shapes, filled with the alphabet; none is a real key
    // (the GitHub one is split so secret scanners do not flag the source).
    String[] keys = {
        "sk-proj-abcdefghij0123456789ABCD", "sk-ant-api03-abcdefghij0123456789", "llx-abcdefghij0123456789AB",
        "eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIn0.c2lnbmF0dXJl", "sb_publishable_abcdefghij12",
        "sb_secret_abcdefghij12", "sbp_abcdefghij0123456789ab", "rnd_abcdefghij0123456789AB",
        "abcdefghijKLMNOPQR012345", "ghp_" + "abcdefghijklmnopqrstuvwxyz0123456789", "sk_live_abcdefghij12"};
    for (String key : keys) {
      assertThat(KeyFormat.builtIn().stream().anyMatch(f -> f.matches(key))).as(key).isTrue();
      assertThat(m.mask("key=" + key + ", next")).as(key).isEqualTo("key=****, next");
      assertThat(m.mask("(" + key + ").")).as(key).isEqualTo("(****).");
    }
  }

  @Test
  void masksFormatsAddedToTheBuilder() {
    Masker m = Masker.builder().format(KeyFormat.of("acme", "^acme_[0-9]{12}$", "an Acme key")).build();
    assertThat(m.mask("using acme_123456789012 now")).isEqualTo("using **** now");
  }

  @Test
  void countsSecretsButNeverShowsThemInToString() {
    Masker m = Masker.builder().noFormats().secret("hunter2-hunter2").secret("hunter2-hunter2").build();
    assertThat(m.toString()).isEqualTo("Masker{1 secrets, formats=[]}");
  }
}

package dev.runway.pipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaskerTest {
  private static final String SECRET = "correct-horse-battery-staple";

  @Test
  void masksDeclaredSecretsAsBefore() {
    assertThat(new Masker(List.of(SECRET)).mask("token=" + SECRET)).isEqualTo("token=****");
  }

  @Test
  void masksUndeclaredKeyShapedValues() {
    String key = "sk-proj-" + "Ab3dEf6hIj9kLm2nOp5qRs8t"; // built at run time: no key literal in the source
    assertThat(new Masker(List.of()).mask("using " + key)).isEqualTo("using sk-proj-****");
  }

  @Test
  void masksADeclaredSecretsBase64AtAnyAlignment() {
    Masker masker = new Masker(List.of(SECRET));
    String whole = Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));
    assertThat(masker.mask("echo " + whole)).isEqualTo("echo ****");
    for (String user : List.of("u:", "us:", "use:")) {
      String basic = Base64.getEncoder().encodeToString((user + SECRET).getBytes(StandardCharsets.UTF_8));
      String shown = masker.mask("Authorization: Basic " + basic);
      assertThat(shown).contains("****");
      for (String fragment : Masker.base64Spellings(SECRET)) assertThat(shown).doesNotContain(fragment);
    }
  }
}

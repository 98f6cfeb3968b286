package dev.runway.base;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

class SecretTest {

  @Test
  void toStringAndJsonShowOnlyTheMask() {
    Secret s = Secret.of("EXAMPLE-secret-value");
    assertThat(s).hasToString("****");
    assertThat(JsonMapper.shared().writeValueAsString(s)).isEqualTo("\"****\"");
    assertThat(s.reveal()).isEqualTo("EXAMPLE-secret-value");
  }

  @Test
  void lengthAndEmptinessSayNothingElse() {
    assertThat(Secret.of("abc").length()).isEqualTo(3);
    assertThat(Secret.of("").isEmpty()).isTrue();
    assertThat(Secret.of("a").isEmpty()).isFalse();
  }

  @Test
  void equalSecretsAreEqualAndHashAlike() {
    assertThat(Secret.of("x")).isEqualTo(Secret.of("x")).isNotEqualTo(Secret.of("y"));
    assertThat(Secret.of("x").hashCode()).isEqualTo(Secret.of("y").hashCode());
  }

  @Test
  void matchesOnlyTheSameTextAndNeverNull() {
    Secret token = Secret.of("the-right-token-0123456789");
    assertThat(token.matches("the-right-token-0123456789")).isTrue();
    assertThat(token.matches("the-right-token-0123456789")).as("again, from the cached digest").isTrue();
    assertThat(token.matches("the-right-token-012345678")).isFalse();
    assertThat(token.matches("")).isFalse();
    assertThat(token.matches(null)).isFalse();
    assertThat(token).hasToString(Secret.MASK);
  }
}

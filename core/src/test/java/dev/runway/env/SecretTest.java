package dev.runway.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.internal.Json;
import org.junit.jupiter.api.Test;

class SecretTest {

  @Test
  void toStringAndJsonShowOnlyTheMask() {
    Secret s = Secret.of("EXAMPLE-secret-value");
    assertThat(s).hasToString("****");
    assertThat(Json.mapper().writeValueAsString(s)).isEqualTo("\"****\"");
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
  void rawValuesAndVarsNeverShowAValue() {
    RawValue raw = new RawValue("OPENAI_API_KEY", "sk-EXAMPLE", dev.runway.Origin.of("override"));
    assertThat(raw).hasToString("OPENAI_API_KEY (override)");
    assertThat(Var.secret("K").defaultValue(Secret.of("EXAMPLE"))).hasToString("Var[K: secret, secret]");
    assertThat(Var.port("PORT").defaultValue(10000)).hasToString("Var[PORT: port, internal]");
  }
}

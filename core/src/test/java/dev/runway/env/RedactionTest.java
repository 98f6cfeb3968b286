package dev.runway.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.base.Origin;
import dev.runway.base.Secret;
import org.junit.jupiter.api.Test;

class RedactionTest {
  @Test
  void rawValuesAndVarsNeverShowAValue() {
    RawValue raw = new RawValue("OPENAI_API_KEY", "sk-EXAMPLE", Origin.of("override"));
    assertThat(raw).hasToString("OPENAI_API_KEY (override)");
    assertThat(Var.secret("K").defaultValue(Secret.of("EXAMPLE"))).hasToString("Var[K: secret, secret]");
    assertThat(Var.port("PORT").defaultValue(10000)).hasToString("Var[PORT: port, internal]");
  }
}

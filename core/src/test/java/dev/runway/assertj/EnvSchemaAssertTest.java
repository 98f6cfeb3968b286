package dev.runway.assertj;

import static dev.runway.assertj.RunwayAssertions.assertThat;
import static dev.runway.env.Environment.PRODUCTION;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.env.EnvSchema;
import dev.runway.env.EnvSources;
import dev.runway.env.KeyFormat;
import dev.runway.env.Var;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvSchemaAssertTest {
  private static final Var<Integer> PORT = Var.port("PORT").defaultValue(10000);
  private static final Var<dev.runway.base.Secret> KEY = Var.secret("OPENAI_API_KEY").format(KeyFormat.OPENAI);
  private static final EnvSchema SCHEMA = EnvSchema.of(PORT, KEY);

  private static EnvSources with(Map<String, String> values) {
    return EnvSources.of(EnvSources.map(values, Origin.of("test"), true));
  }

  @Test
  void isValidInPassesForACompleteEnvironment() {
    assertThat(SCHEMA).isValidIn(PRODUCTION, with(Map.of("OPENAI_API_KEY", "sk-proj-EXAMPLEexampleEXAMPLE0000")));
  }

  @Test
  void isValidInFailsListingEveryErrorWithoutTheSecret() {
    assertThatThrownBy(() -> assertThat(SCHEMA).isValidIn(PRODUCTION,
            with(Map.of("OPENAI_API_KEY", "sk-ant-api03-EXAMPLEsecretVALUE000000", "PORT", "70000"))))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected production to be valid, but found 2 error(s):%n"
            + "error   MALFORMED test: OPENAI_API_KEY: is not an OpenAI API key (sk-... or sk-proj-...); create one at platform.openai.com/api-keys%n"
            + "error   OUT_OF_RANGE test: PORT: is outside 1-65535: '70000' (expected a port number from 1 to 65535); set PORT to a port number from 1 to 65535",
            new Object[0])
        .message().doesNotContain("EXAMPLEsecretVALUE");
  }

  @Test
  void hasProblemInFindsAMissingKeyAndFailsWhenThereIsNone() {
    assertThat(SCHEMA).hasProblemIn(PRODUCTION, EnvSources.none(), Problem.MISSING, "OPENAI_API_KEY");
    assertThatThrownBy(() -> assertThat(SCHEMA).hasProblemIn(PRODUCTION, EnvSources.none(), Problem.MISSING, "PORT"))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Expected a MISSING problem for PORT in production, but found only:");
  }

  @Test
  void declaresNamesTheVariablesItHas() {
    assertThat(SCHEMA).declares("PORT");
    assertThatThrownBy(() -> assertThat(SCHEMA).declares("PORTT"))
        .hasMessage("Expected the schema to declare PORTT, but it declares [PORT, OPENAI_API_KEY]");
  }
}

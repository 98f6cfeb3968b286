package dev.runway.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.base.Problem;
import java.util.List;
import java.util.Map;

/** Small helpers shared by the env tests: one variable, one value, one environment. */
final class Fixtures {
  private Fixtures() {}

  /** Validates one variable set to {@code text} by an override, in production. */
  static Validation validate(Var<?> variable, String text) {
    return validate(variable, text, Environment.PRODUCTION);
  }

  static Validation validate(Var<?> variable, String text, Environment environment) {
    return EnvSchema.of(variable).validate(environment, EnvSources.none().withOverrides(Map.of(variable.name(), text)));
  }

  /** The typed value of one variable set to {@code text}; fails the test when validation fails. */
  static <T> T load(Var<T> variable, String text) {
    return EnvSchema.of(variable)
        .load(Environment.PRODUCTION, EnvSources.none().withOverrides(Map.of(variable.name(), text)))
        .get(variable);
  }

  /** The one problem validation finds; fails the test when there are none or several. */
  static Problem onlyProblem(Var<?> variable, String text) {
    return onlyProblem(validate(variable, text));
  }

  static Problem onlyProblem(Validation validation) {
    List<Problem> all = validation.problems().all();
    assertThat(all).as(validation.toText()).hasSize(1);
    return all.get(0);
  }
}

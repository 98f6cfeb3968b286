package dev.runway.env;

import dev.runway.base.Secret;
import static dev.runway.env.Environment.DEVELOPMENT;
import static dev.runway.env.Environment.PREVIEW;
import static dev.runway.env.Environment.PRODUCTION;
import static dev.runway.env.Fixtures.onlyProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.base.RunwayException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequirementTest {

  private static Validation validateUnset(Var<?> v, Environment environment) {
    return EnvSchema.of(v).validate(environment, EnvSources.none());
  }

  @Test
  void aVariableIsRequiredEverywhereByDefault() {
    Var<Integer> port = Var.port("PORT");
    assertThat(port.isRequiredIn(DEVELOPMENT)).isTrue();
    assertThat(port.isRequiredIn(PRODUCTION)).isTrue();
    Problem p = onlyProblem(validateUnset(port, PRODUCTION));
    assertThat(p.code()).isEqualTo(Problem.MISSING);
    assertThat(p.environment()).contains("production");
    assertThat(p.origin()).isEmpty();
    assertThat(p.text()).isEqualTo("PORT: is missing in production (expected a port number from 1 to 65535); "
        + "add PORT=<a port number from 1 to 65535> to .env.production or the process environment");
  }

  @Test
  void anOptionalVariableMayBeAbsent() {
    Var<String> dsn = Var.string("SENTRY_DSN").optional();
    Validation v = validateUnset(dsn, PRODUCTION);
    assertThat(v.problems().all()).isEmpty();
    Env env = v.orThrow();
    assertThat(env.find(dsn)).isEmpty();
    assertThatThrownBy(() -> env.get(dsn))
        .isExactlyInstanceOf(RunwayException.class)
        .hasMessage("SENTRY_DSN: has no value in production (it is optional and no source sets it); "
            + "use env.find(SENTRY_DSN) for optional variables or give it a default");
  }

  @Test
  void requiredInMakesAVariableRequiredThereAndOptionalElsewhere() {
    Var<Secret> key = Var.secret("OPENAI_API_KEY").requiredIn(PREVIEW, PRODUCTION);
    assertThat(validateUnset(key, DEVELOPMENT).isValid()).isTrue();
    assertThat(onlyProblem(validateUnset(key, PREVIEW)).code()).isEqualTo(Problem.MISSING);
    assertThat(onlyProblem(validateUnset(key, PRODUCTION)).message()).isEqualTo("is missing in production");
    assertThat(key.requiredInNames()).containsExactly("preview", "production");
    assertThatThrownBy(() -> Var.string("X").requiredIn()).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("requiredIn needs at least one environment");
  }

  @Test
  void theLastRequirementDeclaredWins() {
    assertThat(Var.string("X").optional().required().isRequiredIn(DEVELOPMENT)).isTrue();
    assertThat(Var.string("X").requiredIn(PRODUCTION).optional().isRequiredIn(PRODUCTION)).isFalse();
    assertThat(Var.string("X").optional().requiredIn(PRODUCTION).isRequiredIn(PRODUCTION)).isTrue();
  }

  @Test
  void aGlobalDefaultSatisfiesTheRequirement() {
    Var<Integer> port = Var.port("PORT").defaultValue(10000);
    Env env = validateUnset(port, PRODUCTION).orThrow();
    assertThat(env.get(port)).isEqualTo(10000);
    assertThat(env.origin("PORT")).contains(Origin.of("default"));
    assertThat(env.text("PORT")).contains("10000");
  }

  @Test
  void aPerEnvironmentDefaultWinsThereAndOnlyThere() {
    Var<String> level = Var.oneOf("LOG_LEVEL", "debug", "info").defaultValue("info").defaultIn(DEVELOPMENT, "debug");
    assertThat(validateUnset(level, DEVELOPMENT).orThrow().get(level)).isEqualTo("debug");
    assertThat(validateUnset(level, PRODUCTION).orThrow().get(level)).isEqualTo("info");
  }

  @Test
  void aPerEnvironmentDefaultDoesNotSatisfyOtherEnvironments() {
    Var<Integer> workers = Var.integer("WORKERS").defaultIn(PRODUCTION, 4);
    assertThat(validateUnset(workers, PRODUCTION).orThrow().get(workers)).isEqualTo(4);
    assertThat(onlyProblem(validateUnset(workers, DEVELOPMENT)).code()).isEqualTo(Problem.MISSING);
    assertThat(workers.defaultIn(DEVELOPMENT)).isEmpty();
  }

  @Test
  void anEmptyValueCountsAsMissing() {
    Problem p = onlyProblem(Var.string("NAME"), "");
    assertThat(p.code()).isEqualTo(Problem.MISSING);
    assertThat(p.text()).isEqualTo("override: NAME: is empty in production (expected text); "
        + "add NAME=<text> to .env.production or the process environment");
  }

  @Test
  void anEmptyValueFallsBackToTheDefault() {
    Var<Integer> port = Var.port("PORT").defaultValue(10000);
    Env env = Fixtures.validate(port, "").orThrow();
    assertThat(env.get(port)).isEqualTo(10000);
    assertThat(env.origin("PORT")).contains(Origin.of("default"));
  }

  @Test
  void anEmptyOptionalValueIsNoValue() {
    Var<String> dsn = Var.string("DSN").optional();
    assertThat(Fixtures.validate(dsn, "").orThrow().find(dsn)).isEmpty();
  }

  @Test
  void aValueInAForbiddenEnvironmentIsNotAllowed() {
    Var<Boolean> debug = Var.bool("DEBUG").defaultValue(false).forbiddenIn(PRODUCTION);
    Problem p = onlyProblem(debug, "true");
    assertThat(p.code()).isEqualTo(Problem.NOT_ALLOWED);
    assertThat(p.text()).isEqualTo("override: DEBUG: must not be set in production; remove DEBUG from override");
    assertThat(Fixtures.validate(debug, "true", DEVELOPMENT).orThrow().get(debug)).isTrue();
  }

  @Test
  void aForbiddenVariableKeepsItsDefaultWhenUnset() {
    Var<Boolean> debug = Var.bool("DEBUG").defaultValue(false).forbiddenIn(PRODUCTION);
    assertThat(validateUnset(debug, PRODUCTION).orThrow().get(debug)).isFalse();
  }

  @Test
  void aForbiddenVariableWithoutDefaultIsNotRequiredWhereItIsForbidden() {
    Var<Boolean> debug = Var.bool("DEBUG").forbiddenIn(PRODUCTION);
    assertThat(debug.isRequiredIn(PRODUCTION)).isFalse();
    assertThat(validateUnset(debug, PRODUCTION).problems().all()).isEmpty();
    assertThat(onlyProblem(validateUnset(debug, DEVELOPMENT)).code()).isEqualTo(Problem.MISSING);
  }

  @Test
  void anEmptyValueInAForbiddenEnvironmentIsAllowed() {
    Var<Boolean> debug = Var.bool("DEBUG").defaultValue(false).forbiddenIn(PRODUCTION);
    assertThat(Fixtures.validate(debug, "").problems().all()).isEmpty();
  }

  @Test
  void validatingAnUndeclaredEnvironmentIsAnUnknownName() {
    EnvSchema schema = EnvSchema.of(Var.string("X"));
    assertThatThrownBy(() -> schema.validate(Environment.named("prodution"), EnvSources.none()))
        .isInstanceOf(RunwayException.UnknownName.class)
        .hasMessage("No environment named 'prodution' (known: development, preview, production); "
            + "did you mean production?");
    assertThat(schema.environment("Production")).isEqualTo(PRODUCTION);
  }

  @Test
  void overridesReachEveryEnvironment() {
    Var<String> x = Var.string("X");
    for (Environment e : new Environment[] {DEVELOPMENT, PREVIEW, PRODUCTION}) {
      Env env = EnvSchema.of(x).load(e, EnvSources.none().withOverrides(Map.of("X", "v")));
      assertThat(env.get(x)).isEqualTo("v");
      assertThat(env.environment()).isEqualTo(e);
    }
  }
}

package dev.runway;

import dev.runway.base.Problem;
import dev.runway.base.RunwayException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.env.EnvSchema;
import dev.runway.env.EnvSources;
import dev.runway.env.Environment;
import dev.runway.env.Var;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppTest {
  private static final Service API = Service.of("api", "render", Map.of("plan", "free"));
  private static final Service WEB = Service.of("web", "vercel");
  private static final EnvSchema SCHEMA = EnvSchema.of(
      Var.port("PORT").defaultValue(10000).targets("api"),
      Var.url("NEXT_PUBLIC_SITE_URL").optional().targets("web"),
      Var.string("REGION").optional());

  @Test
  void anAppHoldsItsServicesInOrder() {
    App app = App.of("acme", SCHEMA, API, WEB);
    assertThat(app.name()).isEqualTo("acme");
    assertThat(app.services()).containsExactly(API, WEB);
    assertThat(app.service("web")).isEqualTo(WEB);
    assertThat(app.servicesOn("render")).containsExactly(API);
    assertThat(app.servicesOn("supabase")).isEmpty();
    assertThat(app.schema()).isSameAs(SCHEMA);
    assertThat(app.environments()).containsExactly(Environment.DEVELOPMENT, Environment.PREVIEW,
        Environment.PRODUCTION);
    assertThat(app.environment("production")).isEqualTo(Environment.PRODUCTION);
    assertThat(app).hasToString("App[acme: api, web]");
  }

  @Test
  void twoServicesWithOneNameAreAModelError() {
    assertThatThrownBy(() -> App.of("acme", SCHEMA, API, WEB, Service.of("api", "vercel")))
        .isInstanceOf(RunwayException.ModelInvalid.class)
        .hasMessage("services.api: declared twice; keep one");
  }

  @Test
  void aTargetThatNamesNoServiceIsAModelErrorWithASuggestion() {
    EnvSchema schema = EnvSchema.of(
        Var.string("A").targets("apii"),
        Var.string("B").targets("web", "worker"));
    assertThatThrownBy(() -> App.of("acme", schema, API, WEB))
        .isInstanceOf(RunwayException.ModelInvalid.class)
        .hasMessage("A: targets service 'apii', which is not declared (known: api, web); did you mean api?\n"
            + "B: targets service 'worker', which is not declared (known: api, web)");
  }

  @Test
  void anUnknownServiceIsAnUnknownNameListingTheKnownOnes() {
    App app = App.of("acme", SCHEMA, API, WEB);
    assertThatThrownBy(() -> app.service("apii"))
        .isInstanceOf(RunwayException.UnknownName.class)
        .hasMessage("No service named 'apii' (known: api, web); did you mean api?");
    assertThatThrownBy(() -> app.service("database"))
        .isInstanceOf(RunwayException.UnknownName.class)
        .hasMessage("No service named 'database' (known: api, web)");
  }

  @Test
  void aServiceReceivesTheVariablesThatTargetItAndThoseThatTargetEveryService() {
    assertThat(SCHEMA.variablesFor("api")).extracting(Var::name).containsExactly("PORT", "REGION");
    assertThat(SCHEMA.variablesFor("web")).extracting(Var::name).containsExactly("NEXT_PUBLIC_SITE_URL", "REGION");
  }

  @Test
  void validateChecksTheSchema() {
    App app = App.of("acme", SCHEMA, API, WEB);
    assertThat(app.validate(Environment.PRODUCTION, EnvSources.none()).isValid()).isTrue();
    assertThat(app.validate(Environment.PRODUCTION, EnvSources.none().withOverrides(Map.of("PORT", "0")))
        .problems().errors()).extracting(Problem::code).containsExactly(Problem.OUT_OF_RANGE);
    assertThat(app.validate(EnvSources.none().withOverrides(Map.of("RUNWAY_ENV", "preview"))).environment())
        .isEqualTo(Environment.PREVIEW);
  }

  @Test
  void servicesCompareSettingsByValue() {
    assertThat(Service.of("api", "render", Map.of("max", 1))).isEqualTo(Service.of("api", "render", Map.of("max", 1L)));
    assertThat(Service.of("api", "render", Map.of("list", List.of(1.0)))).isEqualTo(
        Service.of("api", "render", Map.of("list", List.of(1))));
    assertThat(Service.of("api", "render", Map.of("plan", "free"))).isNotEqualTo(
        Service.of("api", "render", Map.of("plan", "starter")));
    assertThat(API.withSetting("plan", "starter").setting("plan")).contains("starter");
    assertThat(API.setting("plan")).contains("free");
    assertThat(API.setting("region")).isEmpty();
  }

  @Test
  void serviceNamesAreLowerCaseWithDashes() {
    assertThatThrownBy(() -> Service.of("Api", "render"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("service name 'Api' must start with a lower-case letter and hold only lower-case letters, "
            + "digits and '-'");
  }

  @Test
  void twoVariablesWithOneNameAreAModelError() {
    assertThatThrownBy(() -> EnvSchema.of(Var.string("A"), Var.port("A")))
        .isInstanceOf(RunwayException.ModelInvalid.class)
        .hasMessage("A: declared twice; keep one declaration");
    assertThatThrownBy(() -> SCHEMA.and(Var.string("PORT")))
        .isInstanceOf(RunwayException.ModelInvalid.class);
  }
}

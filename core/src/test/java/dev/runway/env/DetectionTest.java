package dev.runway.env;

import static dev.runway.env.Environment.DEVELOPMENT;
import static dev.runway.env.Environment.PREVIEW;
import static dev.runway.env.Environment.PRODUCTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DetectionTest {
  private static final List<Environment> DEFAULT = List.of(DEVELOPMENT, PREVIEW, PRODUCTION);

  private static Detection detect(Map<String, String> variables) {
    return Detection.detect(DEFAULT, variables);
  }

  @Test
  void runwayEnvWinsOverEverything() {
    Detection d = detect(Map.of("RUNWAY_ENV", "preview", "APP_ENV", "production", "VERCEL_ENV", "production",
        "RENDER", "true", "NODE_ENV", "production"));
    assertThat(d.environment()).isEqualTo(PREVIEW);
    assertThat(d.reason()).isEqualTo("RUNWAY_ENV=preview is set");
  }

  @Test
  void appEnvComesNext() {
    Detection d = detect(Map.of("APP_ENV", "Production", "VERCEL_ENV", "preview", "NODE_ENV", "development"));
    assertThat(d.environment()).isEqualTo(PRODUCTION);
    assertThat(d.reason()).isEqualTo("APP_ENV=Production is set");
  }

  @Test
  void aBlankExplicitSettingIsIgnored() {
    assertThat(detect(Map.of("RUNWAY_ENV", "  ", "APP_ENV", "preview")).environment()).isEqualTo(PREVIEW);
  }

  @Test
  void vercelEnvComesBeforeRenderAndNodeEnv() {
    Detection d = detect(Map.of("VERCEL_ENV", "preview", "RENDER", "true", "NODE_ENV", "production"));
    assertThat(d.environment()).isEqualTo(PREVIEW);
    assertThat(d.reason()).isEqualTo("VERCEL_ENV=preview is set (running on Vercel)");
  }

  @Test
  void aVercelEnvThatNamesNoDeclaredEnvironmentFallsThrough() {
    Detection d = detect(Map.of("VERCEL_ENV", "staging", "NODE_ENV", "production"));
    assertThat(d.environment()).isEqualTo(PRODUCTION);
    assertThat(d.reason()).isEqualTo("NODE_ENV=production is set");
  }

  @Test
  void renderMeansProductionUnlessItIsAPullRequest() {
    Detection prod = detect(Map.of("RENDER", "true", "IS_PULL_REQUEST", "false", "NODE_ENV", "development"));
    assertThat(prod.environment()).isEqualTo(PRODUCTION);
    assertThat(prod.reason()).isEqualTo("RENDER is set and IS_PULL_REQUEST is not true (running on Render)");
    Detection pr = detect(Map.of("RENDER", "true", "IS_PULL_REQUEST", "true"));
    assertThat(pr.environment()).isEqualTo(PREVIEW);
    assertThat(pr.reason()).isEqualTo("RENDER and IS_PULL_REQUEST=true are set (a Render pull-request preview)");
  }

  @Test
  void nodeEnvMapsProductionAndDevelopmentAndTest() {
    assertThat(detect(Map.of("NODE_ENV", "production")).environment()).isEqualTo(PRODUCTION);
    assertThat(detect(Map.of("NODE_ENV", "development")).environment()).isEqualTo(DEVELOPMENT);
    Detection test = detect(Map.of("NODE_ENV", "test"));
    assertThat(test.environment()).isEqualTo(DEVELOPMENT);
    assertThat(test.reason()).isEqualTo("NODE_ENV=test is set");
  }

  @Test
  void nothingSetMeansDevelopment() {
    Detection d = detect(Map.of("NODE_ENV", "staging", "HOME", "/root"));
    assertThat(d.environment()).isEqualTo(DEVELOPMENT);
    assertThat(d.reason()).isEqualTo("no RUNWAY_ENV, APP_ENV, VERCEL_ENV, RENDER or NODE_ENV is set, "
        + "so development is assumed");
  }

  @Test
  void withoutADevelopmentEnvironmentTheFirstDeclaredIsAssumed() {
    Environment local = Environment.named("local");
    Detection d = Detection.detect(List.of(local, PRODUCTION), Map.of());
    assertThat(d.environment()).isEqualTo(local);
    assertThat(d.reason()).endsWith("so local is assumed");
  }

  @Test
  void anUnknownRunwayEnvIsAnUnknownNameListingTheKnownOnes() {
    assertThatThrownBy(() -> detect(Map.of("RUNWAY_ENV", "producton")))
        .isInstanceOf(RunwayException.UnknownName.class)
        .hasMessage("RUNWAY_ENV=producton names no declared environment "
            + "(known: development, preview, production). Did you mean production?");
    assertThatThrownBy(() -> detect(Map.of("APP_ENV", "qa")))
        .isInstanceOf(RunwayException.UnknownName.class)
        .hasMessage("APP_ENV=qa names no declared environment (known: development, preview, production).");
  }

  @Test
  void aSchemaDetectsFromTheProcessEnvironmentAndOverridesButNotFromFiles() {
    EnvSchema schema = EnvSchema.of(Var.string("X").optional())
        .environments(DEVELOPMENT, Environment.named("staging"), PRODUCTION);
    EnvSources fileSaysProduction = EnvSources.of(EnvSources.map(Map.of("RUNWAY_ENV", "production"),
        Origin.of(".env"), true));
    assertThat(schema.detect(fileSaysProduction).environment()).isEqualTo(DEVELOPMENT);
    EnvSources processSaysStaging = fileSaysProduction
        .with(EnvSources.map(Map.of("RUNWAY_ENV", "staging"), Origin.processEnv(), false));
    assertThat(schema.detect(processSaysStaging).environment()).isEqualTo(Environment.named("staging"));
    EnvSources overridden = processSaysStaging.withOverrides(Map.of("RUNWAY_ENV", "production"));
    Validation v = schema.validate(overridden);
    assertThat(v.environment()).isEqualTo(PRODUCTION);
    assertThat(v.detection()).contains(new Detection(PRODUCTION, "RUNWAY_ENV=production is set"));
    assertThat(schema.load(overridden).detection().map(Detection::reason)).contains("RUNWAY_ENV=production is set");
  }
}

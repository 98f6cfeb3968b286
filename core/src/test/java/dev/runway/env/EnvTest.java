package dev.runway.env;

import dev.runway.base.Secret;
import static dev.runway.env.Environment.PRODUCTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTest {
  private static final Var<Integer> PORT = Var.port("PORT").defaultValue(10000).targets("api");
  private static final Var<Secret> OPENAI_API_KEY = Var.secret("OPENAI_API_KEY").targets("api");
  private static final Var<PostgresUrl> DATABASE_URL = Var.postgresUrl("DATABASE_URL").targets("api");
  private static final Var<String> SITE_URL = Var.string("SITE_URL").optional().targets("web");
  private static final Var<String> REGION = Var.string("REGION").optional();
  private static final EnvSchema SCHEMA = EnvSchema.of(PORT, OPENAI_API_KEY, DATABASE_URL, SITE_URL, REGION);

  private static Env load() {
    return SCHEMA.load(PRODUCTION, EnvSources.none().withOverrides(Map.of(
        "OPENAI_API_KEY", "sk-proj-EXAMPLEsecretvalue000000",
        "DATABASE_URL", "postgresql://app:EXAMPLE-pw@db.example.com:6543/app",
        "REGION", "oregon")));
  }

  @Test
  void getReturnsTypedValues() {
    Env env = load();
    assertThat(env.get(PORT)).isEqualTo(10000);
    assertThat(env.get(OPENAI_API_KEY).reveal()).isEqualTo("sk-proj-EXAMPLEsecretvalue000000");
    assertThat(env.get(DATABASE_URL).port()).isEqualTo(6543);
    assertThat(env.environment()).isEqualTo(PRODUCTION);
    assertThat(env.schema()).isSameAs(SCHEMA);
    assertThat(env.detection()).isEmpty();
  }

  @Test
  void findTextAndOriginDescribeEachValue() {
    Env env = load();
    assertThat(env.find(SITE_URL)).isEmpty();
    assertThat(env.find(REGION)).contains("oregon");
    assertThat(env.text("PORT")).contains("10000");
    assertThat(env.text("SITE_URL")).isEmpty();
    assertThat(env.origin("REGION")).contains(Origin.of("override"));
    assertThat(env.origin("PORT")).contains(Origin.of("default"));
    assertThat(env.origin("SITE_URL")).isEmpty();
    assertThat(env.names()).containsExactly("PORT", "OPENAI_API_KEY", "DATABASE_URL", "REGION");
  }

  @Test
  void anUndeclaredVariableIsAnUnknownName() {
    Env env = load();
    Var<Integer> typo = Var.port("PORTT");
    assertThatThrownBy(() -> env.get(typo))
        .isInstanceOf(RunwayException.UnknownName.class)
        .hasMessage("No variable named 'PORTT' in the schema "
            + "(known: DATABASE_URL, OPENAI_API_KEY, PORT, REGION, SITE_URL); did you mean PORT?");
    assertThatThrownBy(() -> env.find(typo)).isInstanceOf(RunwayException.UnknownName.class);
    assertThatThrownBy(() -> env.text("XYZ")).isInstanceOf(RunwayException.UnknownName.class)
        .hasMessage("No variable named 'XYZ' in the schema "
            + "(known: DATABASE_URL, OPENAI_API_KEY, PORT, REGION, SITE_URL)");
    assertThatThrownBy(() -> env.origin("XYZ")).isInstanceOf(RunwayException.UnknownName.class);
  }

  @Test
  void toStringMasksSecretsAndShowsTheRest() {
    assertThat(load()).hasToString(
        "Env[production: PORT=10000, OPENAI_API_KEY=****, DATABASE_URL=****, REGION=oregon]");
  }

  @Test
  void toStringMasksSecretsWhoseSensitivityWasLowered() {
    Var<Secret> key = Var.secret("KEY").sensitivity(Sensitivity.INTERNAL);
    Var<PostgresUrl> db = Var.postgresUrl("DB").sensitivity(Sensitivity.INTERNAL);
    Env env = EnvSchema.of(key, db).load(PRODUCTION, EnvSources.none().withOverrides(Map.of(
        "KEY", "EXAMPLE-key-value", "DB", "postgresql://app:EXAMPLE-pw@db.example.com/app")));
    assertThat(env.toString())
        .isEqualTo("Env[production: KEY=****, DB=postgresql://app:****@db.example.com:5432/app]");
  }

  @Test
  void textsForHandsAServiceItsVariablesInFull() {
    Map<String, String> api = load().textsFor("api");
    assertThat(api).containsOnlyKeys("PORT", "OPENAI_API_KEY", "DATABASE_URL", "REGION");
    assertThat(api.get("OPENAI_API_KEY")).isEqualTo("sk-proj-EXAMPLEsecretvalue000000");
    assertThat(load().textsFor("web")).containsOnlyKeys("REGION");
  }
}

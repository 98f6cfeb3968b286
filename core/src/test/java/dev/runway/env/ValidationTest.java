package dev.runway.env;

import dev.runway.base.Secret;
import static dev.runway.env.Environment.PRODUCTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.base.Problems;
import dev.runway.base.RunwayException;
import dev.runway.internal.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class ValidationTest {
  private static final Var<Integer> PORT = Var.port("PORT");
  private static final Var<Integer> MAX_UPLOAD_MB = Var.integer("MAX_UPLOAD_MB").range(1, 100);
  private static final Var<Boolean> DEBUG = Var.bool("DEBUG").defaultValue(false).forbiddenIn(PRODUCTION);
  private static final Var<URI> API_URL = Var.url("API_URL").httpsIn(PRODUCTION);
  private static final Var<Secret> OPENAI_API_KEY = Var.secret("OPENAI_API_KEY").format(KeyFormat.OPENAI);
  private static final Var<String> SITE_NAME = Var.string("SITE_NAME");
  private static final EnvSchema SCHEMA = EnvSchema.of(PORT, MAX_UPLOAD_MB, DEBUG, API_URL, OPENAI_API_KEY, SITE_NAME);

  @TempDir Path dir;

  private Path production(String text) throws IOException {
    Path file = dir.resolve(".env.production");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void aFileWithFiveMistakesYieldsFiveProblemsSortedByLine() throws IOException {
    Path file = production("""
        OPENAI_API_KEY=sk-ant-api03-EXAMPLEnotAnOpenAIkey000000
        DEBUG=true
        API_URL=http://api.example.com
        MAX_UPLOAD_MB=500
        PORT=eighty
        SITE_NAME=
        """);
    Validation v = SCHEMA.validate(PRODUCTION, EnvSources.files(dir));
    assertThat(v.isValid()).isFalse();
    assertThat(v.env()).isEmpty();
    assertThat(v.problems().all()).extracting(Problem::code).containsExactly(
        Problem.MALFORMED, Problem.NOT_ALLOWED, Problem.INSECURE, Problem.OUT_OF_RANGE, Problem.MALFORMED,
        Problem.MISSING);
    assertThat(v.problems().all()).extracting(p -> p.origin().orElseThrow())
        .containsExactly(Origin.file(file, 1), Origin.file(file, 2), Origin.file(file, 3), Origin.file(file, 4),
            Origin.file(file, 5), Origin.file(file, 6));
    assertThat(v.problems().all()).extracting(Problem::subject)
        .containsExactly("OPENAI_API_KEY", "DEBUG", "API_URL", "MAX_UPLOAD_MB", "PORT", "SITE_NAME");
  }

  @Test
  void problemsFromSeveralFilesSortByFileThenLineThenTheRest() throws IOException {
    Files.writeString(dir.resolve(".env"), "\nPORT=eighty\n");
    production("\n\n\nMAX_UPLOAD_MB=0\n");
    Validation v = SCHEMA.validate(PRODUCTION, EnvSources.files(dir)
        .withOverrides(Map.of("API_URL", "nope")));
    assertThat(v.problems().all()).extracting(Problem::subject)
        .containsExactly("PORT", "MAX_UPLOAD_MB", "API_URL", "OPENAI_API_KEY", "SITE_NAME");
  }

  @Test
  void anUnknownVariableInAFileIsAWarningThatSuggestsTheClosestName() throws IOException {
    Path file = production("PORT=8080\nPORTT=8081\nCOMPLETELY_DIFFERENT=1\n");
    Validation v = EnvSchema.of(PORT).validate(PRODUCTION, EnvSources.files(dir));
    assertThat(v.isValid()).isTrue();
    assertThat(v.problems().errors()).isEmpty();
    assertThat(v.problems().warnings()).hasSize(2);
    Problem typo = v.problems().warnings().get(0);
    assertThat(typo.code()).isEqualTo(Problem.UNKNOWN);
    assertThat(typo.severity()).isEqualTo(Problem.Severity.WARNING);
    assertThat(typo.text()).isEqualTo(file + ":2: PORTT: is not declared in the schema; did you mean PORT? rename it");
    assertThat(v.problems().warnings().get(1).text()).isEqualTo(file + ":3: COMPLETELY_DIFFERENT: "
        + "is not declared in the schema; declare it in the schema, or remove it from the file");
  }

  @Test
  void theProcessEnvironmentAndOverridesNeverWarnAboutUnknownNames() {
    Validation v = EnvSchema.of(PORT).validate(PRODUCTION, EnvSources
        .of(EnvSources.map(Map.of("PORT", "1", "PORTT", "2", "HOME", "/root"), Origin.processEnv(), false))
        .withOverrides(Map.of("PORTTT", "3")));
    assertThat(v.problems().all()).isEmpty();
  }

  @Test
  void aSourceOfYourOwnMayAskForUnknownNameWarnings() {
    Validation v = EnvSchema.of(PORT).validate(PRODUCTION, EnvSources.of(
        EnvSources.map(Map.of("PORT", "1", "PROT", "2"), Origin.of("render:srv-1"), true)));
    assertThat(v.problems().all()).singleElement().satisfies(p -> assertThat(p.text())
        .isEqualTo("render:srv-1: PROT: is not declared in the schema; did you mean PORT? rename it"));
  }

  @Test
  void warningsDoNotFail() throws IOException {
    production("PORT=8080\nPORTT=8081\n");
    Validation v = EnvSchema.of(PORT).validate(PRODUCTION, EnvSources.files(dir));
    Env env = v.orThrow();
    assertThat(env.get(PORT)).isEqualTo(8080);
    v.problems().orThrow();
    assertThat(v.problems().hasErrors()).isFalse();
  }

  @Test
  void orThrowRaisesOneExceptionListingEveryErrorButNoWarning() throws IOException {
    Path file = production("PORT=eighty\nPORTT=1\nMAX_UPLOAD_MB=0\n");
    EnvSchema schema = EnvSchema.of(PORT, MAX_UPLOAD_MB, SITE_NAME);
    Validation v = schema.validate(PRODUCTION, EnvSources.files(dir));
    String expected = String.join("\n",
        "error   MALFORMED " + file + ":1: PORT: is not a port number: 'eighty' "
            + "(expected a port number from 1 to 65535); set PORT to a port number from 1 to 65535",
        "error   OUT_OF_RANGE " + file + ":3: MAX_UPLOAD_MB: is outside the range from 1 to 100: '0' "
            + "(expected a number from 1 to 100); set a number from 1 to 100",
        "error   MISSING SITE_NAME: is missing in production (expected text); "
            + "add SITE_NAME=<text> to .env.production or the process environment");
    assertThatThrownBy(v::orThrow)
        .isInstanceOfSatisfying(RunwayException.ValidationFailed.class, e -> {
          assertThat(e.problems().all()).hasSize(3).allMatch(Problem::isError);
          assertThat(e.origin()).isEmpty();
        })
        .hasMessage(expected);
    assertThatThrownBy(() -> v.problems().orThrow()).isInstanceOf(RunwayException.ValidationFailed.class)
        .hasMessage(expected);
    assertThatThrownBy(() -> schema.load(PRODUCTION, EnvSources.files(dir)))
        .isInstanceOf(RunwayException.ValidationFailed.class).hasMessage(expected);
  }

  @Test
  void toTextSummarisesThenListsEveryProblem() throws IOException {
    Path file = production("PORT=eighty\nPORTT=1\n");
    Validation v = EnvSchema.of(PORT, SITE_NAME).validate(PRODUCTION, EnvSources.files(dir));
    assertThat(v.toText()).isEqualTo(String.join("\n",
        "production: invalid (2 variables, 2 errors, 1 warning)",
        "  error   MALFORMED " + file + ":1: PORT: is not a port number: 'eighty' "
            + "(expected a port number from 1 to 65535); set PORT to a port number from 1 to 65535",
        "  warning UNKNOWN " + file + ":2: PORTT: is not declared in the schema; did you mean PORT? rename it",
        "  error   MISSING SITE_NAME: is missing in production (expected text); "
            + "add SITE_NAME=<text> to .env.production or the process environment"));
    assertThat(v).hasToString(v.toText());
  }

  @Test
  void toTextOfAValidEnvironmentSaysSoAndWhyItWasChosen() {
    Validation v = EnvSchema.of(PORT).validate(EnvSources.none().withOverrides(Map.of("PORT", "1", "RUNWAY_ENV",
        "production")));
    assertThat(v.toText()).isEqualTo("production: valid (1 variable, 0 errors, 0 warnings)\n"
        + "  environment chosen because RUNWAY_ENV=production is set");
  }

  @Test
  void toJsonCarriesEveryField() throws IOException {
    Path file = production("PORT=eighty\nPORTT=1\n");
    Validation v = EnvSchema.of(PORT, SITE_NAME).validate(PRODUCTION, EnvSources.files(dir));
    JsonNode json = Json.mapper().readTree(v.toJson());
    assertThat(json.get("environment").asString()).isEqualTo("production");
    assertThat(json.get("valid").asBoolean()).isFalse();
    assertThat(json.get("variables").asInt()).isEqualTo(2);
    assertThat(json.get("errors").asInt()).isEqualTo(2);
    assertThat(json.get("warnings").asInt()).isEqualTo(1);
    assertThat(json.has("detectedBecause")).isFalse();
    JsonNode first = json.get("problems").get(0);
    assertThat(first.get("code").asString()).isEqualTo("MALFORMED");
    assertThat(first.get("severity").asString()).isEqualTo("error");
    assertThat(first.get("subject").asString()).isEqualTo("PORT");
    assertThat(first.get("environment").asString()).isEqualTo("production");
    assertThat(first.get("origin").asString()).isEqualTo(file + ":1");
    assertThat(first.get("file").asString()).isEqualTo(file.toString());
    assertThat(first.get("line").asInt()).isEqualTo(1);
    assertThat(first.get("message").asString()).isEqualTo("is not a port number: 'eighty'");
    assertThat(first.get("expected").asString()).isEqualTo("a port number from 1 to 65535");
    assertThat(first.get("fix").asString()).isEqualTo("set PORT to a port number from 1 to 65535");
    assertThat(first.get("text").asString()).isEqualTo(v.problems().all().get(0).text());
    assertThat(json.get("problems").get(1).get("severity").asString()).isEqualTo("warning");
    JsonNode missing = json.get("problems").get(2);
    assertThat(missing.has("origin")).isFalse();
    assertThat(missing.has("line")).isFalse();
  }

  @Test
  void withProblemsAddsFindingsAndAnErrorInvalidatesTheCopy() {
    Validation v = EnvSchema.of(PORT).validate(PRODUCTION, EnvSources.none().withOverrides(Map.of("PORT", "1")));
    assertThat(v.isValid()).isTrue();
    Validation warned = v.withProblems(Problems.of(List.of(Problem.warning(Problem.INSECURE, "PORT", "is low"))));
    assertThat(warned.isValid()).isTrue();
    assertThat(warned.env()).isPresent();
    Validation failed = v.withProblems(Problems.of(List.of(Problem.error(Problem.LEAK, "PORT", "leaks"))));
    assertThat(failed.isValid()).isFalse();
    assertThat(failed.env()).isEmpty();
    assertThat(v.isValid()).isTrue();
  }

  @Test
  void httpsInAndHttpsOnlyReportOneProblemForOneUrl() {
    EnvSchema schema = EnvSchema.of(API_URL).rule(Rules.httpsOnlyIn(PRODUCTION));
    Validation v = schema.validate(PRODUCTION, EnvSources.none().withOverrides(Map.of("API_URL", "http://a.example.com")));
    assertThat(v.problems().all()).singleElement().extracting(Problem::code).isEqualTo(Problem.INSECURE);
  }
}

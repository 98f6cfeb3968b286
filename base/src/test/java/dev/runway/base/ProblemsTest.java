package dev.runway.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemsTest {
  private static final Path ENV = Path.of(".env");
  private static final Path ENV_PRODUCTION = Path.of(".env.production");

  @Test
  void aProblemReadsOriginSubjectMessageExpectedAndFix() {
    Problem p = Problem.error(Problem.MALFORMED, "OPENAI_API_KEY", "is not an OpenAI API key")
        .withOrigin(Origin.file(ENV_PRODUCTION, 7))
        .withEnvironment("production")
        .withExpected("sk-...")
        .withFix("copy the key from platform.openai.com/api-keys");
    assertThat(p.text()).isEqualTo(".env.production:7: OPENAI_API_KEY: is not an OpenAI API key (expected sk-...); "
        + "copy the key from platform.openai.com/api-keys");
    assertThat(p).hasToString("ERROR MALFORMED " + p.text());
    assertThat(Problem.warning(Problem.UNKNOWN, "X", "is odd").text()).isEqualTo("X: is odd");
    assertThat(p.withSeverity(Problem.Severity.WARNING).isError()).isFalse();
  }

  @Test
  void problemsSortByFileThenLineThenOtherOriginsThenNoOrigin() {
    Problem noOrigin = Problem.error(Problem.MISSING, "A", "is missing");
    Problem override = Problem.error(Problem.MALFORMED, "B", "bad").withOrigin(Origin.of("override"));
    Problem process = Problem.error(Problem.MALFORMED, "C", "bad").withOrigin(Origin.processEnv());
    Problem prod3 = Problem.error(Problem.MALFORMED, "D", "bad").withOrigin(Origin.file(ENV_PRODUCTION, 3));
    Problem prod12 = Problem.error(Problem.MALFORMED, "E", "bad").withOrigin(Origin.file(ENV_PRODUCTION, 12));
    Problem env9 = Problem.error(Problem.MALFORMED, "F", "bad").withOrigin(Origin.file(ENV, 9));
    Problems problems = Problems.of(List.of(noOrigin, override, process, prod12, prod3, env9));
    assertThat(problems.all()).containsExactly(env9, prod3, prod12, override, process, noOrigin);
  }

  @Test
  void theSameProblemFoundTwiceIsKeptOnce() {
    Problem p = Problem.error(Problem.INSECURE, "URL", "uses http://");
    assertThat(Problems.of(List.of(p, p)).all()).containsExactly(p);
    assertThat(Problems.of(List.of(p)).and(Problems.of(List.of(p))).all()).hasSize(1);
  }

  @Test
  void orThrowListsEveryErrorAndIgnoresWarnings() {
    Problem error1 = Problem.error(Problem.MISSING, "A", "is missing").withFix("add A=<text> to .env");
    Problem warning = Problem.warning(Problem.UNKNOWN, "AA", "is not declared").withOrigin(Origin.file(ENV, 1));
    Problem error2 = Problem.error(Problem.MALFORMED, "B", "is not a number").withOrigin(Origin.file(ENV, 2));
    Problems problems = Problems.of(List.of(error1, warning, error2));
    assertThat(problems.errors()).containsExactly(error2, error1);
    assertThat(problems.warnings()).containsExactly(warning);
    assertThat(problems.toText()).isEqualTo("""
        warning UNKNOWN .env:1: AA: is not declared
        error   MALFORMED .env:2: B: is not a number
        error   MISSING A: is missing; add A=<text> to .env""");
    assertThatThrownBy(problems::orThrow)
        .isInstanceOfSatisfying(RunwayException.ValidationFailed.class,
            e -> assertThat(e.problems().all()).containsExactly(error2, error1))
        .hasMessage("error   MALFORMED .env:2: B: is not a number\nerror   MISSING A: is missing; add A=<text> to .env");
    Problems.of(List.of(warning)).orThrow();
    Problems.none().orThrow();
    assertThat(Problems.none().isEmpty()).isTrue();
    assertThat(Problems.none().toText()).isEmpty();
  }

  @Test
  void toJsonIsAnArrayWithEveryField() {
    Problem p = Problem.error(Problem.MALFORMED, "PORT", "is not a port").withOrigin(Origin.file(ENV, 3))
        .withEnvironment("production").withExpected("1-65535").withFix("set PORT");
    assertThat(Problems.of(List.of(p)).toJson()).isEqualToIgnoringWhitespace("""
        [ {
          "code" : "MALFORMED", "severity" : "error", "subject" : "PORT", "environment" : "production",
          "origin" : ".env:3", "file" : ".env", "line" : 3, "message" : "is not a port",
          "expected" : "1-65535", "fix" : "set PORT", "text" : ".env:3: PORT: is not a port (expected 1-65535); set PORT"
        } ]""");
  }

  @Test
  void originsNameAFileAndLineOrWhatTheyAre() {
    assertThat(Origin.file(ENV_PRODUCTION, 12)).hasToString(".env.production:12");
    assertThat(Origin.file(ENV_PRODUCTION)).hasToString(".env.production");
    assertThat(Origin.file(ENV_PRODUCTION, 12).path()).contains(ENV_PRODUCTION);
    assertThat(Origin.file(ENV_PRODUCTION, 12).line()).isEqualTo(12);
    assertThat(Origin.file(ENV_PRODUCTION).withLine(4)).isEqualTo(Origin.file(ENV_PRODUCTION, 4));
    assertThat(Origin.processEnv()).hasToString("process env").isEqualTo(Origin.of("process env"));
    assertThat(Origin.processEnv().path()).isEmpty();
    assertThat(Origin.processEnv().withLine(3)).isEqualTo(Origin.processEnv());
    assertThatThrownBy(() -> Origin.file(ENV, -1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("line must be >= 0 but was -1");
  }
}

package dev.runway.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Problems and exceptions quote input; a terminal escape in it must reach no terminal raw. */
class ProblemPrintableTest {
  @Test
  void aProblemShowsControlAndBidiCharactersInWhatItQuotesAsEscapes() {
    Problem p = Problem.error(Problem.MALFORMED, "NAME\u001b[31m", "is not 'a\u202eb'")
        .withOrigin(Origin.file(Path.of(".env.\u001b[2Jprod"), 3))
        .withExpected("x\u2066y").withFix("set it\n to z").withEnvironment("prod\u001b");
    assertThat(p.text()).isEqualTo(".env.\\u001b[2Jprod:3: NAME\\u001b[31m: is not 'a\\u202eb' (expected x\\u2066y);"
        + " set it\\n to z");
    assertThat(p.environment()).contains("prod\\u001b");
  }

  @Test
  void anExceptionMessageShowsControlCharactersAsEscapesAndKeepsItsOwnLines() {
    RunwayException e = new RunwayException("No environment named 'prod\u001b[31m\u202e'\nsecond line");
    assertThat(e.getMessage()).isEqualTo("No environment named 'prod\\u001b[31m\\u202e'\nsecond line");
    RunwayException.ParseFailed parse = new RunwayException.ParseFailed("x: key \u009b1m", Origin.of("x"));
    assertThat(parse.getMessage()).isEqualTo("x: key \\u009b1m");
  }
}

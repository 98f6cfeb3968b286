package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.base.Problem;
import dev.runway.base.Problems;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputTest {
  @Test
  void theTerminalGuardShowsControlAndBidiCharactersAsEscapesAndKeepsLines() {
    StringWriter s = new StringWriter();
    PrintWriter out = Output.terminal(new PrintWriter(s));
    out.print("a\u001b[2Jb\u202ec\u0007d\u009b1m\te\r\nf\rg\n");
    out.println("h");
    out.close();
    assertThat(s.toString()).isEqualTo("a\\u001b[2Jb\\u202ec\\u0007d\\u009b1m\te\r\nf\\rg\nh" + System.lineSeparator());
    assertThat(Output.terminal(out)).isSameAs(out);
  }

  @Test
  void aProblemListShowsTheSubjectItWasGivenEscaped() {
    StringWriter s = new StringWriter();
    Output.problems(new PrintWriter(s), ModelOptions.Format.text, "render\u001b[31m.yaml",
        Problems.of(List.of(Problem.error(Problem.MALFORMED, "services.api\u202e", "is wrong"))));
    assertThat(s.toString()).isEqualTo("render\\u001b[31m.yaml: problems found (1 error, 0 warnings)" + System.lineSeparator()
        + "  error   MALFORMED services.api\\u202e: is wrong" + System.lineSeparator());
  }
}

package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * docs/cli.md's "Options of every command" has a section {@code ### `runway <command>`} for every
 * subcommand picocli knows (walked from the root), and each section names every option of that
 * command; the shared ones ({@code --config}, {@code --env}, {@code --env-dir}, {@code --format})
 * may be named in a row that points at the conventions table. Run with
 * {@code -Drunway.writeCliReference=true} to regenerate the section from the code's descriptions.
 */
class CliReferenceTest {
  private static final Path CLI_MD = Path.of("..", "docs", "cli.md").toAbsolutePath().normalize();
  private static final String BEGIN = "<!-- options: generated from the code by CliReferenceTest; edit the descriptions there -->";
  private static final String END = "<!-- options: end -->";
  private static final Set<String> SHARED = Set.of("--config", "--env", "--env-dir", "--format");
  private static final Set<String> HELP = Set.of("--help", "--version");

  @Test
  void everyOptionOfEverySubcommandIsInCliMd() throws IOException {
    String doc = Files.readString(CLI_MD);
    if (Boolean.getBoolean("runway.writeCliReference")) {
      doc = doc.substring(0, doc.indexOf(BEGIN)) + reference() + doc.substring(doc.indexOf(END) + END.length());
      Files.writeString(CLI_MD, doc);
    }
    assertThat(doc).contains(BEGIN).contains(END);
    String reference = doc.substring(doc.indexOf(BEGIN), doc.indexOf(END));
    SoftAssertions softly = new SoftAssertions();
    ConventionsTest.commands().forEach((path, spec) -> {
      if (!spec.subcommands().isEmpty()) return;   // a group: only --help, and its subcommands have sections
      String heading = "### `runway " + path + "`\n";
      softly.assertThat(reference).as("a section " + heading.strip()).contains(heading);
      if (!reference.contains(heading)) return;
      int start = reference.indexOf(heading) + heading.length();
      int next = reference.indexOf("\n### ", start);
      String section = reference.substring(start, next < 0 ? reference.length() : next);
      for (OptionSpec o : spec.options()) {
        if (HELP.contains(o.longestName())) continue;
        softly.assertThat(section).as("runway " + path + " " + o.longestName()).contains("`" + o.longestName());
      }
    });
    softly.assertAll();
  }

  /** The section as the code describes it: one table per command, the shared options in one row. */
  static String reference() {
    StringBuilder sb = new StringBuilder(BEGIN).append("\n");
    for (Map.Entry<String, CommandSpec> e : ConventionsTest.commands().entrySet()) {
      CommandSpec spec = e.getValue();
      if (!spec.subcommands().isEmpty()) continue;
      sb.append("\n### `runway ").append(e.getKey()).append("`\n\n");
      sb.append(spec.usageMessage().header()[0]).append("\n\n");
      List<String> shared = new ArrayList<>();
      StringBuilder rows = new StringBuilder();
      if (!spec.positionalParameters().isEmpty()) {
        for (var p : spec.positionalParameters()) {
          rows.append("| `").append(p.paramLabel()).append("` | ")
              .append(cell(p.description().length == 0 ? "" : String.join(" ", p.description()))).append(" |\n");
        }
      }
      for (OptionSpec o : spec.options()) {
        if (HELP.contains(o.longestName())) continue;
        String label = "`" + o.longestName() + (o.arity().max() > 0 ? " " + o.paramLabel() : "") + "`";
        if (SHARED.contains(o.longestName()) && !(e.getKey().equals("lint") && o.longestName().equals("--format"))) {
          shared.add(label);
          continue;
        }
        rows.append("| ").append(cell(label)).append(" | ").append(cell(String.join(" ", o.description()))).append(" |\n");
      }
      if (!shared.isEmpty()) {
        rows.append("| ").append(cell(String.join(", ", shared)))
            .append(" | as everywhere ([conventions](#conventions-every-subcommand-keeps)) |\n");
      }
      if (rows.length() > 0) sb.append("| option | meaning |\n|---|---|\n").append(rows);
      else sb.append("No options but `--help`.\n");
    }
    return sb.append("\n").append(END).toString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replaceAll("\\s+", " ").strip();
  }
}

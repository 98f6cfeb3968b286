package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * For start-up, {@code runway <subcommand>} builds only the subcommand it names
 * ({@link RunwayCommand#addSubcommands}); everything a user sees must stay as when all were built.
 */
class DistributionStartupTest {
  private static List<String> names() {
    return RunwayCommand.SUBCOMMANDS.stream().map(c -> c.getAnnotation(Command.class).name()).toList();
  }

  private static List<String> listedCommands(String help) {
    String commands = help.substring(help.indexOf("Commands:"));
    Matcher m = Pattern.compile("(?m)^  (\\S+)").matcher(commands);
    List<String> listed = new java.util.ArrayList<>();
    while (m.find()) listed.add(m.group(1));
    return listed;
  }

  @Test
  void helpListsEverySubcommandInTheDeclaredOrder() {
    MainTest.Result r = MainTest.run("--help");
    assertThat(r.code()).isZero();
    assertThat(listedCommands(r.out())).containsExactlyElementsOf(names());
    assertThat(names()).startsWith("init", "validate", "config", "lint", "audit", "keygen")
        .endsWith("status-page", "demo").hasSize(19);
  }

  @Test
  void noArgumentsPrintsTheSameUsageAsHelp() {
    assertThat(MainTest.run().out()).isEqualTo(MainTest.run("--help").out());
  }

  @Test
  void aNamedSubcommandIsTheOnlyOneBuilt() {
    CommandLine cli = new CommandLine(new RunwayCommand());
    RunwayCommand.addSubcommands(cli, "render");
    assertThat(cli.getSubcommands()).containsOnlyKeys("render");
    assertThat(cli.getSubcommands().get("render").getSubcommands()).containsOnlyKeys("generate", "check");
  }

  @Test
  void optionsArgumentFilesAndUnknownWordsBuildThemAll() {
    for (String first : new String[] {"--help", "-V", "@args.txt", "valdate"}) {
      CommandLine cli = new CommandLine(new RunwayCommand());
      RunwayCommand.addSubcommands(cli, first);
      assertThat(cli.getSubcommands().keySet()).as(first).containsExactlyElementsOf(names());
    }
  }

  @Test
  void nestedHelpAndErrorsStillReachTheirCommand() {
    MainTest.Result help = MainTest.run("render", "check", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).startsWith("Usage: runway render check ");

    MainTest.Result typo = MainTest.run("valdate");
    assertThat(typo.code()).isEqualTo(2);
    assertThat(typo.err()).startsWith("runway: Unmatched argument at index 0: 'valdate'")
        .contains("Run 'runway --help' for usage.");

    MainTest.Result bad = MainTest.run("validate", "--no-such-option");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).isEqualTo("runway: Unknown option: '--no-such-option'\nRun 'runway validate --help' for usage.\n");
  }
}

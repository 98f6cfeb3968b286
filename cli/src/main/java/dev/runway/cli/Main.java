package dev.runway.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code runway}: the command line over every Runway module.
 *
 * <p>Conventions every subcommand keeps: {@code --config <file>} (default {@code ./runway.conf}),
 * {@code --env <name>}, {@code --env-dir <dir>} (default: the config's folder), {@code --format
 * text|json}; exit 0 on success, 1 when problems were found, 2 on a usage error or unreadable input;
 * {@code --help} on every level. No stack trace ever reaches the user, and no secret value.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command and returns its exit code; for tests and embedding. */
  public static int run(String[] args, PrintWriter rawOut, PrintWriter rawErr) {
    PrintWriter out = Output.terminal(rawOut);   // no control or bidi character from input reaches a terminal raw
    PrintWriter err = Output.terminal(rawErr);
    CommandLine cli = new CommandLine(new RunwayCommand());
    RunwayCommand.addSubcommands(cli, args.length == 0 ? null : args[0]);
    // A command's one-sentence header is its line in its parent's list; its own help shows the description.
    List<String> sections = new ArrayList<>(cli.getHelpSectionKeys());
    sections.remove(CommandLine.Model.UsageMessageSpec.SECTION_KEY_HEADER_HEADING);
    sections.remove(CommandLine.Model.UsageMessageSpec.SECTION_KEY_HEADER);
    cli.setHelpSectionKeys(sections);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(new Failures(err));
    cli.setParameterExceptionHandler((e, a) -> {
      err.println("runway: " + e.getMessage());
      err.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
      return ExitCodes.USAGE;
    });
    try {
      return cli.execute(args);
    } catch (Throwable t) { // the last resort: no Error's stack trace reaches a user
      err.println("runway: " + Failures.describe(t));
      return ExitCodes.USAGE;
    }
  }
}

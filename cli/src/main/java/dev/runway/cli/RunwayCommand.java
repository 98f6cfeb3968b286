package dev.runway.cli;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
    name = "runway",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Deployment configuration as code for Render, Vercel and Supabase.",
    footer = {"", "Exit codes: 0 success, 1 problems found, 2 usage error or unreadable input."})
final class RunwayCommand implements Runnable {
  /** Every subcommand, in the order {@code runway --help} lists them. */
  static final List<Class<?>> SUBCOMMANDS = List.of(InitCommand.class, ValidateCommand.class, ConfigCommand.class, LintCommand.class, AuditCommand.class,
      CryptoCommands.Keygen.class, CryptoCommands.Encrypt.class, CryptoCommands.Decrypt.class, CryptoCommands.Rotate.class,
      SyncCommand.class, RenderCommand.class, VercelCommand.class, PipelineCommand.class, SimulateCommand.class,
      SupabaseCommand.class, MonitorCommands.MonitorCmd.class, MonitorCommands.KeepWarmCmd.class,
      MonitorCommands.StatusPageCmd.class, DemoCommand.class);

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /**
   * Adds the subcommand {@code first} names, or every subcommand when it names none (no arguments,
   * an option such as {@code --help}, a typo to suggest a fix for). picocli reflects over a command's
   * fields, mixins and nested commands as it is added; doing that for all of them on every run was
   * most of a short command's start-up (docs/performance.md). Call before any setting that picocli
   * copies to subcommands (setOut, setErr, the exception handlers).
   */
  static void addSubcommands(CommandLine cli, @Nullable String first) {
    if (first != null && !first.startsWith("-") && !first.startsWith("@")) {
      for (Class<?> c : SUBCOMMANDS) {
        Command command = c.getAnnotation(Command.class);
        if (command.name().equals(first) || Arrays.asList(command.aliases()).contains(first)) {
          cli.addSubcommand(c);
          return;
        }
      }
    }
    for (Class<?> c : SUBCOMMANDS) cli.addSubcommand(c);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}

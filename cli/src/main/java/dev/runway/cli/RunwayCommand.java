package dev.runway.cli;

import picocli.CommandLine.Command;

@Command(
    name = "runway",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Deployment configuration as code for Render, Vercel and Supabase.",
    subcommands = {ValidateCommand.class, AuditCommand.class, CryptoCommands.Keygen.class, CryptoCommands.Encrypt.class, CryptoCommands.Decrypt.class, CryptoCommands.Rotate.class, SyncCommand.class, RenderCommand.class, VercelCommand.class, PipelineCommand.class, SimulateCommand.class, SupabaseCommand.class, MonitorCommands.MonitorCmd.class, MonitorCommands.KeepWarmCmd.class, MonitorCommands.StatusPageCmd.class, DemoCommand.class},
    footer = {"", "Exit codes: 0 success, 1 problems found, 2 usage error or unreadable input."})
final class RunwayCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}

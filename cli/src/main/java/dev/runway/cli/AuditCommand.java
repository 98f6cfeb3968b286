package dev.runway.cli;

import dev.runway.App;
import dev.runway.env.Environment;
import dev.runway.security.Audit;
import dev.runway.security.AuditReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "audit", mixinStandardHelpOptions = true,
    header = "Audits the model, the env files and git for secret problems.",
    description = {"Audits the model, the env files and git for secret problems: secrets reaching a browser,",
        "keys in variables not marked secret, placeholder or weak secrets, insecure production settings,",
        "a secret reused across environments, env files tracked by git or not ignored.",
        "Values are never shown. Exit 1 when there is an error (with --strict, also on warnings)."})
final class AuditCommand implements Callable<Integer> {
  @Mixin ModelOptions options;

  @Option(names = "--strict", description = "Fail on warnings too (placeholders, weak secrets, unignored files).")
  boolean strict;

  @Option(names = "--no-git", description = "Do not ask git which env files it tracks or ignores.")
  boolean noGit;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    App app = options.app();
    List<Environment> environments = options.env() == null ? app.environments() : List.of(app.environment(options.env()));
    for (Environment e : environments) Inputs.requireEnvFiles(app, e, options.envDir());
    AuditReport report = Audit.of(app).dir(options.envDir()).config(options.config())
        .environments(environments.toArray(Environment[]::new)).git(!noGit).run();
    PrintWriter out = spec.commandLine().getOut();
    out.println(options.format() == ModelOptions.Format.json ? report.toJson() : report.toText());
    out.flush();
    boolean failed = report.hasErrors() || (strict && !report.isClean());
    return failed ? ExitCodes.PROBLEMS : ExitCodes.OK;
  }
}

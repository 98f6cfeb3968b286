package dev.runway.cli;

import dev.runway.App;
import dev.runway.base.Problems;
import dev.runway.vercel.Vercel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "vercel", mixinStandardHelpOptions = true,
    description = "vercel.json from the model, and checks of a committed one.",
    subcommands = {VercelCommand.Generate.class, VercelCommand.Check.class})
final class VercelCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = "Writes vercel.json for the model's Vercel service (or prints it with --out -).")
  static final class Generate implements Callable<Integer> {
    @Mixin ModelOptions options;
    @Option(names = "--service", paramLabel = "<name>", description = "The Vercel service (default: the only one).")
    @Nullable String service;
    @Option(names = "--out", paramLabel = "<file>", description = "Where to write (default: vercel.json beside the config; - for stdout).")
    @Nullable String out;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      App app = options.app();
      var config = service == null ? Vercel.config(app) : Vercel.config(app, service);
      PrintWriter o = spec.commandLine().getOut();
      if ("-".equals(out)) {
        o.println(config.toJson());
      } else {
        Path file = out == null ? options.envDir().resolve("vercel.json") : Path.of(out);
        config.writeTo(file);
        o.println("wrote " + file);
      }
      o.flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = {"Checks a vercel.json against Vercel's rules and against the model (drift).",
          "Exit 1 when there is an error."})
  static final class Check implements Callable<Integer> {
    @Mixin ModelOptions options;
    @Option(names = "--file", paramLabel = "<vercel.json>", description = "The file (default: vercel.json beside the config).")
    @Nullable Path file;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      App app = options.app();
      Path target = file == null ? options.envDir().resolve("vercel.json") : file;
      Problems problems = Vercel.check(app, target);
      Output.problems(spec.commandLine().getOut(), options.format, target.toString(), problems);
      return problems.hasErrors() ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }
  }
}

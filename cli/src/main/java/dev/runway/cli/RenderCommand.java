package dev.runway.cli;

import dev.runway.App;
import dev.runway.base.Problems;
import dev.runway.render.Render;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "render", mixinStandardHelpOptions = true,
    description = "render.yaml (the Render blueprint) from the model, and checks of a committed one.",
    subcommands = {RenderCommand.Generate.class, RenderCommand.Check.class})
final class RenderCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = "Writes render.yaml for the model's Render services (or prints it with --out -).")
  static final class Generate implements Callable<Integer> {
    @Mixin ModelOptions options;
    @Option(names = "--out", paramLabel = "<file>", description = "Where to write (default: render.yaml beside the config; - for stdout).")
    @Nullable String out;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      App app = options.app();
      var config = Render.blueprint(app);
      PrintWriter o = spec.commandLine().getOut();
      if ("-".equals(out)) {
        o.println(config.toYaml());
      } else {
        Path file = out == null ? options.envDir().resolve("render.yaml") : Path.of(out);
        config.writeTo(file);
        o.println("wrote " + file);
      }
      o.flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = {"Checks a render.yaml against Render's rules (schema, free-plan limits, health check path, $PORT,",
          "references, secrets committed as value:) and, when there is a model, against it (drift).",
          "Runs without a model when no runway.conf is found, or with --no-model.",
          "Exit 1 when there is an error, 0 otherwise (warnings alone pass), 2 when the file cannot be read."})
  static final class Check implements Callable<Integer> {
    @Mixin ModelOptions options;
    @Option(names = "--file", paramLabel = "<render.yaml>", description = "The file (default: render.yaml beside the config).")
    @Nullable Path file;
    @Option(names = "--no-model", description = "Only Render's rules: do not read runway.conf, report no drift.")
    boolean noModel;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Optional<App> app = options.appIfPresent(noModel);
      Path target = file == null ? options.envDir().resolve("render.yaml") : file;
      // A missing or unreadable file is RunwayException.IoFailed: Failures prints it once, exit 2.
      Problems problems = app.isPresent() ? Render.check(app.get(), target) : Render.check(target);
      Output.problems(spec.commandLine().getOut(), options.format, target.toString(), problems);
      return problems.hasErrors() ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }
  }
}

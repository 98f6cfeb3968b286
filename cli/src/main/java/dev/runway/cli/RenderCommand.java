package dev.runway.cli;

import dev.runway.App;
import dev.runway.base.AtomicFiles;
import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.base.Problems;
import dev.runway.base.RunwayException;
import dev.runway.render.Render;
import dev.runway.render.RenderBlueprint;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "render", mixinStandardHelpOptions = true,
    header = "Writes render.yaml from the model, and checks a committed one.",
    description = "render.yaml (the Render blueprint) from the model, and checks of a committed one.",
    subcommands = {RenderCommand.Generate.class, RenderCommand.Check.class})
final class RenderCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "generate", mixinStandardHelpOptions = true,
      header = "Writes render.yaml from the model.",
      description = {"Writes render.yaml for the model's Render services (or prints it with --out -).",
          "Refuses (exit 1) when the existing file holds something the model does not express, listing",
          "each thing and the runway.conf that keeps it; --force writes anyway."})
  static final class Generate implements Callable<Integer> {
    @Mixin ModelOptions options;
    @Option(names = "--out", paramLabel = "<file>", description = "Where to write (default: render.yaml beside the config; - for stdout).")
    @Nullable String out;
    @Option(names = "--force", description = "Write even when that drops what only the existing render.yaml holds.")
    boolean force;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      App app = options.app();
      PrintWriter o = spec.commandLine().getOut();
      RenderBlueprint blueprint;
      try {
        blueprint = Render.blueprint(app);
      } catch (RunwayException.ValidationFailed e) {
        Output.problems(o, options.format(), "runway.conf (render settings)", e.problems());
        return ExitCodes.PROBLEMS;
      }
      if ("-".equals(out)) {
        o.println(blueprint.toYaml());
        o.flush();
        return ExitCodes.OK;
      }
      Path file = out == null ? options.envDir().resolve("render.yaml") : Path.of(out);
      if (!force && Files.exists(file)) {
        Problems lost = lost(app, file);
        if (lost.hasErrors()) {
          Output.problems(o, options.format(), file.toString(), lost);
          o.println("nothing written: keep these in runway.conf, or run runway render generate --force to drop them");
          o.flush();
          return ExitCodes.PROBLEMS;
        }
      }
      try {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
      } catch (IOException e) {
        throw new RunwayException.IoFailed(file + ": cannot create its folder (" + e.getClass().getSimpleName()
            + "); check the permissions", Origin.file(file), e);
      }
      AtomicFiles.write(file, blueprint.toYaml());
      o.println("wrote " + file);
      o.flush();
      return ExitCodes.OK;
    }

    /** What the existing file holds that the model does not; a file that does not read cannot be compared, so it counts too. */
    private static Problems lost(App app, Path file) {
      try {
        return Render.dropped(app, RenderBlueprint.read(file));
      } catch (RunwayException.ValidationFailed e) {
        return e.problems();
      } catch (RunwayException.ParseFailed e) {
        // Unreadable input: exit 2, one line.
        throw new RunwayException(e.origin().orElse(Origin.file(file)) + ": does not parse, so Runway cannot tell what"
            + " writing over it would drop (" + e.getMessage().replaceFirst("^.*?render\\.yaml: ", "") + "); fix it, or run"
            + " runway render generate --force to replace it", e.origin().orElse(Origin.file(file)), null);
      }
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      header = "Checks a render.yaml against Render's rules and the model.",
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
      // A missing or unreadable file is IoFailed, a non-YAML one exit 2 too: Failures prints it once.
      Problems problems = app.isPresent() ? Render.check(app.get(), target) : Render.check(target);
      if (Inputs.mayBeUnreadable(problems)) Inputs.requireRenderYaml(target);
      Output.problems(spec.commandLine().getOut(), options.format(), target.toString(), problems);
      return problems.hasErrors() ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }
  }
}

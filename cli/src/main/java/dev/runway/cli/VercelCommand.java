package dev.runway.cli;

import dev.runway.App;
import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.base.Problems;
import dev.runway.base.RunwayException;
import dev.runway.vercel.Vercel;
import dev.runway.vercel.VercelConfig;
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

@Command(name = "vercel", mixinStandardHelpOptions = true,
    header = "Writes vercel.json from the model, and checks a committed one.",
    description = "vercel.json from the model, and checks of a committed one.",
    subcommands = {VercelCommand.Generate.class, VercelCommand.Check.class})
final class VercelCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "generate", mixinStandardHelpOptions = true,
      header = "Writes vercel.json from the model.",
      description = {"Writes vercel.json for the model's Vercel service (or prints it with --out -).",
          "Refuses (exit 1) when the existing file holds something the model does not express,",
          "listing each such property and the runway.conf setting that keeps it; --force writes anyway."})
  static final class Generate implements Callable<Integer> {
    @Mixin ModelOptions options;
    @Option(names = "--service", paramLabel = "<name>", description = "The Vercel service (default: the only one).")
    @Nullable String service;
    @Option(names = "--out", paramLabel = "<file>", description = "Where to write (default: vercel.json beside the config; - for stdout).")
    @Nullable String out;
    @Option(names = "--force", description = "Write even when that drops properties of the existing file.")
    boolean force;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      App app = options.app();
      VercelConfig config = service == null ? onlyService(app) : Vercel.config(app, service);
      PrintWriter o = spec.commandLine().getOut();
      if ("-".equals(out)) {
        o.println(config.toJson());
        o.flush();
        return ExitCodes.OK;
      }
      Path file = out == null ? options.envDir().resolve("vercel.json") : Path.of(out);
      if (Files.exists(file) && !force) {
        Problems dropped;
        try {
          dropped = Vercel.dropped(config, VercelConfig.read(file));
        } catch (RunwayException.ParseFailed e) {
          // Unreadable input: exit 2, one line.
          Origin at = e.origin().orElse(Origin.file(file));
          throw new RunwayException(at + ": cannot be read, so generate cannot tell what writing over it would drop;"
              + " fix it first (runway vercel check --file " + file + "), or pass --force to replace it", at, e);
        }
        if (!dropped.isEmpty()) {
          Output.problems(o, options.format(), file.toString(), dropped);
          spec.commandLine().getErr().println("runway: " + file + ": not written; writing it would drop what is listed"
              + " above: add those settings to runway.conf, or pass --force to drop them");
          spec.commandLine().getErr().flush();
          return ExitCodes.PROBLEMS;
        }
      }
      config.writeTo(file);
      o.println("wrote " + file);
      o.flush();
      return ExitCodes.OK;
    }
  }

  /** The model's one Vercel service's file; with several, the CLI's fix (--service), not the Java one. */
  static VercelConfig onlyService(App app) {
    List<String> names = app.servicesOn(Vercel.PLATFORM).stream().map(dev.runway.Service::name).toList();
    if (names.size() > 1) {
      throw new RunwayException.UnknownName("vercel generate: the model has " + names.size() + " Vercel services ("
          + String.join(", ", names) + "); name one: runway vercel generate --service " + names.get(0));
    }
    return Vercel.config(app);
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      header = "Checks a vercel.json against Vercel's rules and the model.",
      description = {"Checks a vercel.json against Vercel's rules (schema, deprecated properties, secrets in env)",
          "and, when there is a model, against it (drift). Without runway.conf, or with --no-model, only the file.",
          "Exit 1 when there is an error (warnings alone exit 0), 2 when the file cannot be read."})
  static final class Check implements Callable<Integer> {
    @Mixin ModelOptions options;
    @Option(names = "--file", paramLabel = "<vercel.json>", description = "The file (default: vercel.json beside the config).")
    @Nullable Path file;
    @Option(names = "--no-model", description = "Check the file alone, even where there is a runway.conf.")
    boolean noModel;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Optional<App> app = options.appIfPresent(noModel);
      Path target = file == null ? options.envDir().resolve("vercel.json") : file;
      Problems problems = app.isPresent() ? Vercel.check(app.get(), target) : Vercel.check(target);
      if (Inputs.mayBeUnreadable(problems)) Inputs.requireVercelJson(target);   // not JSON: exit 2, one line
      Output.problems(spec.commandLine().getOut(), options.format(), target.toString(), problems);
      return problems.hasErrors() ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }
  }
}

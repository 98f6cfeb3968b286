package dev.runway.cli;

import dev.runway.pipeline.Approver;
import dev.runway.pipeline.DeploymentMetrics;
import dev.runway.pipeline.GitHubActions;
import dev.runway.pipeline.LocalExecutor;
import dev.runway.pipeline.Pipeline;
import dev.runway.pipeline.PipelineProvider;
import dev.runway.pipeline.PipelineRun;
import dev.runway.base.RunwayException;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code runway pipeline plan|run|export|stats}. Pipelines are Java code, found through the
 * {@link PipelineProvider} service-provider interface: on the class path (a jar listed in
 * META-INF/services/dev.runway.pipeline.PipelineProvider), and in the jars and classes folders
 * given with {@code --from} or {@code RUNWAY_PIPELINES}, loaded with a class loader whose parent is
 * the CLI's (so they use the CLI's Runway classes).
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
    description = {"Plans, runs, exports and measures deployment pipelines written in Java",
        "(found through dev.runway.pipeline.PipelineProvider on the class path,",
        "or in a jar or classes folder given with --from or RUNWAY_PIPELINES)."},
    subcommands = {PipelineCommand.Plan.class, PipelineCommand.Run.class, PipelineCommand.Export.class,
        PipelineCommand.Stats.class},
    footer = {"", "Exit codes: 0 success, 1 the run failed (rolled back or not, it says which), 2 usage."})
final class PipelineCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static List<Pipeline> chosen(@Nullable String name, boolean sandbox, From from) {
    List<Pipeline> all = from.pipelines(sandbox);
    if (name == null) {
      if (all.isEmpty()) PipelineProvider.named(all, "<none>"); // throws the "none on the class path" message
      return all;
    }
    return List.of(PipelineProvider.named(all, name));
  }

  /** {@code --from <jar-or-dir>} (repeatable) and {@code RUNWAY_PIPELINES}: where more providers are. */
  static final class From {
    /** A path list ({@code :} between entries, {@code ;} on Windows) of jars and classes folders. */
    static final String VARIABLE = "RUNWAY_PIPELINES";

    @Option(names = "--from", paramLabel = "<jar-or-dir>",
        description = {"Also load PipelineProviders from this jar or classes folder, e.g. target/classes",
            "(repeatable; also " + VARIABLE + ", a path list)."})
    List<Path> paths = new ArrayList<>();

    List<Path> all() {
      List<Path> out = new ArrayList<>(paths);
      String env = System.getenv(VARIABLE);
      if (env != null) {
        for (String entry : env.split(File.pathSeparator)) if (!entry.isBlank()) out.add(Path.of(entry.trim()));
      }
      return out;
    }

    List<Pipeline> pipelines(boolean sandbox) {
      List<Path> where = all();
      if (where.isEmpty()) return PipelineProvider.all(sandbox);
      List<URL> urls = new ArrayList<>();
      for (Path p : where) {
        if (!Files.exists(p)) {
          throw new RunwayException("pipeline: --from " + p + ": no such jar or folder; build it first (for a Maven"
              + " module: ./mvnw -pl <module> -am package -DskipTests) or fix the path");
        }
        try {
          urls.add(p.toAbsolutePath().toUri().toURL());
        } catch (MalformedURLException e) {
          throw new RunwayException("pipeline: --from " + p + ": not a usable path (" + e.getMessage() + ")");
        }
      }
      // Left open for the life of the command: pipelines load their classes while they run.
      ClassLoader loader = new URLClassLoader("runway-pipelines", urls.toArray(URL[]::new), PipelineCommand.class.getClassLoader());
      List<Pipeline> out = new ArrayList<>();
      try {
        for (PipelineProvider provider : ServiceLoader.load(PipelineProvider.class, loader)) {
          out.addAll(provider.pipelines(sandbox));
        }
      } catch (ServiceConfigurationError | LinkageError e) {
        throw new RunwayException("pipeline: --from " + where + ": a PipelineProvider could not be loaded ("
            + (e.getCause() != null ? e.getCause() : e) + "); build it against this Runway version and put its"
            + " other dependencies in --from too");
      }
      return out;
    }
  }

  @Command(name = "plan", mixinStandardHelpOptions = true, description = "Prints the graph of one pipeline, or of all.")
  static final class Plan implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "<pipeline>") @Nullable String name;
    @Mixin From from = new From();
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      for (Pipeline p : chosen(name, false, from)) out.print(p.plan());
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = {"Runs a pipeline here, with live progress; writes .runway/runs/<run>.json.",
          "Approval gates: --approve <gate>, else a prompt on a terminal, else refused."})
  static final class Run implements Callable<Integer> {
    @Parameters(paramLabel = "<pipeline>") String name = "";
    @Option(names = "--approve", paramLabel = "<gate>", description = "Approve this gate up front (repeatable).")
    List<String> approve = new ArrayList<>();
    @Option(names = "--sandbox", description = "Send platform steps to the Render and Vercel sandboxes.")
    boolean sandbox;
    @Option(names = "--branch", paramLabel = "<name>", description = "The branch (default: main).")
    String branch = "main";
    @Option(names = "--env", paramLabel = "<name>", description = "The environment (default: production).")
    String env = "production";
    @Option(names = "--parallelism", paramLabel = "<n>", description = "Steps run at once (default: 4).")
    int parallelism = 4;
    @Option(names = "--state-dir", paramLabel = "<dir>", description = "Where run records, history and locks go (default: .runway).")
    Path stateDir = Path.of(".runway");
    @Mixin From from = new From();
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Pipeline p = chosen(name, sandbox, from).get(0);
      PrintStream out = System.out;
      boolean tty = System.console() != null;
      Approver approver = Approver.upFront(approve).orElse(tty
          ? Approver.terminal(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out)
          : Approver.refuseAll());
      PipelineRun run = LocalExecutor.builder().parallelism(parallelism).approver(approver).progress(out, tty)
          .branch(branch).environment(env).stateDir(stateDir).build().run(p);
      PrintWriter w = run.succeeded() ? spec.commandLine().getOut() : spec.commandLine().getErr();
      w.print(run.toText());
      w.flush();
      return run.exitCode();
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Writes GitHub Actions workflows (<pipeline>.yml) for one pipeline, or all.")
  static final class Export implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "<pipeline>") @Nullable String name;
    @Option(names = "--out", paramLabel = "<dir>", description = "Where to write (default: .github/workflows).")
    Path out = Path.of(".github", "workflows");
    @Option(names = "--stdout", description = "Print the YAML instead of writing files.")
    boolean stdout;
    @Mixin From from = new From();
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter w = spec.commandLine().getOut();
      for (Pipeline p : chosen(name, false, from)) {
        GitHubActions.Workflow wf = GitHubActions.workflow(p);
        if (stdout) w.print(wf.yaml());
        else w.println("wrote " + wf.writeTo(out));
      }
      w.flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "stats", mixinStandardHelpOptions = true,
      description = "Deployment frequency, lead time, change failure rate, time to restore, against your targets.")
  static final class Stats implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "<pipeline>") @Nullable String name;
    @Option(names = "--state-dir", paramLabel = "<dir>", description = "Where the history is (default: .runway).")
    Path stateDir = Path.of(".runway");
    @Option(names = "--days", paramLabel = "<n>", description = "The window (default: 30).")
    int days = 30;
    @Option(names = "--max-deploy-minutes", paramLabel = "<n>", description = "Target: median deploy time under n minutes (default: 10).")
    long maxDeployMinutes = 10;
    @Option(names = "--min-success-rate", paramLabel = "<share>", description = "Target: success rate at least (default: 0.95).")
    double minSuccessRate = 0.95;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      DeploymentMetrics m = DeploymentMetrics.from(stateDir, name == null ? "" : name, Duration.ofDays(days), Instant.now());
      PrintWriter w = spec.commandLine().getOut();
      w.print(m.toText(List.of(DeploymentMetrics.Target.deployTimeUnder(Duration.ofMinutes(maxDeployMinutes)),
          DeploymentMetrics.Target.successRateAtLeast(minSuccessRate))));
      w.flush();
      return ExitCodes.OK;
    }
  }
}

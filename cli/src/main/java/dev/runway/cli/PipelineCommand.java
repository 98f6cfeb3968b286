package dev.runway.cli;

import dev.runway.pipeline.Approver;
import dev.runway.pipeline.DeploymentMetrics;
import dev.runway.pipeline.GitHubActions;
import dev.runway.pipeline.LocalExecutor;
import dev.runway.pipeline.Pipeline;
import dev.runway.pipeline.PipelineConfig;
import dev.runway.pipeline.PipelineProvider;
import dev.runway.pipeline.PipelineRun;
import dev.runway.pipeline.PipelineScript;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * {@code runway pipeline plan|run|export|stats|step}. Pipelines are declared in the {@code pipelines}
 * block of runway.conf ({@link PipelineConfig}), or written in Java and found through the
 * {@link PipelineProvider} service-provider interface: on the class path (a jar listed in
 * META-INF/services/dev.runway.pipeline.PipelineProvider), and in the jars and classes folders
 * given with {@code --from} or {@code RUNWAY_PIPELINES}, loaded with a class loader whose parent is
 * the CLI's (so they use the CLI's Runway classes).
 *
 * <p>Which are read: {@code --config <file>}: that file's pipelines, and those of {@code --from};
 * else {@code --from} or {@code RUNWAY_PIPELINES}: those Java pipelines (and the class path's); else
 * the class path's and ./runway.conf's, a name declared in both being an error.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
    header = "Plans, runs, exports and measures deployment pipelines.",
    description = {"Plans, runs, exports and measures deployment pipelines declared in runway.conf",
        "(--config, default ./runway.conf) or written in Java (found through",
        "dev.runway.pipeline.PipelineProvider on the class path, or in a jar or classes folder given",
        "with --from or RUNWAY_PIPELINES)."},
    subcommands = {PipelineCommand.Plan.class, PipelineCommand.Run.class, PipelineCommand.Export.class,
        PipelineCommand.Stats.class, PipelineCommand.StepCommand.class},
    footer = {"", "Exit codes: 0 success, 1 the run failed (rolled back or not, it says which), 2 usage."})
final class PipelineCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static List<Pipeline> chosen(@Nullable String name, boolean sandbox, Sources from) {
    List<Pipeline> all = from.pipelines(sandbox);
    from.checkUnique(name);
    if (all.isEmpty()) {  // outside a project, or a runway.conf without a pipelines block
      throw new RunwayException.UnknownName("pipeline: " + (name == null ? "" : "no pipeline named '" + name + "': ")
          + "no pipelines found here: declare one in runway.conf (pipelines { deploy { stages { ... } } },"
          + " docs/pipelines.md) and run from its folder or pass --config <file>, or load Java ones with --from"
          + " <jar-or-dir> (a PipelineProvider listed in META-INF/services/dev.runway.pipeline.PipelineProvider)");
    }
    return name == null ? all : List.of(PipelineProvider.named(all, name));
  }

  /** {@code --config} and {@code --from}: runway.conf's pipelines and Java ones. */
  static final class Sources implements AutoCloseable {
    private static final Path DEFAULT_CONFIG = Path.of("runway.conf");

    /** The pipelines block of this model; without --config, ./runway.conf's when it exists (see the class). */
    @Mixin ModelOptions.ConfigOption configOption = new ModelOptions.ConfigOption();
    @Mixin From from = new From();
    private PipelineWiring.@Nullable Sandboxes sandboxes;
    /** Names declared in runway.conf and by a Java provider too, with what to say about them. */
    private final Map<String, String> clashes = new LinkedHashMap<>();

    List<Pipeline> pipelines(boolean sandbox) {
      PipelineConfig.Wiring wiring = PipelineWiring.real();
      if (sandbox) wiring = sandboxes = new PipelineWiring.Sandboxes();
      if (configOption.given) {
        Path config = configOption.file;
        List<Pipeline> out = new ArrayList<>(PipelineConfig.load(config, wiring));
        if (!from.paths.isEmpty()) {
          out.addAll(unique(out, from.load(from.paths, sandbox), "--from " + from.paths, config.toString()));
        }
        checkUnique(null);
        return out;
      }
      if (!from.all().isEmpty()) return from.pipelines(sandbox);
      List<Pipeline> java = PipelineProvider.all(sandbox);
      if (!Files.isRegularFile(DEFAULT_CONFIG)) return java;
      List<Pipeline> out = new ArrayList<>(PipelineConfig.load(DEFAULT_CONFIG, wiring));
      out.addAll(unique(out, java, "a PipelineProvider on the class path", DEFAULT_CONFIG.toString()));
      return out;
    }

    /** Records the names of {@code more} that {@code declared} has too; {@link #checkUnique} reports them. */
    private List<Pipeline> unique(List<Pipeline> declared, List<Pipeline> more, String where, String conf) {
      for (Pipeline p : more) {
        if (declared.stream().anyMatch(d -> d.name().equals(p.name()))) {
          clashes.put(p.name(), "pipeline " + p.name() + ": declared in " + conf + " and by " + where
              + "; rename one, or pick one source: --config " + conf + " (its pipelines only), or --from <jar-or-dir>");
        }
      }
      return more;
    }

    /** Fails when the pipeline asked for (any, when none is named) is declared twice. */
    void checkUnique(@Nullable String name) {
      String clash = name == null ? clashes.values().stream().findFirst().orElse(null) : clashes.get(name);
      if (clash != null) throw new RunwayException.ModelInvalid(clash, null);
    }

    @Override
    public void close() {
      if (sandboxes != null) sandboxes.close();
    }
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
      return load(where, sandbox);
    }

    List<Pipeline> load(List<Path> where, boolean sandbox) {
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

  @Command(name = "plan", mixinStandardHelpOptions = true,
      header = "Prints the graph of one pipeline, or of all.", description = "Prints the graph of one pipeline, or of all.")
  static final class Plan implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "<pipeline>") @Nullable String name;
    @Mixin Sources from = new Sources();
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Sources sources = from) {
        for (Pipeline p : chosen(name, false, from)) out.print(p.plan());
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      header = "Runs a pipeline here, with live progress.",
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
    /** The environment the run deploys (default: production). */
    @Mixin ModelOptions.EnvOption envOption = new ModelOptions.EnvOption();
    @Option(names = "--parallelism", paramLabel = "<n>", description = "Steps run at once (default: 4).")
    int parallelism = 4;
    @Option(names = "--state-dir", paramLabel = "<dir>", description = "Where run records, history and locks go (default: .runway).")
    Path stateDir = Path.of(".runway");
    @Mixin Sources from = new Sources();
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (Sources sources = from) {
        return run(chosen(name, sandbox, from).get(0));
      }
    }

    private int run(Pipeline p) {
      PrintStream out = System.out;
      boolean tty = System.console() != null;
      Approver approver = Approver.upFront(approve).orElse(tty
          ? Approver.terminal(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out)
          : Approver.refuseAll());
      PipelineRun run = LocalExecutor.builder().parallelism(parallelism).approver(approver).progress(out, tty)
          .branch(branch).environment(envOption.name == null ? "production" : envOption.name).stateDir(stateDir).build().run(p);
      PrintWriter w = run.succeeded() ? spec.commandLine().getOut() : spec.commandLine().getErr();
      w.print(run.toText());
      w.flush();
      return run.exitCode();
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      header = "Writes GitHub Actions workflows for one pipeline, or all.",
      description = "Writes GitHub Actions workflows (<pipeline>.yml) for one pipeline, or all.")
  static final class Export implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "<pipeline>") @Nullable String name;
    @Option(names = "--out", paramLabel = "<dir>", description = "Where to write (default: .github/workflows).")
    Path out = Path.of(".github", "workflows");
    @Option(names = "--stdout", description = "Print the YAML instead of writing files.")
    boolean stdout;
    @Option(names = "--runway-version", paramLabel = "<version>",
        description = "The Runway a workflow of a runway.conf pipeline installs (default: this one's version).")
    @Nullable String runwayVersion;
    @Option(names = "--runway-url", paramLabel = "<url>",
        description = {"Where it downloads the distribution's tar.gz from, {version} standing for the version",
            "(default: " + dev.runway.pipeline.internal.WorkflowWriter.DEFAULT_RUNWAY_URL + ")."})
    String runwayUrl = dev.runway.pipeline.internal.WorkflowWriter.DEFAULT_RUNWAY_URL;
    @Mixin Sources from = new Sources();
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter w = spec.commandLine().getOut();
      String version = runwayVersion != null ? runwayVersion
          : Version.current().orElse(GitHubActions.DEFAULT_RUNWAY_VERSION);
      for (Pipeline p : chosen(name, false, from)) {
        GitHubActions.Workflow wf = GitHubActions.workflow(p).runway(version, runwayUrl);
        if (stdout) w.print(wf.yaml());
        else w.println("wrote " + wf.writeTo(out));
      }
      w.flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "stats", mixinStandardHelpOptions = true,
      header = "Reports deployment frequency, lead time, failure rate and time to restore.",
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
    /** The pipeline named must be declared in the model; without a name, one report per pipeline in it. */
    @Mixin ModelOptions.ConfigOption configOption = new ModelOptions.ConfigOption();
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      List<String> names = new ArrayList<>();
      Path config = configOption.file;
      // Without --config, ./runway.conf counts only when no name is given: a named Java pipeline need not be in it.
      if (configOption.given || (name == null && Files.isRegularFile(config))) {
        // Names only: a plan-time load, so no key or sandbox is needed.
        List<Pipeline> declared = PipelineConfig.load(config, PipelineWiring.real());
        if (name != null) names.add(PipelineProvider.named(declared, name).name());
        else declared.forEach(p -> names.add(p.name()));
      }
      if (names.isEmpty()) names.add(name == null ? "" : name);
      PrintWriter w = spec.commandLine().getOut();
      for (String n : names) {
        DeploymentMetrics m = DeploymentMetrics.from(stateDir, n, Duration.ofDays(days), Instant.now());
        w.print(m.toText(List.of(DeploymentMetrics.Target.deployTimeUnder(Duration.ofMinutes(maxDeployMinutes)),
            DeploymentMetrics.Target.successRateAtLeast(minSuccessRate))));
      }
      w.flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "step", mixinStandardHelpOptions = true,
      header = "Runs one step of a pipeline, as an exported workflow's job does.",
      description = {"Runs one step of a pipeline, as an exported workflow's job does; a deploy writes",
          "version and previous to $GITHUB_OUTPUT. With --rollback-from and --rollback-to it rolls",
          "that deploy step back instead. Branch from GITHUB_REF_NAME, environment from RUNWAY_ENVIRONMENT."})
  static final class StepCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<pipeline>") String name = "";
    @Parameters(index = "1", paramLabel = "<step>") String step = "";
    @Option(names = "--rollback-from", paramLabel = "<version>", description = "Roll back from this version.")
    @Nullable String rollbackFrom;
    @Option(names = "--rollback-to", paramLabel = "<version>", description = "Roll back to this version.")
    @Nullable String rollbackTo;
    @Option(names = "--sandbox", description = "Send platform steps to the Render and Vercel sandboxes.")
    boolean sandbox;
    @Mixin Sources from = new Sources();

    @Override
    public Integer call() {
      try (Sources sources = from) {
        Pipeline p = chosen(name, sandbox, from).get(0);
        p.step(step); // an unknown step fails here with the known ones listed
        if (rollbackFrom != null || rollbackTo != null) {
          return PipelineScript.run(p, "--rollback", step, "--from", String.valueOf(rollbackFrom),
              "--to", rollbackTo == null ? "" : rollbackTo);
        }
        return PipelineScript.run(p, "--step", step);
      }
    }
  }
}

package dev.runway.cli;

import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import dev.runway.base.Problems;
import tools.jackson.databind.json.JsonMapper;
import dev.runway.monitor.HourBudget;
import dev.runway.monitor.KeepWarm;
import dev.runway.monitor.KeepWarmEstimate;
import dev.runway.monitor.Monitor;
import dev.runway.monitor.MonitorConfig;
import dev.runway.monitor.MonitorStats;
import dev.runway.monitor.MonitorWorkflow;
import dev.runway.monitor.Observation;
import dev.runway.monitor.State;
import dev.runway.monitor.StatusPage;
import dev.runway.monitor.StatusReport;
import dev.runway.render.RenderPlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code runway monitor run [--once] | export}, {@code runway keep-warm plan | run | report} and
 * {@code runway status-page --out <file>}: the monitor and keep-warm blocks of runway.conf.
 * Register {@link MonitorCmd}, {@link KeepWarmCmd} and {@link StatusPageCmd} in RunwayCommand.
 */
final class MonitorCommands {
  private MonitorCommands() {}

  /** Waits for Ctrl-C (a shutdown hook), or {@code runFor} when given; the hook is gone afterwards. */
  static void awaitStop(@Nullable Duration runFor) throws InterruptedException {
    CountDownLatch stop = new CountDownLatch(1);
    Thread hook = new Thread(stop::countDown, "runway-monitor-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    if (runFor == null) stop.await();
    else stop.await(runFor.toMillis(), TimeUnit.MILLISECONDS);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException ignored) {
      // already shutting down
    }
  }

  /** Says which bearer-env variables are unset: only a run needs them, so this command goes on. */
  static void noteUnsetTokens(CommandSpec spec, MonitorConfig config) {
    PrintWriter err = spec.commandLine().getErr();
    for (dev.runway.base.Problem p : config.unsetTokens().errors()) {
      err.println("note: " + p.origin().map(o -> o + ": ").orElse("") + p.subject() + ": " + p.message()
          + "; only a run needs it (monitor run, keep-warm run)");
    }
    err.flush();
  }

  /** Render's free tier, from the render module: core knows no platform. */
  static HourBudget renderFree() {
    return HourBudget.of("Render free", RenderPlan.FREE_HOURS_PER_MONTH, Duration.ofMinutes(RenderPlan.FREE_IDLE_MINUTES));
  }

  @Command(name = "monitor", mixinStandardHelpOptions = true,
      header = "Runs scheduled probes of the monitor block, with history and alerts.",
      description = "Scheduled probes, uptime history, incidents and alerts for the endpoints in runway.conf's monitor block.",
      subcommands = {MonitorCmd.Run.class, MonitorCmd.Export.class})
  static final class MonitorCmd implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
        header = "Runs the monitors on their schedule, or once.",
        description = {"Runs the monitors: on their schedule until stopped (Ctrl-C) or --for has passed, or",
            "once with --once (for cron-driven runners). Exit 1 with --once when an endpoint is down."})
    static final class Run implements Callable<Integer> {
      @Mixin ModelOptions options;
      @Option(names = "--once", description = "Check every endpoint once, write history and status page, and exit.")
      boolean once;
      @Option(names = "--for", paramLabel = "<duration>", description = "Stop after this long (e.g. PT10M); default: until stopped.")
      @Nullable Duration runFor;
      @Spec CommandSpec spec;

      @Override
      public Integer call() throws InterruptedException {
        MonitorConfig config = MonitorConfig.load(options.config());
        if (config.endpoints().isEmpty()) {
          // Checking nothing and exiting 0 would pass a cron job that monitors nothing (keep-warm says so too).
          throw new RunwayException.ModelInvalid(options.config() + ": monitor: no endpoints; add monitor { endpoints {"
              + " api { url = \"https://.../api/health\" } } }", Origin.file(options.config()));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (once) {
          List<Observation> seen;
          try (Monitor monitor = config.monitor().build()) {
            seen = monitor.runOnce();
            printObservations(out, options.format(), seen, monitor);
          } // closed: the history is written (and a git branch pushed) before the page is published
          String publish = config.statusPagePublish();
          if (publish.startsWith("branch:") && config.statusPage().isPresent()) {
            Path folder = config.file().toAbsolutePath().getParent();
            boolean changed = StatusPage.publishToBranch(config.statusPage().get(), folder == null ? Path.of(".") : folder,
                publish.substring("branch:".length()));
            if (options.format() != ModelOptions.Format.json) {
              out.println((changed ? "published" : "unchanged:") + " status page on branch " + publish.substring("branch:".length()));
            }
            out.flush();
          }
          return seen.stream().anyMatch(o -> o.state() == State.DOWN) ? ExitCodes.PROBLEMS : ExitCodes.OK;
        }
        try (Monitor monitor = config.monitor().build()) {
          monitor.start();
          out.println("monitoring " + monitor.endpoints().size() + " endpoints (history " + monitor.history().describe()
              + ")" + (runFor == null ? "; Ctrl-C stops" : " for " + runFor));
          out.flush();
          awaitStop(runFor);
          MonitorStats s = monitor.stats();
          out.println("checks " + s.checks() + ", skipped " + s.skipped() + ", lag p99 " + s.lagP99().toMillis() + " ms");
          monitor.historyProblem().ifPresent(p -> out.println("warning: " + p));
          out.flush();
          return ExitCodes.OK;
        }
      }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
        header = "Writes a GitHub Actions workflow that monitors from outside.",
        description = {"Writes a scheduled GitHub Actions workflow that installs a released Runway (cached by",
            "version), runs 'runway monitor run --once' from GitHub's runners, keeps the history in",
            "PostgreSQL or a git branch and publishes the status page. States the Actions minutes a month",
            "and refuses (exit 1, nothing written) a schedule over the budget; warns when GitHub's late",
            "cron cannot keep the keep-warm services awake."})
    static final class Export implements Callable<Integer> {
      @Mixin ModelOptions options;
      @Option(names = "--every", paramLabel = "<duration>", description = "Schedule period (default: monitor.github.every, else PT10M).")
      @Nullable Duration every;
      @Option(names = "--visibility", paramLabel = "public|private",
          description = "The repository's visibility (default: monitor.github.visibility, else private): the budget is 2,000 min a month for private, none for public.")
      @Nullable String visibility;
      @Option(names = "--name", paramLabel = "<name>", description = "Workflow name and file (default monitor).")
      String name = "monitor";
      @Option(names = "--out", paramLabel = "<dir>", description = "Folder (default .github/workflows; - for stdout).")
      String out = ".github/workflows";
      @Option(names = "--secret", paramLabel = "<NAME>", description = "A repository secret the run needs (repeatable); passed by name.")
      List<String> secrets = new java.util.ArrayList<>();
      @Spec CommandSpec spec;

      @Override
      public Integer call() {
        MonitorConfig config = MonitorConfig.load(options.config());
        noteUnsetTokens(spec, config);
        MonitorWorkflow wf = MonitorWorkflow.of(config, name).config(relative(options.config()))
            .secrets(secrets.toArray(String[]::new));
        if (every != null) wf = wf.every(every);
        if (visibility != null) {
          if (!visibility.matches("(?i)public|private")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--visibility: '" + visibility
                + "' is not public or private");
          }
          wf = wf.visibility(MonitorWorkflow.Visibility.valueOf(visibility.toUpperCase(Locale.ROOT)));
        }
        if (config.github().runwayVersion() == null && Version.current().isPresent()) {
          wf = wf.install(Version.current().get(), config.github().installFrom(), config.github().installSha256());
        }
        if (config.keepWarm().isPresent()) wf = wf.keepWarm(config.keepWarmPlan(renderFree()));
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Problems problems = wf.problems();
        for (String note : wf.notes()) err.println("note: " + note);
        if (!problems.isEmpty()) err.println(problems.toText());
        if (problems.hasErrors()) {
          err.println("monitor export: nothing written");
          err.flush();
          return ExitCodes.PROBLEMS;
        }
        if ("-".equals(out)) o.println(wf.yaml());
        else o.println("wrote " + wf.writeTo(Path.of(out)) + " (cron " + wf.cron() + ", " + wf.actionsMinutes().perMonth()
            + " Actions min a month)");
        err.flush();
        o.flush();
        return ExitCodes.OK;
      }

      /** The workflow runs at the repository's root: a config path given from there stays as it is. */
      private static String relative(Path config) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = config.toAbsolutePath().normalize();
        return (abs.startsWith(cwd) ? cwd.relativize(abs) : config).toString().replace('\\', '/');
      }
    }
  }

  @Command(name = "keep-warm", mixinStandardHelpOptions = true,
      header = "Keeps free Render services awake within the free instance hours.",
      description = "Keeps free Render services awake within the workspace's 750 free instance hours.",
      subcommands = {KeepWarmCmd.Plan.class, KeepWarmCmd.Run.class, KeepWarmCmd.Report.class})
  static final class KeepWarmCmd implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "plan", mixinStandardHelpOptions = true,
        header = "Shows the instance hours the keep-warm block uses.",
        description = {"Shows the instance hours the keep-warm block uses; refuses (exit 1) a plan over the",
            "budget or one whose interval lets a service spin down, naming the numbers."})
    static final class Plan implements Callable<Integer> {
      @Mixin ModelOptions options;
      @Option(names = "--month", paramLabel = "<yyyy-mm>", description = "The month to estimate (default: this month).")
      @Nullable YearMonth month;
      @Spec CommandSpec spec;

      @Override
      public Integer call() {
        MonitorConfig config = MonitorConfig.load(options.config());
        noteUnsetTokens(spec, config);
        KeepWarm.Plan plan = config.keepWarmPlan(renderFree());
        KeepWarmEstimate e = plan.estimate(month == null ? YearMonth.now(ZoneOffset.UTC) : month);
        PrintWriter out = spec.commandLine().getOut();
        if (options.format() == ModelOptions.Format.json) {
          ObjectNode n = JsonMapper.shared().createObjectNode();
          n.put("month", e.month().toString());
          n.put("services", e.services());
          n.put("awakeHoursPerDay", e.awakeHoursPerDay());
          n.put("keptHours", e.keptHours());
          n.put("otherHours", e.otherHours());
          n.put("budgetHours", e.budgetHours());
          n.put("remainingHours", e.remainingHours());
          n.put("pings", e.pings());
          n.set("problems", JsonMapper.shared().readTree(plan.problems().toJson()));
          out.println(JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(n));
        } else {
          out.println("keep-warm plan for " + e.month() + " (" + plan.budget().name() + ": " + fmt(e.budgetHours())
              + " h a month, spin-down after " + plan.budget().spinDownAfter().toMinutes() + " min)");
          out.println("  services      " + String.join(", ", new java.util.TreeSet<>(plan.services().keySet())));
          out.println("  ping          every " + plan.interval().toMinutes() + " min (+ up to " + plan.jitter().toSeconds()
              + " s jitter), " + e.pings() + " pings");
          out.println("  awake         " + fmt(e.awakeHoursPerDay()) + " h a day per service");
          out.println("  uses          " + fmt(e.keptHours()) + " h" + (e.otherHours() > 0 ? " + " + fmt(e.otherHours())
              + " h of other free services" : "") + " = " + fmt(e.totalHours()) + " of " + fmt(e.budgetHours()) + " h");
          out.println("  remaining     " + fmt(e.remainingHours()) + " h");
          for (String l : plan.problems().toText().split("\n")) if (!l.isEmpty()) out.println("  " + l);
        }
        out.flush();
        return ExitCodes.OK;
      }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
        header = "Pings the keep-warm services on their schedule, or once.",
        description = "Pings the keep-warm services on their schedule (or once with --once), recording cold starts.")
    static final class Run implements Callable<Integer> {
      @Mixin ModelOptions options;
      @Option(names = "--once", description = "Ping every service once (only those inside their active hours) and exit.")
      boolean once;
      @Option(names = "--for", paramLabel = "<duration>", description = "Stop after this long; default: until stopped.")
      @Nullable Duration runFor;
      @Spec CommandSpec spec;

      @Override
      public Integer call() throws InterruptedException {
        MonitorConfig config = MonitorConfig.load(options.config());
        config.unsetTokens().orThrow();   // a run probes: it needs every token (plan and report do not)
        KeepWarm.Plan plan = config.keepWarmPlan(renderFree());
        PrintWriter out = spec.commandLine().getOut();
        try (Monitor monitor = Monitor.builder().endpoints(plan.endpoints()).history(config.openHistory()).build()) {
          if (once) {
            List<Observation> seen = monitor.runOnce();
            printObservations(out, options.format(), seen, monitor);
            return ExitCodes.OK;
          }
          monitor.start();
          out.println("keeping " + plan.services().size() + " services warm; " + plan);
          out.flush();
          awaitStop(runFor);
          return ExitCodes.OK;
        }
      }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
        header = "Reports how often users would have hit a cold start.",
        description = "How often users would have hit a cold start, from the keep-warm history.")
    static final class Report implements Callable<Integer> {
      @Mixin ModelOptions options;
      @Option(names = "--days", paramLabel = "<n>", description = "How many days back (default 7).")
      int days = 7;
      @Spec CommandSpec spec;

      @Override
      public Integer call() {
        MonitorConfig config = MonitorConfig.load(options.config());
        noteUnsetTokens(spec, config);
        KeepWarm.Plan plan = config.keepWarmPlan(renderFree());
        Instant now = Instant.now();
        List<KeepWarm.Summary> report;
        try (var history = config.openHistory()) {
          report = KeepWarm.report(plan.endpoints(), history, now.minus(Duration.ofDays(days)), now);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (options.format() == ModelOptions.Format.json) {
          ArrayNode a = JsonMapper.shared().createArrayNode();
          for (KeepWarm.Summary s : report) {
            ObjectNode n = a.addObject();
            n.put("service", s.service());
            n.put("checks", s.checks());
            n.put("coldStarts", s.coldStarts());
            n.put("failed", s.failed());
            n.put("slowestMs", s.slowestMillis());
          }
          out.println(JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(a));
        } else {
          out.println("keep-warm over the last " + days + " days");
          for (KeepWarm.Summary s : report) {
            out.println(String.format(Locale.ROOT, "  %-20s %6d pings  %4d cold starts (%.1f%%)  %4d failed  slowest %.0f ms",
                s.service(), s.checks(), s.coldStarts(), s.coldStartRate() * 100, s.failed(), s.slowestMillis()));
          }
        }
        out.flush();
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "status-page", mixinStandardHelpOptions = true,
      header = "Writes the static status page from the monitor history.",
      description = {"Writes the static status page (one HTML file, no external assets) and status.json",
          "beside it from the monitor history."})
  static final class StatusPageCmd implements Callable<Integer> {
    @Mixin ModelOptions options;
    @Option(names = "--out", required = true, paramLabel = "<file>", description = "The HTML file to write.")
    Path out;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      MonitorConfig config = MonitorConfig.load(options.config());
      noteUnsetTokens(spec, config);
      StatusReport report;
      try (var history = config.openHistory()) {
        report = StatusPage.report(config.title(), config.endpoints(), history, Instant.now(), null);
      }
      Path written = StatusPage.write(report, out);
      spec.commandLine().getOut().println("wrote " + written + " (" + report.overall().wire() + ", "
          + report.endpoints().size() + " endpoints)");
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }

  static void printObservations(PrintWriter out, ModelOptions.Format format, List<Observation> seen, Monitor monitor) {
    if (format == ModelOptions.Format.json) {
      ArrayNode a = JsonMapper.shared().createArrayNode();
      for (Observation o : seen) {
        ObjectNode n = a.addObject();
        n.put("endpoint", o.endpoint());
        n.put("status", o.state().wire());
        if (o.responseTime().isPresent()) n.put("responseMs", Math.round(o.responseMillis() * 10) / 10.0);
        n.put("message", o.message());
        n.put("coldStart", o.coldStart());
      }
      out.println(JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(a));
    } else {
      for (Observation o : seen) {
        out.println(String.format(Locale.ROOT, "%-24s %-11s %8s  %s", o.endpoint(), o.state().wire(),
            o.responseTime().isPresent() ? Math.round(o.responseMillis()) + " ms" : "-", o.message()));
      }
      monitor.openIncidents().forEach((name, i) -> out.println("open incident " + i.id() + ": " + name + " "
          + i.severity().wire() + " since " + i.opened() + " (" + i.cause() + ")"));
      monitor.historyProblem().ifPresent(p -> out.println("warning: " + p));
    }
    out.flush();
  }

  private static String fmt(double hours) {
    return Math.abs(hours - Math.rint(hours)) < 0.05 ? String.valueOf((long) Math.rint(hours))
        : String.format(Locale.ROOT, "%.1f", hours);
  }
}

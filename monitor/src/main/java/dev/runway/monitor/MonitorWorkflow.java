package dev.runway.monitor;

import dev.runway.base.Problem;
import dev.runway.base.Problems;
import dev.runway.base.RunwayException;
import dev.runway.monitor.internal.WorkflowYaml;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Runs the monitors (and keep-warm) from outside the platform they watch: a scheduled GitHub
 * Actions workflow that installs a released Runway (cached by version), runs
 * {@code runway monitor run --once}, keeps the history where the next run finds it (PostgreSQL or a
 * git branch) and publishes the status page. GitHub starts scheduled workflows late under load,
 * never more often than every 5 minutes, and bills each job by the started minute, so
 * {@link #problems()} says when the schedule cannot keep a free service warm and when it costs
 * more Actions minutes than the budget. Immutable; the settings methods return modified copies.
 *
 * <pre>{@code
 * MonitorWorkflow wf = MonitorWorkflow.of(MonitorConfig.load(Path.of("runway.conf")), "monitor");
 * wf.actionsMinutes();                          // 4464 runs a month x 1 min = 4464 min
 * wf.problems();                                // refuses: over the 2,000 min of a private repository
 * wf.every(Duration.ofMinutes(30)).writeTo(Path.of(".github/workflows"));     // monitor.yml
 * }</pre>
 */
public final class MonitorWorkflow {
  /** How late GitHub may start a scheduled workflow, by its documentation and common experience. */
  public static final Duration GITHUB_CRON_DELAY = Duration.ofMinutes(30);
  /** The Actions minutes a private repository gets each month on GitHub's free plan. */
  public static final long FREE_PRIVATE_MINUTES = 2_000;
  /** A month as GitHub could bill it: the longest, 31 days. */
  static final int DAYS_PER_MONTH = 31;
  private static final int[] PERIODS = {5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 480, 720, 1440};

  /** Who can see the repository: GitHub's standard runners are free for public ones. */
  public enum Visibility { PUBLIC, PRIVATE }

  /**
   * A month of the workflow in GitHub Actions minutes: {@code runs} runs, each with jobs billed
   * {@code minutesPerRun} in all (each job rounded up to the whole minute), against {@code budget}
   * (null: unlimited).
   */
  public record ActionsMinutes(long runs, int jobs, long minutesPerRun, long perMonth, @Nullable Long budget) {
    public boolean overBudget() {
      return budget != null && perMonth > budget;
    }
  }

  private String name;
  private Duration every;
  private String configPath = "runway.conf";
  private @Nullable String command;
  private List<String> secrets = List.of();
  private KeepWarm.@Nullable Plan keepWarm;
  private @Nullable String historyBranch;
  private @Nullable String pageFile;
  private String publish = "none";
  private String runwayVersion = "0.1.0";
  private String installFrom = MonitorConfig.GitHubSettings.RELEASES;
  private @Nullable String installSha256;
  private Visibility visibility = Visibility.PRIVATE;
  private boolean visibilityKnown;
  private @Nullable Long budget;
  private boolean warnOverBudget;
  private int jobMinutes = 1;

  private MonitorWorkflow(String name, Duration every) {
    this.name = name;
    this.every = every;
  }

  private MonitorWorkflow with(Consumer<MonitorWorkflow> change) {
    MonitorWorkflow c = new MonitorWorkflow(name, every);
    c.configPath = configPath;
    c.command = command;
    c.secrets = secrets;
    c.keepWarm = keepWarm;
    c.historyBranch = historyBranch;
    c.pageFile = pageFile;
    c.publish = publish;
    c.runwayVersion = runwayVersion;
    c.installFrom = installFrom;
    c.installSha256 = installSha256;
    c.visibility = visibility;
    c.visibilityKnown = visibilityKnown;
    c.budget = budget;
    c.warnOverBudget = warnOverBudget;
    c.jobMinutes = jobMinutes;
    change.accept(c);
    return c;
  }

  /**
   * A workflow named {@code name} run every {@code every} (whole minutes, 5 to 60, dividing 60, or whole hours).
   *
   * @throws IllegalArgumentException for a period cron cannot express that way
   */
  public static MonitorWorkflow github(String name, Duration every) {
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
      throw new IllegalArgumentException("monitor: workflow name '" + name + "' is not valid; use letters, digits, '_', '.', '-'");
    }
    cron(every);
    return new MonitorWorkflow(name, every);
  }

  /**
   * The workflow {@code config} describes: its {@code monitor.github} block (schedule, install,
   * budget), its history (a {@code git:} branch needs {@code contents: write}, {@code postgres-env:}
   * its variable as a secret) and its status page's {@code publish}.
   */
  public static MonitorWorkflow of(MonitorConfig config, String name) {
    MonitorConfig.GitHubSettings g = config.github();
    MonitorWorkflow wf = github(name, g.every()).install(g.runwayVersion() == null ? "0.1.0" : g.runwayVersion(),
        g.installFrom(), g.installSha256()).jobMinutes(g.jobMinutes());
    if (g.visibility() != null) wf = wf.visibility(Visibility.valueOf(g.visibility().toUpperCase(Locale.ROOT)));
    if (g.minutesBudget() != null) wf = wf.minutesBudget(g.minutesBudget());
    wf = wf.warnOverBudget(g.warnOverBudget());
    if (config.historySecret().isPresent()) wf = wf.secrets(config.historySecret().get());
    if (config.historyBranch().isPresent()) wf = wf.historyBranch(config.historyBranch().get());
    if (config.statusPage().isPresent() && !config.statusPagePublish().equals("none")) {
      Path base = config.file().toAbsolutePath().getParent();
      Path page = config.statusPage().get();
      String rel = (base == null ? page : base.relativize(page)).toString().replace('\\', '/');
      wf = wf.publish(rel, config.statusPagePublish());
    }
    return wf;
  }

  /** Another schedule period; see {@link #github}. */
  public MonitorWorkflow every(Duration value) {
    cron(value);
    return with(c -> c.every = value);
  }

  /** The runway.conf the run reads, relative to the repository's root; default {@code runway.conf}. */
  public MonitorWorkflow config(String path) {
    WorkflowYaml.requireSafe("config path", path);
    return with(c -> c.configPath = path);
  }

  /** Another command for the job (e.g. {@code runway keep-warm run --once}); default {@code runway monitor run --once --config <config>}. */
  public MonitorWorkflow command(String value) {
    Objects.requireNonNull(value, "value");
    return with(c -> c.command = value);
  }

  /** Repository secrets the command needs (webhook URLs, the database URL), passed by name as environment variables. */
  public MonitorWorkflow secrets(String... names) {
    Set<String> all = new LinkedHashSet<>(secrets);
    for (String n : names) {
      if (!n.matches("[A-Za-z_][A-Za-z0-9_]*") || n.toUpperCase(Locale.ROOT).startsWith("GITHUB_")) {
        throw new IllegalArgumentException("monitor: workflow: '" + n + "' is not a secret name GitHub allows;"
            + " use letters, digits and '_', not starting with a digit or GITHUB_");
      }
      all.add(n);
    }
    return with(c -> c.secrets = List.copyOf(all));
  }

  /** Checks the schedule against this keep-warm plan (see {@link #problems()}). */
  public MonitorWorkflow keepWarm(KeepWarm.Plan plan) {
    Objects.requireNonNull(plan, "plan");
    return with(c -> c.keepWarm = plan);
  }

  /** The history lives in this branch, committed by the run: the job gets {@code contents: write}. */
  public MonitorWorkflow historyBranch(String branch) {
    WorkflowYaml.requireSafe("branch", branch);
    return with(c -> c.historyBranch = branch);
  }

  /**
   * Publishes the status page the run writes to {@code pageFile} (relative to the repository's root):
   * {@code pages} deploys it with GitHub Pages' own actions (a second job, with {@code pages: write}
   * and {@code id-token: write}); {@code branch:<name>} means the run commits it (the job gets
   * {@code contents: write}); {@code none} leaves it on the runner.
   */
  public MonitorWorkflow publish(String pageFile, String how) {
    WorkflowYaml.requireSafe("status page", pageFile);
    if (!how.matches("none|pages|branch:[A-Za-z0-9._/-]+")) {
      throw new IllegalArgumentException("monitor: workflow: publish '" + how + "' is not pages, branch:<name> or none");
    }
    return with(c -> {
      c.pageFile = pageFile;
      c.publish = how;
    });
  }

  /**
   * Installs Runway {@code version} from {@code urlTemplate} ({@code {version}} is replaced), checked
   * against {@code sha256} when given, and caches it with actions/cache under the version.
   */
  public MonitorWorkflow install(String version, String urlTemplate, @Nullable String sha256) {
    if (!version.matches("[A-Za-z0-9._+-]+")) throw new IllegalArgumentException("monitor: workflow: '" + version + "' is not a version");
    String url = urlTemplate.replace("{version}", version);
    if (!url.startsWith("https://")) throw new IllegalArgumentException("monitor: workflow: install from an https:// URL");
    WorkflowYaml.requireSafe("install URL", url);
    if (sha256 != null && !sha256.matches("[0-9a-f]{64}")) throw new IllegalArgumentException("monitor: workflow: not a SHA-256");
    return with(c -> {
      c.runwayVersion = version;
      c.installFrom = urlTemplate;
      c.installSha256 = sha256;
    });
  }

  /** The repository's visibility; default private (the budget then is {@value #FREE_PRIVATE_MINUTES} minutes). */
  public MonitorWorkflow visibility(Visibility value) {
    Objects.requireNonNull(value, "value");
    return with(c -> {
      c.visibility = value;
      c.visibilityKnown = true;
    });
  }

  /** The Actions minutes a month the workflow may use, whatever the visibility (a paid plan has more). */
  public MonitorWorkflow minutesBudget(long minutes) {
    if (minutes < 0) throw new IllegalArgumentException("monitor: workflow: minutes budget must be >= 0");
    return with(c -> c.budget = minutes);
  }

  /** Over the budget: warn instead of refusing. */
  public MonitorWorkflow warnOverBudget(boolean warn) {
    return with(c -> c.warnOverBudget = warn);
  }

  /** The minutes the monitor job takes, measured or declared (GitHub bills started minutes); default 1. */
  public MonitorWorkflow jobMinutes(int minutes) {
    if (minutes < 1) throw new IllegalArgumentException("monitor: workflow: job minutes must be >= 1");
    return with(c -> c.jobMinutes = minutes);
  }

  /** The cron expression: {@code "*&#47;10 * * * *"}, or {@code "0 *&#47;2 * * *"} for whole hours. */
  public String cron() {
    return cron(every);
  }

  private static String cron(Duration every) {
    long minutes = every.toMinutes();
    if (every.toSeconds() % 60 == 0 && minutes >= 5 && minutes < 60 && 60 % minutes == 0) return "*/" + minutes + " * * * *";
    if (minutes == 60) return "0 * * * *";
    if (every.toSeconds() % 3600 == 0 && minutes > 60 && minutes <= 24 * 60 && (24 * 60) % minutes == 0) {
      return minutes == 24 * 60 ? "0 0 * * *" : "0 */" + (minutes / 60) + " * * *";
    }
    throw new IllegalArgumentException("monitor: workflow: every " + every + " cannot be a GitHub schedule; use 5, 10, 15, 20,"
        + " 30 or 60 minutes, or whole hours dividing a day (GitHub runs schedules at most every 5 minutes)");
  }

  /** Whether the run commits to the repository (history or page in a branch). */
  boolean writesContents() {
    return historyBranch != null || publish.startsWith("branch:");
  }

  /** The budget in force: the one set, else {@value #FREE_PRIVATE_MINUTES} for private, none for public. */
  private @Nullable Long budget() {
    if (budget != null) return budget;
    return visibility == Visibility.PUBLIC ? null : FREE_PRIVATE_MINUTES;
  }

  /** The Actions minutes of a 31-day month at {@link #cron()}: the monitor job, and the Pages deploy job when there is one. */
  public ActionsMinutes actionsMinutes() {
    return minutes(every.toMinutes());
  }

  private ActionsMinutes minutes(long periodMinutes) {
    long runs = DAYS_PER_MONTH * 24L * 60 / periodMinutes;
    boolean pages = publish.equals("pages");
    long perRun = jobMinutes + (pages ? 1 : 0); // deploy-pages: well under a minute, billed as one
    return new ActionsMinutes(runs, pages ? 2 : 1, perRun, runs * perRun, budget());
  }

  /**
   * Warnings and errors: a keep-warm plan the schedule cannot keep (the period plus GitHub's delay
   * reaches the spin-down), and a month of Actions minutes over the budget (an error unless
   * {@link #warnOverBudget}), each naming the numbers and the period that fits.
   */
  public Problems problems() {
    List<Problem> out = new ArrayList<>();
    if (keepWarm != null) {
      Duration worst = every.plus(GITHUB_CRON_DELAY);
      Duration spin = keepWarm.budget().spinDownAfter();
      if (worst.compareTo(spin) >= 0) {
        out.add(Problem.warning(Problem.OUT_OF_RANGE, "monitor export: keep-warm",
                "a GitHub schedule every " + every.toMinutes() + " min can start up to " + GITHUB_CRON_DELAY.toMinutes()
                    + " min late, so pings may be " + worst.toMinutes() + " min apart, past the " + spin.toMinutes()
                    + " min spin-down of " + keepWarm.budget().name() + "; the services will still fall asleep")
            .withFix("run 'runway keep-warm run' on an always-on host, or ping from a cron service that runs on time"
                + " (cron-job.org, an UptimeRobot free monitor) every " + keepWarm.interval().toMinutes() + " min"));
      }
    }
    ActionsMinutes m = actionsMinutes();
    if (m.overBudget()) {
      String whose = budget != null ? "the budget of " + m.budget() + " min a month"
          : "the " + FREE_PRIVATE_MINUTES + " min a month a private repository gets on GitHub's free plan"
              + (visibilityKnown ? "" : " (assumed private: pass --visibility public or set monitor.github.visibility)");
      String text = "every " + every.toMinutes() + " min is " + m.runs() + " runs in a " + DAYS_PER_MONTH + "-day month x "
          + describeRun(m) + " = " + m.perMonth() + " min, over " + whose;
      String fits = fitting();
      String fix = (fits == null ? "no schedule fits; raise minutes-budget" : "schedule every " + fits)
          + (visibility == Visibility.PUBLIC ? "" : ", make the repository public (standard runners are free there)")
          + ", or set monitor.github.minutes-budget to what your plan includes";
      out.add((warnOverBudget ? Problem.warning(Problem.OUT_OF_RANGE, "monitor export: Actions minutes", text)
          : Problem.error(Problem.OUT_OF_RANGE, "monitor export: Actions minutes", text)).withFix(fix));
    }
    return Problems.of(out);
  }

  private String describeRun(ActionsMinutes m) {
    return m.jobs() == 1 ? "1 job of " + m.minutesPerRun() + " min"
        : m.jobs() + " jobs (" + jobMinutes + " min + 1 min for the Pages deploy, each rounded up to the minute as GitHub"
            + " bills)";
  }

  private @Nullable String fitting() {
    for (int p : PERIODS) {
      ActionsMinutes m = minutes(p);
      if (!m.overBudget()) return (p < 60 ? p + " min" : p / 60 + " h") + " (" + m.perMonth() + " min a month)";
    }
    return null;
  }

  /** What GitHub does to scheduled workflows, for people: printed with the export, written atop the file. */
  public List<String> notes() {
    ActionsMinutes m = actionsMinutes();
    List<String> out = new ArrayList<>();
    out.add("GitHub Actions minutes: " + m.runs() + " runs a month x " + m.minutesPerRun() + " min = " + m.perMonth()
        + " min" + (m.budget() == null ? " (public repository: standard runners are free)" : " of " + m.budget()));
    out.add("GitHub starts scheduled workflows late when it is busy (often 5-30 min, sometimes a run is dropped)"
        + " and never more often than every 5 minutes");
    if (visibility == Visibility.PUBLIC || !visibilityKnown) {
      out.add("in a public repository GitHub disables scheduled workflows after 60 days without repository activity;"
          + " re-enable it in the Actions tab or push before then");
    }
    return out;
  }

  /** The workflow YAML; it validates against GitHub's workflow schema and passes actionlint. */
  public String yaml() {
    String run = command != null ? command : "runway monitor run --once --config " + WorkflowYaml.shellQuote(configPath);
    return WorkflowYaml.render(new WorkflowYaml.Spec(name, cron(), run, secrets, writesContents(), pageFile,
        publish.equals("pages"), runwayVersion, installFrom.replace("{version}", runwayVersion), installSha256,
        Math.max(5, Math.min(every.toMinutes(), 15)), notes()));
  }

  /**
   * Writes {@code dir/<name>.yml} and returns its path.
   *
   * @throws RunwayException.ValidationFailed when {@link #problems()} has an error (a schedule over the budget)
   */
  public Path writeTo(Path dir) {
    problems().orThrow();
    Path file = dir.resolve(name + ".yml");
    try {
      java.nio.file.Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new RunwayException.IoFailed(dir + ": cannot create (" + e.getClass().getSimpleName() + ")",
          dev.runway.base.Origin.file(dir), e);
    }
    dev.runway.base.AtomicFiles.write(file, yaml());
    return file;
  }

  @Override
  public String toString() {
    return "MonitorWorkflow{" + name + " " + cron() + "}";
  }
}

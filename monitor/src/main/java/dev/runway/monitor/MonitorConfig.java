package dev.runway.monitor;

import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.base.Problems;
import dev.runway.base.RunwayException;
import dev.runway.base.Secret;
import dev.runway.monitor.internal.MonitorHocon;
import dev.runway.notify.Notifier;
import dev.runway.notify.Notifiers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Monitoring as code: the {@code monitor} and {@code keep-warm} blocks of {@code runway.conf}
 * (HOCON, so {@code ${?SLACK_WEBHOOK_URL}} reads the environment and secrets stay out of the file).
 * Every problem is reported at once with its file and line. Immutable.
 *
 * <pre>
 * monitor {
 *   history = "sqlite:.runway/monitor.db"          # or "postgres:" + a postgresql:// URL, or "memory"
 *   status-page { out = public/status.html, title = "Acme status" }
 *   notify { slack = ${?SLACK_WEBHOOK_URL} }
 *   endpoints {
 *     api { url = "https://acme-api.onrender.com/api/health", interval = 60s, degraded-above = 800ms }
 *   }
 * }
 * keep-warm {
 *   services { api = "https://acme-api.onrender.com/api/health" }
 *   interval = 10m
 *   active-hours { from = "07:00", to = "23:00", zone = "Europe/Berlin" }
 * }
 * </pre>
 */
public final class MonitorConfig {
  /** The keep-warm block, before a budget is applied. */
  public record KeepWarmSettings(Map<String, String> services, Duration interval, Duration jitter,
      @Nullable LocalTime activeFrom, @Nullable LocalTime activeTo, @Nullable ZoneId zone, double otherHours,
      KeepWarm.OverBudget overBudget, Duration coldStartAbove) {}

  /**
   * The {@code monitor.github} block: how {@code runway monitor export} schedules, installs and budgets
   * the workflow. {@code null}s mean "not set": the visibility then comes from {@code --visibility}
   * (else private), the budget from the visibility.
   */
  public record GitHubSettings(Duration every, @Nullable String visibility, @Nullable Long minutesBudget,
      boolean warnOverBudget, int jobMinutes, @Nullable String runwayVersion, String installFrom,
      @Nullable String installSha256) {
    /** Where released distributions are, by the project's address in the pom. */
    public static final String RELEASES = "https://github.com/runway-dev/runway/releases/download/v{version}/runway-{version}.tar.gz";
    public static final GitHubSettings DEFAULTS = new GitHubSettings(Duration.ofMinutes(10), null, null, false, 1, null,
        RELEASES, null);
  }

  private final Path file;
  private final List<Endpoint> endpoints;
  private final String history;
  private final Duration retention;
  private final int maxConcurrency;
  private final @Nullable Path statusPage;
  private final String title;
  private final Map<String, String> notify;
  private final @Nullable KeepWarmSettings keepWarm;
  private final String publish;
  private final GitHubSettings github;
  private final Problems unsetTokens;

  /** For the internal parser only. */
  public MonitorConfig(Path file, List<Endpoint> endpoints, String history, Duration retention, int maxConcurrency,
      @Nullable Path statusPage, String title, Map<String, String> notify, @Nullable KeepWarmSettings keepWarm,
      String publish, GitHubSettings github) {
    this(file, endpoints, history, retention, maxConcurrency, statusPage, title, notify, keepWarm, publish, github,
        List.of());
  }

  /** For the internal parser only; {@code unsetTokens} as {@link #unsetTokens()} returns them. */
  public MonitorConfig(Path file, List<Endpoint> endpoints, String history, Duration retention, int maxConcurrency,
      @Nullable Path statusPage, String title, Map<String, String> notify, @Nullable KeepWarmSettings keepWarm,
      String publish, GitHubSettings github, List<Problem> unsetTokens) {
    this.unsetTokens = Problems.of(unsetTokens);
    this.file = file;
    this.endpoints = List.copyOf(endpoints);
    this.history = history;
    this.retention = retention;
    this.maxConcurrency = maxConcurrency;
    this.statusPage = statusPage;
    this.title = title;
    this.notify = Map.copyOf(notify);
    this.keepWarm = keepWarm;
    this.publish = publish;
    this.github = github;
  }

  /**
   * Reads {@code file}'s {@code monitor} and {@code keep-warm} blocks (either may be missing).
   *
   * @throws RunwayException.ValidationFailed listing every problem, each with file:line
   * @throws RunwayException.ParseFailed when the file is not HOCON
   * @throws RunwayException.IoFailed when it cannot be read
   */
  public static MonitorConfig load(Path file) {
    return MonitorHocon.load(file);
  }

  public Path file() {
    return file;
  }

  public List<Endpoint> endpoints() {
    return endpoints;
  }

  /**
   * {@code sqlite:<path>} (relative to the file's folder), {@code postgres:<url>},
   * {@code postgres-env:<VARIABLE>} (the URL is read from that environment variable, a repository
   * secret in GitHub Actions), {@code git:<branch>} (a branch of the repository the file is in) or
   * {@code memory}.
   */
  public String historySetting() {
    return history;
  }

  /** The environment variable holding the database URL, for {@code postgres-env:}; what the workflow passes as a secret. */
  public Optional<String> historySecret() {
    return history.startsWith("postgres-env:") ? Optional.of(history.substring("postgres-env:".length())) : Optional.empty();
  }

  /** The branch that keeps the history, for {@code git:}. */
  public Optional<String> historyBranch() {
    return history.startsWith("git:") ? Optional.of(history.substring("git:".length())) : Optional.empty();
  }

  /** {@code none}, {@code pages} (GitHub Pages, by the exported workflow) or {@code branch:<name>} (committed by the run). */
  public String statusPagePublish() {
    return publish;
  }

  public GitHubSettings github() {
    return github;
  }

  /**
   * Opens the configured history.
   *
   * @throws RunwayException.ModelInvalid when {@code postgres-env:}'s variable is not set
   * @throws RunwayException.IoFailed when the database or branch cannot be opened
   */
  public History openHistory() {
    if (history.equals("memory")) return History.inMemory(10_000);
    Optional<String> secret = historySecret();
    if (secret.isPresent()) {
      String url = System.getenv(secret.get());
      if (url == null || url.isBlank()) {
        throw new RunwayException.ModelInvalid(file + ": monitor.history: environment variable " + secret.get()
            + " is not set; export it (in GitHub Actions: add a repository secret " + secret.get()
            + " with the database's postgresql:// URL and pass it with 'runway monitor export')", Origin.file(file));
      }
      return History.postgres(url.strip(), "");
    }
    if (historyBranch().isPresent()) {
      Path base = file.toAbsolutePath().getParent();
      return History.git(base == null ? Path.of(".") : base, historyBranch().get());
    }
    if (history.startsWith("sqlite:")) {
      Path p = Path.of(history.substring("sqlite:".length()));
      Path base = file.toAbsolutePath().getParent();
      return History.sqlite(p.isAbsolute() || base == null ? p : base.resolve(p));
    }
    if (history.startsWith("postgres:")) return History.postgres(history.substring("postgres:".length()), "");
    throw new RunwayException.ModelInvalid(file + ": monitor.history: '" + history.replaceAll("//[^@/]*@", "//***@")
        + "' is not a history; write sqlite:<file>, postgres:postgresql://host/db or memory", Origin.file(file));
  }

  public Duration retention() {
    return retention;
  }

  public int maxConcurrency() {
    return maxConcurrency;
  }

  public Optional<Path> statusPage() {
    if (statusPage == null) return Optional.empty();
    Path base = file.toAbsolutePath().getParent();
    return Optional.of(statusPage.isAbsolute() || base == null ? statusPage : base.resolve(statusPage));
  }

  public String title() {
    return title;
  }

  /** The notifiers whose webhook URL is set (empty values, e.g. an unset {@code ${?VAR}}, are skipped). */
  public List<Notifier> notifiers() {
    List<Notifier> out = new java.util.ArrayList<>();
    for (Map.Entry<String, String> n : new java.util.TreeMap<>(notify).entrySet()) {
      if (n.getValue().isBlank()) continue;
      Secret url = Secret.of(n.getValue());
      out.add(switch (n.getKey()) {
        case "slack" -> Notifiers.slack(url);
        case "discord" -> Notifiers.discord(url);
        default -> Notifiers.webhook(url);
      });
    }
    return out;
  }

  public Optional<KeepWarmSettings> keepWarm() {
    return Optional.ofNullable(keepWarm);
  }

  /**
   * The keep-warm plan under {@code budget}.
   *
   * @throws RunwayException.ModelInvalid when the file has no keep-warm block
   * @throws RunwayException.ValidationFailed when the plan is refused (see {@link KeepWarm.Plan.Builder#build()})
   */
  public KeepWarm.Plan keepWarmPlan(HourBudget budget) {
    KeepWarmSettings k = keepWarm().orElseThrow(() -> new RunwayException.ModelInvalid(file
        + ": keep-warm: no such block; add keep-warm { services { api = \"https://.../api/health\" } }", Origin.file(file)));
    KeepWarm.Plan.Builder b = KeepWarm.plan(budget).interval(k.interval()).jitter(k.jitter()).otherHours(k.otherHours())
        .overBudget(k.overBudget()).coldStartAbove(k.coldStartAbove());
    k.services().forEach(b::service);
    if (k.activeFrom() != null && k.activeTo() != null && k.zone() != null) b.activeHours(k.activeFrom(), k.activeTo(), k.zone());
    return b.build();
  }

  /**
   * The endpoints' {@code bearer-env} variables that are not set, each a MISSING error at its
   * file:line. Only probing needs the token: {@link #monitor()} refuses while this is not empty,
   * and a keep-warm run should check it ({@code unsetTokens().orThrow()}); a plan, a workflow or a
   * status page is made without it. Empty when every token is set.
   */
  public Problems unsetTokens() {
    return unsetTokens;
  }

  /**
   * A monitor builder with the endpoints, history, notifiers, status page and limits of this file.
   *
   * @throws RunwayException.ValidationFailed when a {@code bearer-env} variable is not set ({@link #unsetTokens()})
   */
  public Monitor.Builder monitor() {
    unsetTokens.orThrow();
    Monitor.Builder b = Monitor.builder().endpoints(endpoints).history(openHistory()).maxConcurrency(maxConcurrency)
        .retention(retention);
    notifiers().forEach(b::notifier);
    statusPage().ifPresent(p -> b.statusPage(p, title));
    return b;
  }

  @Override
  public String toString() {
    return "MonitorConfig{" + file + ": " + endpoints.size() + " endpoints}";
  }
}

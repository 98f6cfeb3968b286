package dev.runway.monitor.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.runway.internal.HoconFiles;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.base.Problems;
import dev.runway.base.RunwayException;
import dev.runway.env.KeyMask;
import dev.runway.health.HttpProbe;
import dev.runway.monitor.Endpoint;
import dev.runway.monitor.KeepWarm;
import dev.runway.monitor.MaintenanceWindow;
import dev.runway.monitor.MonitorConfig;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Reads the monitor and keep-warm blocks; collects every problem with its line before throwing. */
public final class MonitorHocon {
  private static final Set<String> MONITOR_KEYS = Set.of("history", "retention", "max-concurrency", "status-page",
      "notify", "endpoints", "github");
  private static final Set<String> GITHUB_KEYS = Set.of("every", "visibility", "minutes-budget", "over-budget",
      "job-minutes", "runway-version", "install-from", "install-sha256");
  private static final Set<String> ENDPOINT_KEYS = Set.of("url", "method", "service", "interval", "jitter", "timeout",
      "expect-status", "degraded-above", "max-response-time", "expect-json", "min-certificate-days",
      "certificate-warn-days", "failures-to-open", "successes-to-resolve", "cold-start-above", "bearer-env",
      "maintenance", "public-url");
  private static final Set<String> KEEP_WARM_KEYS = Set.of("services", "interval", "jitter", "active-hours",
      "other-hours", "over-budget", "cold-start-above");

  private final Path file;
  private final List<Problem> problems = new ArrayList<>();
  /** bearer-env variables that are not set: only a run needs them, so they do not stop the load. */
  private final List<Problem> unsetTokens = new ArrayList<>();

  private MonitorHocon(Path file) {
    this.file = file;
  }

  public static MonitorConfig load(Path file) {
    Config config;
    try {
      // Bounded as the model is read: regular file, 5 MB, nesting and expansion limits, bounded includes.
      config = HoconFiles.parse(file, "runway.conf");
    } catch (ConfigException e) {
      int line = e.origin() == null ? 0 : e.origin().lineNumber();
      Origin origin = line > 0 ? Origin.file(file, line) : Origin.file(file);
      String detail = String.valueOf(e.getMessage()).replaceFirst("^.*?: \\d+: ", "");
      throw new RunwayException.ParseFailed(origin + ": " + KeyMask.mask(detail) + "; fix the HOCON at this line", origin, e);
    }
    return new MonitorHocon(file).read(config);
  }

  private MonitorConfig read(Config root) {
    List<Endpoint> endpoints = new ArrayList<>();
    String history = "sqlite:.runway/monitor.db";
    Duration retention = Duration.ofDays(90);
    int maxConcurrency = 32;
    Path statusPage = null;
    String title = "Status";
    Map<String, String> notify = new LinkedHashMap<>();
    String publish = "none";
    MonitorConfig.GitHubSettings github = MonitorConfig.GitHubSettings.DEFAULTS;
    if (root.hasPath("monitor")) {
      Config m = root.getConfig("monitor");
      unknown(m.root(), "monitor", MONITOR_KEYS);
      history = get(m, "history", "monitor", () -> m.getString("history"), history);
      if (!history.matches("memory|sqlite:.+|postgres:.+|postgres-env:[A-Za-z_][A-Za-z0-9_]*|git:[A-Za-z0-9._/-]+")) {
        problem(m.getValue("history"), "monitor.history", "'" + history.replaceAll("//[^@/]*@", "//***@").replaceAll("[?#].*", "")
            + "' is not a history", "write sqlite:<file>, postgres-env:DATABASE_URL (the URL read from that environment"
            + " variable), git:status-data (a branch of this repository) or memory");
      }
      if (m.hasPath("github")) github = github(m.getConfig("github"));
      retention = get(m, "retention", "monitor", () -> m.getDuration("retention"), retention);
      maxConcurrency = get(m, "max-concurrency", "monitor", () -> m.getInt("max-concurrency"), maxConcurrency);
      if (m.hasPath("status-page")) {
        Config sp = m.getConfig("status-page");
        String out = get(sp, "out", "monitor.status-page", () -> sp.getString("out"), null);
        if (out != null) statusPage = Path.of(out);
        title = get(sp, "title", "monitor.status-page", () -> sp.getString("title"), title);
        publish = get(sp, "publish", "monitor.status-page", () -> sp.getString("publish"), publish);
        if (!publish.matches("none|pages|branch:[A-Za-z0-9._/-]+")) {
          problem(sp.getValue("publish"), "monitor.status-page.publish", "'" + publish + "' is not a way to publish",
              "write pages (GitHub Pages), \"branch:gh-pages\" (commit status.html and status.json to that branch) or none");
        }
        if (!publish.equals("none") && statusPage == null) {
          problem(sp.getValue("publish"), "monitor.status-page.publish", "publishes a page that is never written",
              "add out = public/status.html");
        }
      }
      if (m.hasPath("notify")) {
        for (Map.Entry<String, ConfigValue> n : m.getObject("notify").entrySet()) {
          if (!Set.of("slack", "discord", "webhook").contains(n.getKey())) {
            problem(n.getValue(), "monitor.notify." + n.getKey(), "not a notifier", "use slack, discord or webhook");
          } else if (n.getValue().valueType() != ConfigValueType.STRING) {
            problem(n.getValue(), "monitor.notify." + n.getKey(), "must be a webhook URL string",
                "write " + n.getKey() + " = ${?" + n.getKey().toUpperCase(Locale.ROOT) + "_WEBHOOK_URL}");
          } else {
            notify.put(n.getKey(), (String) n.getValue().unwrapped());
          }
        }
      }
      if (m.hasPath("endpoints")) {
        ConfigObject eps = m.getObject("endpoints");
        for (String name : new TreeSet<>(eps.keySet())) {
          Endpoint e = endpoint(name, m.getConfig("endpoints").getConfig(quote(name)), eps.get(name));
          if (e != null) endpoints.add(e);
        }
      }
    }
    MonitorConfig.KeepWarmSettings keepWarm = root.hasPath("keep-warm") ? keepWarm(root.getConfig("keep-warm")) : null;
    Problems.of(KeyMask.mask(problems)).orThrow(); // messages quote the file: URL passwords and keys masked
    return new MonitorConfig(file, endpoints, history, retention, maxConcurrency, statusPage, title, notify, keepWarm,
        publish, github, unsetTokens);
  }

  private @Nullable Endpoint endpoint(String name, Config c, ConfigValue at) {
    String path = "monitor.endpoints." + name;
    unknown(c.root(), path, ENDPOINT_KEYS);
    String url = get(c, "url", path, () -> c.getString("url"), null);
    if (url == null) {
      problems.add(Problem.error(Problem.MISSING, path + ".url", "missing").withOrigin(origin(at))
          .withFix("write url = \"https://<host>/api/health\""));
      return null;
    }
    HttpProbe.Builder probe;
    try {
      probe = HttpProbe.request(get(c, "method", path, () -> c.getString("method"), "GET"), url);
    } catch (IllegalArgumentException e) {
      problem(c.getValue("url"), path + ".url", "'" + url.replaceAll("[?#].*", "") + "' is not an http(s) URL",
          "write it as https://host/path");
      return null;
    }
    if (c.hasPath("expect-status")) {
      List<Integer> codes = get(c, "expect-status", path, () -> c.getIntList("expect-status"), List.of());
      probe.expectStatus(codes.stream().mapToInt(Integer::intValue).toArray());
    }
    Duration max = get(c, "max-response-time", path, () -> c.getDuration("max-response-time"), null);
    if (max != null) probe.maxResponseTime(max);
    if (c.hasPath("expect-json")) {
      for (Map.Entry<String, ConfigValue> j : c.getObject("expect-json").entrySet()) {
        String pointer = j.getKey().startsWith("/") ? j.getKey() : "/" + j.getKey();
        probe.expectJson(pointer, String.valueOf(j.getValue().unwrapped()));
      }
    }
    int certDays = get(c, "min-certificate-days", path, () -> c.getInt("min-certificate-days"), 0);
    int warnDays = get(c, "certificate-warn-days", path, () -> c.getInt("certificate-warn-days"), 0);
    if (warnDays > 0 && certDays == 0) certDays = 1; // the probe reports the days only when it checks them
    if (certDays > 0) probe.minCertificateDays(certDays);
    String bearerEnv = get(c, "bearer-env", path, () -> c.getString("bearer-env"), null);
    if (bearerEnv != null) {
      String token = System.getenv(bearerEnv);
      if (token == null || token.isEmpty()) {
        unsetTokens.add(Problem.error(Problem.MISSING, path + ".bearer-env", "environment variable " + bearerEnv
            + " is not set").withOrigin(origin(c.getValue("bearer-env")))
            .withFix("export " + bearerEnv + " before running, or remove bearer-env"));
      } else {
        probe.bearer(token);
      }
    }
    Duration timeout = get(c, "timeout", path, () -> c.getDuration("timeout"), Duration.ofSeconds(10));
    try {
      Endpoint.Builder b = Endpoint.builder(name, probe.build().timeout(timeout));
      String service = get(c, "service", path, () -> c.getString("service"), null);
      if (service != null) b.service(service);
      Duration interval = get(c, "interval", path, () -> c.getDuration("interval"), null);
      if (interval != null) b.interval(interval);
      Duration jitter = get(c, "jitter", path, () -> c.getDuration("jitter"), null);
      if (jitter != null) b.jitter(jitter);
      Duration degraded = get(c, "degraded-above", path, () -> c.getDuration("degraded-above"), null);
      if (degraded != null) b.degradedAbove(degraded);
      Duration cold = get(c, "cold-start-above", path, () -> c.getDuration("cold-start-above"), null);
      if (cold != null) b.coldStartAbove(cold);
      if (warnDays > 0) b.certificateWarnDays(warnDays);
      String publicUrl = get(c, "public-url", path, () -> c.getString("public-url"), null);
      if (publicUrl != null) b.publicUrl(publicUrl);
      int open = get(c, "failures-to-open", path, () -> c.getInt("failures-to-open"), 3);
      int resolve = get(c, "successes-to-resolve", path, () -> c.getInt("successes-to-resolve"), 2);
      b.failuresToOpen(open).successesToResolve(resolve);
      if (c.hasPath("maintenance")) {
        for (Config w : c.getConfigList("maintenance")) b.maintenance(window(w));
      }
      return b.build();
    } catch (IllegalArgumentException | ConfigException e) {
      problems.add(Problem.error(Problem.OUT_OF_RANGE, path, String.valueOf(e.getMessage()).replaceFirst("^monitor: ", ""))
          .withOrigin(origin(at)));
      return null;
    }
  }

  private MonitorConfig.GitHubSettings github(Config g) {
    String path = "monitor.github";
    unknown(g.root(), path, GITHUB_KEYS);
    MonitorConfig.GitHubSettings d = MonitorConfig.GitHubSettings.DEFAULTS;
    Duration every = get(g, "every", path, () -> g.getDuration("every"), d.every());
    String visibility = get(g, "visibility", path, () -> g.getString("visibility"), null);
    if (visibility != null && !visibility.matches("public|private")) {
      problem(g.getValue("visibility"), path + ".visibility", "'" + visibility + "' is not a visibility", "write public or private");
      visibility = null;
    }
    Long budget = get(g, "minutes-budget", path, () -> g.getLong("minutes-budget"), null);
    if (budget != null && budget < 0) {
      problem(g.getValue("minutes-budget"), path + ".minutes-budget", "must be >= 0 but was " + budget, null);
    }
    String over = get(g, "over-budget", path, () -> g.getString("over-budget"), "refuse");
    if (!over.matches("refuse|warn")) problem(g.getValue("over-budget"), path + ".over-budget", "'" + over + "' is not a policy",
        "write refuse or warn");
    int jobMinutes = get(g, "job-minutes", path, () -> g.getInt("job-minutes"), d.jobMinutes());
    if (jobMinutes < 1) problem(g.getValue("job-minutes"), path + ".job-minutes", "must be >= 1 but was " + jobMinutes,
        "write the minutes a run's longest job takes, rounded up (GitHub bills each job by the started minute)");
    String version = get(g, "runway-version", path, () -> g.getString("runway-version"), null);
    if (version != null && !version.matches("[A-Za-z0-9._+-]+")) {
      problem(g.getValue("runway-version"), path + ".runway-version", "'" + version + "' is not a version", "write e.g. 0.1.0");
      version = null;
    }
    String from = get(g, "install-from", path, () -> g.getString("install-from"), d.installFrom());
    if (!from.startsWith("https://") || !from.contains("{version}") || from.matches(".*[\\s'\"`$;|&<>].*")) {
      problem(g.getValue("install-from"), path + ".install-from", "must be an https:// URL of the distribution's .tar.gz"
          + " with {version} in it, and no quotes, spaces or shell characters", "write \"" + d.installFrom() + "\"");
    }
    String sha = get(g, "install-sha256", path, () -> g.getString("install-sha256"), null);
    if (sha != null && !sha.matches("[0-9a-f]{64}")) {
      problem(g.getValue("install-sha256"), path + ".install-sha256", "is not a SHA-256 (64 lowercase hex digits)",
          "write the output of 'sha256sum runway-<version>.tar.gz'");
      sha = null;
    }
    return new MonitorConfig.GitHubSettings(every, visibility, budget, over.equals("warn"), Math.max(1, jobMinutes), version,
        from, sha);
  }

  private static MaintenanceWindow window(Config w) {
    LocalTime at = LocalTime.parse(w.getString("at"));
    Duration length = w.getDuration("for");
    ZoneId zone = ZoneId.of(w.hasPath("zone") ? w.getString("zone") : "UTC");
    if (w.hasPath("day")) return MaintenanceWindow.weekly(DayOfWeek.valueOf(w.getString("day").toUpperCase(Locale.ROOT)), at, length, zone);
    return MaintenanceWindow.daily(at, length, zone);
  }

  private MonitorConfig.@Nullable KeepWarmSettings keepWarm(Config k) {
    unknown(k.root(), "keep-warm", KEEP_WARM_KEYS);
    Map<String, String> services = new LinkedHashMap<>();
    if (k.hasPath("services")) {
      for (Map.Entry<String, ConfigValue> s : k.getObject("services").entrySet()) {
        services.put(s.getKey(), String.valueOf(s.getValue().unwrapped()));
      }
    }
    Duration interval = get(k, "interval", "keep-warm", () -> k.getDuration("interval"), Duration.ofMinutes(10));
    Duration jitter = get(k, "jitter", "keep-warm", () -> k.getDuration("jitter"), Duration.ofMinutes(1));
    double other = get(k, "other-hours", "keep-warm", () -> k.getDouble("other-hours"), 0.0);
    Duration cold = get(k, "cold-start-above", "keep-warm", () -> k.getDuration("cold-start-above"), Duration.ofSeconds(10));
    String policy = get(k, "over-budget", "keep-warm", () -> k.getString("over-budget"), "refuse");
    KeepWarm.OverBudget over = KeepWarm.OverBudget.REFUSE;
    if (policy.equalsIgnoreCase("warn")) over = KeepWarm.OverBudget.WARN;
    else if (!policy.equalsIgnoreCase("refuse")) {
      problem(k.getValue("over-budget"), "keep-warm.over-budget", "'" + policy + "' is not a policy", "write refuse or warn");
    }
    LocalTime from = null;
    LocalTime to = null;
    ZoneId zone = null;
    if (k.hasPath("active-hours")) {
      Config a = k.getConfig("active-hours");
      try {
        from = LocalTime.parse(a.getString("from"));
        to = LocalTime.parse(a.getString("to"));
        zone = ZoneId.of(a.hasPath("zone") ? a.getString("zone") : "UTC");
      } catch (RuntimeException e) {
        problem(k.getValue("active-hours"), "keep-warm.active-hours", "not valid (" + e.getMessage() + ")",
            "write active-hours { from = \"07:00\", to = \"23:00\", zone = \"Europe/Berlin\" }");
      }
    }
    return new MonitorConfig.KeepWarmSettings(services, interval, jitter, from, to, zone, other, over, cold);
  }

  private <T> T get(Config c, String key, String path, Supplier<T> read, T fallback) {
    if (!c.hasPath(key)) return fallback;
    try {
      return read.get();
    } catch (ConfigException e) {
      String raw = String.valueOf(c.getValue(key).unwrapped());
      // Typesafe Config quotes pieces of the value ("time unit 'xYz...'"), too short to have a key's shape
      String detail = KeyMask.mask(raw).equals(raw)
          ? String.valueOf(e.getMessage()).replaceFirst("^.*?: \\d+: ", "")
          : "has the shape of a key (not shown), which does not belong here";
      problem(c.getValue(key), path + "." + key, detail, null);
      return fallback;
    }
  }

  private void unknown(ConfigObject obj, String path, Set<String> known) {
    for (String key : obj.keySet()) {
      if (!known.contains(key)) {
        problem(obj.get(key), path + "." + key, "not a known key", "use one of " + new TreeSet<>(known));
      }
    }
  }

  private void problem(ConfigValue at, String subject, String message, @Nullable String fix) {
    String code = message.startsWith("not a known") ? Problem.UNKNOWN : Problem.MALFORMED;
    problems.add(Problem.error(code, subject, message).withOrigin(origin(at)).withFix(fix));
  }

  private Origin origin(ConfigValue at) {
    int line = at.origin() == null ? 0 : at.origin().lineNumber();
    return line > 0 ? Origin.file(file, line) : Origin.file(file);
  }

  private static String quote(String key) {
    return "\"" + key.replace("\"", "\\\"") + "\"";
  }
}

package dev.runway.pipeline.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.runway.internal.HoconFiles;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.runway.App;
import dev.runway.Service;
import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import dev.runway.notify.Notification;
import dev.runway.notify.Notifier;
import dev.runway.notify.Notifiers;
import dev.runway.base.Secret;
import dev.runway.pipeline.Approval;
import dev.runway.pipeline.Condition;
import dev.runway.pipeline.DeployTarget;
import dev.runway.pipeline.Gates;
import dev.runway.pipeline.PerformanceBudget;
import dev.runway.pipeline.Pipeline;
import dev.runway.pipeline.PipelineConfig;
import dev.runway.pipeline.Stage;
import dev.runway.pipeline.Step;
import dev.runway.pipeline.Trigger;
import dev.runway.platform.Names;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Reads the {@code pipelines} block of runway.conf, collecting every mistake with its file:line. */
public final class PipelineHocon {
  private static final Set<String> PIPELINE_KEYS = Set.of("on", "stages", "concurrency", "rollback", "notify",
      "on-failure", "always");
  private static final Set<String> TRIGGER_KEYS = Set.of("push", "pull-request", "manual", "schedule");
  private static final Set<String> STAGE_KEYS = Set.of("steps", "parallel", "approval");
  private static final Set<String> APPROVAL_KEYS = Set.of("name", "by", "within");
  private static final Set<String> KINDS = Set.of("run", "deploy", "smoke", "probe", "gate");
  private static final Set<String> COMMON = Set.of("timeout", "retries", "backoff", "when", "secrets", "sandbox");
  private static final Map<String, Set<String>> KIND_KEYS = Map.of(
      "run", Set.of("working-dir", "env"),
      "deploy", Set.of("platform-name"),
      "smoke", Set.of("path", "expect"),
      "probe", Set.of(),
      "gate", Set.of("run", "reports", "min-tests", "service", "path", "url", "baseline", "rps", "duration",
          "max-p95-regression"));
  private static final List<String> GATES = List.of("exit-code", "junit", "performance");
  private static final Set<String> NOTIFIERS = Set.of("slack", "discord", "webhook");
  private static final Duration SANDBOX_BACKOFF = Duration.ofMillis(200);
  private static final Pattern ENV_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");

  private final Path file;
  private final App app;
  private final PipelineConfig.Wiring wiring;
  private final Config root;
  private final List<String> errors = new ArrayList<>();
  private final List<Origin> origins = new ArrayList<>();

  private PipelineHocon(Path file, App app, PipelineConfig.Wiring wiring, Config root) {
    this.file = file;
    this.app = app;
    this.wiring = wiring;
    this.root = root;
  }

  public static List<Pipeline> load(Path file, App app, PipelineConfig.Wiring wiring) {
    Config config;
    try {
      // Bounded as the model is read: regular file, 5 MB, nesting and expansion limits, bounded includes.
      config = HoconFiles.parse(file, "runway.conf");
    } catch (ConfigException e) {
      // The model was read from the same file first, so this is rare (the file changed in between).
      Origin at = Origin.file(file, e.origin() == null ? 0 : Math.max(0, e.origin().lineNumber()));
      throw new RunwayException.ParseFailed(at + ": " + String.valueOf(e.getMessage()).replaceFirst("^.*?: \\d+: ", "")
          + "; fix the HOCON syntax at this line", at, e);
    }
    return new PipelineHocon(file, app, wiring, config).pipelines();
  }

  private List<Pipeline> pipelines() {
    List<Pipeline> out = new ArrayList<>();
    if (!root.hasPath("pipelines")) return out;
    ConfigValue block = root.getValue("pipelines");
    if (!(block instanceof ConfigObject obj)) {
      error(block, "pipelines", "must be an object of pipelines", null, "write pipelines { production-deploy { ... } }");
      throw invalid();
    }
    for (String name : HoconFiles.sortedByLine(obj)) {
      Pipeline p = pipeline(name, obj.get(name), "pipelines." + name);
      if (p != null) out.add(p);
    }
    if (!errors.isEmpty()) throw invalid();
    return out;
  }

  private @Nullable Pipeline pipeline(String name, ConfigValue value, String path) {
    ConfigObject p = object(value, path, "write " + name + " { stages { ... } }");
    if (p == null) return null;
    unknownKeys(p, path, PIPELINE_KEYS);
    Pipeline.Builder b;
    try {
      b = Pipeline.named(name);
    } catch (IllegalArgumentException e) {
      error(value, path, reason(e), null, "use lower-case letters, digits and '-'");
      return null;
    }
    b.config(configPath());
    if (p.containsKey("on")) triggers(b, p.get("on"), path + ".on");
    Map<String, String> platformNames = platformNames(p);
    if (!p.containsKey("stages")) {
      error(value, path + ".stages", "is missing", null, "add stages { build { steps { test { run = \"make test\" } } } }");
    } else {
      ConfigObject stages = object(p.get("stages"), path + ".stages", "write stages { verify { steps { ... } } }");
      if (stages != null) {
        if (stages.isEmpty()) {
          error(stages, path + ".stages", "is empty", null, "add a stage: verify { steps { test { run = \"make test\" } } }");
        }
        for (String stage : HoconFiles.sortedByLine(stages)) stage(b, stage, stages.get(stage), path + ".stages." + stage, platformNames);
      }
    }
    if (p.containsKey("concurrency")) {
      String key = string(p.get("concurrency"), path + ".concurrency");
      if (key != null) apply(p.get("concurrency"), path + ".concurrency", () -> b.concurrency(key));
    }
    if (p.containsKey("rollback")) {
      ConfigValue v = p.get("rollback");
      if (v.valueType() == ConfigValueType.BOOLEAN) b.rollback((Boolean) v.unwrapped());
      else error(v, path + ".rollback", "must be true or false", null, "write rollback = true");
    }
    if (p.containsKey("on-failure")) b.onFailure(handlerSteps(p.get("on-failure"), path + ".on-failure", platformNames));
    if (p.containsKey("always")) b.always(handlerSteps(p.get("always"), path + ".always", platformNames));
    if (p.containsKey("notify")) notifiers(b, p.get("notify"), path + ".notify");
    if (hasErrorsUnder(path)) return null;
    try {
      return b.build();
    } catch (RunwayException.ModelInvalid | IllegalArgumentException e) {
      error(value, path, reason(e).replaceFirst("^pipeline " + Pattern.quote(name) + ": ", ""), null, null);
      return null;
    }
  }

  /** The file as the repository sees it, for exported workflows ({@code runway.conf}, {@code app/runway.conf}). */
  private String configPath() {
    Path f = file.isAbsolute() ? file.getFileName() : file.normalize();
    return f.toString().replace('\\', '/');
  }

  // ------------------------------------------------------------------ triggers

  private void triggers(Pipeline.Builder b, ConfigValue value, String path) {
    ConfigObject on = object(value, path, "write on { push = [main], manual = true }");
    if (on == null) return;
    unknownKeys(on, path, TRIGGER_KEYS);
    // A fixed order (as GitHub lists them), not the file's: triggers are often written on one line.
    for (String key : List.of("push", "pull-request", "manual", "schedule")) {
      ConfigValue v = on.get(key);
      if (v == null) continue;
      String at = path + "." + key;
      switch (key) {
        case "push", "pull-request" -> {
          List<String> branches;
          if (v.valueType() == ConfigValueType.BOOLEAN) {
            if (!(Boolean) v.unwrapped()) continue;
            branches = List.of();
          } else {
            branches = strings(v, at);
            if (branches == null) continue;
          }
          String[] names = branches.toArray(String[]::new);
          b.on(key.equals("push") ? Trigger.push(names) : Trigger.pullRequest(names));
        }
        case "manual" -> {
          if (v.valueType() != ConfigValueType.BOOLEAN) error(v, at, "must be true or false", null, "write manual = true");
          else if ((Boolean) v.unwrapped()) b.on(Trigger.manual());
        }
        case "schedule" -> {
          List<String> crons = v.valueType() == ConfigValueType.STRING ? List.of((String) v.unwrapped()) : strings(v, at);
          if (crons == null) continue;
          for (String cron : crons) apply(v, at, () -> b.on(Trigger.schedule(cron)));
        }
        default -> { }
      }
    }
  }

  // ------------------------------------------------------------------ stages and steps

  private void stage(Pipeline.Builder b, String name, ConfigValue value, String path, Map<String, String> platformNames) {
    ConfigObject s = object(value, path, "write " + name + " { steps { ... } } or " + name + " { parallel { ... } }");
    if (s == null) return;
    unknownKeys(s, path, STAGE_KEYS);
    List<String> present = s.keySet().stream().filter(STAGE_KEYS::contains).sorted().toList();
    if (present.size() != 1) {
      error(value, path, present.isEmpty() ? "has no steps" : "has " + String.join(" and ", present)
          + "; a stage holds one of them", null, "write steps { ... } (in order), parallel { ... } (together) or "
          + "approval { ... }, and split the rest into stages of their own");
      return;
    }
    String kind = present.get(0);
    List<Consumer<Stage.Builder>> parts = new ArrayList<>();
    int before = errors.size();
    if (kind.equals("approval")) {
      Approval a = approval(s.get("approval"), path + ".approval", name);
      if (a != null) parts.add(sb -> sb.gate(a));
    } else {
      if (s.get(kind) instanceof ConfigObject o && o.isEmpty()) {
        error(s.get(kind), path + "." + kind, "is empty", null, "add a step: test { run = \"make test\" }");
        return;
      }
      List<Step> steps = steps(s.get(kind), path + "." + kind, platformNames);
      if (kind.equals("parallel") && steps.size() > 1) parts.add(sb -> sb.parallel(steps.toArray(Step[]::new)));
      else steps.forEach(st -> parts.add(sb -> sb.step(st)));
    }
    if (errors.size() > before || parts.isEmpty()) return; // already reported, once
    try {
      b.stage(name, sb -> parts.forEach(p -> p.accept(sb)));
    } catch (IllegalArgumentException e) {
      error(value, path, reason(e).replaceFirst("^pipeline: (stage|step) '[^']*': ", ""), null, null);
    }
  }

  private Step[] handlerSteps(ConfigValue value, String path, Map<String, String> platformNames) {
    return steps(value, path, platformNames).toArray(Step[]::new);
  }

  private List<Step> steps(ConfigValue value, String path, Map<String, String> platformNames) {
    List<Step> out = new ArrayList<>();
    ConfigObject steps = object(value, path, "write " + path.substring(path.lastIndexOf('.') + 1)
        + " { test { run = \"make test\" } }");
    if (steps == null) return out;
    for (String id : HoconFiles.sortedByLine(steps)) {
      Step st = step(id, steps.get(id), path + "." + id, platformNames);
      if (st != null) out.add(st);
    }
    return out;
  }

  private @Nullable Step step(String id, ConfigValue value, String path, Map<String, String> platformNames) {
    ConfigObject s = object(value, path, "write " + id + " { run = \"make test\" }");
    if (s == null) return null;
    List<String> kinds = s.keySet().stream().filter(KINDS::contains).sorted().toList();
    // A gate's "run" is its command, not a second kind.
    if (kinds.contains("gate")) kinds = List.of("gate");
    if (kinds.size() != 1) {
      error(value, path, kinds.isEmpty() ? "says nothing to do" : "has " + String.join(" and ", kinds)
          + "; a step does one thing", null, "give it one of run = \"<command>\", deploy = <service>, smoke = <service>,"
          + " probe = <monitor endpoint> or gate = exit-code|junit|performance");
      return null;
    }
    String kind = kinds.get(0);
    Set<String> known = new TreeSet<>(COMMON);
    known.add(kind);
    known.addAll(KIND_KEYS.get(kind));
    unknownKeys(s, path, known);
    Config c = s.toConfig();
    int before = errors.size();
    Step step;
    try {
      step = switch (kind) {
        case "run" -> shell(id, s, path);
        case "deploy" -> deploy(id, s, path);
        case "smoke" -> smoke(id, s, path, platformNames);
        case "probe" -> probe(id, s, path);
        default -> gate(id, s, path, platformNames);
      };
    } catch (IllegalArgumentException e) {
      error(value, path, reason(e).replaceFirst("^pipeline: (step|gate) '[^']*': ", ""), null, null);
      return null;
    }
    if (step == null || errors.size() > before) return null;
    try {
      if (s.containsKey("timeout")) {
        Duration d = duration(c, s, "timeout", path);
        if (d != null) step = step.timeout(d);
      }
      if (s.containsKey("retries") || s.containsKey("backoff")) {
        Integer times = s.containsKey("retries") ? integer(s.get("retries"), path + ".retries") : Integer.valueOf(0);
        Duration backoff = s.containsKey("backoff") ? duration(c, s, "backoff", path) : Duration.ofSeconds(1);
        // Sandboxes answer at once: waiting for a real service to warm up would only slow the run.
        if (backoff != null && wiring.sandbox() && backoff.compareTo(SANDBOX_BACKOFF) > 0) backoff = SANDBOX_BACKOFF;
        if (times != null && backoff != null) step = step.retries(times, backoff);
      }
      if (s.containsKey("when")) {
        Condition when = condition(s.get("when"), path + ".when");
        if (when != null) step = step.when(when);
      }
      if (s.containsKey("secrets")) {
        List<String> names = strings(s.get("secrets"), path + ".secrets");
        for (String n : names == null ? List.<String>of() : names) {
          if (!secretName(s.get("secrets"), path + ".secrets", n)) continue;
          step = step.secret(n);
        }
      }
      if (kind.equals("deploy")) {
        Optional<Service> service = service(s.get("deploy"), path + ".deploy");
        if (service.isPresent()) for (String n : wiring.secrets(service.get())) step = step.secret(n);
      }
    } catch (IllegalArgumentException e) {
      error(value, path, reason(e).replaceFirst("^pipeline: step '[^']*': ", ""), null, null);
      return null;
    }
    if (s.containsKey("sandbox")) {
      ConfigValue v = s.get("sandbox");
      String mode = string(v, path + ".sandbox");
      if (mode != null && !mode.equals("skip") && !mode.equals("run")) {
        error(v, path + ".sandbox", "'" + mode + "' is not a sandbox mode", List.of("run", "skip"), null);
      } else if ("skip".equals(mode) && wiring.sandbox()) {
        String what = step.description();
        // A sandbox run has no toolchain or network: the step says what it would have done.
        return Step.java(id, ctx -> ctx.log("sandbox run: not run (sandbox = skip): " + what.lines().findFirst().orElse("")));
      }
    }
    return errors.size() > before ? null : step;
  }

  private @Nullable Step shell(String id, ConfigObject s, String path) {
    String command = string(s.get("run"), path + ".run");
    if (command == null) return null;
    Step step = Step.shell(id, command.strip());
    if (s.containsKey("working-dir")) {
      String dir = string(s.get("working-dir"), path + ".working-dir");
      if (dir != null) step = step.workingDir(Path.of(dir));
    }
    if (s.containsKey("env")) {
      ConfigObject env = object(s.get("env"), path + ".env", "write env { NODE_ENV = production }");
      if (env != null) {
        for (String name : HoconFiles.sortedByLine(env)) {
          ConfigValue v = env.get(name);
          if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST) {
            error(v, path + ".env." + name, "must be a plain value", null, "write " + name + " = \"value\"");
          } else if (v.valueType() != ConfigValueType.NULL) {
            step = step.env(name, String.valueOf(v.unwrapped()));
          }
        }
      }
    }
    return step;
  }

  private @Nullable Step deploy(String id, ConfigObject s, String path) {
    Optional<Service> service = service(s.get("deploy"), path + ".deploy");
    if (service.isEmpty()) return null;
    String platformName = service.get().name();
    if (s.containsKey("platform-name")) {
      String n = string(s.get("platform-name"), path + ".platform-name");
      if (n == null) return null;
      platformName = n;
    }
    DeployTarget target;
    try {
      target = wiring.deployTarget(service.get(), platformName);
    } catch (IllegalArgumentException e) {
      error(s.get("deploy"), path + ".deploy", reason(e), null, null);
      return null;
    }
    return Step.deploy(id, target);
  }

  private @Nullable Step smoke(String id, ConfigObject s, String path, Map<String, String> platformNames) {
    ConfigValue v = s.get("smoke");
    String ref = string(v, path + ".smoke");
    if (ref == null) return null;
    Integer expect = s.containsKey("expect") ? integer(s.get("expect"), path + ".expect") : Integer.valueOf(200);
    if (expect == null) return null;
    URI url = ref.contains("://") ? absolute(v, path + ".smoke", ref) : serviceUrl(s, v, path, "smoke", platformNames);
    return url == null ? null : Step.smoke(id, url, expect);
  }

  /** A smoke test from a monitor endpoint: its URL and first expected status (monitor.endpoints.NAME). */
  private @Nullable Step probe(String id, ConfigObject s, String path) {
    ConfigValue v = s.get("probe");
    String name = string(v, path + ".probe");
    if (name == null) return null;
    Set<String> endpoints = new TreeSet<>();
    if (root.hasPath("monitor.endpoints") && root.getValue("monitor.endpoints") instanceof ConfigObject eps) {
      endpoints.addAll(eps.keySet());
    }
    if (!endpoints.contains(name)) {
      error(v, path + ".probe", "'" + name + "' is not a monitor endpoint", endpoints,
          "declare it under monitor { endpoints { " + name + " { url = \"https://...\" } } }");
      return null;
    }
    Config ep = root.getConfig("monitor.endpoints").getConfig(ConfigUtilQuote.quote(name));
    if (!ep.hasPath("url")) return null; // the monitor reader reports it
    URI url = absolute(v, path + ".probe", ep.getString("url"));
    int status = 200;
    try {
      if (ep.hasPath("expect-status")) {
        List<Integer> codes = ep.getValue("expect-status").valueType() == ConfigValueType.LIST
            ? ep.getIntList("expect-status") : List.of(ep.getInt("expect-status"));
        if (!codes.isEmpty()) status = codes.get(0);
      }
    } catch (ConfigException e) {
      return null; // the monitor reader reports it
    }
    return url == null ? null : Step.smoke(id, url, status);
  }

  private @Nullable Step gate(String id, ConfigObject s, String path, Map<String, String> platformNames) {
    ConfigValue v = s.get("gate");
    String kind = string(v, path + ".gate");
    if (kind == null) return null;
    Config c = s.toConfig();
    switch (kind) {
      case "exit-code" -> {
        if (!s.containsKey("run")) {
          error(v, path + ".run", "is missing", null, "an exit-code gate runs a command: add run = \"npm run lint\"");
          return null;
        }
        String command = string(s.get("run"), path + ".run");
        return command == null ? null : Gates.exitCode(id, command.strip());
      }
      case "junit" -> {
        String reports = s.containsKey("reports") ? string(s.get("reports"), path + ".reports") : null;
        if (reports == null) {
          if (!s.containsKey("reports")) error(v, path + ".reports", "is missing", null,
              "name the folder of the JUnit XML reports: reports = target/surefire-reports");
          return null;
        }
        Integer min = s.containsKey("min-tests") ? integer(s.get("min-tests"), path + ".min-tests") : Integer.valueOf(1);
        return min == null ? null : Gates.junit(id, Path.of(reports), min);
      }
      case "performance" -> {
        URI url;
        if (s.containsKey("url")) {
          String u = string(s.get("url"), path + ".url");
          url = u == null ? null : absolute(s.get("url"), path + ".url", u);
        } else if (s.containsKey("service")) {
          url = serviceUrl(s, s.get("service"), path, "service", platformNames);
        } else {
          error(v, path + ".url", "is missing", null, "a performance gate loads a URL: add service = api or url = \"https://...\"");
          return null;
        }
        String baseline = s.containsKey("baseline") ? string(s.get("baseline"), path + ".baseline") : ".runway/perf-baseline.json";
        if (url == null || baseline == null) return null;
        PerformanceBudget budget = PerformanceBudget.of(Path.of(baseline));
        if (s.containsKey("rps")) {
          Integer rps = integer(s.get("rps"), path + ".rps");
          if (rps == null) return null;
          budget = budget.requestsPerSecond(rps);
        }
        if (s.containsKey("duration")) {
          Duration d = duration(c, s, "duration", path);
          if (d == null) return null;
          budget = budget.duration(d);
        }
        if (s.containsKey("max-p95-regression")) {
          Double share = share(s.get("max-p95-regression"), path + ".max-p95-regression");
          if (share == null) return null;
          budget = budget.maxP95Regression(share);
        }
        return Gates.performance(id, url, budget);
      }
      default -> {
        error(v, path + ".gate", "'" + kind + "' is not a gate", GATES, null);
        return null;
      }
    }
  }

  /** The URL of the service named at {@code v}: the wiring's base and the step's path or the service's health check path. */
  private @Nullable URI serviceUrl(ConfigObject s, ConfigValue v, String path, String key,
      Map<String, String> platformNames) {
    Optional<Service> service = service(v, path + "." + key);
    if (service.isEmpty()) return null;
    String p;
    if (s.containsKey("path")) {
      p = string(s.get("path"), path + ".path");
      if (p == null) return null;
    } else {
      Optional<String> health = service.get().setting("health-check-path");
      if (health.isEmpty()) {
        error(v, path + "." + key, "service '" + service.get().name() + "' has no health-check-path", null,
            "add path = /api/health to the step, or health-check-path = /api/health to services."
                + service.get().name());
        return null;
      }
      p = health.get();
    }
    if (!p.startsWith("/")) p = "/" + p;
    String base = wiring.url(service.get(), platformNames.getOrDefault(service.get().name(), service.get().name()))
        .toString().replaceAll("/+$", "");
    return URI.create(base + p);
  }

  /** Each deployed service's platform-name, so smoke tests and gates of it call the same place. */
  private static Map<String, String> platformNames(ConfigObject pipeline) {
    Map<String, String> out = new LinkedHashMap<>();
    collectPlatformNames(pipeline, out);
    return out;
  }

  private static void collectPlatformNames(ConfigObject obj, Map<String, String> out) {
    if (obj.get("deploy") != null && obj.get("deploy").valueType() == ConfigValueType.STRING
        && obj.get("platform-name") != null && obj.get("platform-name").valueType() == ConfigValueType.STRING) {
      out.putIfAbsent((String) obj.get("deploy").unwrapped(), (String) obj.get("platform-name").unwrapped());
    }
    for (ConfigValue v : obj.values()) if (v instanceof ConfigObject child) collectPlatformNames(child, out);
  }

  private @Nullable Approval approval(ConfigValue value, String path, String stage) {
    ConfigObject a = object(value, path, "write approval { name = production, by = [ops], within = 4h }");
    if (a == null) return null;
    unknownKeys(a, path, APPROVAL_KEYS);
    String name = a.containsKey("name") ? string(a.get("name"), path + ".name") : stage;
    if (name == null) return null;
    try {
      Approval approval = Approval.named(name);
      if (a.containsKey("by")) {
        List<String> who = strings(a.get("by"), path + ".by");
        if (who == null) return null;
        approval = approval.by(who.toArray(String[]::new));
      }
      if (a.containsKey("within")) {
        Duration d = duration(a.toConfig(), a, "within", path);
        if (d == null) return null;
        approval = approval.within(d);
      }
      return approval;
    } catch (IllegalArgumentException e) {
      error(value, path, reason(e).replaceFirst("^pipeline: (approval|step) '[^']*': ", ""), null, null);
      return null;
    }
  }

  private @Nullable Condition condition(ConfigValue value, String path) {
    ConfigObject w = object(value, path, "write when { branch = [main], environment = [production] }");
    if (w == null) return null;
    unknownKeys(w, path, Set.of("branch", "environment"));
    Condition c = Condition.always();
    if (w.containsKey("branch")) {
      List<String> b = listOrOne(w.get("branch"), path + ".branch");
      if (b == null) return null;
      c = c.and(Condition.branch(b.toArray(String[]::new)));
    }
    if (w.containsKey("environment")) {
      List<String> e = listOrOne(w.get("environment"), path + ".environment");
      if (e == null) return null;
      Set<String> known = new TreeSet<>();
      app.environments().forEach(env -> known.add(env.name()));
      for (String name : e) {
        if (!known.contains(name)) {
          error(w.get("environment"), path + ".environment", "'" + name + "' is not an environment of the model", known, null);
          return null;
        }
      }
      c = c.and(Condition.environment(e.toArray(String[]::new)));
    }
    return c;
  }

  // ------------------------------------------------------------------ notifications

  private void notifiers(Pipeline.Builder b, ConfigValue value, String path) {
    ConfigObject n = object(value, path, "write notify { slack = SLACK_WEBHOOK_URL }");
    if (n == null) return;
    unknownKeys(n, path, NOTIFIERS);
    for (String kind : HoconFiles.sortedByLine(n)) {
      if (!NOTIFIERS.contains(kind)) continue;
      ConfigValue v = n.get(kind);
      String secret = string(v, path + "." + kind);
      if (secret == null || !secretName(v, path + "." + kind, secret)) continue;
      b.notify(new SecretNotifier(kind, secret));
    }
  }

  /**
   * A notifier whose webhook URL is read from the environment variable {@code secret} when a
   * notification is sent, so runway.conf holds the name only and a plan or export never needs it.
   */
  static final class SecretNotifier implements Notifier {
    private final String kind;
    private final String secret;

    SecretNotifier(String kind, String secret) {
      this.kind = kind;
      this.secret = secret;
    }

    @Override
    public void send(Notification notification) {
      String url = System.getenv(secret);
      if (url == null || url.isBlank()) {
        throw new RunwayException(kind + " notification: " + secret + " is not set; export it (a GitHub secret in CI)"
            + " holding the webhook URL", Origin.processEnv(), null);
      }
      Secret value = Secret.of(url.trim());
      Notifier n = switch (kind) {
        case "slack" -> Notifiers.slack(value);
        case "discord" -> Notifiers.discord(value);
        default -> Notifiers.webhook(value);
      };
      n.send(notification);
    }

    @Override
    public String toString() {
      return kind + " (" + secret + ")";
    }
  }

  /** A secret is given by its name; a value (a URL, a token) in the file is refused without echoing it. */
  private boolean secretName(ConfigValue at, String path, String name) {
    if (ENV_NAME.matcher(name).matches()) return true;
    String what = name.contains("://") ? "a URL" : "not the name of an environment variable";
    error(at, path, "is " + what + "; runway.conf names secrets, it never holds them", null,
        "set the value in the environment (a GitHub secret in CI) under a name such as SLACK_WEBHOOK_URL and write that name");
    return false;
  }

  // ------------------------------------------------------------------ values

  private Optional<Service> service(ConfigValue v, String path) {
    String name = string(v, path);
    if (name == null) return Optional.empty();
    Set<String> known = new TreeSet<>();
    app.services().forEach(s -> known.add(s.name()));
    if (!known.contains(name)) {
      if (errors.stream().noneMatch(e -> e.contains(": " + path + ": "))) {
        error(v, path, "'" + name + "' is not a service of the model", known, null);
      }
      return Optional.empty();
    }
    return Optional.of(app.service(name));
  }

  private @Nullable URI absolute(ConfigValue at, String path, String url) {
    try {
      URI u = URI.create(url);
      if (u.getScheme() != null && (u.getScheme().equals("http") || u.getScheme().equals("https")) && u.getHost() != null) {
        return u;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    error(at, path, "'" + url.replaceAll("[?#].*", "") + "' is not an http(s) URL", null,
        "write a URL such as \"https://api.example.com/api/health\", or a service name");
    return null;
  }

  private @Nullable Duration duration(Config c, ConfigObject obj, String key, String path) {
    try {
      Duration d = c.getDuration(ConfigUtilQuote.quote(key));
      if (d.isNegative() || d.isZero()) {
        error(obj.get(key), path + "." + key, "must be positive but was " + obj.get(key).unwrapped(), null, "write e.g. " + key + " = 10m");
        return null;
      }
      return d;
    } catch (ConfigException e) {
      error(obj.get(key), path + "." + key, "'" + obj.get(key).unwrapped() + "' is not a duration", null,
          "write e.g. " + key + " = 10m (ms, s, m, h, d)");
      return null;
    }
  }

  private @Nullable Integer integer(ConfigValue v, String path) {
    Object u = v.unwrapped();
    if (u instanceof Integer i) return i;
    if (u instanceof Long l && l == l.intValue()) return l.intValue();
    if (u instanceof String str && str.matches("-?\\d+")) return Integer.parseInt(str);
    error(v, path, "'" + u + "' is not a whole number", null, null);
    return null;
  }

  /** {@code 0.25} or {@code "25%"}. */
  private @Nullable Double share(ConfigValue v, String path) {
    Object u = v.unwrapped();
    if (u instanceof Number n) return n.doubleValue();
    if (u instanceof String str && str.matches("\\d+(\\.\\d+)?%")) return Double.parseDouble(str.substring(0, str.length() - 1)) / 100;
    error(v, path, "'" + u + "' is not a share", null, "write 0.25 or \"25%\"");
    return null;
  }

  private @Nullable String string(ConfigValue v, String path) {
    if (v.valueType() == ConfigValueType.STRING || v.valueType() == ConfigValueType.NUMBER
        || v.valueType() == ConfigValueType.BOOLEAN) {
      return String.valueOf(v.unwrapped());
    }
    error(v, path, "must be a string", null, null);
    return null;
  }

  private @Nullable List<String> strings(ConfigValue v, String path) {
    if (v.valueType() != ConfigValueType.LIST) {
      error(v, path, "must be a list", null, "write [" + (v.valueType() == ConfigValueType.STRING ? v.unwrapped() : "a, b") + "]");
      return null;
    }
    List<String> out = new ArrayList<>();
    for (Object o : (List<?>) v.unwrapped()) {
      if (o instanceof Map || o instanceof List || o == null) {
        error(v, path, "must list names", null, null);
        return null;
      }
      out.add(String.valueOf(o));
    }
    return out;
  }

  private @Nullable List<String> listOrOne(ConfigValue v, String path) {
    return v.valueType() == ConfigValueType.STRING ? List.of((String) v.unwrapped()) : strings(v, path);
  }

  private @Nullable ConfigObject object(ConfigValue v, String path, String fix) {
    if (v instanceof ConfigObject o) return o;
    error(v, path, "must be an object", null, fix);
    return null;
  }

  private void unknownKeys(ConfigObject obj, String path, Set<String> known) {
    for (String key : HoconFiles.sortedByLine(obj)) {
      if (!known.contains(key)) error(obj.get(key), path + "." + key, "is not a setting here", known, null);
    }
  }

  private void apply(ConfigValue at, String path, Runnable r) {
    try {
      r.run();
    } catch (IllegalArgumentException e) {
      error(at, path, reason(e).replaceFirst("^pipeline: [^:]*: ", ""), null, null);
    }
  }

  private boolean hasErrorsUnder(String path) {
    return errors.stream().anyMatch(e -> e.contains(": " + path + ".") || e.contains(": " + path + ": "));
  }

  private static String reason(RuntimeException e) {
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  private void error(ConfigValue at, String path, String problem, @Nullable Collection<String> known, @Nullable String fix) {
    Origin origin = origin(at.origin());
    String key = path.substring(path.lastIndexOf('.') + 1);
    String hint;
    if (known != null) {
      Matcher quoted = Pattern.compile("'([^']+)'").matcher(problem);
      String suggestion = Names.closest(quoted.find() ? quoted.group(1) : key, known)
          .map(c -> "did you mean " + c + "? ").orElse("");
      hint = suggestion + "(" + Names.known(known) + ")" + (fix == null ? "" : " " + fix);
    } else {
      hint = fix == null ? "" : fix;
    }
    errors.add(origin + ": " + path + ": " + problem + (hint.isEmpty() ? "" : "; " + hint));
    origins.add(origin);
  }

  private Origin origin(@Nullable ConfigOrigin o) {
    return Origin.file(file, o == null ? 0 : Math.max(0, o.lineNumber()));
  }

  private RunwayException invalid() {
    // Sorted by line, so a long list reads top-down like the file.
    TreeMap<Integer, List<String>> byLine = new TreeMap<>();
    for (int i = 0; i < errors.size(); i++) {
      String e = errors.get(i);
      Matcher m = Pattern.compile("^.*?:(\\d+): ").matcher(e);
      int line = m.find() ? Integer.parseInt(m.group(1)) : 0;
      byLine.computeIfAbsent(line, k -> new ArrayList<>()).add(e);
    }
    List<String> sorted = new ArrayList<>();
    byLine.values().forEach(l -> l.stream().distinct().forEach(sorted::add));
    return new RunwayException.ModelInvalid(String.join("\n", sorted.stream().distinct().toList()), origins.get(0));
  }

  /** Keys such as {@code deploy-api} are safe in paths; quoting keeps keys with dots or quotes working. */
  private static final class ConfigUtilQuote {
    static String quote(String key) {
      return com.typesafe.config.ConfigUtil.quoteString(key);
    }
  }
}

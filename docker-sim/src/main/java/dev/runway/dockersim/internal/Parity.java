package dev.runway.dockersim.internal;

import dev.runway.App;
import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.base.Problems;
import dev.runway.env.Environment;
import dev.runway.render.YamlTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a compose file and the blueprint disagree, for one environment: variables, port, health
 * check, plan limits and start command. Each problem names the compose file's line and the fix.
 */
public final class Parity {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(us|ms|s|m|h)");
  private static final Pattern MEMORY = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([bkmg]?)b?", Pattern.CASE_INSENSITIVE);

  private final List<Problem> out = new ArrayList<>();
  private final Origin file;
  private final Environment environment;
  /** The line of the service's name, where service-wide problems point. */
  private int serviceLine;

  private Parity(Origin file, Environment environment) {
    this.file = file;
    this.environment = environment;
  }

  public static Problems check(App app, Environment environment, YamlTree.Node root, Origin file) {
    Parity p = new Parity(file, environment);
    YamlTree.Node services = root.get("services").orElse(null);
    for (String name : Target.renderServices(app)) {
      Target t = Target.of(app, name, environment, 0);
      if (!t.runsInDocker()) continue;
      YamlTree.Node svc = services == null ? null : services.get(name).orElse(null);
      if (svc == null) {
        p.out.add(Problem.error(Problem.MISSING, "services." + name, "is a Render service (runtime docker) but the"
            + " compose file has no such service").withOrigin(file.withLine(services == null ? 0 : root.keyLine("services")))
            .withFix("run runway simulate compose --env " + environment.name()));
        continue;
      }
      p.serviceLine = services.keyLine(name);
      p.service(t, svc, ComposeGenerator.localDatabase(app).filter(db -> services.get(db).isPresent()));
    }
    return Problems.of(p.out);
  }

  private void service(Target t, YamlTree.Node svc, Optional<String> localDb) {
    String subject = "services." + t.service();
    environment(t, svc, subject, localDb);
    if (t.type().equals("web")) port(t, svc, subject);
    health(t, svc, subject);
    limits(t, svc, subject);
    command(t, svc, subject);
  }

  private record Setting(Optional<String> value, int line) {}

  private void environment(Target t, YamlTree.Node svc, String subject, Optional<String> localDb) {
    Map<String, Setting> env = new LinkedHashMap<>();
    YamlTree.Node envNode = svc.get("environment").orElse(null);
    if (envNode != null) {
      envNode.fields().forEach((k, v) -> env.put(k, new Setting(v.scalarText(), envNode.keyLine(k))));
      for (YamlTree.Node item : envNode.items()) {
        String text = item.scalarText().orElse("");
        int eq = text.indexOf('=');
        env.put(eq < 0 ? text : text.substring(0, eq), new Setting(eq < 0 ? Optional.empty() : Optional.of(text.substring(eq + 1)),
            item.line()));
      }
    }
    int envLine = envNode == null ? serviceLine : svc.keyLine("environment");
    boolean hasEnvFile = svc.get("env_file").map(n -> n.isScalar() ? n.scalarText().isPresent() : !n.items().isEmpty()).orElse(false);
    String envKey = subject + ".environment.";
    for (Map.Entry<String, String> e : t.inline().entrySet()) {
      String key = e.getKey();
      String want = e.getValue();
      Setting have = env.get(key);
      if (have == null) {
        out.add(Problem.error(Problem.MISSING, envKey + key, "is not set here; Render sets it to '" + want + "'")
            .withOrigin(file.withLine(envLine)).withFix("add " + key + ": \"" + want + "\" under " + subject + ".environment"));
      } else if (have.value().isPresent() && !have.value().get().equals(want)) {
        out.add(Problem.error(Problem.CONFLICT, envKey + key, "is '" + have.value().get() + "' here; Render sets '" + want + "'")
            .withOrigin(file.withLine(have.line())).withFix("set " + key + ": \"" + want + "\""));
      }
    }
    List<String> unset = new ArrayList<>();
    for (String key : t.fromEnvFile()) {
      Setting have = env.get(key);
      boolean inline = have != null && have.value().isPresent();
      if (inline && t.postgresUrls().contains(key)) {
        if (hasPassword(have.value().get())) {
          out.add(Problem.error(Problem.LEAK, envKey + key, "holds a database password in the compose file")
              .withOrigin(file.withLine(have.line()))
              .withFix("point it at the local database without a password, or move it to .env." + environment.name()));
        }
      } else if (inline && t.secrets().contains(key)) {
        out.add(Problem.error(Problem.LEAK, envKey + key, "holds a secret value in the compose file; Render keeps it"
            + " out of render.yaml (sync: false)").withOrigin(file.withLine(have.line()))
            .withFix("remove it here and put it in .env." + environment.name() + ", which env_file loads"));
      } else if (have == null && !(localDb.isPresent() && t.postgresUrls().contains(key))) {
        unset.add(key);
      }
    }
    if (!unset.isEmpty() && !hasEnvFile) {
      out.add(Problem.error(Problem.MISSING, subject + ".env_file", "is missing, so " + String.join(", ", unset)
          + " get no value (Render takes them from the dashboard: sync: false)").withOrigin(file.withLine(serviceLine))
          .withFix("add env_file: [.env." + environment.name() + "]"));
    }
    if (!env.containsKey("RENDER")) {
      out.add(Problem.warning(Problem.MISSING, envKey + "RENDER", "is not set here; Render sets RENDER=true, and code"
          + " that checks it behaves differently").withOrigin(file.withLine(envLine)).withFix("add RENDER: \"true\""));
    }
    for (Map.Entry<String, Setting> e : env.entrySet()) {
      String key = e.getKey();
      if (t.inline().containsKey(key) || t.fromEnvFile().contains(key) || t.injected().containsKey(key)) continue;
      out.add(Problem.warning(Problem.UNKNOWN, envKey + key, "is set here but Render does not set it (the model gives "
          + t.service() + " no such variable)").withOrigin(file.withLine(e.getValue().line()))
          .withFix("declare " + key + " in the model with targets = [" + t.service() + "], or remove it here"));
    }
  }

  private void port(Target t, YamlTree.Node svc, String subject) {
    YamlTree.Node ports = svc.get("ports").orElse(null);
    String fix = "publish it: ports: [\"" + t.port() + ":" + t.port() + "\"]";
    if (ports == null || ports.items().isEmpty()) {
      out.add(Problem.error(Problem.MISSING, subject + ".ports", "publishes no port; Render routes traffic to $PORT ("
          + t.port() + ")").withOrigin(file.withLine(serviceLine)).withFix(fix));
      return;
    }
    List<Integer> targets = new ArrayList<>();
    for (YamlTree.Node p : ports.items()) containerPort(p).ifPresent(targets::add);
    if (!targets.contains(t.port())) {
      out.add(Problem.error(Problem.CONFLICT, subject + ".ports", "publishes container port" + (targets.size() == 1 ? " " : "s ")
          + targets.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("?") + ", but the app listens on $PORT ("
          + t.port() + ") as on Render").withOrigin(file.withLine(svc.keyLine("ports"))).withFix(fix));
    }
  }

  /** The container side of {@code "8080:10000"}, {@code "127.0.0.1:8080:10000/tcp"}, {@code 10000} or {@code {target: 10000}}. */
  static Optional<Integer> containerPort(YamlTree.Node p) {
    String text = p.isMap() ? p.get("target").flatMap(YamlTree.Node::scalarText).orElse("") : p.scalarText().orElse("");
    int slash = text.indexOf('/');
    if (slash >= 0) text = text.substring(0, slash);
    int colon = text.lastIndexOf(':');
    if (colon >= 0) text = text.substring(colon + 1);
    int dash = text.indexOf('-');
    if (dash >= 0) text = text.substring(0, dash);
    try {
      return Optional.of(Integer.parseInt(text.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private void health(Target t, YamlTree.Node svc, String subject) {
    if (t.healthCheckPath().isEmpty()) return;
    String path = t.healthCheckPath().get();
    String url = t.healthUrl("localhost", t.port()).orElseThrow();
    YamlTree.Node hc = svc.get("healthcheck").orElse(null);
    String fix = "add healthcheck: {test: [CMD-SHELL, \"" + ComposeGenerator.healthCommand(url) + "\"], timeout: "
        + Target.HEALTH_TIMEOUT_SECONDS + "s}";
    if (hc == null) {
      out.add(Problem.error(Problem.MISSING, subject + ".healthcheck", "is missing; Render gates every deploy on "
          + path + " answering 2xx/3xx within " + Target.HEALTH_TIMEOUT_SECONDS + " s").withOrigin(file.withLine(serviceLine))
          .withFix(fix));
      return;
    }
    Origin at = file.withLine(svc.keyLine("healthcheck"));
    boolean disabled = hc.get("disable").flatMap(YamlTree.Node::scalarText).map(v -> v.equalsIgnoreCase("true")).orElse(false);
    String test = hc.get("test").map(n -> n.isScalar() ? n.scalarText().orElse("")
        : String.join(" ", n.items().stream().map(i -> i.scalarText().orElse("")).toList())).orElse("");
    if (disabled || test.trim().equals("NONE")) {
      out.add(Problem.error(Problem.CONFLICT, subject + ".healthcheck", "is disabled; Render checks " + path
          + " before every deploy goes live").withOrigin(at).withFix(fix));
      return;
    }
    if (!mentionsPath(test, path)) {
      out.add(Problem.error(Problem.CONFLICT, subject + ".healthcheck.test", "does not request " + path
          + ", the path Render checks").withOrigin(file.withLine(hc.keyLine("test")))
          .withFix("request " + url + " in the test: [CMD-SHELL, \"" + ComposeGenerator.healthCommand(url) + "\"]"));
    }
    Optional<String> timeout = hc.get("timeout").flatMap(YamlTree.Node::scalarText);
    double seconds = timeout.map(Parity::seconds).orElse(30.0);
    if (seconds > Target.HEALTH_TIMEOUT_SECONDS) {
      out.add(Problem.error(Problem.CONFLICT, subject + ".healthcheck.timeout", "waits " + timeout.orElse("30s (compose's default)")
          + "; Render fails the check after " + Target.HEALTH_TIMEOUT_SECONDS + " s").withOrigin(file.withLine(hc.keyLine("timeout")))
          .withFix("set timeout: " + Target.HEALTH_TIMEOUT_SECONDS + "s"));
    }
  }

  private static boolean mentionsPath(String test, String path) {
    String p = path.startsWith("/") ? path : "/" + path;
    int i = test.indexOf(p);
    while (i >= 0) {
      int end = i + p.length();
      if (end == test.length() || " \"'?#".indexOf(test.charAt(end)) >= 0) return true;
      i = test.indexOf(p, i + 1);
    }
    return false;
  }

  private void limits(Target t, YamlTree.Node svc, String subject) {
    Optional<YamlTree.Node> limits = svc.get("deploy").flatMap(d -> d.get("resources")).flatMap(r -> r.get("limits"));
    String plan = "the " + t.plan().wire() + " plan";
    // Memory: deploy.resources.limits.memory, else mem_limit.
    Optional<YamlTree.Node> memNode = limits.flatMap(l -> l.get("memory")).or(() -> svc.get("mem_limit"));
    String memFix = "set deploy.resources.limits.memory: " + t.memoryLimit();
    if (memNode.isEmpty()) {
      out.add(Problem.error(Problem.MISSING, subject + ".deploy.resources.limits.memory", "is not set; " + plan + " gives "
          + t.plan().memoryMb() + " MB, and an instance that needs more is stopped on Render")
          .withOrigin(file.withLine(serviceLine)).withFix(memFix));
    } else {
      String text = memNode.get().scalarText().orElse("");
      OptionalLong bytes = bytes(text);
      if (bytes.isEmpty() || bytes.getAsLong() != t.plan().memoryMb() * 1024L * 1024L) {
        out.add(Problem.error(Problem.CONFLICT, subject + ".deploy.resources.limits.memory", "is '" + text + "'; " + plan
            + " gives " + t.plan().memoryMb() + " MB").withOrigin(file.withLine(memNode.get().line())).withFix(memFix));
      }
    }
    Optional<YamlTree.Node> cpuNode = limits.flatMap(l -> l.get("cpus")).or(() -> svc.get("cpus"));
    String cpuFix = "set deploy.resources.limits.cpus: \"" + t.cpuLimit() + "\"";
    if (cpuNode.isEmpty()) {
      out.add(Problem.error(Problem.MISSING, subject + ".deploy.resources.limits.cpus", "is not set; " + plan + " gives "
          + t.cpuLimit() + " CPU").withOrigin(file.withLine(serviceLine)).withFix(cpuFix));
    } else {
      String text = cpuNode.get().scalarText().orElse("");
      OptionalDouble cpus = number(text);
      if (cpus.isEmpty() || Math.abs(cpus.getAsDouble() - t.plan().cpu()) > 1e-9) {
        out.add(Problem.error(Problem.CONFLICT, subject + ".deploy.resources.limits.cpus", "is '" + text + "'; " + plan
            + " gives " + t.cpuLimit() + " CPU").withOrigin(file.withLine(cpuNode.get().line())).withFix(cpuFix));
      }
    }
  }

  private void command(Target t, YamlTree.Node svc, String subject) {
    Optional<String> have = svc.get("command").map(n -> n.isScalar() ? n.scalarText().orElse("")
        : String.join(" ", n.items().stream().map(i -> i.scalarText().orElse("")).toList())).map(Parity::squash);
    Optional<String> want = t.dockerCommand().map(Parity::squash);
    Origin at = file.withLine(have.isPresent() ? svc.keyLine("command") : serviceLine);
    if (want.isPresent() && have.isEmpty()) {
      out.add(Problem.error(Problem.MISSING, subject + ".command", "is not set, so the image's CMD runs; Render runs '"
          + want.get() + "' (docker-command)").withOrigin(at).withFix("set command: \"" + want.get() + "\""));
    } else if (want.isEmpty() && have.isPresent()) {
      out.add(Problem.error(Problem.CONFLICT, subject + ".command", "runs '" + have.get() + "'; Render runs the"
          + " Dockerfile's CMD (the model sets no docker-command)").withOrigin(at)
          .withFix("remove command here, or set docker-command = \"" + have.get() + "\" on " + t.service() + " in the model"));
    } else if (want.isPresent() && !want.get().equals(have.get())) {
      out.add(Problem.error(Problem.CONFLICT, subject + ".command", "runs '" + have.get() + "'; Render runs '" + want.get()
          + "'").withOrigin(at).withFix("set command: \"" + want.get() + "\""));
    }
  }

  private static String squash(String s) {
    return s.trim().replaceAll("\\s+", " ");
  }

  private static boolean hasPassword(String url) {
    try {
      String userInfo = java.net.URI.create(url.trim()).getRawUserInfo();
      return userInfo != null && userInfo.contains(":") && userInfo.length() > userInfo.indexOf(':') + 1;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Compose durations: {@code 5s}, {@code 1m30s}, {@code 500ms}; NaN when unreadable (treated as too long). */
  static double seconds(String text) {
    String s = text.trim();
    Matcher m = DURATION.matcher(s);
    double total = 0;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) return Double.POSITIVE_INFINITY;
      double n = Double.parseDouble(m.group(1));
      switch (m.group(2)) {
        case "us": total += n / 1_000_000; break;
        case "ms": total += n / 1000; break;
        case "s": total += n; break;
        case "m": total += n * 60; break;
        default: total += n * 3600; break;
      }
      end = m.end();
    }
    return end == s.length() && end > 0 ? total : Double.POSITIVE_INFINITY;
  }

  /** Compose byte values: {@code 512M}, {@code 512mb}, {@code 0.5g}, {@code 536870912}. */
  static OptionalLong bytes(String text) {
    Matcher m = MEMORY.matcher(text.trim());
    if (!m.matches()) return OptionalLong.empty();
    double n = Double.parseDouble(m.group(1));
    long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "k" -> 1024L;
      case "m" -> 1024L * 1024;
      case "g" -> 1024L * 1024 * 1024;
      default -> 1L;
    };
    return OptionalLong.of(Math.round(n * unit));
  }

  private static OptionalDouble number(String text) {
    try {
      return OptionalDouble.of(Double.parseDouble(text.trim()));
    } catch (NumberFormatException e) {
      return OptionalDouble.empty();
    }
  }
}

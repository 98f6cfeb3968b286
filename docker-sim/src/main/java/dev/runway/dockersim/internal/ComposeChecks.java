package dev.runway.dockersim.internal;

import dev.runway.base.InputFiles;
import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.base.RunwayException;
import dev.runway.env.KeyFormat;
import dev.runway.render.YamlTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compose file checked on its own, without a model: what Docker Compose itself would refuse or
 * get wrong. See {@code docs/local-simulation.md} ("Checking a compose file") for the list.
 *
 * <p>The schema part is structural: the project has no JSON Schema validator at run time (networknt
 * is a test dependency), so the fields are checked against the names and shapes of the Compose
 * specification's {@code compose-spec.json}; {@code ComposeChecksTest} holds the name lists to the
 * spec so that they cannot drift.
 */
public final class ComposeChecks {
  public static final String OBSOLETE = "OBSOLETE";

  /** compose-spec.json, top-level {@code properties} (besides {@code x-*}). */
  public static final Set<String> TOP_LEVEL = Set.of("version", "name", "include", "services", "models", "networks",
      "volumes", "secrets", "configs");
  /** compose-spec.json, {@code definitions.service.properties} (besides {@code x-*}). */
  public static final Set<String> SERVICE_FIELDS = Set.of("annotations", "attach", "blkio_config", "build", "cap_add",
      "cap_drop", "cgroup", "cgroup_parent", "command", "configs", "container_name", "cpu_count", "cpu_percent", "cpu_period",
      "cpu_quota", "cpu_rt_period", "cpu_rt_runtime", "cpu_shares", "cpus", "cpuset", "credential_spec", "depends_on",
      "deploy", "develop", "device_cgroup_rules", "devices", "dns", "dns_opt", "dns_search", "domainname", "entrypoint",
      "env_file", "environment", "expose", "extends", "external_links", "extra_hosts", "gpus", "group_add", "healthcheck",
      "hostname", "image", "init", "ipc", "isolation", "label_file", "labels", "links", "logging", "mac_address", "mem_limit",
      "mem_reservation", "mem_swappiness", "memswap_limit", "models", "network_mode", "networks", "oom_kill_disable",
      "oom_score_adj", "pid", "pids_limit", "platform", "ports", "post_start", "pre_stop", "privileged", "profiles", "provider",
      "pull_policy", "pull_refresh_after", "read_only", "restart", "runtime", "scale", "secrets", "security_opt", "shm_size",
      "stdin_open", "stop_grace_period", "stop_signal", "storage_opt", "sysctls", "tmpfs", "tty", "ulimits", "use_api_socket",
      "user", "userns_mode", "uts", "volumes", "volumes_from", "working_dir");
  private static final Set<String> DEFAULT_NAMES = Set.of("compose.yaml", "compose.yml", "docker-compose.yaml",
      "docker-compose.yml");
  private static final Set<String> OVERRIDE_NAMES = Set.of("compose.override.yaml", "compose.override.yml",
      "docker-compose.override.yaml", "docker-compose.override.yml");
  private static final Pattern SERVICE_NAME = Pattern.compile("[a-zA-Z0-9._-]+");
  /** {@code [[ip:]published:]target[/protocol]}; ip may be IPv6 in brackets; ports may be ranges. */
  private static final Pattern SHORT_PORT = Pattern.compile(
      "(?:(?:(\\[[0-9a-fA-F:.]*\\]|[0-9.]+|[0-9a-fA-F:]*::[0-9a-fA-F:]*):)?(\\d*(?:-\\d+)?):)?(\\d+(?:-\\d+)?)(?:/(\\w+))?");
  /** Name parts that make a variable a secret; {@link #NOT_SECRET_LAST} parts turn that off again. */
  private static final Set<String> SECRET_PARTS = Set.of("SECRET", "PASSWORD", "PASSWD", "TOKEN", "APIKEY", "CREDENTIALS");
  private static final Set<String> KEY_QUALIFIERS = Set.of("API", "PRIVATE", "ACCESS", "SECRET", "ENCRYPTION", "SIGNING",
      "MASTER", "AUTH", "ROLE", "LICENSE");
  private static final Set<String> NOT_SECRET_LAST = Set.of("FILE", "PATH", "DIR", "URL", "URI", "HOST", "PORT", "NAME",
      "USER", "USERNAME", "ID", "TTL", "EXPIRY", "EXPIRES", "EXPIRE", "EXPIRATION", "LIFETIME", "AGE", "LENGTH", "MIN", "MAX",
      "TIMEOUT", "ENABLED", "ENABLE", "DISABLED", "HEADER", "TYPE", "ALGORITHM", "ALG", "ROUNDS", "COST", "POLICY", "ENDPOINT",
      "FIELD", "PARAM", "ISSUER", "AUDIENCE", "PREFIX", "LOCATION", "REQUIRED", "MODE", "METHOD", "SIZE", "COUNT", "REGEX");
  private static final Set<String> NOT_SECRET_VALUES = Set.of("true", "false", "yes", "no", "null", "none", "");

  private final List<Problem> out = new ArrayList<>();
  private final Path file;
  private final Path dir;
  /** Where a problem already reported stands, so that a field merged into many services is reported once. */
  private final Set<String> reported = new HashSet<>();

  private ComposeChecks(Path file) {
    this.file = file;
    Path parent = file.toAbsolutePath().getParent();
    this.dir = parent == null ? Path.of("") : parent;
  }

  /** Checks one compose file; every problem names {@code file:line}. */
  public static List<Problem> check(Path file) {
    ComposeChecks c = new ComposeChecks(file);
    String text;
    try {
      text = InputFiles.readText(file, "compose file");
    } catch (RunwayException.IoFailed | RunwayException.ParseFailed e) {
      c.out.add(unreadable(e, "compose file", Origin.file(file)));
      return c.out;
    }
    YamlTree.Node root;
    try {
      root = YamlTree.parse(text, Origin.file(file), "compose file");
    } catch (RunwayException.ParseFailed e) {
      c.out.add(parseProblem(e));
      return c.out;
    }
    c.root(root);
    return c.out;
  }

  /** A ParseFailed as a problem: its message is {@code origin: subject: problem; fix}. */
  private static Problem parseProblem(RunwayException.ParseFailed e) {
    Origin at = e.origin().orElseThrow();
    String text = e.getMessage();
    String rest = text.startsWith(at + ": ") ? text.substring(at.toString().length() + 2) : text;
    int colon = rest.indexOf(": ");
    String subject = colon < 0 ? "compose file" : rest.substring(0, colon);
    String message = colon < 0 ? rest : rest.substring(colon + 2);
    int semi = message.lastIndexOf("; ");
    String code = message.startsWith("is declared twice") ? Problem.DUPLICATE : Problem.MALFORMED;
    Problem p = Problem.error(code, subject, semi < 0 ? message : message.substring(0, semi)).withOrigin(at);
    return semi < 0 ? p : p.withFix(message.substring(semi + 2));
  }

  private Origin at(int line) {
    return Origin.file(file, line);
  }

  private void add(Problem p) {
    // A field inherited through <<: stands once in the file; report it once, at that line.
    String key = p.code() + " " + p.origin().map(Origin::toString).orElse("") + " " + p.subject().replaceFirst("^services\\.[^.]+\\.", "")
        + " " + p.message();
    if (reported.add(key)) out.add(p);
  }

  private void root(YamlTree.Node root) {
    if (!root.isMap()) {
      add(Problem.error(Problem.MALFORMED, "compose file", "is not a map of top-level keys (services, networks, ...)")
          .withOrigin(at(root.line())).withFix("start the file with services:"));
      return;
    }
    for (String key : root.fields().keySet()) {
      if (key.startsWith("x-") || TOP_LEVEL.contains(key)) continue;
      add(unknown(key, key, "a top-level key", TOP_LEVEL, root.keyLine(key)));
    }
    root.get("version").ifPresent(v -> add(Problem.warning(OBSOLETE, "version", "is obsolete: Docker Compose ignores it"
        + " and warns on every run").withOrigin(at(root.keyLine("version"))).withFix("remove the version line")));
    YamlTree.Node services = root.get("services").orElse(null);
    if (services == null || services.isNull()) return;
    if (!services.isMap()) {
      add(Problem.error(Problem.MALFORMED, "services", "is not a map of services").withOrigin(at(services.line()))
          .withFix("write services: followed by one indented name: per service"));
      return;
    }
    boolean overlay = isOverlay(root);
    Map<String, Set<String>> declared = new LinkedHashMap<>();
    for (String kind : List.of("networks", "volumes", "secrets", "configs")) {
      declared.put(kind, root.get(kind).map(n -> n.fields().keySet()).orElse(Set.of()));
    }
    List<Published> published = new ArrayList<>();
    for (Map.Entry<String, YamlTree.Node> e : services.fields().entrySet()) {
      String name = e.getKey();
      int line = services.keyLine(name);
      YamlTree.Node svc = e.getValue();
      String subject = "services." + name;
      if (!SERVICE_NAME.matcher(name).matches()) {
        add(Problem.error(Problem.MALFORMED, subject, "is not a valid service name").withOrigin(at(line))
            .withExpected("letters, digits and . _ -").withFix("rename the service"));
      }
      if (!svc.isMap()) {
        if (svc.isNull() && overlay) continue;
        add(Problem.error(Problem.MALFORMED, subject, "is not a map of service fields").withOrigin(at(line))
            .withFix("give the service its fields, at least image: or build:"));
        continue;
      }
      new Service(name, subject, line, svc, services.fields().keySet(), declared, overlay, published).check();
    }
    conflicts(published);
  }

  /**
   * A file meant to be layered over another ({@code -f compose.yaml -f compose.prod.yaml}): its
   * services may lack image and refer to what the base file declares, so those checks are off.
   */
  private boolean isOverlay(YamlTree.Node root) {
    String name = Optional.ofNullable(file.getFileName()).map(Path::toString).orElse("");
    if (name.contains("override")) return true;
    if (root.get("include").isPresent()) return true;
    // Compose layers compose.override.yaml over compose.yaml by itself: together they are the project.
    for (String o : OVERRIDE_NAMES) if (Files.exists(dir.resolve(o))) return true;
    if (DEFAULT_NAMES.contains(name)) return false;
    for (String base : DEFAULT_NAMES) if (Files.exists(dir.resolve(base))) return true;
    return false;
  }

  private final class Service {
    private final String name;
    private final String subject;
    private final int line;
    private final YamlTree.Node svc;
    private final Set<String> services;
    private final Map<String, Set<String>> declared;
    private final boolean overlay;
    private final List<Published> published;

    Service(String name, String subject, int line, YamlTree.Node svc, Set<String> services, Map<String, Set<String>> declared,
        boolean overlay, List<Published> published) {
      this.name = name;
      this.subject = subject;
      this.line = line;
      this.svc = svc;
      this.services = services;
      this.declared = declared;
      this.overlay = overlay;
      this.published = published;
    }

    void check() {
      for (String key : svc.fields().keySet()) {
        if (key.startsWith("x-") || SERVICE_FIELDS.contains(key)) continue;
        add(unknown(subject + "." + key, key, "a service field", SERVICE_FIELDS, svc.keyLine(key)));
      }
      boolean builds = svc.get("image").isPresent() || svc.get("build").isPresent();
      if (!builds && !overlay && svc.get("extends").isEmpty() && svc.get("provider").isEmpty()) {
        add(Problem.error(Problem.MISSING, subject, "has neither image nor build; Docker Compose refuses to create it")
            .withOrigin(at(line)).withFix("add image: <name>:<tag>, or build: <folder with the Dockerfile>"));
      }
      svc.get("environment").ifPresent(this::environment);
      svc.get("env_file").ifPresent(this::envFile);
      svc.get("ports").ifPresent(this::ports);
      if (!overlay) references();
    }

    private void environment(YamlTree.Node env) {
      String at = subject + ".environment";
      int envLine = svc.keyLine("environment");
      if (env.isMap()) {
        for (Map.Entry<String, YamlTree.Node> e : env.fields().entrySet()) {
          YamlTree.Node v = e.getValue();
          if (!v.isScalar() && !v.isNull()) {
            add(Problem.error(Problem.MALFORMED, at + "." + e.getKey(), "is a " + (v.isMap() ? "map" : "list")
                + "; an environment value is a string, a number, a boolean or empty").withOrigin(at(env.keyLine(e.getKey())))
                .withFix("quote the value: " + e.getKey() + ": \"...\""));
            continue;
          }
          literalSecret(at + "." + e.getKey(), e.getKey(), v.scalarText().orElse(""), env.keyLine(e.getKey()));
        }
      } else if (env.isList()) {
        for (YamlTree.Node item : env.items()) {
          if (!item.isScalar()) {
            add(Problem.error(Problem.MALFORMED, at, "lists a " + (item.isMap() ? "map" : "non-string")
                + " item; list items read NAME=value").withOrigin(at(item.line()))
                .withFix("write - NAME=value, or turn environment into a map: NAME: value"));
            continue;
          }
          String text = item.scalarText().orElse("");
          int eq = text.indexOf('=');
          if (eq > 0) literalSecret(at + "." + text.substring(0, eq), text.substring(0, eq), text.substring(eq + 1), item.line());
        }
      } else if (!env.isNull()) {
        add(Problem.error(Problem.MALFORMED, at, "is neither a map nor a list").withOrigin(at(envLine))
            .withFix("write environment: followed by NAME: value lines"));
      }
    }

    private void literalSecret(String at, String key, String value, int keyLine) {
      String v = value.trim();
      if (NOT_SECRET_VALUES.contains(v.toLowerCase(Locale.ROOT)) || v.contains("${") || v.startsWith("$")) return;
      Optional<KeyFormat> shape = shapeOf(v);
      if (!secretName(key) && shape.isEmpty()) return;
      String what = shape.map(f -> "a value shaped like " + f.description()).orElse("a literal value for a secret-named variable");
      add(Problem.warning(Problem.LEAK, at, "holds " + what + " in the compose file, which everyone who can read the"
          + " repository sees (the value is not shown)").withOrigin(at(keyLine))
          .withFix("write " + key + ": ${" + safeVar(key) + "} and set " + safeVar(key) + " in .env (gitignored), or load it"
              + " with env_file"));
    }

    private void envFile(YamlTree.Node node) {
      String at = subject + ".env_file";
      List<YamlTree.Node> entries = node.isList() ? node.items() : List.of(node);
      for (YamlTree.Node entry : entries) {
        String path;
        boolean required = true;
        int entryLine = entry.line();
        if (entry.isScalar()) {
          path = entry.scalarText().orElse("");
        } else if (entry.isMap() && entry.get("path").flatMap(YamlTree.Node::scalarText).isPresent()) {
          path = entry.get("path").flatMap(YamlTree.Node::scalarText).orElseThrow();
          entryLine = entry.keyLine("path");
          required = entry.get("required").flatMap(YamlTree.Node::scalarText).map(r -> !r.trim().equalsIgnoreCase("false"))
              .orElse(true);
        } else {
          add(Problem.error(Problem.MALFORMED, at, "holds an entry that is neither a path nor {path: ..., required: ...}")
              .withOrigin(at(entryLine)).withFix("write env_file: [.env] or env_file: [{path: .env, required: false}]"));
          continue;
        }
        // ${VAR} in a path depends on the environment at run time; ~ too.
        if (!required || path.isBlank() || path.contains("$") || path.startsWith("~")) continue;
        Path resolved = dir.resolve(path).normalize();
        if (Files.isRegularFile(resolved)) continue;
        String fix = "create " + path;
        Optional<String> example = example(resolved);
        if (example.isPresent()) fix = "create it from the template: cp " + example.get() + " " + path;
        add(Problem.error(Problem.MISSING, at, path + " does not exist (relative to the compose file), and Docker Compose"
            + " stops with \"env file not found\"").withOrigin(at(entryLine))
            .withFix(fix + ", or mark it optional: env_file: [{path: " + path + ", required: false}]"));
      }
    }

    private void ports(YamlTree.Node ports) {
      String at = subject + ".ports";
      if (!ports.isList()) {
        add(Problem.error(Problem.MALFORMED, at, "is not a list").withOrigin(at(svc.keyLine("ports")))
            .withFix("write ports: [\"8080:80\"]"));
        return;
      }
      for (YamlTree.Node p : ports.items()) {
        if (p.isMap()) {
          Optional<String> target = p.get("target").flatMap(YamlTree.Node::scalarText);
          if (target.isEmpty() || !validPorts(target.get())) {
            add(Problem.error(Problem.MALFORMED, at, "has a long-syntax port without a valid target (the container port)")
                .withOrigin(at(p.line())).withExpected("target: 1-65535").withFix("set target: to the port the app listens on"));
            continue;
          }
          Optional<String> pub = p.get("published").flatMap(YamlTree.Node::scalarText);
          if (pub.isPresent() && !pub.get().contains("$") && !pub.get().isEmpty() && !validPorts(pub.get())) {
            add(Problem.error(Problem.MALFORMED, at, "publishes '" + pub.get() + "', which is not a port or a range")
                .withOrigin(at(p.keyLine("published"))).withExpected("1-65535, or a range such as 8000-8010")
                .withFix("set published: to a free host port"));
            continue;
          }
          String protocol = p.get("protocol").flatMap(YamlTree.Node::scalarText).orElse("tcp");
          String ip = p.get("host_ip").flatMap(YamlTree.Node::scalarText).orElse("");
          pub.filter(s -> !s.contains("$") && !s.isEmpty()).ifPresent(s -> publish(ip, s, protocol, p.line()));
          continue;
        }
        String text = p.scalarText().orElse("");
        if (text.contains("$")) continue;
        Matcher m = SHORT_PORT.matcher(text.trim());
        if (!p.isScalar() || !m.matches() || !validPorts(m.group(3))
            || (m.group(2) != null && !m.group(2).isEmpty() && !validPorts(m.group(2)))) {
          add(Problem.error(Problem.MALFORMED, at, "has '" + text + "', which is not a port mapping")
              .withOrigin(at(p.line())).withExpected("[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/udp], ports 1-65535")
              .withFix("write it as \"8080:80\" (host port 8080 to container port 80), quoted"));
          continue;
        }
        String protocol = m.group(4) == null ? "tcp" : m.group(4).toLowerCase(Locale.ROOT);
        if (!Set.of("tcp", "udp", "sctp").contains(protocol)) {
          add(Problem.error(Problem.MALFORMED, at, "has the protocol '" + m.group(4) + "'").withOrigin(at(p.line()))
              .withExpected("tcp, udp or sctp").withFix("write /tcp or /udp after the container port, or nothing (tcp)"));
          continue;
        }
        if (m.group(2) != null && !m.group(2).isEmpty()) publish(m.group(1) == null ? "" : m.group(1), m.group(2), protocol, p.line());
      }
    }

    private void publish(String ip, String ports, String protocol, int at) {
      int dash = ports.indexOf('-');
      int from = Integer.parseInt(ports.substring(0, dash < 0 ? ports.length() : dash));
      int to = dash < 0 ? from : Integer.parseInt(ports.substring(dash + 1));
      Set<String> profiles = new HashSet<>();
      svc.get("profiles").ifPresent(n -> n.items().forEach(i -> i.scalarText().ifPresent(profiles::add)));
      published.add(new Published(name, ip.replace("[", "").replace("]", ""), from, to, protocol.toLowerCase(Locale.ROOT),
          profiles, at));
    }

    private void references() {
      svc.get("depends_on").ifPresent(d -> {
        List<Map.Entry<String, Integer>> names = names(d);
        for (Map.Entry<String, Integer> n : names) {
          if (services.contains(n.getKey()) || n.getKey().contains("$")) continue;
          add(Problem.error(Problem.MISSING, subject + ".depends_on", "names " + n.getKey() + ", which is not a service in"
              + " this file; Docker Compose refuses the file (\"depends on undefined service\")").withOrigin(at(n.getValue()))
              .withFix(suggest(n.getKey(), services).map(s -> "did you mean " + s + "?").orElse("add the service, or remove it here")));
        }
      });
      svc.get("extends").ifPresent(x -> {
        boolean otherFile = x.isMap() && x.get("file").isPresent();
        String base = x.isScalar() ? x.scalarText().orElse("") : x.get("service").flatMap(YamlTree.Node::scalarText).orElse("");
        if (!otherFile && !base.isEmpty() && !services.contains(base)) {
          add(Problem.error(Problem.MISSING, subject + ".extends", "names " + base + ", which is not a service in this file")
              .withOrigin(at(svc.keyLine("extends"))).withFix("name a service of this file, or add file: <the other compose file>"));
        }
      });
      if (svc.get("network_mode").isEmpty()) {
        svc.get("networks").ifPresent(n -> undeclared("networks", names(n), Set.of("default"), "network"));
      }
      svc.get("secrets").ifPresent(s -> undeclared("secrets", sources(s), Set.of(), "secret"));
      svc.get("configs").ifPresent(s -> undeclared("configs", sources(s), Set.of(), "config"));
      svc.get("volumes").ifPresent(v -> undeclared("volumes", namedVolumes(v), Set.of(), "volume"));
    }

    private void undeclared(String kind, List<Map.Entry<String, Integer>> used, Set<String> implicit, String noun) {
      Set<String> known = declared.get(kind);
      for (Map.Entry<String, Integer> u : used) {
        if (known.contains(u.getKey()) || implicit.contains(u.getKey()) || u.getKey().contains("$")) continue;
        add(Problem.error(Problem.MISSING, subject + "." + kind, "uses the " + noun + " " + u.getKey() + ", which the top-level "
            + kind + ": does not declare; Docker Compose refuses the file (\"refers to undefined " + noun + "\")")
            .withOrigin(at(u.getValue()))
            .withFix(suggest(u.getKey(), known).map(s -> "did you mean " + s + "?")
                .orElse("declare it: " + kind + ": {" + u.getKey() + ": {}}"
                    + (kind.equals("volumes") ? ", or write ./" + u.getKey() + " for a folder next to the compose file" : ""))));
      }
    }
  }

  private record Published(String service, String ip, int from, int to, String protocol, Set<String> profiles, int line) {
    boolean overlaps(Published o) {
      boolean sameIp = ip.isEmpty() || o.ip.isEmpty() || ip.equals(o.ip) || wildcard(ip) || wildcard(o.ip);
      return sameIp && protocol.equals(o.protocol) && from <= o.to && o.from <= to;
    }

    /** Whether both can run at once: a service without profiles always runs; others when a profile is on. */
    boolean together(Published o) {
      if (profiles.isEmpty() || o.profiles.isEmpty()) return true;
      return profiles.stream().anyMatch(o.profiles::contains);
    }

    private static boolean wildcard(String ip) {
      return ip.equals("0.0.0.0") || ip.equals("::");
    }
  }

  /** Two services publishing the same host port: the second fails to start ("port is already allocated"). */
  private void conflicts(List<Published> all) {
    for (int i = 0; i < all.size(); i++) {
      for (int j = 0; j < i; j++) {
        Published a = all.get(j);
        Published b = all.get(i);
        if (!a.overlaps(b) || !a.together(b)) continue;
        String port = b.from() == b.to() ? String.valueOf(b.from()) : b.from() + "-" + b.to();
        String where = a.service().equals(b.service()) ? "line " + a.line() + " of the same service"
            : "services." + a.service() + " (line " + a.line() + ")";
        add(Problem.error(Problem.CONFLICT, "services." + b.service() + ".ports", "publishes host port " + port + "/"
            + b.protocol() + ", which " + where + " publishes too; the second container fails to start (\"port is already"
            + " allocated\")").withOrigin(at(b.line())).withFix("publish another host port, e.g. \"" + (b.from() + 1) + ":...\""));
        break;
      }
    }
  }

  private static boolean validPorts(String text) {
    String t = text.trim();
    int dash = t.indexOf('-');
    try {
      int from = Integer.parseInt(dash < 0 ? t : t.substring(0, dash));
      int to = dash < 0 ? from : Integer.parseInt(t.substring(dash + 1));
      return from >= 1 && to <= 65535 && from <= to;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Names in a list ({@code [a, b]}) or map ({@code {a: ..., b: ...}}), with their lines. */
  private static List<Map.Entry<String, Integer>> names(YamlTree.Node n) {
    List<Map.Entry<String, Integer>> out = new ArrayList<>();
    if (n.isMap()) n.fields().keySet().forEach(k -> out.add(Map.entry(k, n.keyLine(k))));
    for (YamlTree.Node i : n.items()) i.scalarText().ifPresent(s -> out.add(Map.entry(s, i.line())));
    return out;
  }

  /** Secret and config names: {@code - name} or {@code - source: name}. */
  private static List<Map.Entry<String, Integer>> sources(YamlTree.Node n) {
    List<Map.Entry<String, Integer>> out = new ArrayList<>();
    for (YamlTree.Node i : n.items()) {
      Optional<String> s = i.isMap() ? i.get("source").flatMap(YamlTree.Node::scalarText) : i.scalarText();
      s.ifPresent(v -> out.add(Map.entry(v, i.line())));
    }
    return out;
  }

  /** Named volumes among {@code - name:/path[:ro]} and {@code - {type: volume, source: name}}; bind mounts are paths. */
  private static List<Map.Entry<String, Integer>> namedVolumes(YamlTree.Node n) {
    List<Map.Entry<String, Integer>> out = new ArrayList<>();
    for (YamlTree.Node i : n.items()) {
      if (i.isMap()) {
        String type = i.get("type").flatMap(YamlTree.Node::scalarText).orElse("");
        Optional<String> source = i.get("source").flatMap(YamlTree.Node::scalarText);
        if (type.equals("volume") && source.isPresent() && !source.get().isEmpty()) out.add(Map.entry(source.get(), i.line()));
        continue;
      }
      String text = i.scalarText().orElse("");
      int colon = text.indexOf(':');
      if (colon <= 0) continue; // an anonymous volume: a container path only
      String source = text.substring(0, colon);
      // Paths (., /, ~, $VAR, a Windows drive letter or \\) are bind mounts, not volume names.
      if (source.startsWith(".") || source.startsWith("/") || source.startsWith("~") || source.startsWith("$")
          || source.startsWith("\\") || source.contains("/") || source.length() == 1) continue;
      out.add(Map.entry(source, i.line()));
    }
    return out;
  }

  private static Optional<String> example(Path envFile) {
    Path parent = envFile.getParent();
    String name = String.valueOf(envFile.getFileName());
    if (parent == null) return Optional.empty();
    for (String suffix : List.of(".example", ".sample", ".template", ".dist")) {
      if (Files.isRegularFile(parent.resolve(name + suffix))) return Optional.of(name + suffix);
    }
    return Optional.empty();
  }

  static boolean secretName(String key) {
    String[] parts = key.toUpperCase(Locale.ROOT).split("[_.\\-]+");
    if (parts.length == 0 || NOT_SECRET_LAST.contains(parts[parts.length - 1])) return false;
    for (int i = 0; i < parts.length; i++) {
      if (SECRET_PARTS.contains(parts[i])) return true;
      if ((parts[i].equals("KEY") || parts[i].equals("KEYS")) && i > 0 && KEY_QUALIFIERS.contains(parts[i - 1])) return true;
      if (parts[i].endsWith("PASSWORD") || parts[i].endsWith("APIKEY") || parts[i].endsWith("SECRET")) return true;
    }
    return false;
  }

  /**
   * A built-in key format the value has. Vercel tokens (24 letters and digits, no prefix) and
   * Supabase publishable keys (public by design) are left out: the first matches hashes and ids.
   */
  static Optional<KeyFormat> shapeOf(String value) {
    for (KeyFormat f : KeyFormat.builtIn()) {
      if (f.equals(KeyFormat.VERCEL_TOKEN) || f.equals(KeyFormat.SUPABASE_PUBLISHABLE)) continue;
      if (f.matches(value)) return Optional.of(f);
    }
    return Optional.empty();
  }

  private static String safeVar(String key) {
    return key.replaceAll("[^A-Za-z0-9_]", "_");
  }

  private Problem unknown(String subject, String key, String what, Set<String> known, int line) {
    Optional<String> near = suggest(key, known);
    return Problem.error(Problem.UNKNOWN, subject, "is not " + what + " in the Compose specification; Docker Compose refuses"
        + " the file (\"additional properties not allowed\")").withOrigin(at(line))
        .withFix(near.map(n -> "did you mean " + n + "?").orElse("remove it, or name it x-" + key + " to keep it as an extension"));
  }

  /** The known name closest to {@code name}, when it is a likely typo (edit distance at most 2). */
  static Optional<String> suggest(String name, Set<String> known) {
    String best = null;
    int bestDistance = 3;
    for (String k : known.stream().sorted().toList()) {
      int d = distance(name.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /**
   * An input file that cannot be read, as one problem in words (InputFiles' message without its
   * origin and the file's kind, which the problem's origin and subject say): "is not UTF-8 text
   * (UTF-16 with a BOM?)", "no such file".
   */
  public static Problem unreadable(RunwayException e, String what, Origin shown) {
    String m = String.valueOf(e.getMessage());
    String at = e.origin().map(o -> o + ": ").orElse("");
    if (m.startsWith(at)) m = m.substring(at.length());
    if (m.startsWith(what + ": ")) m = m.substring(what.length() + 2);
    else if (m.startsWith(what + " ")) m = m.substring(what.length() + 1);
    int line = e.origin().map(Origin::line).orElse(0);
    Origin origin = line > 0 ? shown.withLine(line) : shown;
    int fix = m.lastIndexOf("; ");
    Problem p = Problem.error(e instanceof RunwayException.ParseFailed ? Problem.MALFORMED : Problem.MISSING, what,
        fix < 0 ? m : m.substring(0, fix)).withOrigin(origin);
    return fix < 0 ? p : p.withFix(m.substring(fix + 2));
  }
}

package dev.runway.render.internal;

import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.base.Problems;
import dev.runway.base.RunwayException;
import dev.runway.env.KeyMask;
import dev.runway.render.YamlTree.Kind;
import dev.runway.render.YamlTree.Node;
import dev.runway.render.YamlTree;
import dev.runway.render.BlueprintDatabase;
import dev.runway.render.BlueprintEnvVar;
import dev.runway.render.BlueprintService;
import dev.runway.render.EnvVarGroup;
import dev.runway.render.RenderBlueprint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * render.yaml text to {@link RenderBlueprint}, collecting every structural problem with its line.
 * {@link #readAll} keeps going after a problem: it builds the blueprint from everything that is valid,
 * so that the semantic checks still run on the rest of the file (a committed secret is not hidden by a
 * misspelt plan two services above it).
 */
public final class BlueprintReader {
  /** A warning for a field Render still accepts under a former name ({@code env:} for {@code runtime:}). */
  public static final String DEPRECATED = "DEPRECATED";

  /**
   * The resources of one environment of the {@code projects:} layout, or of {@code ungrouped:};
   * {@code subject} prefixes their findings ({@code projects.app.environments.production.}).
   */
  public record Scope(String subject, RenderBlueprint resources) {}

  /**
   * Everything read: the blueprint (top-level resources; {@code projects} and {@code ungrouped} stay
   * verbatim in its extras so it writes back unchanged), the resources of each nested scope, and every
   * structural problem (errors and deprecation warnings), sorted.
   */
  public record Result(RenderBlueprint blueprint, List<Scope> scopes, Problems problems) {}

  private final @Nullable Path file;
  private final List<Problem> problems = new ArrayList<>();
  private final List<Scope> scopes = new ArrayList<>();

  private BlueprintReader(@Nullable Path file) {
    this.file = file;
  }

  /** The blueprint, or ValidationFailed listing every structural error (warnings are left to lint). */
  public static RenderBlueprint read(String text, @Nullable Path file) {
    Result r = readAll(text, file);
    if (r.problems().hasErrors()) throw new RunwayException.ValidationFailed(Problems.of(r.problems().errors()));
    return r.blueprint();
  }

  /**
   * Reads what is valid and reports the rest.
   *
   * @throws RunwayException.ParseFailed when the text is not YAML (nothing can be read then)
   */
  public static Result readAll(String text, @Nullable Path file) {
    Node root = YamlTree.parse(text, origin(file, 1), "render.yaml");
    BlueprintReader reader = new BlueprintReader(file);
    RenderBlueprint blueprint = reader.root(root);
    // Messages quote the file: a key used as a name, plan or value is masked here (KeyMask).
    return new Result(blueprint, List.copyOf(reader.scopes), Problems.of(KeyMask.mask(reader.problems)));
  }

  /**
   * A render.yaml file's text.
   *
   * @throws RunwayException.IoFailed naming the file once, and what to do
   */
  public static String text(Path file) {
    if (!java.nio.file.Files.exists(file)) {
      throw new RunwayException.IoFailed(file + ": does not exist; check the path, or write one with runway render"
          + " generate", Origin.file(file), null);
    }
    return dev.runway.base.InputFiles.readText(file, "render.yaml");
  }

  /** A file that is not YAML, as the one problem it is (ParseFailed messages read origin: subject: message; fix). */
  public static Problem unparsable(RunwayException.ParseFailed e) {
    String text = e.getMessage() == null ? "" : e.getMessage();
    Origin origin = e.origin().orElse(null);
    if (origin != null && text.startsWith(origin + ": ")) text = text.substring(origin.toString().length() + 2);
    int colon = text.indexOf(": ");
    String subject = colon < 0 ? "render.yaml" : text.substring(0, colon);
    String rest = colon < 0 ? text : text.substring(colon + 2);
    // "render.yaml is not UTF-8 text ..." (InputFiles) names the file once, as the subject
    if (colon < 0 && rest.startsWith("render.yaml ")) rest = rest.substring("render.yaml ".length());
    int semi = rest.lastIndexOf("; ");
    Problem p = Problem.error(Problem.MALFORMED, subject, semi < 0 ? rest : rest.substring(0, semi)).withOrigin(origin);
    return KeyMask.mask(semi < 0 ? p : p.withFix(rest.substring(semi + 2)));
  }

  private Origin at(int line) {
    return origin(file, line);
  }

  private static Origin origin(@Nullable Path file, int line) {
    return Origin.file(file == null ? Path.of("render.yaml") : file, line);
  }

  private void problem(String code, String subject, int line, String message, @Nullable String expected,
      @Nullable String fix) {
    problems.add(Problem.error(code, subject, message).withOrigin(at(line)).withExpected(expected).withFix(fix));
  }

  private void warning(String code, String subject, int line, String message, @Nullable String fix) {
    problems.add(Problem.warning(code, subject, message).withOrigin(at(line)).withFix(fix));
  }

  /** Where a node and each of its keys were: "" for the node, then its keys, prefixed. */
  private Map<String, Origin> origins(Node node, String prefix, Map<String, Origin> into) {
    if (prefix.isEmpty()) into.put("", at(node.line()));
    for (String key : node.fields().keySet()) into.put(prefix + key, at(node.keyLine(key)));
    return into;
  }

  private RenderBlueprint root(Node root) {
    RenderBlueprint.Builder b = RenderBlueprint.builder().origin(file == null ? null : Origin.file(file));
    if (root.kind() != Kind.MAP) {
      problem(Problem.MALFORMED, "render.yaml", root.line(), "is not a mapping", "services:, databases:, envVarGroups:",
          "start the file with services:");
      return b.build();
    }
    for (Map.Entry<String, Node> e : root.fields().entrySet()) {
      String key = e.getKey();
      Node value = e.getValue();
      switch (key) {
        case "services":
        case "databases":
        case "envVarGroups":
          resource(key, value, "", b);
          break;
        case "previews":
          if (map(value, "previews")) {
            unknownFields(value, "previews", Set.of("generation", "expireAfterDays"));
            b.previews(new RenderBlueprint.Previews(
                Optional.ofNullable(oneOf(value, "generation", "previews.generation", Vocabulary.PREVIEW_GENERATIONS)),
                Optional.ofNullable(integer(value, "expireAfterDays", "previews.expireAfterDays", 1, Integer.MAX_VALUE))));
          }
          break;
        case "projects":
          projects(value);
          keep(b, key, value);
          break;
        case "ungrouped":
          if (map(value, "ungrouped")) scope("ungrouped", value, Set.of());
          keep(b, key, value);
          break;
        default:
          if (Vocabulary.ROOT_FIELDS.contains(key)) keep(b, key, value);
          else unknownField(key, key, root.keyLine(key), Vocabulary.ROOT_FIELDS);
      }
    }
    return b.build();
  }

  private static void keep(RenderBlueprint.Builder b, String key, Node value) {
    Object plain = value.plain();
    if (plain != null) b.extra(key, plain);
  }

  /** services:, databases: or envVarGroups: of the root, of ungrouped: or of an environment. */
  private void resource(String key, Node value, String prefix, RenderBlueprint.Builder b) {
    List<Node> items = list(value, prefix + key);
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      String path = prefix + key + "[" + i + "]";
      switch (key) {
        case "services": {
          BlueprintService s = service(item, path, prefix);
          if (s != null) b.service(s);
          break;
        }
        case "databases": {
          BlueprintDatabase d = database(item, path, prefix);
          if (d != null) b.database(d);
          break;
        }
        default: {
          EnvVarGroup g = group(item, path, prefix);
          if (g != null) b.envVarGroup(g);
        }
      }
    }
  }

  /** The resources of ungrouped: or of one environment, as their own scope. */
  private void scope(String subject, Node node, Set<String> ownFields) {
    RenderBlueprint.Builder b = RenderBlueprint.builder().origin(at(node.line()));
    Set<String> allowed = new java.util.HashSet<>(ownFields);
    allowed.addAll(Set.of("services", "databases", "envVarGroups"));
    unknownFields(node, subject, allowed);
    for (String key : List.of("services", "databases", "envVarGroups")) {
      Node value = node.fields().get(key);
      if (value != null) resource(key, value, subject + ".", b);
    }
    scopes.add(new Scope(subject, b.build()));
  }

  /** projects: [{name, environments: [{name, networking, permissions, services, databases, envVarGroups}]}]. */
  private void projects(Node value) {
    List<Node> items = list(value, "projects");
    for (int i = 0; i < items.size(); i++) {
      Node project = items.get(i);
      String path = "projects[" + i + "]";
      if (!map(project, path)) continue;
      String name = string(project, "name", path + ".name");
      String subject = name == null ? path : "projects." + name;
      unknownFields(project, subject, Set.of("name", "environments"));
      if (name == null && !project.fields().containsKey("name")) {
        problem(Problem.MISSING, path + ".name", project.line(), "is missing", null, "add name: <project name>");
      }
      Node environments = project.fields().get("environments");
      if (environments == null) {
        problem(Problem.MISSING, subject + ".environments", project.line(), "is missing", null,
            "add environments: with at least one - name: production");
        continue;
      }
      List<Node> envs = list(environments, subject + ".environments");
      for (int j = 0; j < envs.size(); j++) {
        Node env = envs.get(j);
        String envPath = subject + ".environments[" + j + "]";
        if (!map(env, envPath)) continue;
        String envName = string(env, "name", envPath + ".name");
        String envSubject = envName == null ? envPath : subject + ".environments." + envName;
        if (envName == null && !env.fields().containsKey("name")) {
          problem(Problem.MISSING, envPath + ".name", env.line(), "is missing", null, "add name: <environment name>");
        }
        for (String setting : List.of("networking", "permissions")) {
          Node n = env.fields().get(setting);
          if (n == null || !map(n, envSubject + "." + setting)) continue;
          String field = setting.equals("networking") ? "isolation" : "protection";
          unknownFields(n, envSubject + "." + setting, Set.of(field));
          oneOf(n, field, envSubject + "." + setting + "." + field, List.of("enabled", "disabled"));
        }
        scope(envSubject, env, Set.of("name", "networking", "permissions"));
      }
    }
  }

  private @Nullable BlueprintService service(Node node, String path, String prefix) {
    if (!map(node, path)) return null;
    String name = string(node, "name", path + ".name");
    String subject = name == null ? path : prefix + "services." + name;
    String type = oneOf(node, "type", subject + ".type", Vocabulary.SERVICE_TYPES);
    if (name == null && !node.fields().containsKey("name")) {
      problem(Problem.MISSING, path + ".name", node.line(), "is missing", null, "add name: <service name>");
    }
    if (type == null && !node.fields().containsKey("type")) {
      problem(Problem.MISSING, subject + ".type", node.line(), "is missing", "one of " + String.join(", ", Vocabulary.SERVICE_TYPES),
          "add type: web");
    }
    if (type == null && node.get("type").map(Node::text).filter(Vocabulary.NEWER_SERVICE_TYPES::contains).isPresent()) {
      // Newer than the schema (Render Workflows, in Render's own templates): say so, check nothing else.
      problems.removeIf(p -> p.subject().equals(subject + ".type") && p.isError());
      warning(Problem.UNKNOWN, subject + ".type", node.keyLine("type"), "'" + node.get("type").get().text()
          + "' is newer than the render.yaml schema Runway checks against, so this service is not checked",
          null);
      return null;
    }
    if (name == null) return null;
    // An unknown type is reported above; the service is still read (as written) so that its variables
    // are checked and references to it resolve.
    boolean knownType = type != null;
    if (type == null) type = node.get("type").map(Node::text).orElse("");
    if (type.equals("redis")) {
      warning(DEPRECATED, subject + ".type", node.keyLine("type"), "redis is the former name of keyvalue",
          "rename type: redis to type: keyvalue");
    }
    String runtime = oneOf(node, "runtime", subject + ".runtime", Vocabulary.RUNTIMES);
    boolean hasRuntime = node.fields().containsKey("runtime");
    if (node.fields().containsKey("env")) runtime = env(node, subject, runtime, hasRuntime);
    boolean keyValue = type.equals("keyvalue") || type.equals("redis");
    boolean isStatic = "static".equals(runtime);
    if (isStatic && !type.equals("web")) {
      problem(Problem.NOT_ALLOWED, subject + ".runtime", node.keyLine(hasRuntime ? "runtime" : "env"),
          "static is only for web services", null, "use type: web for a static site");
    }
    if (knownType && !keyValue && runtime == null && !hasRuntime && !node.fields().containsKey("env")) {
      problem(Problem.MISSING, subject + ".runtime", node.line(), "is missing", "one of " + String.join(", ", Vocabulary.RUNTIMES),
          "add runtime: docker (or the service's language)");
    }
    if (type.equals("cron") && !node.fields().containsKey("schedule")) {
      problem(Problem.MISSING, subject + ".schedule", node.line(), "is missing", "a cron expression",
          "add schedule: \"0 * * * *\"");
    }
    if (keyValue && !node.fields().containsKey("ipAllowList")) {
      problem(Problem.MISSING, subject + ".ipAllowList", node.line(), "is missing", "a list of allowed sources",
          "add ipAllowList: [] to allow only internal connections");
    }
    Set<String> allowed = knownType ? Vocabulary.fieldsOf(type, isStatic) : Vocabulary.ANY_SERVICE_FIELDS;
    for (String newer : Vocabulary.NEWER_FIELDS.getOrDefault(type, Set.of())) {
      if (!node.fields().containsKey(newer)) continue;
      warning(Problem.UNKNOWN, subject + "." + newer, node.keyLine(newer), "is newer than the render.yaml schema Runway"
          + " checks against, so it is not checked", null);
    }
    Set<String> newerHere = Vocabulary.NEWER_FIELDS.getOrDefault(type, Set.of());
    if (!newerHere.isEmpty()) {
      Set<String> widened = new java.util.HashSet<>(allowed);
      widened.addAll(newerHere);
      allowed = Set.copyOf(widened);
    }
    unknownFields(node, subject, allowed);

    BlueprintService.Builder b = BlueprintService.builder(type, name).origin(at(node.line()));
    origins(node, "", new java.util.LinkedHashMap<>()).forEach((k, v) -> { if (!k.isEmpty()) b.origin(k, v); });
    if (!hasRuntime && node.fields().containsKey("env")) b.origin("runtime", at(node.keyLine("env")));
    for (String nested : List.of("disk", "scaling", "buildFilter")) {
      node.get(nested).filter(Node::isMap).ifPresent(n ->
          origins(n, nested + ".", new java.util.LinkedHashMap<>()).forEach(b::origin));
    }
    for (String field : List.of("repo", "branch", "rootDir", "schedule", "buildCommand", "startCommand",
        "dockerCommand", "dockerfilePath", "dockerContext", "preDeployCommand", "staticPublishPath", "healthCheckPath")) {
      if (allowed.contains(field)) b.text(field, string(node, field, subject + "." + field));
    }
    b.runtime(runtime);
    b.plan(oneOf(node, "plan", subject + ".plan", Vocabulary.PLANS));
    b.region(oneOf(node, "region", subject + ".region", Vocabulary.REGIONS));
    if (allowed.contains("autoDeployTrigger")) {
      b.autoDeployTrigger(oneOf(node, "autoDeployTrigger", subject + ".autoDeployTrigger", Vocabulary.AUTO_DEPLOY_TRIGGERS));
    }
    if (allowed.contains("numInstances")) b.numInstances(integer(node, "numInstances", subject + ".numInstances", 1, Integer.MAX_VALUE));
    Node scaling = node.fields().get("scaling");
    if (scaling != null && allowed.contains("scaling") && map(scaling, subject + ".scaling")) {
      String sp = subject + ".scaling";
      unknownFields(scaling, sp, Set.of("minInstances", "maxInstances", "targetMemoryPercent", "targetCPUPercent"));
      Integer min = required(integer(scaling, "minInstances", sp + ".minInstances", 1, Integer.MAX_VALUE), scaling, "minInstances", sp);
      Integer max = required(integer(scaling, "maxInstances", sp + ".maxInstances", 1, Integer.MAX_VALUE), scaling, "maxInstances", sp);
      Integer mem = integer(scaling, "targetMemoryPercent", sp + ".targetMemoryPercent", 1, 90);
      Integer cpu = integer(scaling, "targetCPUPercent", sp + ".targetCPUPercent", 1, 90);
      if (min != null && max != null) {
        b.scaling(new BlueprintService.Scaling(min, max, Optional.ofNullable(mem), Optional.ofNullable(cpu)));
      }
    }
    Node disk = node.fields().get("disk");
    if (disk != null && allowed.contains("disk") && map(disk, subject + ".disk")) {
      String dp = subject + ".disk";
      unknownFields(disk, dp, Set.of("name", "mountPath", "sizeGB"));
      String dn = required(string(disk, "name", dp + ".name"), disk, "name", dp);
      String mount = required(string(disk, "mountPath", dp + ".mountPath"), disk, "mountPath", dp);
      Integer size = integer(disk, "sizeGB", dp + ".sizeGB", 1, Integer.MAX_VALUE);
      if (dn != null && mount != null) b.disk(new BlueprintService.Disk(dn, mount, Optional.ofNullable(size)));
    }
    Node filter = node.fields().get("buildFilter");
    if (filter != null && allowed.contains("buildFilter") && map(filter, subject + ".buildFilter")) {
      unknownFields(filter, subject + ".buildFilter", Set.of("paths", "ignoredPaths"));
      b.buildFilter(new BlueprintService.BuildFilter(
          strings(filter.fields().get("paths"), subject + ".buildFilter.paths"),
          strings(filter.fields().get("ignoredPaths"), subject + ".buildFilter.ignoredPaths")));
    }
    if (allowed.contains("domains")) b.domains(strings(node.fields().get("domains"), subject + ".domains"));
    Node envVars = node.fields().get("envVars");
    if (envVars != null && allowed.contains("envVars")) {
      int i = 0;
      for (Node item : list(envVars, subject + ".envVars")) {
        BlueprintEnvVar v = envVar(item, subject + ".envVars[" + i++ + "]", false);
        if (v != null) b.envVar(v);
      }
    }
    Set<String> modelled = Set.of("type", "name", "runtime", "plan", "region", "repo", "branch", "rootDir",
        "schedule", "buildCommand", "startCommand", "dockerCommand", "dockerfilePath", "dockerContext",
        "preDeployCommand", "staticPublishPath", "healthCheckPath", "autoDeployTrigger", "numInstances", "scaling",
        "disk", "buildFilter", "domains", "envVars", "env");
    for (Map.Entry<String, Node> e : node.fields().entrySet()) {
      if (!modelled.contains(e.getKey()) && allowed.contains(e.getKey())) {
        Object plain = e.getValue().plain();
        if (plain != null) b.extra(e.getKey(), plain);
      }
    }
    return b.build();
  }

  /**
   * {@code env:} is the former name of {@code runtime:} (Render still reads it, and most older files
   * use it): the runtime it names, with a deprecation warning, unless {@code runtime:} is there too.
   */
  private @Nullable String env(Node node, String subject, @Nullable String runtime, boolean hasRuntime) {
    String env = oneOf(node, "env", subject + ".env", Vocabulary.RUNTIMES);
    int line = node.keyLine("env");
    if (env == null) return runtime;
    if (!hasRuntime) {
      warning(DEPRECATED, subject + ".env", line, "is the former name of runtime: (Render still reads it)",
          "rename env: " + env + " to runtime: " + env);
      return env;
    }
    if (runtime != null && !runtime.equals(env)) {
      problem(Problem.CONFLICT, subject + ".env", line, "says " + env + " but runtime: says " + runtime, null,
          "remove env: " + env + " (runtime: is the current name)");
    } else {
      warning(DEPRECATED, subject + ".env", line, "is the former name of runtime:, which is also set",
          "remove env: " + env);
    }
    return runtime;
  }

  private @Nullable BlueprintEnvVar envVar(Node node, String path, boolean inGroup) {
    if (!map(node, path)) return null;
    Map<String, Node> f = node.fields();
    Map<String, Origin> where = origins(node, "", new java.util.LinkedHashMap<>());
    if (f.containsKey("fromGroup") && !inGroup) {
      unknownFields(node, path, Set.of("fromGroup"));
      String group = string(node, "fromGroup", path + ".fromGroup");
      return group == null ? null : new BlueprintEnvVar.FromGroup(group, where);
    }
    String key = string(node, "key", path + ".key");
    if (key == null) {
      if (!f.containsKey("key")) {
        problem(Problem.MISSING, path + ".key", node.line(), "is missing", null,
            inGroup ? "add key: <NAME>" : "add key: <NAME>, or use fromGroup: <group>");
      }
      return null;
    }
    String subject = path.substring(0, path.lastIndexOf('[')) + "." + key;
    if (!inGroup && f.containsKey("fromDatabase")) {
      unknownFields(node, subject, Set.of("key", "fromDatabase"));
      Node ref = f.get("fromDatabase");
      if (!map(ref, subject + ".fromDatabase")) return null;
      origins(ref, "fromDatabase.", where);
      String db = required(string(ref, "name", subject + ".fromDatabase.name"), ref, "name", subject + ".fromDatabase");
      String prop = required(string(ref, "property", subject + ".fromDatabase.property"), ref, "property", subject + ".fromDatabase");
      return db == null || prop == null ? null : new BlueprintEnvVar.FromDatabase(key, db, prop, where);
    }
    if (!inGroup && f.containsKey("fromService")) {
      unknownFields(node, subject, Set.of("key", "fromService"));
      Node ref = f.get("fromService");
      if (!map(ref, subject + ".fromService")) return null;
      origins(ref, "fromService.", where);
      String rp = subject + ".fromService";
      unknownFields(ref, rp, Set.of("type", "name", "property", "envVarKey"));
      String type = required(oneOf(ref, "type", rp + ".type", Vocabulary.REFERENCE_TYPES), ref, "type", rp);
      String name = required(string(ref, "name", rp + ".name"), ref, "name", rp);
      String prop = string(ref, "property", rp + ".property");
      String envKey = string(ref, "envVarKey", rp + ".envVarKey");
      if (prop == null && envKey == null && !ref.fields().containsKey("property") && !ref.fields().containsKey("envVarKey")) {
        problem(Problem.MISSING, rp, ref.line(), "names neither property nor envVarKey", null,
            "add property: host (or hostport, port, connectionString) or envVarKey: <NAME>");
      }
      return type == null || name == null ? null
          : new BlueprintEnvVar.FromService(key, type, name, Optional.ofNullable(prop), Optional.ofNullable(envKey), where);
    }
    unknownFields(node, subject, Set.of("key", "value", "generateValue", "sync", "previewValue"));
    String value = scalarText(node, "value", subject + ".value");
    String previewValue = scalarText(node, "previewValue", subject + ".previewValue");
    Boolean generate = bool(node, "generateValue", subject + ".generateValue");
    Boolean sync = bool(node, "sync", subject + ".sync");
    int forms = (value != null ? 1 : 0) + (Boolean.TRUE.equals(generate) ? 1 : 0) + (Boolean.FALSE.equals(sync) ? 1 : 0);
    if (forms > 1) {
      problem(Problem.CONFLICT, subject, node.line(), "mixes value, generateValue: true and sync: false", "exactly one of them",
          "keep the one you mean");
      // Still read the value, so that lint can tell whether the file carries a secret.
      return value == null ? null : new BlueprintEnvVar.Value(key, value, Optional.ofNullable(previewValue), where);
    }
    if (value != null) return new BlueprintEnvVar.Value(key, value, Optional.ofNullable(previewValue), where);
    if (Boolean.TRUE.equals(generate)) return new BlueprintEnvVar.Generated(key, where);
    if (Boolean.FALSE.equals(sync)) return new BlueprintEnvVar.Unsynced(key, where);
    if (f.containsKey("value") || f.containsKey("generateValue") || f.containsKey("sync")) return null;
    problem(Problem.MISSING, subject, node.line(), "has no value", "value, generateValue: true, sync: false, fromDatabase or fromService",
        "add sync: false to set it in the dashboard, or value: <text> when it is not a secret");
    return null;
  }

  private @Nullable BlueprintDatabase database(Node node, String path, String prefix) {
    if (!map(node, path)) return null;
    String name = string(node, "name", path + ".name");
    String subject = name == null ? path : prefix + "databases." + name;
    unknownFields(node, subject, Vocabulary.DATABASE_FIELDS);
    if (name == null) {
      if (!node.fields().containsKey("name")) problem(Problem.MISSING, path + ".name", node.line(), "is missing", null, "add name: <database name>");
      return null;
    }
    String plan = oneOf(node, "plan", subject + ".plan", Vocabulary.PLANS);
    String region = oneOf(node, "region", subject + ".region", Vocabulary.REGIONS);
    String dbName = string(node, "databaseName", subject + ".databaseName");
    String user = string(node, "user", subject + ".user");
    String version = oneOf(node, "postgresMajorVersion", subject + ".postgresMajorVersion", Vocabulary.POSTGRES_VERSIONS);
    java.util.Map<String, Object> extras = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, Node> e : node.fields().entrySet()) {
      if (Set.of("name", "plan", "region", "databaseName", "user", "postgresMajorVersion").contains(e.getKey())) continue;
      if (!Vocabulary.DATABASE_FIELDS.contains(e.getKey())) continue;
      Object plain = e.getValue().plain();
      if (plain != null) extras.put(e.getKey(), plain);
    }
    return new BlueprintDatabase(name, Optional.ofNullable(plan), Optional.ofNullable(region),
        Optional.ofNullable(dbName), Optional.ofNullable(user), Optional.ofNullable(version), extras,
        origins(node, "", new java.util.LinkedHashMap<>()));
  }

  private @Nullable EnvVarGroup group(Node node, String path, String prefix) {
    if (!map(node, path)) return null;
    String name = string(node, "name", path + ".name");
    String subject = name == null ? path : prefix + "envVarGroups." + name;
    unknownFields(node, subject, Set.of("name", "envVars"));
    if (name == null && !node.fields().containsKey("name")) {
      problem(Problem.MISSING, path + ".name", node.line(), "is missing", null, "add name: <group name>");
    }
    Node envVars = node.fields().get("envVars");
    if (envVars == null) {
      problem(Problem.MISSING, subject + ".envVars", node.line(), "is missing", null, "add envVars: with at least one key");
      return null;
    }
    List<BlueprintEnvVar> vars = new ArrayList<>();
    int i = 0;
    for (Node item : list(envVars, subject + ".envVars")) {
      BlueprintEnvVar v = envVar(item, subject + ".envVars[" + i++ + "]", true);
      if (v != null) vars.add(v);
    }
    return name == null ? null : new EnvVarGroup(name, vars, origins(node, "", new java.util.LinkedHashMap<>()));
  }

  // ---- typed field access, each reporting its own problem ----

  private boolean map(Node node, String subject) {
    if (node.kind() == Kind.MAP) return true;
    problem(Problem.MALFORMED, subject, node.line(), "is " + describe(node) + ", not a mapping", "key: value pairs", null);
    return false;
  }

  private List<Node> list(Node node, String subject) {
    if (node.kind() == Kind.LIST) return node.items();
    if (node.kind() == Kind.NULL) return List.of();
    problem(Problem.MALFORMED, subject, node.line(), "is " + describe(node) + ", not a list", "a list of - items", null);
    return List.of();
  }

  private @Nullable String string(Node parent, String key, String subject) {
    Node n = parent.fields().get(key);
    if (n == null) return null;
    if (n.kind() == Kind.STRING) return n.text();
    problem(Problem.MALFORMED, subject, parent.keyLine(key), "is " + describe(n) + ", not a string", "text", "quote the value");
    return null;
  }

  /** value: and previewValue: accept strings and numbers; numbers keep their written text. */
  private @Nullable String scalarText(Node parent, String key, String subject) {
    Node n = parent.fields().get(key);
    if (n == null) return null;
    if (n.kind() == Kind.STRING || n.kind() == Kind.NUMBER) return n.text();
    if (n.kind() == Kind.BOOLEAN) {
      // The schema wants a string or a number, but Render's own templates pass booleans and deploy (the
      // value arrives as text): a warning, and the variable is read as that text.
      problems.add(Problem.warning(Problem.MALFORMED, subject, "is the boolean " + n.text() + "; Render's schema"
          + " expects a string or a number").withOrigin(at(parent.keyLine(key)))
          .withFix("quote it: " + key + ": \"" + n.text() + "\""));
      return n.text();
    }
    problem(Problem.MALFORMED, subject, parent.keyLine(key), "is " + describe(n) + ", not a string or number", "text",
        "quote the value");
    return null;
  }

  private @Nullable Boolean bool(Node parent, String key, String subject) {
    Node n = parent.fields().get(key);
    if (n == null) return null;
    if (n.kind() == Kind.BOOLEAN) return (Boolean) n.scalar();
    problem(Problem.MALFORMED, subject, parent.keyLine(key), "is " + describe(n) + ", not a boolean", "true or false", null);
    return null;
  }

  private @Nullable Integer integer(Node parent, String key, String subject, int min, int max) {
    Node n = parent.fields().get(key);
    if (n == null) return null;
    Object s = n.scalar();
    if (n.kind() != Kind.NUMBER || !(s instanceof Integer || s instanceof Long || s instanceof java.math.BigInteger)) {
      problem(Problem.MALFORMED, subject, parent.keyLine(key), "is " + describe(n) + ", not a whole number", "a whole number", null);
      return null;
    }
    long v = ((Number) s).longValue();
    if (v < min || v > max || !(s instanceof Integer || s instanceof Long)) {
      problem(Problem.OUT_OF_RANGE, subject, parent.keyLine(key), "is " + n.text(),
          max == Integer.MAX_VALUE ? "at least " + min : "between " + min + " and " + max, null);
      return null;
    }
    return (int) v;
  }

  private @Nullable String oneOf(Node parent, String key, String subject, Collection<String> known) {
    String s = string(parent, key, subject);
    if (s == null) return null;
    if (known.contains(s)) return s;
    String lower = s.toLowerCase(java.util.Locale.ROOT);
    if (key.equals("plan") && known.contains(lower.replace('_', '-'))) {
      // Render's API spells plans basic_256mb (render-public-api-openapi.json), and Render's own
      // templates write Starter and Basic-1gb (render-examples/temporal, preview-environment) and
      // deploy; the render.yaml schema spells them starter, basic-256mb.
      String schema = lower.replace('_', '-');
      String why = lower.equals(s) ? "is the API's spelling" : "is not spelled as in the render.yaml schema";
      problems.add(Problem.warning(Problem.OUT_OF_RANGE, subject, "'" + s + "' " + why + "; the schema knows " + schema)
          .withOrigin(at(parent.keyLine(key))).withFix("write plan: " + schema));
      return schema;
    }
    String near = Vocabulary.closest(s, known);
    problem(Problem.OUT_OF_RANGE, subject, parent.keyLine(key), "'" + s + "' is not a known " + key,
        "one of " + String.join(", ", known), near == null ? null : "did you mean " + key + ": " + near + "?");
    return null;
  }

  private List<String> strings(@Nullable Node node, String subject) {
    if (node == null) return List.of();
    List<String> out = new ArrayList<>();
    for (Node item : list(node, subject)) {
      if (item.kind() == Kind.STRING) out.add(item.text());
      else problem(Problem.MALFORMED, subject, item.line(), "holds " + describe(item) + ", not a string", "text", null);
    }
    return out;
  }

  private <T> @Nullable T required(@Nullable T value, Node parent, String key, String subject) {
    if (value == null && !parent.fields().containsKey(key)) {
      problem(Problem.MISSING, subject + "." + key, parent.line(), "is missing", null, "add " + key + ":");
    }
    return value;
  }

  private void unknownFields(Node node, String subject, Set<String> allowed) {
    for (String key : node.fields().keySet()) {
      if (!allowed.contains(key)) unknownField(subject + "." + key, key, node.keyLine(key), allowed);
    }
  }

  private void unknownField(String subject, String key, int line, Set<String> allowed) {
    String near = Vocabulary.closest(key, allowed);
    problem(Problem.UNKNOWN, subject, line, "is not a field Render knows here", null,
        near == null ? "remove it" : "did you mean " + near + "?");
  }

  private static String describe(Node n) {
    switch (n.kind()) {
      case MAP: return "a mapping";
      case LIST: return "a list";
      case NULL: return "empty";
      case BOOLEAN: return "the boolean " + n.text();
      case NUMBER: return "the number " + n.text();
      default: return "a string";
    }
  }
}

package dev.runway.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.runway.App;
import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import dev.runway.platform.Names;
import dev.runway.platform.Platform;
import dev.runway.Service;
import dev.runway.env.EnvSchema;
import dev.runway.env.Environment;
import dev.runway.env.KeyFormat;
import dev.runway.env.Rule;
import dev.runway.env.Rules;
import dev.runway.env.Sensitivity;
import dev.runway.env.Var;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** Reads runway.conf into an {@link App}, collecting every mistake with its file:line. */
public final class HoconModel {
  // monitor and keep-warm blocks are read by dev.runway.monitor.MonitorConfig, pipelines by
  // dev.runway.pipeline.PipelineConfig, from the same file.
  private static final Set<String> TOP = Set.of("app", "environments", "services", "variables", "rules", "monitor", "pipelines",
      "keep-warm");
  private static final Set<String> VARIABLE_KEYS = Set.of("type", "description", "sensitivity", "targets",
      "required", "required-in", "forbidden-in", "default", "defaults", "format", "pattern", "min", "max",
      "min-length", "max-length", "schemes", "https-in", "values", "separator", "from", "generate", "group");
  private static final List<String> TYPES = List.of("string", "integer", "long", "boolean", "decimal", "duration",
      "port", "url", "uri", "host", "email", "enum", "list", "json", "postgres-url", "secret");
  private static final List<String> RULES = List.of("no-localhost", "https-only", "requires");

  private final @Nullable Path file;
  private final String sourceName;
  private final List<String> errors = new ArrayList<>();
  private final List<Origin> errorOrigins = new ArrayList<>();

  private HoconModel(@Nullable Path file, String sourceName) {
    this.file = file;
    this.sourceName = sourceName;
  }

  public static App load(Path file) {
    HoconModel model = new HoconModel(file, file.toString());
    Config config;
    try {
      config = HoconFiles.parse(file, "runway.conf");
    } catch (ConfigException e) {
      throw model.parseFailed(e);
    }
    return model.build(config);
  }

  public static App parse(String text, String sourceName) {
    HoconGuard.check(text, Origin.of(sourceName));
    HoconModel model = new HoconModel(null, sourceName);
    Config config;
    try {
      config = ConfigFactory.parseString(text, HoconFiles.options().setOriginDescription(sourceName))
          .resolve(ConfigResolveOptions.defaults());
    } catch (ConfigException e) {
      throw model.parseFailed(e);
    } catch (StackOverflowError | OutOfMemoryError e) {
      throw HoconFiles.tooFar(Origin.of(sourceName), e);
    }
    return model.build(config);
  }

  private RunwayException parseFailed(ConfigException e) {
    Origin origin = origin(e.origin());
    String message = e.getMessage() == null ? "cannot be parsed" : e.getMessage();
    // Typesafe Config prefixes "<description>: <line>: "; we put our own origin in front.
    String detail = message.replaceFirst("^.*?: \\d+: ", "");
    if (e instanceof ConfigException.UnresolvedSubstitution) {
      return new RunwayException.ParseFailed(origin + ": " + detail
          + "; define it in the file, set it in the environment, or write ${?NAME} to make it optional", origin, e);
    }
    return new RunwayException.ParseFailed(origin + ": " + detail + "; fix the HOCON syntax at this line", origin, e);
  }

  private App build(Config config) {
    ConfigObject root = config.root();
    Set<String> platforms = knownPlatforms();
    Set<String> sections = new java.util.TreeSet<>(TOP);
    sections.addAll(platforms);
    for (String key : root.keySet()) {
      if (!sections.contains(key)) error(root.get(key), key, "is not a runway.conf section", sections, null);
    }
    String name = appName(config);
    List<Environment> environments = environments(config);
    Map<String, Service> services = services(config);
    List<Var<?>> variables = variables(config, environments, services.keySet());
    List<Rule> rules = rules(config, environments, variables);
    if (!errors.isEmpty()) throw invalid();
    EnvSchema schema = EnvSchema.of(variables).environments(environments.toArray(Environment[]::new));
    for (Rule r : rules) schema = schema.rule(r);
    App app;
    try {
      app = App.of(name, schema, List.copyOf(services.values()));
    } catch (RunwayException.ModelInvalid e) {
      throw new RunwayException.ModelInvalid(sourceName + ": " + e.getMessage(), fileOrigin(0));
    }
    for (String platform : platforms) {
      if (!root.containsKey(platform)) continue;
      ConfigValue block = root.get(platform);
      if (block.valueType() != ConfigValueType.OBJECT) {
        error(block, platform, "must be an object of settings", null, "write " + platform + " { ... }");
        continue;
      }
      Optional<Set<String>> known = platformById(platform).flatMap(Platform::platformSettingNames);
      for (String key : HoconFiles.sortedByLine((ConfigObject) block)) {
        if (known.isPresent() && !known.get().contains(key)) {
          error(((ConfigObject) block).get(key), platform + "." + key, "is not a " + platform + " setting", known.get(), null);
        }
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> settings = (Map<String, Object>) block.unwrapped();
      app = app.withPlatformSettings(platform, settings);
    }
    if (!errors.isEmpty()) throw invalid();
    return app;
  }

  private static Optional<Platform> platformById(String id) {
    return Platforms.all().stream().filter(p -> p.id().equals(id)).findFirst();
  }

  private String appName(Config config) {
    if (!config.hasPath("app")) {
      errors.add(sourceName + ": app: is missing; add app = <name> at the top");
      errorOrigins.add(fileOrigin(1));
      return "app";
    }
    ConfigValue v = config.getValue("app");
    if (v.valueType() == ConfigValueType.OBJECT) {
      Config app = config.getConfig("app");
      if (app.hasPath("name") && app.getValue("name").valueType() == ConfigValueType.STRING) return app.getString("name");
      error(v, "app.name", "is missing", null, "write app { name = <name> } or app = <name>");
      return "app";
    }
    if (v.valueType() != ConfigValueType.STRING) {
      error(v, "app", "must be the app's name", null, "write app = <name>");
      return "app";
    }
    return (String) v.unwrapped();
  }

  private List<Environment> environments(Config config) {
    if (!config.hasPath("environments")) return List.of(Environment.DEVELOPMENT, Environment.PREVIEW, Environment.PRODUCTION);
    List<Environment> out = new ArrayList<>();
    for (String n : strings(config.getValue("environments"), "environments")) {
      try {
        Environment e = Environment.named(n);
        if (out.contains(e)) error(config.getValue("environments"), "environments", "names " + n + " twice", null, "list each environment once");
        else out.add(e);
      } catch (IllegalArgumentException e) {
        error(config.getValue("environments"), "environments", e.getMessage(), null, "rename it");
      }
    }
    if (out.isEmpty()) {
      error(config.getValue("environments"), "environments", "is empty", null, "list at least one environment");
      return List.of(Environment.DEVELOPMENT);
    }
    return out;
  }

  private Map<String, Service> services(Config config) {
    Map<String, Service> out = new LinkedHashMap<>();
    if (!config.hasPath("services")) return out;
    ConfigValue section = config.getValue("services");
    if (section.valueType() != ConfigValueType.OBJECT) {
      error(section, "services", "must be an object of services", null, "write services { api { platform = render } }");
      return out;
    }
    ConfigObject obj = (ConfigObject) section;
    Set<String> platforms = knownPlatforms();
    for (String name : HoconFiles.sortedByLine(obj)) {
      ConfigValue value = obj.get(name);
      String path = "services." + name;
      if (value.valueType() != ConfigValueType.OBJECT) {
        error(value, path, "must be an object", null, "write " + name + " { platform = render }");
        continue;
      }
      ConfigObject s = (ConfigObject) value;
      ConfigValue platform = s.get("platform");
      if (platform == null || platform.valueType() != ConfigValueType.STRING) {
        error(value, path + ".platform", "is missing", null, "add platform = render (or vercel, supabase)");
        continue;
      }
      if (!platforms.contains((String) platform.unwrapped())) {
        // A typo here would otherwise pass, and every generator would silently skip the service.
        error(platform, path + ".platform", "'" + platform.unwrapped() + "' is not a platform", platforms, null);
      }
      Map<String, Object> settings = new LinkedHashMap<>();
      for (String key : HoconFiles.sortedByLine(s)) {
        if (!key.equals("platform")) settings.put(key, s.get(key).unwrapped());
      }
      try {
        Service service = Service.of(name, (String) platform.unwrapped(), settings).withOrigin(origin(value.origin()));
        Optional<Set<String>> known = platformById(service.platform()).flatMap(p -> p.settingNames(service));
        for (String key : settings.keySet()) {
          if (known.isPresent() && !known.get().contains(key)) {
            error(s.get(key), path + "." + key, "is not a " + service.platform() + " setting", known.get(), null);
          }
        }
        out.put(name, service);
      } catch (IllegalArgumentException e) {
        error(value, path, e.getMessage(), null, "rename the service");
      }
    }
    return out;
  }

  private List<Var<?>> variables(Config config, List<Environment> environments, Set<String> services) {
    List<Var<?>> out = new ArrayList<>();
    if (!config.hasPath("variables")) return out;
    ConfigValue section = config.getValue("variables");
    if (section.valueType() != ConfigValueType.OBJECT) {
      error(section, "variables", "must be an object of variables", null, "write variables { PORT { type = port } }");
      return out;
    }
    ConfigObject obj = (ConfigObject) section;
    for (String name : HoconFiles.sortedByLine(obj)) {
      ConfigValue value = obj.get(name);
      String path = "variables." + name;
      if (value.valueType() != ConfigValueType.OBJECT) {
        error(value, path, "must be an object of attributes", null, "write " + name + " { type = string }");
        continue;
      }
      Var<?> v = variable(name, (ConfigObject) value, path, environments, services);
      if (v != null) out.add(v);
    }
    return out;
  }

  private @Nullable Var<?> variable(String name, ConfigObject attrs, String path, List<Environment> environments,
      Set<String> services) {
    for (String key : attrs.keySet()) {
      if (!VARIABLE_KEYS.contains(key)) error(attrs.get(key), path + "." + key, "is not a variable attribute", VARIABLE_KEYS, null);
    }
    String type = attrs.containsKey("type") ? string(attrs.get("type"), path + ".type") : "string";
    if (type == null) return null;
    Var<?> v;
    try {
      v = base(name, type, attrs, path);
    } catch (IllegalArgumentException e) {
      error(attrs, path, e.getMessage(), null, "rename the variable");
      return null;
    }
    if (v == null) return null;
    int before = errors.size();
    try {
      v = refine(v, attrs, path, environments, services);
    } catch (IllegalArgumentException | IllegalStateException e) {
      String message = e.getMessage() == null ? "is inconsistent" : e.getMessage();
      error(attrs, path, message.startsWith(name + ": ") ? message.substring(name.length() + 2) : message, null,
          "remove the attribute that does not fit type " + type);
      return null;
    }
    return errors.size() == before ? v : null;
  }

  private @Nullable Var<?> base(String name, String type, ConfigObject attrs, String path) {
    return switch (type) {
      case "string" -> Var.string(name);
      case "integer" -> Var.integer(name);
      case "long" -> Var.longInteger(name);
      case "boolean" -> Var.bool(name);
      case "decimal" -> Var.decimal(name);
      case "duration" -> Var.duration(name);
      case "port" -> Var.port(name);
      case "url" -> Var.url(name);
      case "uri" -> Var.uri(name);
      case "host" -> Var.host(name);
      case "email" -> Var.email(name);
      case "json" -> Var.json(name);
      case "postgres-url" -> Var.postgresUrl(name);
      case "secret" -> Var.secret(name);
      case "enum" -> {
        if (!attrs.containsKey("values")) {
          error(attrs, path + ".values", "is missing for an enum", null, "add values = [a, b, c]");
          yield null;
        }
        yield Var.oneOf(name, strings(attrs.get("values"), path + ".values").toArray(String[]::new));
      }
      case "list" -> attrs.containsKey("separator")
          ? Var.list(name, String.valueOf(attrs.get("separator").unwrapped()))
          : Var.list(name);
      default -> {
        error(attrs.get("type"), path + ".type", "'" + type + "' is not a type", TYPES, null);
        yield null;
      }
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Var<?> refine(Var v, ConfigObject attrs, String path, List<Environment> environments, Set<String> services) {
    if (attrs.containsKey("description")) v = v.description(String.valueOf(attrs.get("description").unwrapped()));
    if (attrs.containsKey("sensitivity")) {
      String s = string(attrs.get("sensitivity"), path + ".sensitivity");
      if (s != null) {
        try {
          v = v.sensitivity(Sensitivity.valueOf(s.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          error(attrs.get("sensitivity"), path + ".sensitivity", "'" + s + "' is not a sensitivity",
              List.of("public", "internal", "secret"), null);
        }
      }
    }
    if (attrs.containsKey("targets")) {
      List<String> targets = strings(attrs.get("targets"), path + ".targets");
      for (String t : targets) {
        if (!services.contains(t)) error(attrs.get("targets"), path + ".targets", "names service '" + t + "', which is not declared", services, null);
      }
      v = v.targets(targets.toArray(String[]::new));
    }
    if (attrs.containsKey("generate")) {
      ConfigValue g = attrs.get("generate");
      if (g.valueType() != ConfigValueType.BOOLEAN) error(g, path + ".generate", "must be true or false", null, "write generate = true");
      else if (Boolean.TRUE.equals(g.unwrapped())) v = v.generated();
    }
    if (attrs.containsKey("from")) {
      if (attrs.containsKey("generate")) {
        error(attrs.get("from"), path + ".from", "cannot go with generate", null, "keep one of from and generate");
      }
      v = from(v, attrs.get("from"), path + ".from", services);
    }
    if (attrs.containsKey("group")) {
      String g = string(attrs.get("group"), path + ".group");
      if (g != null) v = v.group(g);
    }
    if (attrs.containsKey("required")) {
      ConfigValue r = attrs.get("required");
      if (r.valueType() != ConfigValueType.BOOLEAN) error(r, path + ".required", "must be true or false", null, "write required = false, or use required-in = [production]");
      else v = Boolean.TRUE.equals(r.unwrapped()) ? v.required() : v.optional();
    }
    if (attrs.containsKey("required-in")) v = v.requiredIn(envs(attrs.get("required-in"), path + ".required-in", environments));
    if (attrs.containsKey("forbidden-in")) v = v.forbiddenIn(envs(attrs.get("forbidden-in"), path + ".forbidden-in", environments));
    if (attrs.containsKey("default")) {
      Object parsed = typed(v, attrs.get("default"), path + ".default");
      if (parsed != null) v = v.defaultValue(parsed);
    }
    if (attrs.containsKey("defaults")) {
      ConfigValue d = attrs.get("defaults");
      if (d.valueType() != ConfigValueType.OBJECT) {
        error(d, path + ".defaults", "must be an object of environment = value", null, "write defaults { production = ... }");
      } else {
        ConfigObject byEnv = (ConfigObject) d;
        for (String envName : HoconFiles.sortedByLine(byEnv)) {
          Environment e = env(byEnv.get(envName), path + ".defaults." + envName, envName, environments);
          Object parsed = typed(v, byEnv.get(envName), path + ".defaults." + envName);
          if (e != null && parsed != null) v = v.defaultIn(e, parsed);
        }
      }
    }
    if (attrs.containsKey("format")) {
      String f = string(attrs.get("format"), path + ".format");
      if (f != null) {
        var format = KeyFormat.named(f);
        if (format.isEmpty()) error(attrs.get("format"), path + ".format", "'" + f + "' is not a known key format",
            KeyFormat.builtIn().stream().map(KeyFormat::name).toList(), "or use pattern = \"<regex>\"");
        else v = v.format(format.get());
      }
    }
    if (attrs.containsKey("pattern")) {
      String p = string(attrs.get("pattern"), path + ".pattern");
      if (p != null) v = v.pattern(p);
    }
    Number min = number(attrs, "min", path);
    Number max = number(attrs, "max", path);
    if (min != null && max != null) v = v.range(min, max);
    else if (min != null) v = v.min(min);
    else if (max != null) v = v.max(max);
    Number minLength = number(attrs, "min-length", path);
    Number maxLength = number(attrs, "max-length", path);
    if (maxLength != null) v = v.length(minLength == null ? 0 : minLength.intValue(), maxLength.intValue());
    else if (minLength != null) v = v.minLength(minLength.intValue());
    if (attrs.containsKey("schemes")) v = v.schemes(strings(attrs.get("schemes"), path + ".schemes").toArray(String[]::new));
    if (attrs.containsKey("https-in")) v = v.httpsIn(envs(attrs.get("https-in"), path + ".https-in", environments));
    if (attrs.containsKey("values") && !v.typeName().equals("enum")) {
      error(attrs.get("values"), path + ".values", "applies only to type = enum", null, "remove it, or set type = enum");
    }
    if (attrs.containsKey("separator") && !v.typeName().equals("list")) {
      error(attrs.get("separator"), path + ".separator", "applies only to type = list", null, "remove it, or set type = list");
    }
    return v;
  }

  private List<Rule> rules(Config config, List<Environment> environments, List<Var<?>> variables) {
    List<Rule> out = new ArrayList<>();
    if (!config.hasPath("rules")) return out;
    ConfigValue section = config.getValue("rules");
    if (section.valueType() != ConfigValueType.LIST) {
      error(section, "rules", "must be a list of rules", null, "write rules = [ { rule = no-localhost, in = [production] } ]");
      return out;
    }
    Map<String, Var<?>> byName = new LinkedHashMap<>();
    variables.forEach(v -> byName.put(v.name(), v));
    int i = 0;
    for (ConfigValue item : (ConfigList) section) {
      String path = "rules[" + i++ + "]";
      if (item.valueType() != ConfigValueType.OBJECT) {
        error(item, path, "must be an object", null, "write { rule = no-localhost, in = [production] }");
        continue;
      }
      ConfigObject r = (ConfigObject) item;
      String kind = r.containsKey("rule") ? string(r.get("rule"), path + ".rule") : null;
      if (kind == null) {
        if (!r.containsKey("rule")) error(item, path + ".rule", "is missing", RULES, null);
        continue;
      }
      switch (kind) {
        case "no-localhost" -> out.add(Rules.noLocalhostIn(envs(r.get("in"), path + ".in", environments)));
        case "https-only" -> out.add(Rules.httpsOnlyIn(envs(r.get("in"), path + ".in", environments)));
        case "requires" -> {
          Var<?> subject = ref(r.get("variable"), path + ".variable", byName);
          List<Var<?>> needed = new ArrayList<>();
          if (r.get("requires") == null) error(item, path + ".requires", "is missing", null, "add requires = [OTHER_VARIABLE]");
          else for (String n : strings(r.get("requires"), path + ".requires")) {
            Var<?> needs = byName.get(n);
            if (needs == null) error(r.get("requires"), path + ".requires", "names variable '" + n + "', which is not declared", byName.keySet(), null);
            else needed.add(needs);
          }
          if (subject != null) out.add(Rules.requires(subject, needed.toArray(Var<?>[]::new)));
        }
        default -> error(r.get("rule"), path + ".rule", "'" + kind + "' is not a rule", RULES, null);
      }
    }
    return out;
  }

  // --- value helpers --------------------------------------------------------------------------

  private @Nullable Var<?> ref(@Nullable ConfigValue value, String path, Map<String, Var<?>> byName) {
    if (value == null) {
      errors.add(sourceName + ": " + path + ": is missing; add variable = <NAME>");
      errorOrigins.add(fileOrigin(0));
      return null;
    }
    String n = string(value, path);
    if (n == null) return null;
    Var<?> v = byName.get(n);
    if (v == null) error(value, path, "names variable '" + n + "', which is not declared", byName.keySet(), null);
    return v;
  }

  private @Nullable Object typed(Var<?> v, ConfigValue value, String path) {
    if (value.valueType() == ConfigValueType.OBJECT || value.valueType() == ConfigValueType.NULL) {
      error(value, path, "must be a " + v.typeName() + " value", null, "write it as " + v.expected());
      return null;
    }
    if (value.valueType() == ConfigValueType.LIST && v.typeName().equals("list")) {
      // items are taken as written: joining them with ',' would split wrongly under another separator
      return strings(value, path).stream().map(String::trim).filter(item -> !item.isEmpty()).toList();
    }
    String text = value.valueType() == ConfigValueType.LIST
        ? String.join(",", strings(value, path))
        : String.valueOf(value.unwrapped());
    try {
      return v.parse(text);
    } catch (IllegalArgumentException e) {
      String m = e.getMessage() == null ? "is not valid" : e.getMessage().substring(v.name().length() + 2);
      error(value, path, m, null, "write a " + v.typeName() + " value");
      return null;
    }
  }

  private @Nullable Number number(ConfigObject attrs, String key, String path) {
    ConfigValue value = attrs.get(key);
    if (value == null) return null;
    if (value.valueType() != ConfigValueType.NUMBER) {
      error(value, path + "." + key, "must be a number", null, "write " + key + " = 1");
      return null;
    }
    return (Number) value.unwrapped();
  }

  private Environment[] envs(@Nullable ConfigValue value, String path, List<Environment> environments) {
    if (value == null) {
      errors.add(sourceName + ": " + path + ": is missing; add in = [production]");
      errorOrigins.add(fileOrigin(0));
      return new Environment[0];
    }
    List<Environment> out = new ArrayList<>();
    int before = errors.size();
    for (String n : strings(value, path)) {
      Environment e = env(value, path, n, environments);
      if (e != null) out.add(e);
    }
    if (out.isEmpty() && errors.size() == before) { // an unknown name is already reported
      error(value, path, "names no environment", null, "list at least one of " + environments);
    }
    return out.toArray(Environment[]::new);
  }

  private @Nullable Environment env(ConfigValue at, String path, String n, List<Environment> environments) {
    for (Environment e : environments) if (e.name().equalsIgnoreCase(n)) return e;
    error(at, path, "'" + n + "' is not a declared environment", environments.stream().map(Environment::name).toList(), null);
    return null;
  }

  private @Nullable String string(ConfigValue value, String path) {
    if (value.valueType() != ConfigValueType.STRING) {
      error(value, path, "must be a string", null, "quote it if needed");
      return null;
    }
    return (String) value.unwrapped();
  }

  /** A list of strings, or one string as a list of one. */
  private List<String> strings(ConfigValue value, String path) {
    if (value.valueType() == ConfigValueType.STRING) return List.of((String) value.unwrapped());
    if (value.valueType() != ConfigValueType.LIST) {
      error(value, path, "must be a list", null, "write [a, b]");
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (ConfigValue item : (ConfigList) value) {
      if (item.valueType() == ConfigValueType.OBJECT || item.valueType() == ConfigValueType.LIST) {
        error(item, path, "must hold plain values", null, "write [a, b]");
      } else {
        out.add(String.valueOf(item.unwrapped()));
      }
    }
    return out;
  }

  /** {@code from { service = db, property = connectionString }} or {@code from { service = api, variable = KEY }}. */
  private Var<?> from(Var<?> v, ConfigValue value, String path, Set<String> services) {
    if (value.valueType() != ConfigValueType.OBJECT) {
      error(value, path, "must be an object", null, "write from { service = db, property = connectionString }");
      return v;
    }
    ConfigObject f = (ConfigObject) value;
    for (String key : f.keySet()) {
      if (!Set.of("service", "property", "variable").contains(key)) {
        error(f.get(key), path + "." + key, "is not a from attribute", List.of("service", "property", "variable"), null);
      }
    }
    String service = f.containsKey("service") ? string(f.get("service"), path + ".service") : null;
    if (service == null) {
      if (!f.containsKey("service")) error(value, path + ".service", "is missing", null, "add service = <name of a service>");
      return v;
    }
    if (!services.contains(service)) {
      error(f.get("service"), path + ".service", "names service '" + service + "', which is not declared", services, null);
      return v;
    }
    String property = f.containsKey("property") ? string(f.get("property"), path + ".property") : null;
    String variable = f.containsKey("variable") ? string(f.get("variable"), path + ".variable") : null;
    if ((property == null) == (variable == null)) {
      error(value, path, "needs exactly one of property and variable", null,
          "write property = connectionString (or host, port, hostport), or variable = <NAME>");
      return v;
    }
    return property != null ? v.fromService(service, property) : v.fromServiceVariable(service, variable);
  }

  /** Keys in file order (Typesafe Config objects are unordered), so errors and services read top-down. */
  /** The platforms Runway ships, and any other platform module's id on the class path. */
  private static Set<String> knownPlatforms() {
    Set<String> ids = new java.util.TreeSet<>(List.of("render", "supabase", "vercel"));
    for (Platform p : Platforms.all()) ids.add(p.id());
    return ids;
  }

  private void error(ConfigValue at, String path, String problem, java.util.@Nullable Collection<String> known,
      @Nullable String fix) {
    Origin origin = origin(at.origin());
    String key = path.substring(path.lastIndexOf('.') + 1);
    String hint;
    if (known != null) {
      // Suggest for the quoted name in the problem ('enumm', 'apii'), else for the key itself.
      java.util.regex.Matcher quoted = java.util.regex.Pattern.compile("'([^']+)'").matcher(problem);
      String suggestion = Names.closest(quoted.find() ? quoted.group(1) : key, known)
          .map(c -> "did you mean " + c + "? ").orElse("");
      hint = suggestion + "(" + Names.known(known) + ")" + (fix == null ? "" : " " + fix);
    } else {
      hint = fix == null ? "" : fix;
    }
    // "did you mean x? (known: ...)" follows "; ", a bare "(known: ...)" reads better without it.
    String separator = hint.startsWith("(") ? " " : "; ";
    errors.add(origin + ": " + path + ": " + problem + (hint.isEmpty() ? "" : separator + hint));
    errorOrigins.add(origin);
  }

  private Origin origin(@Nullable ConfigOrigin o) {
    int line = o == null ? 0 : Math.max(0, o.lineNumber());
    return fileOrigin(line);
  }

  private Origin fileOrigin(int line) {
    return file != null ? Origin.file(file, line) : (line > 0 ? Origin.of(sourceName + ":" + line) : Origin.of(sourceName));
  }

  private RunwayException invalid() {
    return new RunwayException.ModelInvalid(String.join("\n", errors), errorOrigins.get(0));
  }
}

package dev.runway.render.internal;

import dev.runway.App;
import dev.runway.Service;
import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.base.Problems;
import dev.runway.base.RunwayException;
import dev.runway.env.Environment;
import dev.runway.env.ValueSource;
import dev.runway.env.Var;
import dev.runway.render.BlueprintEnvVar;
import dev.runway.render.BlueprintService;
import dev.runway.render.EnvVarGroup;
import dev.runway.render.RenderBlueprint;
import dev.runway.render.YamlTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The Runway model to a blueprint. The blueprint describes production: variables get their
 * production default as {@code value:} (and a differing preview default as {@code previewValue:}),
 * secrets and variables without a production default become {@code sync: false}, never values.
 *
 * <p>The model is first turned into render.yaml's plain tree and then read by
 * {@link BlueprintReader}, so a generated blueprint is built exactly like a read one (the two
 * compare equal field for field) and Render's rules apply to the model's settings too.
 */
public final class Generation {
  public static final String PLATFORM = "render";
  private static final Environment TARGET = Environment.PRODUCTION;

  private Generation() {}

  /**
   * The model's blueprint.
   *
   * @throws RunwayException.ValidationFailed when the model's Render settings do not make a valid
   *     render.yaml, each problem named in the model's terms ({@code services.api.plan})
   */
  public static RenderBlueprint blueprint(App app) {
    Names names = new Names(app);
    String yaml = YamlTree.write(tree(app, names));
    try {
      return BlueprintReader.read(yaml, null);
    } catch (RunwayException.ValidationFailed e) {
      List<Problem> out = new ArrayList<>();
      for (Problem p : e.problems().all()) out.add(inModelTerms(p, names));
      throw new RunwayException.ValidationFailed(Problems.of(out));
    }
  }

  // ---- model → render.yaml tree ----

  static Map<String, Object> tree(App app, Names names) {
    Map<String, Object> root = new LinkedHashMap<>();
    app.platformSettings(PLATFORM).forEach((k, v) -> {
      String f = Fields.field(k, Fields.ROOT);
      root.put(f, Fields.toRender(f, lenient(f, v)));
    });
    List<Object> services = new ArrayList<>();
    List<Object> databases = new ArrayList<>();
    for (Service s : app.servicesOn(PLATFORM)) {
      if (Fields.isPostgres(names.type(s))) databases.add(settings(s, names));
      else services.add(service(app, s, names));
    }
    if (!services.isEmpty()) root.put("services", services);
    if (!databases.isEmpty()) root.put("databases", databases);
    Map<String, List<Object>> groups = new LinkedHashMap<>();
    for (Var<?> v : app.schema().variables()) {
      groupOf(v, names).ifPresent(g -> {
        if (app.servicesOn(PLATFORM).stream().anyMatch(s -> carriesEnvVars(s, names) && v.reaches(s.name()))) {
          groups.computeIfAbsent(g, x -> new ArrayList<>()).add(envVar(app, v, names));
        }
      });
    }
    if (!groups.isEmpty()) {
      List<Object> list = new ArrayList<>();
      groups.forEach((g, vars) -> {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("name", g);
        n.put("envVars", vars);
        list.add(n);
      });
      root.put("envVarGroups", list);
    }
    return root;
  }

  private static Map<String, Object> settings(Service s, Names names) {
    String type = names.type(s);
    Set<String> known = Fields.serviceFields(type, names.isStatic(s));
    Map<String, Object> n = new LinkedHashMap<>();
    if (!Fields.isPostgres(type)) n.put("type", type);
    n.put("name", names.render(s.name()));
    s.settings().forEach((k, v) -> {
      String f = Fields.field(k, known);
      if (f.equals("type") || f.equals("name") || f.equals("envVars") || v == null) return;
      n.put(f, Fields.toRender(f, lenient(f, v)));
    });
    return n;
  }

  private static Map<String, Object> service(App app, Service s, Names names) {
    Map<String, Object> n = settings(s, names);
    if (!carriesEnvVars(s, names)) return n;
    List<Object> envVars = new ArrayList<>();
    Set<String> linked = new LinkedHashSet<>();
    for (Var<?> v : app.schema().variablesFor(s.name())) {
      Optional<String> group = groupOf(v, names);
      if (group.isEmpty()) envVars.add(envVar(app, v, names));
      else if (linked.add(group.get())) envVars.add(Map.of("fromGroup", group.get()));
    }
    if (!envVars.isEmpty()) n.put("envVars", envVars);
    return n;
  }

  /** The group a variable goes into on Render; a reference cannot live in a group, so it stays on the service. */
  static Optional<String> groupOf(Var<?> v, Names names) {
    if (v.group().isEmpty()) return Optional.empty();
    if (v.source().orElse(null) instanceof ValueSource.FromService from && reference(v, from, names) != null) {
      return Optional.empty();
    }
    return v.group();
  }

  static boolean carriesEnvVars(Service s, Names names) {
    String t = names.type(s);
    return !t.equals("keyvalue") && !t.equals("redis") && !Fields.isPostgres(t);
  }

  private static Map<String, Object> envVar(App app, Var<?> v, Names names) {
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("key", v.name());
    ValueSource source = v.source().orElse(null);
    if (source instanceof ValueSource.Generated) {
      n.put("generateValue", true);
      return n;
    }
    if (source instanceof ValueSource.FromService from) {
      Map<String, Object> ref = reference(v, from, names);
      if (ref != null) {
        n.putAll(ref);
        return n;
      }
      // not something Render can reference (RenderPlatform reports why): the value is set by hand
      n.put("sync", false);
      return n;
    }
    Optional<String> value = v.isSecret() ? Optional.empty() : v.defaultTextIn(TARGET);
    if (value.isEmpty()) {
      n.put("sync", false);
      return n;
    }
    n.put("value", value.get());
    if (app.environments().contains(Environment.PREVIEW)) {
      v.defaultTextIn(Environment.PREVIEW).filter(p -> !p.equals(value.get())).ifPresent(p -> n.put("previewValue", p));
    }
    return n;
  }

  /** fromDatabase or fromService for a reference to a Render service of the model; null when Render cannot express it. */
  static @Nullable Map<String, Object> reference(Var<?> v, ValueSource.FromService from, Names names) {
    Service target = names.service(from.service());
    if (target == null || !target.platform().equals(PLATFORM)) return null;
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("name", names.render(target.name()));
    if (Fields.isPostgres(names.type(target))) {
      if (from.property().isEmpty()) return null;
      ref.put("property", from.property().get());
      return Map.of("fromDatabase", ref);
    }
    Map<String, Object> typed = new LinkedHashMap<>();
    typed.put("type", names.referenceType(target));
    typed.putAll(ref);
    from.property().ifPresent(p -> typed.put("property", p));
    from.variable().ifPresent(k -> typed.put("envVarKey", k));
    return Map.of("fromService", typed);
  }

  /** HOCON reads {@code 16} as a number; render.yaml wants these as strings. */
  private static Object lenient(String field, Object value) {
    if ((field.equals("postgresMajorVersion") || field.equals("version")) && value instanceof Number n) {
      return n.toString();
    }
    return value;
  }

  private static final Pattern DID_YOU_MEAN = Pattern.compile("did you mean (\\w+)\\?");

  /** A reader problem about the generated text, said of the model: no origin in a file that does not exist. */
  private static Problem inModelTerms(Problem p, Names names) {
    String fix = p.fix().orElse(null);
    if (fix != null) {
      Matcher m = DID_YOU_MEAN.matcher(fix);
      if (m.find()) fix = "did you mean " + Fields.kebab(m.group(1)) + "?";
    }
    return RenderPlatform.inModelTerms(p.withFix(fix), names);
  }

  // ---- drift and dropped fields ----

  /** Drift between the model and a committed blueprint, plus the semantic checks with the model's secrets. */
  public static Problems check(App app, RenderBlueprint committed) {
    return new Drift(app, committed).check();
  }

  /** What the committed blueprint holds that generating from the model would drop, each with the runway.conf that keeps it. */
  public static Problems dropped(App app, RenderBlueprint committed) {
    return new Drift(app, committed).dropped();
  }

  /** The model's names: ids ↔ render.yaml names, types. */
  static final class Names {
    private final App app;
    private final Map<String, String> renderToId = new LinkedHashMap<>();

    App app() {
      return app;
    }

    Names(App app) {
      this.app = app;
      for (Service s : app.servicesOn(PLATFORM)) renderToId.putIfAbsent(render(s.name()), s.name());
    }

    @Nullable Service service(String id) {
      return app.services().stream().filter(s -> s.name().equals(id)).findFirst().orElse(null);
    }

    /** The render.yaml name of a model service: its {@code name} setting, else its id. */
    String render(String id) {
      Service s = service(id);
      return s == null ? id : s.setting("name").orElse(id);
    }

    /** The model id of a render.yaml name; a name the model lacks gets the id a fix would give it. */
    String id(String renderName) {
      String id = renderToId.get(renderName);
      return id != null ? id : Fields.id(renderName);
    }

    boolean known(String renderName) {
      return renderToId.containsKey(renderName);
    }

    String type(Service s) {
      return s.setting("type").orElse("web");
    }

    boolean isStatic(Service s) {
      return s.setting("runtime").filter("static"::equals).isPresent();
    }

    /** fromService.type: the service's type, {@code static} for a static site. */
    String referenceType(Service s) {
      return type(s).equals("web") && isStatic(s) ? "static" : type(s);
    }

    /** services.My API.healthCheckPath → services.api.health-check-path; databases.db → services.db. */
    String modelPath(String subject) {
      for (String prefix : List.of("services.", "databases.")) {
        if (!subject.startsWith(prefix)) continue;
        for (Map.Entry<String, String> e : renderToId.entrySet()) {
          String head = prefix + e.getKey();
          if (subject.equals(head) || subject.startsWith(head + ".")) {
            String rest = subject.substring(head.length());
            return "services." + e.getValue() + kebabPath(rest);
          }
        }
      }
      if (subject.startsWith("envVarGroups.")) return "variables (group " + subject.substring("envVarGroups.".length()) + ")";
      return "render." + kebabPath("." + subject).substring(1);
    }

    private static String kebabPath(String dotted) {
      StringBuilder sb = new StringBuilder();
      for (String part : dotted.split("\\.", -1)) {
        // camelCase fields become kebab-case; env var keys (FOO) and list indexes stay as written
        if (!part.isEmpty()) sb.append('.').append(part.matches("[a-z][a-zA-Z0-9]*") ? Fields.kebab(part) : part);
      }
      return sb.toString();
    }
  }

  static Optional<Origin> originOf(@Nullable BlueprintService s, RenderBlueprint file) {
    // TODO: BlueprintService.origin(String field) once the reader records per-field lines (h-render-lint)
    if (s != null && s.origin().isPresent()) return s.origin();
    return file.origin();
  }

  static List<BlueprintEnvVar> groupVars(RenderBlueprint b, String group) {
    return b.envVarGroups().stream().filter(g -> g.name().equals(group)).findFirst()
        .map(EnvVarGroup::envVars).orElse(List.of());
  }
}

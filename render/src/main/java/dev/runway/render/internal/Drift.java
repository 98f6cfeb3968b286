package dev.runway.render.internal;

import dev.runway.App;
import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.base.Problems;
import dev.runway.base.RunwayException;
import dev.runway.env.Environment;
import dev.runway.env.Var;
import dev.runway.render.BlueprintDatabase;
import dev.runway.render.BlueprintEnvVar;
import dev.runway.render.BlueprintService;
import dev.runway.render.EnvVarGroup;
import dev.runway.render.RenderBlueprint;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A committed blueprint against the model's: every difference (drift), and what only the committed
 * file holds (what generating would drop). Both walk render.yaml's plain tree, so a field the
 * model gains later is compared without code here knowing it.
 */
final class Drift {
  static final String DROPPED = "DROPPED";
  private static final String GENERATE = "run runway render generate";
  private static final String WOULD_DROP = " (runway render generate would drop what only render.yaml holds)";

  private final App app;
  private final RenderBlueprint committed;
  private final Generation.Names names;
  private final @Nullable RenderBlueprint expected;
  private final Problems invalidModel;
  private final Map<String, Var<?>> vars = new LinkedHashMap<>();
  private final Set<String> secrets = new HashSet<>();
  private final Origin fileOrigin;

  Drift(App app, RenderBlueprint committed) {
    this.app = app;
    this.committed = committed;
    this.names = new Generation.Names(app);
    RenderBlueprint e = null;
    Problems invalid = Problems.of(List.of());
    try {
      e = Generation.blueprint(app);
    } catch (RunwayException.ValidationFailed x) {
      invalid = x.problems();
    }
    this.expected = e;
    this.invalidModel = invalid;
    for (Var<?> v : app.schema().variables()) {
      vars.put(v.name(), v);
      if (v.isSecret()) secrets.add(v.name());
    }
    this.fileOrigin = committed.origin().orElse(Origin.of("render.yaml"));
  }

  /** A path in render.yaml's tree and the values each side has there (null: absent). */
  record Diff(List<String> path, @Nullable Object want, @Nullable Object have) {
    String dotted() { return String.join(".", path); }
  }

  // ---- dropped ----

  Problems dropped() {
    if (expected == null) return invalidModel;
    List<Problem> out = new ArrayList<>();
    Map<String, Object> have = BlueprintWriter.plain(committed);
    Map<String, Object> want = BlueprintWriter.plain(expected);
    for (Diff d : diff(root(want), root(have))) {
      if (d.want() == null) {
        out.add(dropped(d.dotted(), fileOrigin, "render." + modelPath(d.path()) + " = " + Fields.hocon(d.have())));
      }
    }
    for (BlueprintService h : committed.services()) {
      Origin at = Generation.originOf(h, committed).orElse(fileOrigin);
      String subject = "services." + h.name();
      String id = names.id(h.name());
      BlueprintService w = expected.service(h.name()).orElse(null);
      Map<String, Object> hp = withoutEnvVars(entry(have, "services", h.name()));
      if (w == null) {
        out.add(dropped(subject, at, "services." + id + " " + serviceHocon(id, hp, null)));
        for (BlueprintEnvVar v : h.envVars()) droppedVar(out, subject, v, at, List.of(id), null);
        continue;
      }
      for (Diff d : diff(withoutEnvVars(entry(want, "services", h.name())), hp)) {
        if (d.want() == null) {
          out.add(dropped(subject + "." + d.dotted(), at, "services." + id + "." + modelPath(d.path()) + " = "
              + Fields.hocon(d.have())));
        }
      }
      Set<String> wantKeys = effectiveKeys(w.envVars(), expected);
      Set<String> wantGroups = linked(w.envVars());
      for (BlueprintEnvVar v : h.envVars()) {
        if (v instanceof BlueprintEnvVar.FromGroup g) {
          if (!wantGroups.contains(g.group())) droppedLink(out, subject, g.group(), id, at);
        } else if (!wantKeys.contains(v.key().orElseThrow())) {
          droppedVar(out, subject, v, at, List.of(id), null);
        } else {
          droppedPreview(out, subject, v, w.envVar(v.key().orElseThrow()).orElse(null), at);
        }
      }
    }
    for (Map<String, Object> hd : list(have, "databases")) {
      String name = String.valueOf(hd.get("name"));
      String id = names.id(name);
      Map<String, Object> wd = entry(want, "databases", name);
      // TODO: BlueprintDatabase has no origin yet; use its line once the reader records one (h-render-lint)
      if (wd.isEmpty()) {
        out.add(dropped("databases." + name, fileOrigin, "services." + id + " " + serviceHocon(id, hd, "postgres")));
        continue;
      }
      for (Diff d : diff(wd, hd)) {
        if (d.want() == null) {
          out.add(dropped("databases." + name + "." + d.dotted(), fileOrigin, "services." + id + "."
              + modelPath(d.path()) + " = " + Fields.hocon(d.have())));
        }
      }
    }
    for (EnvVarGroup g : committed.envVarGroups()) {
      String subject = "envVarGroups." + g.name();
      List<String> linkers = linkers(committed, g.name());
      boolean known = expected.envVarGroups().stream().anyMatch(x -> x.name().equals(g.name()));
      if (!known) {
        out.add(Problem.error(DROPPED, subject, "is in render.yaml but not in the model, so runway render generate"
            + " would drop it").withOrigin(fileOrigin).withFix("keep it by giving its variables group = " + g.name()
            + " in runway.conf (listed below), or run runway render generate --force to drop it"));
      }
      Set<String> wantKeys = new HashSet<>();
      for (BlueprintEnvVar v : Generation.groupVars(expected, g.name())) wantKeys.add(v.key().orElseThrow());
      for (BlueprintEnvVar v : g.envVars()) {
        String key = v.key().orElseThrow();
        if (!wantKeys.contains(key)) droppedVar(out, subject, v, fileOrigin, linkers, g.name());
        else droppedPreview(out, subject, v, Generation.groupVars(expected, g.name()).stream()
            .filter(x -> x.key().filter(key::equals).isPresent()).findFirst().orElse(null), fileOrigin);
      }
    }
    return Problems.of(out);
  }

  private Problem dropped(String subject, Origin at, String keep) {
    return Problem.error(DROPPED, subject, "is in render.yaml but not in the model, so runway render generate would"
        + " drop it").withOrigin(at).withFix("keep it with " + keep + " in runway.conf, or run runway render generate"
        + " --force to drop it");
  }

  private void droppedVar(List<Problem> out, String holder, BlueprintEnvVar v, Origin at, List<String> targets,
      @Nullable String group) {
    if (v instanceof BlueprintEnvVar.FromGroup g) {
      droppedLink(out, holder, g.group(), targets.get(0), at);
      return;
    }
    String key = v.key().orElseThrow();
    out.add(Problem.error(DROPPED, holder + ".envVars." + key, "is in render.yaml but not in the model, so runway"
        + " render generate would drop it").withOrigin(at).withFix(keepVar(key, v, targets, group)
        + ", or run runway render generate --force to drop it"));
  }

  private void droppedLink(List<Problem> out, String holder, String group, String id, Origin at) {
    out.add(Problem.error(DROPPED, holder + ".envVars", "links env var group '" + group + "' (fromGroup: " + group
        + "), which runway render generate would drop").withOrigin(at).withFix("keep it by adding " + id
        + " to the targets of the variables with group = " + group + " in runway.conf, or run runway render generate"
        + " --force to drop it"));
  }

  private void droppedPreview(List<Problem> out, String holder, BlueprintEnvVar have, @Nullable BlueprintEnvVar want,
      Origin at) {
    if (!(have instanceof BlueprintEnvVar.Value h) || h.previewValue().isEmpty()) return;
    if (want instanceof BlueprintEnvVar.Value w && w.previewValue().isPresent()) return;
    if (!(want instanceof BlueprintEnvVar.Value)) return;   // a different form altogether: drift, not a drop
    String key = h.name();
    String keep = hidden(key) ? "a preview default for variables." + key
        : "variables." + key + ".defaults.preview = " + Fields.quote(h.previewValue().get());
    out.add(Problem.error(DROPPED, holder + ".envVars." + key + ".previewValue", "is in render.yaml but not in the"
        + " model, so runway render generate would drop it").withOrigin(at).withFix("keep it with " + keep
        + " in runway.conf (and preview in environments), or run runway render generate --force to drop it"));
  }

  // ---- drift ----

  Problems check() {
    List<Problem> out = new ArrayList<>(BlueprintChecks.check(committed,
        key -> secrets.contains(key) || (!vars.containsKey(key) && BlueprintChecks.looksSecret(key))).all());
    if (expected == null) {
      out.addAll(invalidModel.all());
      return Problems.of(out);
    }
    boolean canGenerate = dropped().all().isEmpty();
    Map<String, Object> have = BlueprintWriter.plain(committed);
    Map<String, Object> want = BlueprintWriter.plain(expected);
    for (Diff d : diff(root(want), root(have))) {
      out.add(fieldDrift(d.dotted(), "render." + modelPath(d.path()), d, fileOrigin, canGenerate));
    }
    for (BlueprintService w : expected.services()) {
      String subject = "services." + w.name();
      String id = names.id(w.name());
      BlueprintService h = committed.service(w.name()).orElse(null);
      if (h == null) {
        out.add(Problem.error(Problem.MISSING, subject, "is in the model but not in render.yaml").withOrigin(fileOrigin)
            .withFix(canGenerate ? GENERATE : "add it to render.yaml by hand, or remove services." + id
                + " from runway.conf" + WOULD_DROP));
        continue;
      }
      Origin at = Generation.originOf(h, committed).orElse(fileOrigin);
      for (Diff d : diff(withoutEnvVars(entry(want, "services", w.name())), withoutEnvVars(entry(have, "services", w.name())))) {
        out.add(fieldDrift(subject + "." + d.dotted(), "services." + id + "." + modelPath(d.path()), d,
            fieldAt(h::origin, d.path(), at), canGenerate));
      }
      envVarDrift(out, subject, id, w.envVars(), h.envVars(), at, canGenerate, null);
    }
    for (BlueprintService h : committed.services()) {
      if (expected.service(h.name()).isEmpty()) {
        String id = names.id(h.name());
        out.add(Problem.error(Problem.UNKNOWN, "services." + h.name(), "is in render.yaml but the model has no render"
            + " service of that name").withOrigin(Generation.originOf(h, committed).orElse(fileOrigin))
            .withFix("add services." + id + " " + serviceHocon(id, withoutEnvVars(entry(have, "services", h.name())), null)
                + " to runway.conf, or remove it from render.yaml"));
      }
    }
    for (Map<String, Object> wd : list(want, "databases")) {
      String name = String.valueOf(wd.get("name"));
      String id = names.id(name);
      Map<String, Object> hd = entry(have, "databases", name);
      if (hd.isEmpty()) {
        out.add(Problem.error(Problem.MISSING, "databases." + name, "is in the model but not in render.yaml")
            .withOrigin(fileOrigin).withFix(canGenerate ? GENERATE : "add it to render.yaml by hand, or remove services."
                + id + " from runway.conf" + WOULD_DROP));
        continue;
      }
      Optional<BlueprintDatabase> db = committed.databases().stream().filter(x -> x.name().equals(name)).findFirst();
      for (Diff d : diff(wd, hd)) {
        out.add(fieldDrift("databases." + name + "." + d.dotted(), "services." + id + "." + modelPath(d.path()), d,
            db.map(x -> fieldAt(x::origin, d.path(), x.origin().orElse(fileOrigin))).orElse(fileOrigin), canGenerate));
      }
    }
    for (Map<String, Object> hd : list(have, "databases")) {
      String name = String.valueOf(hd.get("name"));
      if (entry(want, "databases", name).isEmpty()) {
        String id = names.id(name);
        out.add(Problem.error(Problem.UNKNOWN, "databases." + name, "is in render.yaml but the model has no render"
            + " database of that name").withOrigin(fileOrigin).withFix("add services." + id + " "
            + serviceHocon(id, hd, "postgres") + " to runway.conf, or remove it from render.yaml"));
      }
    }
    for (EnvVarGroup w : expected.envVarGroups()) {
      String subject = "envVarGroups." + w.name();
      List<BlueprintEnvVar> h = committed.envVarGroups().stream().filter(g -> g.name().equals(w.name())).findFirst()
          .map(EnvVarGroup::envVars).orElse(null);
      if (h == null) {
        out.add(Problem.error(Problem.MISSING, subject, "is in the model but not in render.yaml").withOrigin(fileOrigin)
            .withFix(canGenerate ? GENERATE : "add it to render.yaml by hand, or remove group = " + w.name()
                + " from its variables in runway.conf" + WOULD_DROP));
        continue;
      }
      envVarDrift(out, subject, null, w.envVars(), h, fileOrigin, canGenerate, w.name());
    }
    for (EnvVarGroup h : committed.envVarGroups()) {
      if (expected.envVarGroups().stream().noneMatch(g -> g.name().equals(h.name()))) {
        out.add(Problem.warning(Problem.UNKNOWN, "envVarGroups." + h.name(), "is in render.yaml but no variable of the"
            + " model is in that group").withOrigin(fileOrigin).withFix("give its variables group = " + h.name()
            + " in runway.conf, or remove it from render.yaml"));
      }
    }
    return Problems.of(out);
  }

  /**
   * The line of the deepest field of a path the file has ({@code disk.sizeGB}, else {@code disk}),
   * else the fallback (the service's line, for a field the file lacks).
   */
  private static Origin fieldAt(java.util.function.Function<String, Optional<Origin>> origin, List<String> path,
      Origin fallback) {
    Optional<Origin> whole = origin.apply("");
    for (int n = path.size(); n > 0; n--) {
      Optional<Origin> at = origin.apply(String.join(".", path.subList(0, n)));
      if (at.isPresent() && !at.equals(whole)) return at.get();
    }
    return fallback;
  }

  private Problem fieldDrift(String subject, String modelPath, Diff d, Origin at, boolean canGenerate) {
    if (d.have() == null) {
      return Problem.error(Problem.CONFLICT, subject, "is missing in render.yaml, the model says " + show(d.want()))
          .withOrigin(at).withFix(canGenerate ? GENERATE + ", or remove " + modelPath + " from runway.conf"
              : "remove " + modelPath + " from runway.conf, or add it to render.yaml by hand" + WOULD_DROP);
    }
    String keep = modelPath + " = " + Fields.hocon(Fields.toModel(d.have()));
    if (d.want() == null) {
      return Problem.warning(Problem.UNKNOWN, subject, "is set in render.yaml (" + show(d.have()) + ") but not in the"
          + " model").withOrigin(at).withFix("add " + keep + " to runway.conf");
    }
    return Problem.error(Problem.CONFLICT, subject, "render.yaml says " + show(d.have()) + ", the model says "
        + show(d.want())).withOrigin(at).withFix(canGenerate ? GENERATE + ", or write " + keep + " in runway.conf to keep render.yaml's value"
            : "write " + keep + " in runway.conf to keep render.yaml's value" + WOULD_DROP);
  }

  /** One service's (or group's) env vars: by key, and the groups a service links. */
  private void envVarDrift(List<Problem> out, String subject, @Nullable String id, List<BlueprintEnvVar> want,
      List<BlueprintEnvVar> have, Origin at, boolean canGenerate, @Nullable String group) {
    Map<String, BlueprintEnvVar> w = byKey(want);
    Map<String, BlueprintEnvVar> h = byKey(have);
    String target = id == null ? "group " + group : id;
    for (Map.Entry<String, BlueprintEnvVar> e : w.entrySet()) {
      String key = e.getKey();
      String vs = subject + ".envVars." + key;
      BlueprintEnvVar hv = h.get(key);
      BlueprintEnvVar wv = e.getValue();
      if (hv == null) {
        String fix = canGenerate ? GENERATE : "add it to render.yaml by hand, or stop it reaching " + target
            + " in runway.conf" + WOULD_DROP;
        Var<?> declared = vars.get(key);
        if (wv instanceof BlueprintEnvVar.Unsynced && declared != null && !declared.isRequiredIn(Environment.PRODUCTION)) {
          // An optional variable set by hand: without its sync: false line Render only does not ask for
          // it when the Blueprint is created; production is not missing anything the model requires.
          out.add(Problem.warning(Problem.MISSING, vs, "is in the model (optional, set by hand) but not declared in"
              + " render.yaml, so Render does not ask for it").withOrigin(at).withFix(fix));
        } else {
          out.add(Problem.error(Problem.MISSING, vs, "is in the model but not in render.yaml").withOrigin(at)
              .withFix(fix));
        }
      } else if (!wv.equals(hv)) {
        formDrift(out, vs, key, wv, hv, hv.origin().orElse(at), canGenerate);
      }
    }
    for (Map.Entry<String, BlueprintEnvVar> e : h.entrySet()) {
      String key = e.getKey();
      if (w.containsKey(key)) continue;
      Var<?> declared = vars.get(key);
      String message = declared == null ? "is in render.yaml but the model declares no such variable"
          : declared.group().isPresent() && id != null && !Objects.equals(declared.group().get(), group)
              ? "is on the service in render.yaml, but the model puts it in env var group '" + declared.group().get() + "'"
              : "is in render.yaml but the model's variable does not reach " + target;
      List<String> targets = id != null ? List.of(id) : linkers(committed, group);
      out.add(Problem.warning(Problem.UNKNOWN, subject + ".envVars." + key, message).withOrigin(at)
          .withFix(keepVar(key, e.getValue(), targets, group) + ", or remove it from render.yaml"));
    }
    if (id == null) return;
    Set<String> wg = linked(want);
    Set<String> hg = linked(have);
    for (String g : wg) {
      if (!hg.contains(g)) {
        out.add(Problem.error(Problem.MISSING, subject + ".envVars", "the model links env var group '" + g
            + "' (fromGroup: " + g + "), render.yaml does not").withOrigin(at).withFix(canGenerate ? GENERATE
                : "add - fromGroup: " + g + " to the service's envVars in render.yaml" + WOULD_DROP));
      }
    }
    for (String g : hg) {
      if (!wg.contains(g)) {
        out.add(Problem.warning(Problem.UNKNOWN, subject + ".envVars", "render.yaml links env var group '" + g
            + "' (fromGroup: " + g + "), the model does not").withOrigin(at).withFix("add " + id
                + " to the targets of the variables with group = " + g + " in runway.conf, or remove the link from"
                + " render.yaml"));
      }
    }
  }

  private void formDrift(List<Problem> out, String vs, String key, BlueprintEnvVar w, BlueprintEnvVar h, Origin at,
      boolean canGenerate) {
    // a secret with a value is BlueprintChecks' LEAK; saying it twice helps nobody
    if (h instanceof BlueprintEnvVar.Value && secrets.contains(key)) return;
    String generate = canGenerate ? GENERATE + ", or " : "";
    String tail = canGenerate ? "" : WOULD_DROP;
    if (w instanceof BlueprintEnvVar.Value wv && h instanceof BlueprintEnvVar.Value hv) {
      if (!wv.value().equals(hv.value())) {
        out.add(Problem.error(Problem.CONFLICT, vs, "render.yaml says " + quoted(key, hv.value())
            + ", the model's production default is " + quoted(key, wv.value())).withOrigin(at)
            .withFix(generate + "change the default of variables." + key + " in runway.conf" + tail));
      }
      if (!wv.previewValue().equals(hv.previewValue())) {
        out.add(Problem.error(Problem.CONFLICT, vs + ".previewValue", "render.yaml says "
            + hv.previewValue().map(p -> quoted(key, p)).orElse("nothing") + ", the model's preview default is "
            + wv.previewValue().map(p -> quoted(key, p)).orElse("the production one")).withOrigin(at)
            .withFix(generate + "change variables." + key + ".defaults.preview in runway.conf" + tail));
      }
      return;
    }
    out.add(Problem.error(Problem.CONFLICT, vs, "render.yaml has " + describe(h) + ", the model gives " + describe(w))
        .withOrigin(at).withFix(generate + (form(h).isEmpty() ? "remove the production default, generate and from of"
            + " variables." + key : "write " + form(h) + " in variables." + key) + " of runway.conf" + tail));
  }

  // ---- runway.conf text that keeps something ----

  /** The runway.conf change that makes the model give this env var to these targets. */
  private String keepVar(String key, BlueprintEnvVar v, List<String> targets, @Nullable String group) {
    Var<?> declared = vars.get(key);
    String ids = String.join(", ", targets);
    if (declared != null) {
      String g = group == null ? "" : " and group = " + group;
      return "add " + ids + " to variables." + key + ".targets" + g + " in runway.conf";
    }
    List<String> attrs = new ArrayList<>();
    if (group != null) attrs.add("group = " + group);
    attrs.add("targets = [" + (targets.isEmpty() ? "<the services that need it>" : ids) + "]");
    String form = form(v);
    if (!form.isEmpty()) attrs.add(form);
    return "add variables." + key + " { " + String.join(", ", attrs) + " } to runway.conf";
  }

  /** An env var's form as runway.conf attributes; a secret's value is never written out. */
  private String form(BlueprintEnvVar v) {
    if (v instanceof BlueprintEnvVar.Value x) {
      if (hidden(x.name())) return "type = secret";
      return "default = " + Fields.quote(x.value())
          + x.previewValue().map(p -> ", defaults { preview = " + Fields.quote(p) + " }").orElse("");
    }
    if (v instanceof BlueprintEnvVar.Generated) return "generate = true";
    if (v instanceof BlueprintEnvVar.Unsynced x) return hidden(x.name()) ? "type = secret" : "";
    if (v instanceof BlueprintEnvVar.FromDatabase x) {
      return "from { service = " + names.id(x.database()) + ", property = " + x.property() + " }";
    }
    if (v instanceof BlueprintEnvVar.FromService x) {
      return "from { service = " + names.id(x.service()) + ", "
          + x.property().map(p -> "property = " + p).orElseGet(() -> "variable = " + x.envVarKey().orElse("")) + " }";
    }
    return "";
  }

  private static String serviceHocon(String id, Map<String, Object> plain, @Nullable String type) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("platform", "render");
    if (type != null) m.put("type", type);
    plain.forEach((k, v) -> {
      if (k.equals("name") && id.equals(v)) return;
      m.put(k, Fields.toModel(v));
    });
    return Fields.hocon(m);
  }

  private String describe(BlueprintEnvVar v) {
    if (v instanceof BlueprintEnvVar.Value x) return hidden(x.name()) ? "a value" : "value '" + x.value() + "'";
    if (v instanceof BlueprintEnvVar.Generated) return "generateValue: true";
    if (v instanceof BlueprintEnvVar.Unsynced) return "sync: false";
    if (v instanceof BlueprintEnvVar.FromDatabase x) return "fromDatabase " + x.database() + " " + x.property();
    if (v instanceof BlueprintEnvVar.FromService x) {
      return "fromService " + x.serviceType() + " " + x.service() + " "
          + x.property().orElseGet(() -> "envVarKey " + x.envVarKey().orElse(""));
    }
    return "fromGroup " + ((BlueprintEnvVar.FromGroup) v).group();
  }

  private String quoted(String key, String value) {
    return hidden(key) ? "a value" : "'" + value + "'";
  }

  private boolean hidden(String key) {
    return secrets.contains(key) || (!vars.containsKey(key) && BlueprintChecks.looksSecret(key));
  }

  // ---- trees ----

  static List<Diff> diff(@Nullable Object want, @Nullable Object have) {
    List<Diff> out = new ArrayList<>();
    diff(new ArrayList<>(), want, have, out);
    return out;
  }

  private static void diff(List<String> path, @Nullable Object want, @Nullable Object have, List<Diff> out) {
    if (want == null && have == null) return;
    if (want instanceof Map<?, ?> w && have instanceof Map<?, ?> h) {
      Set<String> keys = new LinkedHashSet<>();
      w.keySet().forEach(k -> keys.add(String.valueOf(k)));
      h.keySet().forEach(k -> keys.add(String.valueOf(k)));
      for (String k : keys) {
        List<String> p = new ArrayList<>(path);
        p.add(k);
        diff(p, w.get(k), h.get(k), out);
      }
    } else if (want == null || have == null || !normalized(want).equals(normalized(have))) {
      out.add(new Diff(List.copyOf(path), want, have));
    }
  }

  /** Numbers compare by value whatever their Java type; maps ignore order, lists keep it. */
  private static Object normalized(Object value) {
    if (value instanceof Number n) return new BigDecimal(n.toString()).stripTrailingZeros();
    if (value instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(k, v == null ? "" : normalized(v)));
      return out;
    }
    if (value instanceof List<?> l) return l.stream().map(x -> x == null ? "" : normalized(x)).toList();
    return value;
  }

  private static Map<String, Object> root(Map<String, Object> plain) {
    Map<String, Object> m = new LinkedHashMap<>(plain);
    m.keySet().removeAll(Set.of("services", "databases", "envVarGroups"));
    return m;
  }

  private static Map<String, Object> withoutEnvVars(Map<String, Object> plain) {
    Map<String, Object> m = new LinkedHashMap<>(plain);
    m.remove("envVars");
    return m;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> root, String field) {
    Object l = root.get(field);
    if (!(l instanceof List<?> items)) return List.of();
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object item : items) if (item instanceof Map<?, ?> m) out.add((Map<String, Object>) m);
    return out;
  }

  private static Map<String, Object> entry(Map<String, Object> root, String field, String name) {
    return list(root, field).stream().filter(m -> name.equals(m.get("name"))).findFirst().orElse(Map.of());
  }

  private static String modelPath(List<String> path) {
    return path.stream().map(Fields::kebab).collect(Collectors.joining("."));
  }

  private static Map<String, BlueprintEnvVar> byKey(List<BlueprintEnvVar> vars) {
    Map<String, BlueprintEnvVar> m = new LinkedHashMap<>();
    for (BlueprintEnvVar v : vars) v.key().ifPresent(k -> m.putIfAbsent(k, v));
    return m;
  }

  private static Set<String> linked(List<BlueprintEnvVar> vars) {
    Set<String> s = new LinkedHashSet<>();
    for (BlueprintEnvVar v : vars) if (v instanceof BlueprintEnvVar.FromGroup g) s.add(g.group());
    return s;
  }

  /** The keys a service receives: its own and those of the groups it links. */
  private static Set<String> effectiveKeys(List<BlueprintEnvVar> vars, RenderBlueprint in) {
    Set<String> keys = new HashSet<>();
    for (BlueprintEnvVar v : vars) {
      if (v instanceof BlueprintEnvVar.FromGroup g) {
        for (BlueprintEnvVar x : Generation.groupVars(in, g.group())) keys.add(x.key().orElseThrow());
      } else {
        keys.add(v.key().orElseThrow());
      }
    }
    return keys;
  }

  /** The model ids of the services that link a group in a blueprint. */
  private List<String> linkers(RenderBlueprint in, @Nullable String group) {
    List<String> ids = new ArrayList<>();
    for (BlueprintService s : in.services()) {
      if (linked(s.envVars()).contains(group)) ids.add(names.id(s.name()));
    }
    return ids;
  }

  private static String show(@Nullable Object v) {
    if (v == null) return "nothing";
    if (v instanceof Map || v instanceof List) return JsonMapper.shared().writeValueAsString(v);
    return "'" + v + "'";
  }
}

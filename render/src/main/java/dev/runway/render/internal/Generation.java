package dev.runway.render.internal;

import dev.runway.App;
import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.base.Problems;
import dev.runway.Service;
import dev.runway.env.Environment;
import dev.runway.env.Var;
import dev.runway.render.BlueprintEnvVar;
import dev.runway.render.BlueprintService;
import dev.runway.render.RenderBlueprint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Runway model to a blueprint, and a committed blueprint compared with the model. The blueprint
 * describes production: variables get their production default as {@code value:}, and secrets (or
 * variables without a production default) become {@code sync: false}, never values.
 */
public final class Generation {
  public static final String PLATFORM = "render";
  private static final Environment TARGET = Environment.PRODUCTION;

  private Generation() {}

  public static RenderBlueprint blueprint(App app) {
    RenderBlueprint.Builder b = RenderBlueprint.builder();
    for (Service s : app.servicesOn(PLATFORM)) b.service(service(app, s));
    return b.build();
  }

  static BlueprintService service(App app, Service s) {
    Map<String, Object> settings = s.settings();
    String type = text(settings, "type").orElse("web");
    BlueprintService.Builder b = BlueprintService.builder(type, s.name());
    for (Map.Entry<String, Object> e : settings.entrySet()) {
      String field = camel(e.getKey());
      Object v = e.getValue();
      if (field.equals("type")) continue;
      if (BlueprintServiceFields.TEXT.contains(field) && v != null) {
        b.text(field, String.valueOf(v));
      } else if (field.equals("numInstances") && v instanceof Number n) {
        b.numInstances(n.intValue());
      } else if (field.equals("domains") && v instanceof List<?> list) {
        b.domains(list.stream().map(String::valueOf).toList());
      }
    }
    if (!type.equals("keyvalue") && !type.equals("redis")) {
      for (Var<?> v : app.schema().variablesFor(s.name())) b.envVar(envVar(v));
    }
    return b.build();
  }

  static BlueprintEnvVar envVar(Var<?> v) {
    if (v.isSecret()) return BlueprintEnvVar.unsynced(v.name());
    Optional<String> value = v.defaultTextIn(TARGET);
    return value.<BlueprintEnvVar>map(x -> BlueprintEnvVar.value(v.name(), x))
        .orElseGet(() -> BlueprintEnvVar.unsynced(v.name()));
  }

  /** Drift between the model and a committed blueprint, plus the semantic checks with the model's secrets. */
  public static Problems check(App app, RenderBlueprint committed) {
    RenderBlueprint expected = blueprint(app);
    Set<String> secrets = new java.util.HashSet<>();
    Map<String, Var<?>> vars = new HashMap<>();
    for (Var<?> v : app.schema().variables()) {
      vars.put(v.name(), v);
      if (v.isSecret()) secrets.add(v.name());
    }
    List<Problem> out = new ArrayList<>(BlueprintChecks.check(committed,
        key -> secrets.contains(key) || (!vars.containsKey(key) && BlueprintChecks.looksSecret(key))).all());
    Origin fileOrigin = committed.origin().orElse(Origin.of("render.yaml"));
    for (BlueprintService want : expected.services()) {
      String subject = "services." + want.name();
      BlueprintService have = committed.service(want.name()).orElse(null);
      if (have == null) {
        out.add(Problem.error(Problem.MISSING, subject, "is in the model but not in render.yaml").withOrigin(fileOrigin)
            .withFix("run runway render generate"));
        continue;
      }
      Origin at = have.origin().orElse(fileOrigin);
      if (!want.type().equals(have.type())) {
        out.add(Problem.error(Problem.CONFLICT, subject + ".type", "render.yaml says " + have.type() + ", the model says "
            + want.type()).withOrigin(at).withFix("run runway render generate, or change the model"));
      }
      Map<String, String> wantText = want.textFields();
      Map<String, String> haveText = have.textFields();
      for (String f : new TreeSet<>(union(wantText.keySet(), haveText.keySet()))) {
        String w = wantText.get(f);
        String h = haveText.get(f);
        if (w != null && !w.equals(h)) {
          out.add(Problem.error(Problem.CONFLICT, subject + "." + f, (h == null ? "is missing in render.yaml" : "render.yaml says '"
              + h + "'") + ", the model says '" + w + "'").withOrigin(at).withFix("run runway render generate, or change the model"));
        } else if (w == null && h != null) {
          out.add(Problem.warning(Problem.UNKNOWN, subject + "." + f, "is set in render.yaml ('" + h + "') but not in the model")
              .withOrigin(at).withFix("add " + kebab(f) + " = \"" + h + "\" to the service in the model"));
        }
      }
      if (!Objects.equals(want.numInstances(), have.numInstances()) && want.numInstances().isPresent()) {
        out.add(Problem.error(Problem.CONFLICT, subject + ".numInstances", "render.yaml says "
            + have.numInstances().map(String::valueOf).orElse("nothing") + ", the model says " + want.numInstances().get())
            .withOrigin(at).withFix("run runway render generate"));
      }
      for (BlueprintEnvVar w : want.envVars()) {
        String key = w.key().orElseThrow();
        BlueprintEnvVar h = have.envVar(key).orElse(null);
        String vs = subject + ".envVars." + key;
        if (h == null) {
          out.add(Problem.error(Problem.MISSING, vs, "is in the model but not in render.yaml").withOrigin(at)
              .withFix("run runway render generate"));
        } else if (w instanceof BlueprintEnvVar.Value wv && h instanceof BlueprintEnvVar.Value hv
            && !wv.value().equals(hv.value()) && !secrets.contains(key)) {
          out.add(Problem.error(Problem.CONFLICT, vs, "render.yaml says '" + hv.value() + "', the model's production default is '"
              + wv.value() + "'").withOrigin(at).withFix("run runway render generate, or change the default"));
        }
      }
      for (BlueprintEnvVar h : have.envVars()) {
        h.key().filter(k -> !vars.containsKey(k)).ifPresent(k -> out.add(Problem.warning(Problem.UNKNOWN,
            subject + ".envVars." + k, "is in render.yaml but the model declares no such variable").withOrigin(at)
            .withFix("declare " + k + " in the model, or remove it from render.yaml")));
      }
    }
    for (BlueprintService have : committed.services()) {
      if (expected.service(have.name()).isEmpty()) {
        out.add(Problem.error(Problem.UNKNOWN, "services." + have.name(), "is in render.yaml but the model has no render"
            + " service of that name").withOrigin(have.origin().orElse(fileOrigin))
            .withFix("add it to the model with platform = render, or remove it from render.yaml"));
      }
    }
    return Problems.of(out);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new java.util.LinkedHashSet<>(a);
    u.addAll(b);
    return u;
  }

  private static Optional<String> text(Map<String, Object> settings, String key) {
    Object v = settings.get(key);
    return v == null ? Optional.empty() : Optional.of(String.valueOf(v));
  }

  /** health-check-path → healthCheckPath; dockerfile-path → dockerfilePath. */
  static String camel(String key) {
    StringBuilder sb = new StringBuilder();
    boolean up = false;
    for (char c : key.toCharArray()) {
      if (c == '-' || c == '_') {
        up = true;
      } else {
        sb.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return sb.toString();
  }

  static String kebab(String field) {
    return field.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
  }

  /** Which modelled text fields exist (kept here so the public class stays small). */
  static final class BlueprintServiceFields {
    static final List<String> TEXT = List.of(
        "runtime", "plan", "region", "repo", "branch", "rootDir", "schedule", "buildCommand",
        "startCommand", "dockerCommand", "dockerfilePath", "dockerContext", "preDeployCommand",
        "staticPublishPath", "healthCheckPath", "autoDeployTrigger");

    private BlueprintServiceFields() {}
  }
}

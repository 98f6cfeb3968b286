package dev.runway.cli.init;

import dev.runway.env.Sensitivity;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The draft as runway.conf text: one block per service and variable, each guess a comment above it. */
final class HoconText {
  private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
  private static final Pattern BARE_VALUE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
  private static final List<String> KEYWORDS = List.of("true", "false", "null", "yes", "no", "on", "off", "include");

  private final StringBuilder sb = new StringBuilder();

  private HoconText() {}

  static String write(String app, Draft d, List<String> environments, String header) {
    HoconText t = new HoconText();
    t.sb.append(header);
    t.line(0, "app = " + value(app));
    t.line(0, "# inferred: " + String.join("; ", environments.stream().map(e -> e + " (" + d.environments.get(e) + ")").toList()));
    t.line(0, "environments = [" + String.join(", ", environments) + "]");
    t.sb.append('\n');
    t.line(0, "services {");
    for (Draft.Svc s : d.services.values()) {
      s.notes.forEach(n -> t.line(1, "# " + n));
      t.line(1, key(s.id) + " {");
      t.line(2, "platform = " + s.platform);
      s.settings.forEach((k, v) -> t.entry(2, k, v));
      t.line(1, "}");
    }
    t.line(0, "}");
    if (!d.renderRoot.isEmpty()) {
      t.sb.append('\n');
      t.line(0, "# render.yaml's root fields");
      t.entry(0, "render", d.renderRoot);
    }
    t.sb.append('\n');
    t.line(0, "variables {");
    for (Draft.Variable v : d.variables.values()) t.variable(v, environments);
    t.line(0, "}");
    t.pipeline(d);
    return t.sb.toString();
  }

  /**
   * A starting pipeline (docs/pipelines.md): deploy every Render and Vercel service that runs code,
   * in parallel, then smoke-test those with a health check path; a failure rolls back what the run
   * deployed. Nothing when there is nothing to deploy.
   */
  private void pipeline(Draft d) {
    List<Draft.Svc> deployable = d.services.values().stream()
        .filter(s -> s.runsCode && (s.platform.equals("render") || s.platform.equals("vercel"))).toList();
    if (deployable.isEmpty()) return;
    List<Draft.Svc> checked = deployable.stream().filter(s -> s.settings.containsKey("health-check-path")).toList();
    sb.append('\n');
    line(0, "pipelines {");
    line(1, "# inferred: a starting pipeline: deploy each service on a push to " + d.branch + ", smoke-test "
        + (checked.isEmpty() ? "nothing (no service has a health check path)" : "those with a health check path")
        + "; a failure rolls back what the run deployed");
    line(1, "production-deploy {");
    line(2, "on { push = [" + value(d.branch) + "], manual = true }");
    line(2, "concurrency = production");
    line(2, "stages {");
    line(3, "deploy { " + (deployable.size() == 1 ? "steps" : "parallel") + " {");
    for (Draft.Svc s : deployable) line(4, key("deploy-" + s.id) + " { deploy = " + value(s.id) + ", timeout = 10m }");
    line(3, "} }");
    if (!checked.isEmpty()) {
      line(3, "smoke { steps {");
      for (Draft.Svc s : checked) {
        line(4, key(s.id + "-health") + " { smoke = " + value(s.id) + ", timeout = 1m, retries = 3, backoff = 5s }");
      }
      line(3, "} }");
    }
    line(2, "}");
    line(1, "}");
    line(0, "}");
  }

  private void variable(Draft.Variable v, List<String> environments) {
    line(1, key(v.name) + " {");
    v.inferred.forEach(n -> line(2, "# inferred: " + n));
    line(2, "type = " + v.type);
    boolean secretByType = "secret".equals(v.type) || "postgres-url".equals(v.type) || v.generate;
    Sensitivity byType = secretByType ? Sensitivity.SECRET : Sensitivity.INTERNAL;
    if (v.sensitivity != byType) line(2, "sensitivity = " + v.sensitivity.name().toLowerCase(java.util.Locale.ROOT));
    if (v.format != null) line(2, "format = " + v.format);
    if (!v.targets.isEmpty()) line(2, "targets = [" + String.join(", ", v.targets.stream().map(HoconText::value).toList()) + "]");
    boolean hasDefault = v.defaultValue().isPresent();
    if (!hasDefault) {
      if (v.requiredIn.isEmpty()) line(2, "required = false");
      else if (!v.requiredIn.containsAll(environments)) line(2, "required-in = [" + String.join(", ", v.requiredIn) + "]");
    }
    v.defaultValue().ifPresent(x -> line(2, "default = " + typed(v.type, x)));
    if (v.previewValue != null && v.sensitivity != Sensitivity.SECRET) {
      line(2, "defaults { preview = " + typed(v.type, v.previewValue) + " }");
    }
    if (v.generate) line(2, "generate = true");
    if (v.from != null) {
      String ref = v.from.containsKey("property") ? "property = " + value(v.from.get("property"))
          : "variable = " + value(v.from.get("variable"));
      line(2, "from { service = " + value(v.from.get("service")) + ", " + ref + " }");
    }
    if (v.group != null) line(2, "group = " + value(v.group));
    v.review.forEach(n -> line(2, "# review: " + n));
    line(1, "}");
  }

  private void entry(int depth, String k, Object v) {
    if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        line(depth, key(k) + " {}");
        return;
      }
      line(depth, key(k) + " {");
      m.forEach((kk, vv) -> entry(depth + 1, String.valueOf(kk), vv));
      line(depth, "}");
    } else if (v instanceof List<?> l && l.stream().anyMatch(i -> i instanceof Map || i instanceof List)) {
      line(depth, key(k) + " = [");
      for (Object item : l) {
        if (item instanceof Map<?, ?> m) {
          line(depth + 1, "{");
          m.forEach((kk, vv) -> entry(depth + 2, String.valueOf(kk), vv));
          line(depth + 1, "}");
        } else {
          line(depth + 1, scalarOrList(item));
        }
      }
      line(depth, "]");
    } else {
      line(depth, key(k) + " = " + scalarOrList(v));
    }
  }

  private static String scalarOrList(Object v) {
    if (v instanceof List<?> l) return "[" + String.join(", ", l.stream().map(HoconText::scalarOrList).toList()) + "]";
    if (v instanceof Number || v instanceof Boolean) return String.valueOf(v);
    if (v instanceof Map<?, ?>) throw new IllegalStateException("nested map in a scalar position");
    return value(String.valueOf(v));
  }

  /** Numbers and booleans bare when the type is one (PORT default = 10000), everything else quoted as needed. */
  private static String typed(@org.jspecify.annotations.Nullable String type, String x) {
    boolean number = List.of("integer", "long", "port", "decimal").contains(type) && x.matches("-?\\d+(\\.\\d+)?");
    boolean bool = "boolean".equals(type) && (x.equals("true") || x.equals("false"));
    return number || bool ? x : value(x);
  }

  static String key(String k) {
    return BARE_KEY.matcher(k).matches() && !KEYWORDS.contains(k) ? k : quote(k);
  }

  static String value(String v) {
    return BARE_VALUE.matcher(v).matches() && !KEYWORDS.contains(v.toLowerCase(java.util.Locale.ROOT)) ? v : quote(v);
  }

  static String quote(String s) {
    StringBuilder q = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        case '\n' -> q.append("\\n");
        case '\r' -> q.append("\\r");
        case '\t' -> q.append("\\t");
        default -> {
          if (c < 0x20) q.append(String.format("\\u%04x", (int) c));
          else q.append(c);
        }
      }
    }
    return q.append('"').toString();
  }

  private void line(int depth, String text) {
    sb.append("  ".repeat(depth)).append(text).append('\n');
  }
}

package dev.runway.vercel.internal;

import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.env.KeyMask;
import dev.runway.vercel.VercelConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The comparison of a vercel.json generated from the model with the one on disk, property by
 * property, each difference at the line of the first place it differs. Both sides are compared as
 * {@link VercelConfig} reads them (a JSON {@code null} command is "not set" on both).
 */
public final class Drift {
  private Drift() {}

  /** Every difference: a value that differs, a property only the model gives, one only the file has. */
  public static List<Problem> drift(VercelConfig model, VercelConfig file) {
    JsonNode m = tree(model);
    JsonNode f = tree(file);
    List<Problem> dropped = dropped(model, file);
    String service = service(model);
    List<Problem> out = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>();
    m.propertyNames().forEach(keys::add);
    for (String key : keys) {
      if (key.equals("$schema")) continue;
      String setting = service + "." + ConfigFromModel.setting(key);
      String regenerate = dropped.isEmpty()
          // Read by CLI users and Java callers alike: the fix names both ways to regenerate.
          ? "regenerate vercel.json from the model (`runway vercel generate`, or Vercel.config(app).writeTo(file) in"
              + " Java), or change " + setting + " in runway.conf"
          : "change " + setting + " in runway.conf, or edit vercel.json to match (`runway vercel generate` would also drop "
              + String.join(", ", dropped.stream().map(Problem::subject).toList()) + ")";
      if (!f.has(key)) {
        out.add(Problem.error(Problem.CONFLICT, key, "is not in vercel.json, but runway.conf sets " + setting)
            .withOrigin(at(file, "")).withFix(regenerate));
        continue;
      }
      String pointer = firstDifference(m.get(key), f.get(key), "/" + JsonText.segment(key));
      if (pointer == null) continue;
      JsonNode mv = m.at(pointer);
      JsonNode fv = f.at(pointer);
      String subject = path(pointer);
      String message = printable(key, mv) && printable(key, fv)
          ? "is " + shown(fv) + " in vercel.json, but runway.conf (" + setting + ") gives " + shown(mv)
          : "differs from runway.conf (" + setting + ")";
      out.add(Problem.error(Problem.CONFLICT, subject, message).withOrigin(at(file, pointer)).withFix(regenerate));
    }
    out.addAll(dropped);
    return KeyMask.mask(out); // values quoted from the file and the model
  }

  /**
   * What writing the model's file over this one would lose: each property the file has and the
   * model does not express, at its line, with the runway.conf setting that would keep it.
   */
  public static List<Problem> dropped(VercelConfig model, VercelConfig file) {
    JsonNode m = tree(model);
    JsonNode f = tree(file);
    String service = service(model);
    List<Problem> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : f.properties()) {
      String key = e.getKey();
      if (key.equals("$schema") || m.has(key)) continue;
      String setting = ConfigFromModel.setting(key);
      String example = sensitive(key) ? setting + " { ... }" : setting + " = " + hocon(key, e.getValue());
      out.add(Problem.error(Problem.CONFLICT, key, "is in vercel.json but not in runway.conf; `runway vercel generate` would drop it")
          .withOrigin(at(file, "/" + JsonText.segment(key)))
          .withFix("keep it by adding " + example + " to " + service + " in runway.conf"));
    }
    return KeyMask.mask(out); // values quoted from the file and the model
  }

  private static JsonNode tree(VercelConfig c) {
    return JsonText.mapper().readTree(c.toJson());
  }

  private static String service(VercelConfig model) {
    return model.origin().map(Origin::toString).filter(s -> s.startsWith("services.")).orElse("the Vercel service");
  }

  private static @Nullable Origin at(VercelConfig file, String pointer) {
    return file.origin().map(o -> o.withLine(Math.max(file.line(pointer), file.line("")))).orElse(null);
  }

  /** The pointer of the first place two values differ (objects by key, arrays by position), or null. */
  static @Nullable String firstDifference(JsonNode a, JsonNode b, String pointer) {
    if (a.equals(b)) return null;
    if (a.isObject() && b.isObject()) {
      Set<String> keys = new LinkedHashSet<>();
      b.propertyNames().forEach(keys::add);
      a.propertyNames().forEach(keys::add);
      for (String k : keys) {
        String child = pointer + "/" + JsonText.segment(k);
        if (!a.has(k) || !b.has(k)) return b.has(k) ? child : pointer;
        String d = firstDifference(a.get(k), b.get(k), child);
        if (d != null) return d;
      }
      return pointer;
    }
    if (a.isArray() && b.isArray()) {
      for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
        String d = firstDifference(a.get(i), b.get(i), pointer + "/" + i);
        if (d != null) return d;
      }
      return pointer;
    }
    return pointer;
  }

  /** {@code /rewrites/0/destination} → {@code rewrites[0].destination}. */
  static String path(String pointer) {
    StringBuilder sb = new StringBuilder();
    for (String seg : pointer.substring(1).split("/")) {
      String key = seg.replace("~1", "/").replace("~0", "~");
      if (key.matches("\\d+")) sb.append('[').append(key).append(']');
      else sb.replace(0, sb.length(), VercelSchema.child(sb.toString(), key));
    }
    return sb.toString();
  }

  /** Values shown in messages: short scalars outside env and build (which hold values that may be secret). */
  private static boolean printable(String key, JsonNode v) {
    return !sensitive(key) && (v.isMissingNode() || (v.isValueNode() && v.toString().length() <= 80));
  }

  private static boolean sensitive(String key) {
    return key.equals("env") || key.equals("build") || key.equals("buildCommand") || key.equals("installCommand")
        || key.equals("devCommand") || key.equals("ignoreCommand");
  }

  private static String shown(JsonNode v) {
    if (v.isMissingNode()) return "not set";
    return v.isString() ? "'" + v.asString() + "'" : v.toString();
  }

  /** The value as a runway.conf line would hold it (HOCON reads JSON), short or elided. */
  private static String hocon(String key, JsonNode value) {
    Object settings = VercelSchema.toSettingNames(JsonText.mapper().convertValue(value, Object.class),
        VercelSchema.property(key).orElse(null));
    String json = JsonText.mapper().writeValueAsString(settings);
    if (json.length() <= 100) return json;
    return value.isArray() ? "[ ... ]" : value.isObject() ? "{ ... }" : "...";
  }
}

package dev.runway.render.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * runway.conf's kebab-case setting names to render.yaml's field names and back. A name matches a
 * field of the node it sits in when both agree ignoring case and dashes ({@code size-gb} →
 * {@code sizeGB}, {@code target-cpu-percent} → {@code targetCPUPercent}), so the mapping follows
 * Render's schema rather than a camel-case rule that would miss its acronyms.
 */
final class Fields {
  private Fields() {}

  /** The fields of the nested objects, by the field that holds them (a list holds objects of that shape). */
  private static final Map<String, List<String>> NESTED = Map.ofEntries(
      Map.entry("disk", List.of("name", "mountPath", "sizeGB")),
      Map.entry("scaling", List.of("minInstances", "maxInstances", "targetMemoryPercent", "targetCPUPercent")),
      Map.entry("buildFilter", List.of("paths", "ignoredPaths")),
      Map.entry("ipAllowList", List.of("source", "description")),
      Map.entry("previews", List.of("generation", "plan", "numInstances", "expireAfterDays")),
      Map.entry("headers", List.of("path", "name", "value")),
      Map.entry("routes", List.of("type", "source", "destination")),
      Map.entry("registryCredential", List.of("fromRegistryCreds")),
      Map.entry("fromRegistryCreds", List.of("name")),
      Map.entry("image", List.of("url", "creds")),
      Map.entry("creds", List.of("fromRegistryCreds")),
      Map.entry("highAvailability", List.of("enabled")),
      Map.entry("readReplicas", List.of("name")),
      Map.entry("projects", List.of("name", "environments")),
      Map.entry("environments", List.of("name", "services", "databases", "envVarGroups", "networking", "permissions")),
      Map.entry("networking", List.of("isolation")),
      Map.entry("permissions", List.of("protection")),
      // resources inside projects and ungrouped: keys kept as render.yaml spells them
      Map.entry("services", named(union(union(Vocabulary.SERVER_FIELDS, Vocabulary.CRON_FIELDS),
          union(Vocabulary.STATIC_FIELDS, Vocabulary.KEYVALUE_FIELDS)))),
      Map.entry("databases", named(Vocabulary.DATABASE_FIELDS)),
      Map.entry("envVarGroups", List.of("name", "envVars")),
      Map.entry("ungrouped", List.of("services", "databases", "envVarGroups")),
      Map.entry("envVars", List.of("key", "value", "generateValue", "sync", "previewValue", "fromDatabase",
          "fromService", "fromGroup")),
      Map.entry("fromDatabase", List.of("name", "property")),
      Map.entry("fromService", List.of("type", "name", "property", "envVarKey")));

  /** type and name first, the rest by name: a stable order for fields a Set holds. */
  private static List<String> named(Set<String> fields) {
    List<String> out = new ArrayList<>(List.of("type", "name"));
    for (String f : new TreeSet<>(fields)) if (!out.contains(f)) out.add(f);
    return List.copyOf(out);
  }

  /** Root fields a model may set in its {@code render { }} block (the resources come from services and variables). */
  static final Set<String> ROOT = rootFields();

  private static Set<String> rootFields() {
    Set<String> s = new TreeSet<>(Vocabulary.ROOT_FIELDS);
    s.removeAll(Set.of("services", "databases", "envVarGroups"));
    return Set.copyOf(s);
  }

  /** The render.yaml fields a model service of this type may set (type and name included, env vars not). */
  static Set<String> serviceFields(String type, boolean isStatic) {
    Set<String> s = new TreeSet<>(isPostgres(type) ? Vocabulary.DATABASE_FIELDS : Vocabulary.fieldsOf(type, isStatic));
    s.add("type");
    s.add("name");
    s.remove("envVars");
    return s;
  }

  static boolean isPostgres(String type) {
    return type.equals("postgres");
  }

  /** The kebab-case names of render.yaml fields, for runway.conf ({@code sizeGB} → {@code size-gb}). */
  static Set<String> kebab(Set<String> fields) {
    Set<String> out = new TreeSet<>();
    for (String f : fields) out.add(kebab(f));
    return out;
  }

  /** {@code targetCPUPercent} → {@code target-cpu-percent}; {@code ipAllowList} → {@code ip-allow-list}. */
  static String kebab(String field) {
    return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1-$2")
        .toLowerCase(Locale.ROOT);
  }

  /** The field of {@code known} a setting name means; an unknown name is camel-cased, so Render's reader names it. */
  static String field(String setting, java.util.Collection<String> known) {
    String k = squash(setting);
    for (String f : known) if (squash(f).equals(k)) return f;
    return camel(setting);
  }

  /**
   * A setting's value with every nested map's keys renamed to the schema's fields of the object
   * that holds them; lists map item by item.
   */
  static Object toRender(String field, Object value) {
    if (value instanceof Map<?, ?> m) {
      List<String> known = NESTED.getOrDefault(field, List.of());
      Map<String, Object> renamed = new java.util.TreeMap<>();
      m.forEach((k, v) -> {
        String f = field(String.valueOf(k), known);
        renamed.put(f, toRender(f, v));
      });
      Map<String, Object> out = new LinkedHashMap<>();
      for (String f : known) if (renamed.containsKey(f)) out.put(f, renamed.remove(f));
      out.putAll(renamed);
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object item : l) out.add(toRender(field, item));
      return out;
    }
    return value;
  }

  /** The other way: a render.yaml value with every key kebab-cased, as runway.conf writes it. */
  static Object toModel(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(kebab(String.valueOf(k)), toModel(v)));
      return out;
    }
    if (value instanceof List<?> l) return l.stream().map(Fields::toModel).toList();
    return value;
  }

  /** A plain value as HOCON text: strings always quoted (JSON escapes are HOCON's too), keys kebab-case. */
  static String hocon(Object value) {
    if (value instanceof Map<?, ?> m) {
      List<String> parts = new ArrayList<>();
      m.forEach((k, v) -> parts.add(kebab(String.valueOf(k)) + (v instanceof Map ? " " : " = ") + hocon(v)));
      return "{ " + String.join(", ", parts) + " }";
    }
    if (value instanceof List<?> l) {
      List<String> parts = new ArrayList<>();
      for (Object item : l) parts.add(hocon(item));
      return "[" + String.join(", ", parts) + "]";
    }
    if (value instanceof String s) return quote(s);
    return String.valueOf(value);
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
          else sb.append(c);
        }
      }
    }
    return sb.append('"').toString();
  }

  /** A model id for a render.yaml name ({@code "My API"} → {@code my-api}), for fixes that add a service. */
  static String id(String renderName) {
    String s = renderName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (s.isEmpty() || !Character.isLetter(s.charAt(0))) s = "s-" + s;
    return s.replaceAll("-+$", "");
  }

  static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new LinkedHashSet<>(a);
    u.addAll(b);
    return u;
  }

  private static String squash(String name) {
    return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
  }

  /** health-check-path → healthCheckPath. */
  private static String camel(String key) {
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
}

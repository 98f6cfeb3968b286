package dev.runway.vercel.internal;

import dev.runway.platform.Names;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Vercel's vercel.json schema, checked without a validator library. The resource holds the rules of
 * {@code shared/specs/vercel/vercel.json.schema.json} and nothing else — its validation keywords,
 * without descriptions and examples ({@link #digest}); the vendor's file itself is not copied into
 * the project, and a test derives the digest from it in place and holds the two equal.
 *
 * <p>It interprets the keywords that schema uses — type, enum, const, properties,
 * patternProperties, additionalProperties, required, items, min/max length, items, properties and
 * values, pattern, anyOf/oneOf/allOf, if/then — and adds what Vercel documents but the schema does
 * not have yet: the top-level {@code services} (vercel.com/docs/services/config-reference) and a
 * rewrite's {@code destination: {"service": name}} (vercel.com/docs/services/bindings). oneOf is
 * read as anyOf: the schema's oneOf alternatives never overlap, so the result is the same.
 */
public final class VercelSchema {
  private VercelSchema() {}

  static final String RESOURCE = "vercel-json-rules.json";

  /** The keywords the interpreter reads; everything else in the vendor's schema is prose. */
  private static final Set<String> RULE_KEYWORDS = Set.of("type", "properties", "required", "enum", "const",
      "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems",
      "minProperties", "maxProperties", "items", "additionalProperties", "patternProperties", "pattern", "anyOf",
      "oneOf", "allOf", "if", "then", "else", "not", "deprecated", "format", "definitions", "$ref");
  /** Keywords whose members are names (of properties, patterns, definitions), each holding a schema. */
  private static final Set<String> NAMED = Set.of("properties", "patternProperties", "definitions");

  /**
   * The rules of a JSON schema: the same tree with only {@link #RULE_KEYWORDS}. How the bundled
   * resource is made from the vendor's schema (regenerate it after updating the spec).
   */
  public static JsonNode digest(JsonNode schema) {
    if (schema.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      schema.forEach(item -> out.add(digest(item)));
      return out;
    }
    if (!schema.isObject()) return schema;
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> e : schema.properties()) {
      if (!RULE_KEYWORDS.contains(e.getKey())) continue;
      if (NAMED.contains(e.getKey()) && e.getValue().isObject()) {
        ObjectNode named = out.putObject(e.getKey());
        for (Map.Entry<String, JsonNode> n : e.getValue().properties()) named.set(n.getKey(), digest(n.getValue()));
      } else {
        out.set(e.getKey(), digest(e.getValue()));
      }
    }
    return out;
  }

  /** The properties {@code services.<name>} may hold, from Vercel's service configuration reference. */
  public static final List<String> SERVICE_KEYS = List.of(
      "root", "framework", "runtime", "entrypoint", "installCommand", "buildCommand", "devCommand",
      "ignoreCommand", "outputDirectory", "bindings", "functions", "headers", "redirects", "rewrites",
      "routes", "cleanUrls", "trailingSlash");

  private static final JsonNode ROOT = load();

  /** What is wrong at one place in the document. */
  public enum Kind { TYPE, ENUM, UNKNOWN, MISSING, RANGE, PATTERN }

  /**
   * One violation: the JSON pointer of the offending value, the path people read
   * ({@code rewrites[0].destination}), what is wrong and, for unknown names, the closest known one.
   */
  public record Violation(Kind kind, String pointer, String path, String message, @Nullable String expected,
                          @Nullable String closest) {}

  /** The schema with Runway's additions; read-only. */
  public static JsonNode root() {
    return ROOT;
  }

  /** The top-level property names: the schema's and {@code services}. */
  public static Set<String> topLevelNames() {
    Set<String> names = new LinkedHashSet<>();
    ROOT.get("properties").propertyNames().forEach(names::add);
    return names;
  }

  /** The schema of a top-level property, when it has one. */
  public static Optional<JsonNode> property(String name) {
    return Optional.ofNullable(ROOT.get("properties").get(name));
  }

  /** Every violation in a document, and the pointers of the deprecated properties it uses. */
  public static Result validate(JsonNode document) {
    Result r = new Result();
    check(document, ROOT, "", "", r);
    return r;
  }

  /** What {@link #validate} found. */
  public static final class Result {
    private final List<Violation> violations = new ArrayList<>();
    private final List<String> deprecated = new ArrayList<>();

    public List<Violation> violations() {
      return violations;
    }

    /** Pointers of present properties the schema marks deprecated, outermost first. */
    public List<String> deprecated() {
      return deprecated;
    }
  }

  // ---------------------------------------------------------------- the interpreter

  private static void check(JsonNode node, JsonNode schema, String pointer, String path, Result r) {
    if (schema.path("deprecated").asBoolean(false) && !pointer.isEmpty()) r.deprecated.add(pointer);
    JsonNode type = schema.get("type");
    if (type != null && !typeMatches(node, type)) {
      r.violations.add(new Violation(Kind.TYPE, pointer, shown(path),
          "must be " + typeWords(type) + " but is " + kind(node), null, null));
      return;
    }
    JsonNode en = schema.get("enum");
    if (en != null && !contains(en, node)) {
      r.violations.add(new Violation(Kind.ENUM, pointer, shown(path), describe(node) + " is not an allowed value",
          "one of " + list(en), null));
    }
    JsonNode constant = schema.get("const");
    if (constant != null && !same(constant, node)) {
      r.violations.add(new Violation(Kind.ENUM, pointer, shown(path), describe(node) + " is not allowed here",
          constant.toString(), null));
    }
    if (node.isString()) strings(node.asString(), schema, pointer, path, r);
    if (node.isNumber()) numbers(node.decimalValue(), schema, pointer, path, r);
    if (node.isArray()) arrays(node, schema, pointer, path, r);
    if (node.isObject()) objects(node, schema, pointer, path, r);
    alternatives(node, schema, pointer, path, r);
    JsonNode all = schema.get("allOf");
    if (all != null) for (JsonNode s : all) check(node, s, pointer, path, r);
    JsonNode condition = schema.get("if");
    if (condition != null && schema.get("then") != null) {
      Result probe = new Result();
      check(node, condition, pointer, path, probe);
      if (probe.violations.isEmpty()) check(node, schema.get("then"), pointer, path, r);
    }
  }

  private static void strings(String s, JsonNode schema, String pointer, String path, Result r) {
    int length = s.codePointCount(0, s.length());
    if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
      r.violations.add(new Violation(Kind.RANGE, pointer, shown(path), "is " + length + " characters long",
          "at most " + schema.get("maxLength").asInt(), null));
    }
    if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
      r.violations.add(new Violation(Kind.RANGE, pointer, shown(path),
          length == 0 ? "is empty" : "is " + length + " characters long", "at least " + schema.get("minLength").asInt(), null));
    }
    if (schema.has("pattern")) {
      try {
        if (!Pattern.compile(schema.get("pattern").asString()).matcher(s).find()) {
          r.violations.add(new Violation(Kind.PATTERN, pointer, shown(path), "does not have the required form",
              "a value matching " + schema.get("pattern").asString(), null));
        }
      } catch (PatternSyntaxException e) {
        // An ECMAScript-only construct: Vercel checks it, Runway cannot; say nothing rather than guess.
      }
    }
  }

  private static void numbers(BigDecimal v, JsonNode schema, String pointer, String path, Result r) {
    if (schema.has("maximum") && v.compareTo(schema.get("maximum").decimalValue()) > 0) {
      r.violations.add(new Violation(Kind.RANGE, pointer, shown(path), "is " + v.toPlainString(),
          "at most " + schema.get("maximum").decimalValue().toPlainString(), null));
    }
    if (schema.has("minimum") && v.compareTo(schema.get("minimum").decimalValue()) < 0) {
      r.violations.add(new Violation(Kind.RANGE, pointer, shown(path), "is " + v.toPlainString(),
          "at least " + schema.get("minimum").decimalValue().toPlainString(), null));
    }
    if (schema.has("exclusiveMinimum") && v.compareTo(schema.get("exclusiveMinimum").decimalValue()) <= 0) {
      r.violations.add(new Violation(Kind.RANGE, pointer, shown(path), "is " + v.toPlainString(),
          "more than " + schema.get("exclusiveMinimum").decimalValue().toPlainString(), null));
    }
  }

  private static void arrays(JsonNode node, JsonNode schema, String pointer, String path, Result r) {
    int n = node.size();
    if (schema.has("maxItems") && n > schema.get("maxItems").asInt()) {
      r.violations.add(new Violation(Kind.RANGE, pointer, shown(path), "has " + n + " items",
          "at most " + schema.get("maxItems").asInt(), null));
    }
    if (schema.has("minItems") && n < schema.get("minItems").asInt()) {
      r.violations.add(new Violation(Kind.RANGE, pointer, shown(path), n == 0 ? "is empty" : "has " + n + " items",
          "at least " + schema.get("minItems").asInt(), null));
    }
    JsonNode items = schema.get("items");
    if (items != null && items.isObject()) {
      for (int i = 0; i < n; i++) check(node.get(i), items, pointer + "/" + i, path + "[" + i + "]", r);
    }
  }

  private static void objects(JsonNode node, JsonNode schema, String pointer, String path, Result r) {
    int n = node.size();
    if (schema.has("maxProperties") && n > schema.get("maxProperties").asInt()) {
      r.violations.add(new Violation(Kind.RANGE, pointer, shown(path), "has " + n + " entries",
          "at most " + schema.get("maxProperties").asInt(), null));
    }
    if (schema.has("minProperties") && n < schema.get("minProperties").asInt()) {
      r.violations.add(new Violation(Kind.RANGE, pointer, shown(path), n == 0 ? "is empty" : "has " + n + " entries",
          "at least " + schema.get("minProperties").asInt(), null));
    }
    JsonNode required = schema.get("required");
    if (required != null) {
      for (JsonNode name : required) {
        if (!node.has(name.asString())) {
          r.violations.add(new Violation(Kind.MISSING, pointer, shown(path), "needs \"" + name.asString() + "\"",
              null, name.asString()));
        }
      }
    }
    JsonNode props = schema.get("properties");
    JsonNode patterns = schema.get("patternProperties");
    JsonNode additional = schema.get("additionalProperties");
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = e.getKey();
      String childPointer = pointer + "/" + JsonText.segment(key);
      String childPath = child(path, key);
      boolean matched = false;
      if (props != null && props.has(key)) {
        check(e.getValue(), props.get(key), childPointer, childPath, r);
        matched = true;
      }
      if (patterns != null) {
        for (Map.Entry<String, JsonNode> p : patterns.properties()) {
          if (Pattern.compile(p.getKey()).matcher(key).find()) {
            check(e.getValue(), p.getValue(), childPointer, childPath, r);
            matched = true;
          }
        }
      }
      if (matched || additional == null) continue;
      if (additional.isBoolean() && !additional.asBoolean()) {
        List<String> known = new ArrayList<>();
        if (props != null) props.propertyNames().forEach(known::add);
        String near = Names.closest(key, known, Math.max(2, key.length() / 4)).orElse(null);
        r.violations.add(new Violation(Kind.UNKNOWN, childPointer, childPath, "is not a known property", null, near));
      } else if (additional.isObject()) {
        check(e.getValue(), additional, childPointer, childPath, r);
      }
    }
  }

  /** anyOf/oneOf: fine when one branch passes; otherwise the closest branch's complaints. */
  private static void alternatives(JsonNode node, JsonNode schema, String pointer, String path, Result r) {
    JsonNode branches = schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf");
    if (branches == null) return;
    Result best = null;
    List<String> types = new ArrayList<>();
    for (JsonNode b : branches) {
      if (b.has("type")) types.add(typeWords(b.get("type")));
      Result probe = new Result();
      check(node, b, pointer, path, probe);
      if (probe.violations.isEmpty()) {
        r.deprecated.addAll(probe.deprecated);
        return;
      }
      boolean typeFits = probe.violations.stream().noneMatch(v -> v.kind() == Kind.TYPE && v.pointer().equals(pointer));
      if (typeFits && (best == null || probe.violations.size() < best.violations.size())) best = probe;
    }
    if (best != null) {
      r.violations.addAll(best.violations);
      r.deprecated.addAll(best.deprecated);
    } else {
      r.violations.add(new Violation(Kind.TYPE, pointer, shown(path), "must be "
          + (types.isEmpty() ? "another kind of value" : String.join(" or ", new LinkedHashSet<>(types)))
          + " but is " + kind(node), null, null));
    }
  }

  // ---------------------------------------------------------------- words

  private static boolean typeMatches(JsonNode node, JsonNode type) {
    if (type.isArray()) {
      for (JsonNode t : type) if (typeMatches(node, t)) return true;
      return false;
    }
    return switch (type.asString()) {
      case "string" -> node.isString();
      case "integer" -> node.isIntegralNumber() || (node.isNumber() && node.decimalValue().stripTrailingZeros().scale() <= 0);
      case "number" -> node.isNumber();
      case "boolean" -> node.isBoolean();
      case "object" -> node.isObject();
      case "array" -> node.isArray();
      case "null" -> node.isNull();
      default -> true;
    };
  }

  private static String typeWords(JsonNode type) {
    if (type.isArray()) {
      List<String> words = new ArrayList<>();
      for (JsonNode t : type) words.add(typeWords(t));
      return String.join(" or ", words);
    }
    return switch (type.asString()) {
      case "string" -> "a string";
      case "integer" -> "a whole number";
      case "number" -> "a number";
      case "boolean" -> "true or false";
      case "object" -> "an object";
      case "array" -> "an array";
      case "null" -> "null";
      default -> type.asString();
    };
  }

  static String kind(JsonNode v) {
    if (v.isNull()) return "null";
    if (v.isString()) return "a string";
    if (v.isNumber()) return "a number";
    if (v.isBoolean()) return "a boolean";
    if (v.isArray()) return "an array";
    return "an object";
  }

  /** A short rendering of an offending scalar; long text is cut (it could be anything). */
  private static String describe(JsonNode v) {
    if (v.isString()) {
      String s = v.asString();
      return s.length() > 40 ? "'" + s.substring(0, 37) + "...'" : "'" + s + "'";
    }
    if (v.isValueNode()) return v.toString();
    return kind(v);
  }

  private static String list(JsonNode values) {
    List<String> out = new ArrayList<>();
    for (JsonNode v : values) {
      if (out.size() == 8) {
        out.add("... (" + values.size() + " in all, see the vercel.json schema)");
        break;
      }
      out.add(v.isNull() ? "null" : v.isString() ? v.asString() : v.toString());
    }
    return String.join(", ", out);
  }

  private static boolean contains(JsonNode values, JsonNode node) {
    for (JsonNode v : values) if (same(v, node)) return true;
    return false;
  }

  private static boolean same(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue()) == 0;
    return a.equals(b);
  }

  private static String shown(String path) {
    return path.isEmpty() ? "vercel.json" : path;
  }

  /** {@code rewrites[0].source}; keys that are not plain names are quoted: {@code functions["api/*.js"]}. */
  static String child(String path, String key) {
    if (key.matches("[A-Za-z_$][A-Za-z0-9_$-]*")) return path.isEmpty() ? key : path + "." + key;
    return (path.isEmpty() ? "" : path) + "[\"" + key.replace("\"", "\\\"") + "\"]";
  }

  // ---------------------------------------------------------------- names between runway.conf and vercel.json

  /** {@code cleanUrls} → {@code clean-urls}. */
  public static String kebab(String camel) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c)) {
        if (i > 0) sb.append('-');
        sb.append(Character.toLowerCase(c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** How names are compared across the two files: case and dashes ignored. */
  public static String normal(String name) {
    return name.replace("-", "").toLowerCase(Locale.ROOT);
  }

  /**
   * A runway.conf value as vercel.json wants it: field names the schema defines at that place are
   * matched ignoring case and dashes ({@code max-duration} → {@code maxDuration}); keys of maps whose
   * keys are the user's (function globs, env names, service names) are kept verbatim.
   */
  public static @Nullable Object toJsonNames(@Nullable Object value, @Nullable JsonNode schema) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        String name = definedName(schema, key).orElse(key);
        out.put(name, toJsonNames(e.getValue(), childSchema(schema, name)));
      }
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object item : list) out.add(toJsonNames(item, itemSchema(schema)));
      return out;
    }
    return value;
  }

  /** The reverse of {@link #toJsonNames}: defined field names in kebab-case, user keys verbatim. */
  public static @Nullable Object toSettingNames(@Nullable Object value, @Nullable JsonNode schema) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        boolean defined = definedName(schema, key).filter(key::equals).isPresent();
        out.put(defined ? kebab(key) : key, toSettingNames(e.getValue(), childSchema(schema, key)));
      }
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object item : list) out.add(toSettingNames(item, itemSchema(schema)));
      return out;
    }
    return value;
  }

  /** The property the schema defines at this place whose name matches {@code key}, ignoring case and dashes. */
  static Optional<String> definedName(@Nullable JsonNode schema, String key) {
    for (JsonNode s : objectBranches(schema)) {
      JsonNode props = s.get("properties");
      if (props == null) continue;
      if (props.has(key)) return Optional.of(key);
      for (String p : props.propertyNames()) if (normal(p).equals(normal(key))) return Optional.of(p);
    }
    return Optional.empty();
  }

  private static @Nullable JsonNode childSchema(@Nullable JsonNode schema, String key) {
    for (JsonNode s : objectBranches(schema)) {
      JsonNode props = s.get("properties");
      if (props != null && props.has(key)) return props.get(key);
      JsonNode patterns = s.get("patternProperties");
      if (patterns != null) {
        for (Map.Entry<String, JsonNode> p : patterns.properties()) {
          if (Pattern.compile(p.getKey()).matcher(key).find()) return p.getValue();
        }
      }
      JsonNode additional = s.get("additionalProperties");
      if (additional != null && additional.isObject()) return additional;
    }
    return null;
  }

  private static @Nullable JsonNode itemSchema(@Nullable JsonNode schema) {
    for (JsonNode s : objectBranches(schema)) {
      if (s.get("items") != null && s.get("items").isObject()) return s.get("items");
    }
    return null;
  }

  /** The schema itself and its anyOf/oneOf/allOf branches, flattened. */
  private static List<JsonNode> objectBranches(@Nullable JsonNode schema) {
    List<JsonNode> out = new ArrayList<>();
    if (schema == null) return out;
    out.add(schema);
    for (String k : List.of("anyOf", "oneOf", "allOf")) {
      JsonNode b = schema.get(k);
      if (b != null) for (JsonNode s : b) out.addAll(objectBranches(s));
    }
    return out;
  }

  // ---------------------------------------------------------------- loading

  private static JsonNode load() {
    try (InputStream in = VercelSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the runway-vercel jar");
      ObjectNode root = (ObjectNode) JsonText.mapper().readTree(in);
      ObjectNode props = (ObjectNode) root.get("properties");
      addServices(props);
      longerFunctions(props);
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The schema caps a function's maxDuration at 900 s; Vercel has since raised it to 1800 s for
   * Node.js and Python on Pro and Enterprise (changelog "Vercel Functions can now run up to 30
   * minutes", vercel.com/docs/functions/configuring-functions/duration), and its own bun example
   * asks for 1200. Over 1800 is still refused.
   */
  private static void longerFunctions(ObjectNode props) {
    for (JsonNode fn : props.get("functions").get("patternProperties")) {
      ((ObjectNode) fn.get("properties").get("maxDuration")).put("maximum", 1800);
    }
  }

  /** {@code services} and service rewrite destinations, as vercel.com/docs/services documents them. */
  private static void addServices(ObjectNode props) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode rewriteItem = (ObjectNode) props.get("rewrites").get("items");
    JsonNode destination = rewriteItem.get("properties").get("destination");
    ObjectNode toService = f.objectNode().put("type", "object").put("additionalProperties", false);
    toService.set("required", f.arrayNode().add("service"));
    toService.set("properties", f.objectNode().set("service", f.objectNode().put("type", "string").put("minLength", 1)));
    ArrayNode either = f.arrayNode().add(destination).add(toService);
    ((ObjectNode) rewriteItem.get("properties")).set("destination", f.objectNode().set("anyOf", either));

    ObjectNode string = f.objectNode().put("type", "string").put("minLength", 1).put("maxLength", 256);
    ObjectNode service = f.objectNode().put("type", "object").put("additionalProperties", false);
    service.set("required", f.arrayNode().add("root"));
    ObjectNode sp = f.objectNode();
    for (String key : SERVICE_KEYS) {
      switch (key) {
        case "root", "runtime", "entrypoint" -> sp.set(key, string.deepCopy().put("maxLength", 512));
        case "framework", "installCommand", "buildCommand", "devCommand", "ignoreCommand", "outputDirectory",
             "functions", "headers", "redirects", "rewrites", "routes", "cleanUrls", "trailingSlash" ->
            sp.set(key, props.get(key).deepCopy());
        case "bindings" -> {
          ObjectNode binding = f.objectNode().put("type", "object");
          binding.set("required", f.arrayNode().add("type").add("service"));
          ObjectNode bp = f.objectNode();
          bp.set("type", f.objectNode().set("enum", f.arrayNode().add("service")));
          bp.set("service", string.deepCopy());
          bp.set("format", f.objectNode().put("type", "string"));
          bp.set("env", f.objectNode().put("type", "string").put("minLength", 1));
          binding.set("properties", bp);
          sp.set(key, f.objectNode().put("type", "array").set("items", binding));
        }
        default -> throw new IllegalStateException(key);
      }
    }
    service.set("properties", sp);
    ObjectNode services = f.objectNode().put("type", "object").put("minProperties", 1);
    services.put("description", "Services deployed together in one project (vercel.com/docs/services).");
    services.set("additionalProperties", service);
    props.set("services", services);
  }
}

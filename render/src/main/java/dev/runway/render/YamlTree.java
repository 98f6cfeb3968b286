package dev.runway.render;

import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A YAML document as a tree whose every node remembers its line, so that every problem in a
 * render.yaml or a compose file can name {@code file:line}. Jackson's own tree forgets positions,
 * hence this. A duplicate key or a second document is a parse error, as it is for Render and
 * Compose.
 */
public final class YamlTree {
  private static final YAMLMapper MAPPER = YAMLMapper.builder().build();

  /** The kinds of node. */
  public enum Kind { MAP, LIST, STRING, NUMBER, BOOLEAN, NULL }

  /** One node: a map (ordered), a list or a scalar, with the line it starts on. */
  public static final class Node {
    private final Kind kind;
    private final int line;
    private final @Nullable Object scalar;
    private final @Nullable String text;
    private final Map<String, Node> fields;
    private final Map<String, Integer> keyLines;
    private final List<Node> items;

    Node(Kind kind, int line, @Nullable Object scalar, @Nullable String text, Map<String, Node> fields,
        Map<String, Integer> keyLines, List<Node> items) {
      this.kind = kind;
      this.line = line;
      this.scalar = scalar;
      this.text = text;
      this.fields = fields;
      this.keyLines = keyLines;
      this.items = items;
    }

    public Kind kind() { return kind; }

    public int line() { return line; }

    public boolean isMap() { return kind == Kind.MAP; }

    public boolean isList() { return kind == Kind.LIST; }

    public boolean isScalar() { return kind == Kind.STRING || kind == Kind.NUMBER || kind == Kind.BOOLEAN; }

    /** A map's fields in order, or empty for any other node. */
    public Map<String, Node> fields() { return fields; }

    public Optional<Node> get(String key) { return Optional.ofNullable(fields.get(key)); }

    /** A list's items, or empty for any other node. */
    public List<Node> items() { return items; }

    /** A scalar's value: String, Number or Boolean; null for maps, lists and null. */
    public @Nullable Object scalar() { return scalar; }

    /** A scalar's text as written; empty text for maps, lists and null. */
    public String text() { return text == null ? "" : text; }

    /** A scalar's text as written, or empty for a map, a list or null. */
    public Optional<String> scalarText() { return Optional.ofNullable(text); }

    /** The line of a key in this map, else this node's line. */
    public int keyLine(String key) { return keyLines.getOrDefault(key, line); }

    /** This node as plain Java values: String, Number, Boolean, List, Map (ordered), or null. */
    public @Nullable Object plain() {
      switch (kind) {
        case MAP: {
          Map<String, Object> m = new LinkedHashMap<>();
          fields.forEach((k, v) -> m.put(k, v.plain()));
          return Collections.unmodifiableMap(m);
        }
        case LIST: {
          List<Object> l = new ArrayList<>();
          for (Node n : items) l.add(n.plain());
          return Collections.unmodifiableList(l);
        }
        default:
          return scalar;
      }
    }
  }

  private YamlTree() {}

  /**
   * Parses one YAML document; {@code what} names the file in messages ({@code "render.yaml"},
   * {@code "compose file"}).
   *
   * @throws RunwayException.ParseFailed at {@code origin:line} for a syntax error, a repeated key or
   *     a second document
   */
  public static Node parse(String text, Origin origin, String what) {
    try (JsonParser p = MAPPER.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) return new Node(Kind.MAP, 1, null, null, Map.of(), Map.of(), List.of());
      Node root = read(p, origin);
      if (p.nextToken() != null) {
        Origin at = origin.withLine(line(p));
        throw new RunwayException.ParseFailed(at + ": " + what + ": holds more than one YAML document; keep one per file",
            at);
      }
      return root;
    } catch (JacksonException e) {
      TokenStreamLocation loc = e.getLocation();
      Origin at = origin.withLine(loc == null ? 0 : Math.max(0, loc.getLineNr()));
      String reason = e.getOriginalMessage() == null ? "malformed YAML" : firstLine(e.getOriginalMessage());
      throw new RunwayException.ParseFailed(
          at + ": " + what + ": is not valid YAML (" + reason + "); fix the syntax at that line", at, e);
    }
  }

  private static Node read(JsonParser p, Origin origin) {
    JsonToken t = p.currentToken();
    int line = line(p);
    switch (t) {
      case START_OBJECT: {
        Map<String, Node> fields = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
          String key = p.currentName();
          int keyLine = line(p);
          p.nextToken();
          Node value = read(p, origin);
          if (fields.containsKey(key)) {
            Origin at = origin.withLine(keyLine);
            throw new RunwayException.ParseFailed(
                at + ": " + key + ": is declared twice (first at line " + keyLines.get(key) + "); remove one of them", at);
          }
          fields.put(key, value);
          keyLines.put(key, keyLine);
        }
        return new Node(Kind.MAP, line, null, null, Collections.unmodifiableMap(fields), keyLines, List.of());
      }
      case START_ARRAY: {
        List<Node> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) items.add(read(p, origin));
        return new Node(Kind.LIST, line, null, null, Map.of(), Map.of(), Collections.unmodifiableList(items));
      }
      case VALUE_STRING:
        return scalar(Kind.STRING, line, p.getString(), p.getString());
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return scalar(Kind.NUMBER, line, p.getNumberValue(), p.getString());
      case VALUE_TRUE:
      case VALUE_FALSE:
        return scalar(Kind.BOOLEAN, line, t == JsonToken.VALUE_TRUE, p.getString());
      default:
        return new Node(Kind.NULL, line, null, null, Map.of(), Map.of(), List.of());
    }
  }

  private static Node scalar(Kind kind, int line, Object value, String text) {
    return new Node(kind, line, value, text, Map.of(), Map.of(), List.of());
  }

  private static int line(JsonParser p) {
    TokenStreamLocation loc = p.currentTokenLocation();
    return loc == null ? 0 : Math.max(0, loc.getLineNr());
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }
}

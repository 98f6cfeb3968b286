package dev.runway.render.internal;

import dev.runway.Origin;
import dev.runway.RunwayException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A YAML document as a tree whose every node remembers its line, so that every problem in a
 * blueprint can name {@code file:line}. Jackson's own tree forgets positions, hence this.
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
    private final Map<String, Node> fields;
    private final Map<String, Integer> keyLines;
    private final List<Node> items;

    Node(Kind kind, int line, @Nullable Object scalar, Map<String, Node> fields, Map<String, Integer> keyLines, List<Node> items) {
      this.kind = kind;
      this.line = line;
      this.scalar = scalar;
      this.fields = fields;
      this.keyLines = keyLines;
      this.items = items;
    }

    public Kind kind() { return kind; }

    public int line() { return line; }

    public Map<String, Node> fields() { return fields; }

    public List<Node> items() { return items; }

    public @Nullable Object scalar() { return scalar; }

    /** The line of a key in this map, else this node's line. */
    public int keyLine(String key) {
      return keyLines.getOrDefault(key, line);
    }

    public boolean isScalar() {
      return kind == Kind.STRING || kind == Kind.NUMBER || kind == Kind.BOOLEAN;
    }

    /** A scalar's text as written (numbers in their plain form). */
    public String text() {
      return scalar == null ? "" : String.valueOf(scalar);
    }

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

  /** A duplicate key is a parse error, as it is for Render. */
  private YamlTree() {}

  /** Parses one YAML document; a syntax error or a duplicate key throws ParseFailed at file:line. */
  public static Node parse(String text, @Nullable Path file) {
    try (JsonParser p = MAPPER.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) return new Node(Kind.MAP, 1, null, Map.of(), Map.of(), List.of());
      Node root = read(p, file);
      if (p.nextToken() != null) {
        throw new RunwayException.ParseFailed(
            origin(file, line(p)) + ": render.yaml: holds more than one YAML document; keep one blueprint per file",
            origin(file, line(p)));
      }
      return root;
    } catch (JacksonException e) {
      TokenStreamLocation loc = e.getLocation();
      int line = loc == null ? 0 : Math.max(0, loc.getLineNr());
      Origin origin = origin(file, line);
      String reason = e.getOriginalMessage() == null ? "malformed YAML" : firstLine(e.getOriginalMessage());
      throw new RunwayException.ParseFailed(
          origin + ": render.yaml: is not valid YAML (" + reason + "); fix the syntax at that line", origin, e);
    }
  }

  private static Node read(JsonParser p, @Nullable Path file) {
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
          Node value = read(p, file);
          if (fields.containsKey(key)) {
            Origin origin = origin(file, keyLine);
            throw new RunwayException.ParseFailed(
                origin + ": " + key + ": is declared twice (first at line " + keyLines.get(key) + "); remove one of them",
                origin);
          }
          fields.put(key, value);
          keyLines.put(key, keyLine);
        }
        return new Node(Kind.MAP, line, null, Collections.unmodifiableMap(fields), keyLines, List.of());
      }
      case START_ARRAY: {
        List<Node> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) items.add(read(p, file));
        return new Node(Kind.LIST, line, null, Map.of(), Map.of(), Collections.unmodifiableList(items));
      }
      case VALUE_STRING:
        return new Node(Kind.STRING, line, p.getString(), Map.of(), Map.of(), List.of());
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return new Node(Kind.NUMBER, line, p.getNumberValue(), Map.of(), Map.of(), List.of());
      case VALUE_TRUE:
      case VALUE_FALSE:
        return new Node(Kind.BOOLEAN, line, t == JsonToken.VALUE_TRUE, Map.of(), Map.of(), List.of());
      default:
        return new Node(Kind.NULL, line, null, Map.of(), Map.of(), List.of());
    }
  }

  private static int line(JsonParser p) {
    TokenStreamLocation loc = p.currentTokenLocation();
    return loc == null ? 0 : Math.max(0, loc.getLineNr());
  }

  public static Origin origin(@Nullable Path file, int line) {
    return Origin.file(file == null ? Path.of("render.yaml") : file, line);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }
}

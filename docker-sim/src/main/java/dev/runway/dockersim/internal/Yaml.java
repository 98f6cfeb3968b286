package dev.runway.dockersim.internal;

import dev.runway.Origin;
import dev.runway.RunwayException;
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
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * YAML for compose files: a reader whose nodes remember their line (Jackson's tree forgets
 * positions, and every parity problem names {@code file:line}), and a writer for people.
 */
public final class Yaml {
  private static final YAMLMapper READER = YAMLMapper.builder().build();
  private static final YAMLMapper WRITER = YAMLMapper.builder()
      .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
      .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
      .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .disable(YAMLWriteFeature.SPLIT_LINES)
      .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
      .build();

  private Yaml() {}

  /** One node: a map (ordered), a list or a scalar (text as written), with its line. */
  public static final class Node {
    private final int line;
    private final @Nullable String scalar;
    private final @Nullable Map<String, Node> fields;
    private final @Nullable List<Node> items;
    private final Map<String, Integer> keyLines;

    Node(int line, @Nullable String scalar, @Nullable Map<String, Node> fields, @Nullable List<Node> items,
        Map<String, Integer> keyLines) {
      this.line = line;
      this.scalar = scalar;
      this.fields = fields;
      this.items = items;
      this.keyLines = keyLines;
    }

    public int line() { return line; }

    public boolean isMap() { return fields != null; }

    public boolean isList() { return items != null; }

    public boolean isScalar() { return fields == null && items == null; }

    /** A map's fields, or empty for any other node. */
    public Map<String, Node> fields() { return fields == null ? Map.of() : fields; }

    /** A list's items, or empty for any other node. */
    public List<Node> items() { return items == null ? List.of() : items; }

    /** A scalar's text, or empty for a map, a list or null. */
    public Optional<String> text() { return Optional.ofNullable(scalar); }

    public Optional<Node> get(String key) { return Optional.ofNullable(fields().get(key)); }

    /** The line of a key in this map, else this node's line. */
    public int keyLine(String key) { return keyLines.getOrDefault(key, line); }
  }

  /**
   * Parses one YAML document.
   *
   * @throws RunwayException.ParseFailed at {@code origin:line} when it is not YAML or repeats a key
   */
  public static Node parse(String text, Origin origin) {
    try (JsonParser p = READER.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) return new Node(1, null, Map.of(), null, Map.of());
      return read(p, origin);
    } catch (JacksonException e) {
      TokenStreamLocation loc = e.getLocation();
      Origin at = origin.withLine(loc == null ? 0 : Math.max(0, loc.getLineNr()));
      String reason = e.getOriginalMessage() == null ? "malformed YAML" : firstLine(e.getOriginalMessage());
      throw new RunwayException.ParseFailed(at + ": compose file: is not valid YAML (" + reason
          + "); fix the syntax at that line", at, e);
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
            throw new RunwayException.ParseFailed(at + ": " + key + ": is declared twice (first at line "
                + keyLines.get(key) + "); remove one of them", at);
          }
          fields.put(key, value);
          keyLines.put(key, keyLine);
        }
        return new Node(line, null, Collections.unmodifiableMap(fields), null, keyLines);
      }
      case START_ARRAY: {
        List<Node> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) items.add(read(p, origin));
        return new Node(line, null, null, Collections.unmodifiableList(items), Map.of());
      }
      case VALUE_NULL:
        return new Node(line, null, null, null, Map.of());
      default:
        return new Node(line, p.getString(), null, null, Map.of());
    }
  }

  /** Plain Java values (Map, List, String, Number, Boolean) as readable YAML. */
  public static String write(Object tree) {
    return WRITER.writeValueAsString(tree);
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

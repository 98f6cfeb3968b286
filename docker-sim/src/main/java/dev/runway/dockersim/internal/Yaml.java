package dev.runway.dockersim.internal;

import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
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
import tools.jackson.dataformat.yaml.YAMLParser;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * YAML for compose files. Writing: for people, without a document marker, quotes only where needed,
 * lists indented under their key. Reading: a tree whose every node and key keeps its line, with
 * anchors, aliases and merge keys resolved as Docker Compose (go-yaml) resolves them.
 *
 * <p>Why not Jackson's tree or render's {@code YamlTree}: both forget aliases (Jackson reports
 * {@code *base} as the string {@code "base"}) and keep {@code <<} as a plain key. Jackson's
 * {@code YAMLAnchorReplayingFactory} replays aliases but refuses {@code <<: [*a, *b]} and flattens a
 * merge into duplicate keys, so the merge is done here, on the tree: keys written beside {@code <<}
 * win, and among {@code <<: [*a, *b]} the earlier map wins (yaml.org/type/merge.html).
 */
public final class Yaml {
  private static final YAMLMapper WRITER = YAMLMapper.builder()
      .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
      .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
      .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .disable(YAMLWriteFeature.SPLIT_LINES)
      .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
      .build();
  private static final YAMLMapper READER = YAMLMapper.builder().build();
  private static final String MERGE = "<<";

  private Yaml() {}

  /** Plain Java values (Map, List, String, Number, Boolean) as readable YAML. */
  public static String write(Object tree) {
    return WRITER.writeValueAsString(tree);
  }

  /** The kinds of node. */
  public enum Kind { MAP, LIST, STRING, NUMBER, BOOLEAN, NULL }

  /** One node: a map (ordered, merges resolved), a list or a scalar, with the line it starts on. Immutable. */
  public static final class Node {
    private final Kind kind;
    private final int line;
    private final @Nullable String text;
    private final Map<String, Node> fields;
    private final Map<String, Integer> keyLines;
    private final List<Node> items;

    private Node(Kind kind, int line, @Nullable String text, Map<String, Node> fields, Map<String, Integer> keyLines,
        List<Node> items) {
      this.kind = kind;
      this.line = line;
      this.text = text;
      this.fields = fields;
      this.keyLines = keyLines;
      this.items = items;
    }

    public Kind kind() { return kind; }

    public int line() { return line; }

    public boolean isMap() { return kind == Kind.MAP; }

    public boolean isList() { return kind == Kind.LIST; }

    public boolean isNull() { return kind == Kind.NULL; }

    public boolean isScalar() { return kind == Kind.STRING || kind == Kind.NUMBER || kind == Kind.BOOLEAN; }

    /** A map's fields in order (merged keys included), or empty for any other node. */
    public Map<String, Node> fields() { return fields; }

    public Optional<Node> get(String key) { return Optional.ofNullable(fields.get(key)); }

    /** A list's items, or empty for any other node. */
    public List<Node> items() { return items; }

    /** A scalar's text as written, or empty for a map, a list or null. */
    public Optional<String> scalarText() { return Optional.ofNullable(text); }

    /**
     * The line of a key in this map, else this node's line. A key taken from a merged map keeps
     * the line where it is written (in the anchor), which is where it is fixed.
     */
    public int keyLine(String key) { return keyLines.getOrDefault(key, line); }

    /** Plain Java values (String for every scalar, List, Map, null), for tests and messages. */
    public @Nullable Object plain() {
      switch (kind) {
        case MAP: {
          Map<String, Object> m = new LinkedHashMap<>();
          fields.forEach((k, v) -> m.put(k, v.plain()));
          return m;
        }
        case LIST: {
          List<Object> l = new ArrayList<>();
          for (Node n : items) l.add(n.plain());
          return l;
        }
        default:
          return text;
      }
    }
  }

  /**
   * Parses one YAML document; {@code what} names the file in messages ({@code "compose file"}).
   *
   * @throws RunwayException.ParseFailed at {@code origin:line} for a syntax error, a repeated key, an
   *     alias to no anchor, a merge of something other than maps, or a second document
   */
  public static Node read(String text, Origin origin, String what) {
    try (JsonParser p = READER.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) return new Node(Kind.MAP, 1, null, Map.of(), Map.of(), List.of());
      Node root = new Reader((YAMLParser) p, origin, what).node();
      if (p.nextToken() != null) {
        Origin at = origin.withLine(line(p));
        throw new RunwayException.ParseFailed(at + ": " + what + ": holds more than one YAML document; keep one per file", at);
      }
      return root;
    } catch (JacksonException e) {
      TokenStreamLocation loc = e.getLocation();
      Origin at = origin.withLine(loc == null ? 0 : Math.max(0, loc.getLineNr()));
      String reason = e.getOriginalMessage() == null ? "malformed YAML" : firstLine(e.getOriginalMessage());
      throw new RunwayException.ParseFailed(at + ": " + what + ": is not valid YAML (" + reason + "); fix the syntax at that line",
          at, e);
    }
  }

  private static final class Reader {
    private final YAMLParser p;
    private final Origin origin;
    private final String what;
    private final Map<String, Node> anchors = new HashMap<>();

    Reader(YAMLParser p, Origin origin, String what) {
      this.p = p;
      this.origin = origin;
      this.what = what;
    }

    /** The node at the current token, which starts a value. */
    Node node() {
      JsonToken t = p.currentToken();
      int line = line(p);
      if (p.isCurrentAlias()) {
        String name = p.getString();
        Node target = anchors.get(name);
        if (target == null) {
          throw fail(line, "*" + name + " refers to no anchor; define &" + name + " before it is used");
        }
        return target;
      }
      // Jackson reports an anchor (&name) as the value's object id.
      Object id = p.getObjectId();
      String anchor = id == null ? null : id.toString();
      Node n;
      switch (t) {
        case START_OBJECT -> n = map(line);
        case START_ARRAY -> {
          List<Node> items = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) items.add(node());
          n = new Node(Kind.LIST, line, null, Map.of(), Map.of(), Collections.unmodifiableList(items));
        }
        case VALUE_STRING -> n = scalar(Kind.STRING, line, p.getString());
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> n = scalar(Kind.NUMBER, line, p.getString());
        case VALUE_TRUE, VALUE_FALSE -> n = scalar(Kind.BOOLEAN, line, p.getString());
        default -> n = new Node(Kind.NULL, line, null, Map.of(), Map.of(), List.of());
      }
      if (anchor != null) anchors.put(anchor, n);
      return n;
    }

    private Node map(int line) {
      Map<String, Node> fields = new LinkedHashMap<>();
      Map<String, Integer> keyLines = new LinkedHashMap<>();
      List<Node> merges = new ArrayList<>();
      int mergeLine = 0;
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String key = p.currentName();
        int keyLine = line(p);
        p.nextToken();
        Node value = node();
        if (key.equals(MERGE)) {
          if (mergeLine > 0) throw twice(key, keyLine, mergeLine);
          mergeLine = keyLine;
          if (value.isMap()) {
            merges.add(value);
          } else if (value.isList() && value.items().stream().allMatch(Node::isMap)) {
            merges.addAll(value.items());
          } else {
            throw fail(keyLine, "<<: merges maps only; write <<: *anchor or <<: [*a, *b] with anchors on maps");
          }
          continue;
        }
        if (fields.containsKey(key)) throw twice(key, keyLine, keyLines.get(key));
        fields.put(key, value);
        keyLines.put(key, keyLine);
      }
      if (!merges.isEmpty()) {
        // Keys written here win; among the merged maps the first that has a key wins.
        Map<String, Node> merged = new LinkedHashMap<>();
        Map<String, Integer> mergedLines = new LinkedHashMap<>();
        for (Node m : merges) {
          for (Map.Entry<String, Node> e : m.fields().entrySet()) {
            if (merged.containsKey(e.getKey())) continue;
            merged.put(e.getKey(), e.getValue());
            mergedLines.put(e.getKey(), m.keyLine(e.getKey()));
          }
        }
        merged.putAll(fields);
        mergedLines.putAll(keyLines);
        fields = merged;
        keyLines = mergedLines;
      }
      return new Node(Kind.MAP, line, null, Collections.unmodifiableMap(fields), Collections.unmodifiableMap(keyLines), List.of());
    }

    private RunwayException.ParseFailed twice(String key, int keyLine, int firstLine) {
      Origin at = origin.withLine(keyLine);
      return new RunwayException.ParseFailed(at + ": " + key + ": is declared twice (first at line " + firstLine
          + "); remove one of them", at);
    }

    private RunwayException.ParseFailed fail(int line, String problemAndFix) {
      Origin at = origin.withLine(line);
      return new RunwayException.ParseFailed(at + ": " + what + ": " + problemAndFix, at);
    }
  }

  private static Node scalar(Kind kind, int line, String text) {
    return new Node(kind, line, text, Map.of(), Map.of(), List.of());
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

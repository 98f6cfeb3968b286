package dev.runway.dockersim.internal;

import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * YAML for compose files. Writing: for people, without a document marker, quotes only where needed,
 * lists indented under their key. Reading: a tree whose every node and key keeps its line, with
 * anchors, aliases and merge keys resolved as Docker Compose (go-yaml) resolves them.
 *
 * <p>Why not Jackson's tree or render's {@code YamlTree}: both forget aliases (Jackson's stream
 * reports {@code *base} as the string {@code "base"} and drops anchors on scalars) and keep
 * {@code <<} as a plain key. Jackson's {@code YAMLAnchorReplayingFactory} replays aliases but
 * refuses {@code <<: [*a, *b]} and flattens a merge into duplicate keys. So the document is composed
 * with SnakeYAML Engine (the parser Jackson itself runs on), whose node graph keeps anchors and
 * lines, and the merge is done here, on the tree: keys written beside {@code <<} win, and among
 * {@code <<: [*a, *b]} the earlier map wins (yaml.org/type/merge.html, as go-yaml does for Compose).
 */
public final class Yaml {
  private static final YAMLMapper WRITER = YAMLMapper.builder()
      .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
      .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
      .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .disable(YAMLWriteFeature.SPLIT_LINES)
      .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
      .build();
  private static final String MERGE = "<<";
  // SnakeYAML's default of 50 aliases guards constructors that copy aliased nodes; the tree here
  // shares them, and real compose files (getsentry/self-hosted) use more.
  private static final LoadSettings SETTINGS = LoadSettings.builder().setLabel("compose file")
      .setMaxAliasesForCollections(10_000).build();

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
    Iterator<org.snakeyaml.engine.v2.nodes.Node> docs;
    try {
      docs = new Compose(SETTINGS).composeAllFromString(text).iterator();
      if (!docs.hasNext()) return new Node(Kind.MAP, 1, null, Map.of(), Map.of(), List.of());
      org.snakeyaml.engine.v2.nodes.Node first = docs.next();
      Node root = new Reader(origin, what).node(first);
      if (docs.hasNext()) {
        Origin at = origin.withLine(line(docs.next()));
        throw new RunwayException.ParseFailed(at + ": " + what + ": holds more than one YAML document; keep one per file", at);
      }
      return root;
    } catch (MarkedYamlEngineException e) {
      Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
      Origin at = origin.withLine(mark.map(m -> m.getLine() + 1).orElse(0));
      String reason = e.getProblem() == null ? "malformed YAML" : firstLine(e.getProblem());
      if (reason.startsWith("found undefined alias")) {
        String name = reason.substring("found undefined alias".length()).trim();
        throw new RunwayException.ParseFailed(at + ": " + what + ": *" + name + " refers to no anchor; define &" + name
            + " before it is used", at, e);
      }
      throw new RunwayException.ParseFailed(at + ": " + what + ": is not valid YAML (" + reason + "); fix the syntax at that line",
          at, e);
    } catch (YamlEngineException e) {
      Origin at = origin.withLine(0);
      throw new RunwayException.ParseFailed(at + ": " + what + ": is not valid YAML (" + firstLine(String.valueOf(e.getMessage()))
          + "); fix the syntax", at, e);
    }
  }

  /**
   * Turns SnakeYAML Engine's node graph (the parser under Jackson; aliases already point at their
   * anchored node, and Jackson's stream would drop anchors on scalars) into {@link Node}s, merging
   * {@code <<} as it goes. A node reached through several aliases is converted once.
   */
  private static final class Reader {
    private final Origin origin;
    private final String what;
    private final Map<org.snakeyaml.engine.v2.nodes.Node, Node> done = new IdentityHashMap<>();
    private final Set<org.snakeyaml.engine.v2.nodes.Node> open = Collections.newSetFromMap(new IdentityHashMap<>());

    Reader(Origin origin, String what) {
      this.origin = origin;
      this.what = what;
    }

    Node node(org.snakeyaml.engine.v2.nodes.Node n) {
      Node known = done.get(n);
      if (known != null) return known;
      if (!open.add(n)) throw fail(line(n), "an alias refers to the node that contains it; Docker Compose refuses recursive YAML");
      Node out;
      if (n instanceof MappingNode m) {
        out = map(m);
      } else if (n instanceof SequenceNode sq) {
        List<Node> items = new ArrayList<>();
        for (org.snakeyaml.engine.v2.nodes.Node i : sq.getValue()) items.add(node(i));
        out = new Node(Kind.LIST, line(n), null, Map.of(), Map.of(), Collections.unmodifiableList(items));
      } else {
        ScalarNode sc = (ScalarNode) n;
        Tag tag = sc.getTag();
        Kind kind = tag.equals(Tag.NULL) ? Kind.NULL : tag.equals(Tag.BOOL) ? Kind.BOOLEAN
            : tag.equals(Tag.INT) || tag.equals(Tag.FLOAT) ? Kind.NUMBER : Kind.STRING;
        out = kind == Kind.NULL ? new Node(Kind.NULL, line(n), null, Map.of(), Map.of(), List.of()) : scalar(kind, line(n), sc.getValue());
      }
      open.remove(n);
      done.put(n, out);
      return out;
    }

    private Node map(MappingNode m) {
      Map<String, Node> fields = new LinkedHashMap<>();
      Map<String, Integer> keyLines = new LinkedHashMap<>();
      List<Node> merges = new ArrayList<>();
      int mergeLine = 0;
      for (NodeTuple t : m.getValue()) {
        org.snakeyaml.engine.v2.nodes.Node k = t.getKeyNode();
        String key = k instanceof ScalarNode sk ? sk.getValue() : String.valueOf(node(k).plain());
        int keyLine = line(k);
        Node value = node(t.getValueNode());
        if (key.equals(MERGE) && k instanceof ScalarNode sk && sk.isPlain()) {
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
        for (Node from : merges) {
          for (Map.Entry<String, Node> e : from.fields().entrySet()) {
            if (merged.containsKey(e.getKey())) continue;
            merged.put(e.getKey(), e.getValue());
            mergedLines.put(e.getKey(), from.keyLine(e.getKey()));
          }
        }
        merged.putAll(fields);
        mergedLines.putAll(keyLines);
        fields = merged;
        keyLines = mergedLines;
      }
      return new Node(Kind.MAP, line(m), null, Collections.unmodifiableMap(fields), Collections.unmodifiableMap(keyLines), List.of());
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

  private static int line(org.snakeyaml.engine.v2.nodes.Node n) {
    return n.getStartMark().map(m -> m.getLine() + 1).orElse(0);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }
}

package dev.runway.render;

import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import java.math.BigInteger;
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
 * A YAML document as a tree whose every node and key remembers its line, so that every problem in
 * a render.yaml or a compose file can name {@code file:line}. Anchors, aliases and merge keys
 * ({@code <<: *a}, {@code <<: [*a, *b]}) are resolved as Docker Compose (go-yaml) resolves them:
 * keys written beside {@code <<} win, and among {@code <<: [*a, *b]} the earlier map wins
 * (yaml.org/type/merge.html). A duplicate key, a second document, an alias to no anchor, aliases
 * that expand past 100 000 nodes and Java type tags ({@code !!java...}) are
 * parse errors. Scalars are typed by YAML 1.2's JSON schema, as Jackson typed them: {@code true}
 * and {@code false} are booleans, {@code 8080} and {@code 1.5} numbers, {@code null} and nothing
 * null, and anything quoted or else ({@code ~}, {@code yes}, {@code True}, {@code 0755}) a string.
 *
 * <p>Example: {@code YamlTree.parse("a: &x 1\nb: *x\n", Origin.file(path), "render.yaml")
 * .get("b").orElseThrow().scalar()} is {@code 1}, and its {@code line()} is 1, where the value is
 * written.
 *
 * <p>Why not Jackson's tree or its stream: the tree forgets positions; the stream reports
 * {@code *base} as the string {@code "base"}, drops anchors on scalars and keeps {@code <<} as a
 * plain key; Jackson's {@code YAMLAnchorReplayingFactory} replays aliases but refuses
 * {@code <<: [*a, *b]} and flattens a merge into duplicate keys. So the document is composed with
 * SnakeYAML Engine (the parser Jackson itself runs on), whose node graph keeps anchors and lines,
 * and the merge is done here, on the tree. Nodes reached through several aliases are shared, not
 * copied. Immutable and thread-safe.
 */
public final class YamlTree {
  /** More nodes than this, counting every alias as a copy of what it names, is an alias bomb. */
  static final int MAX_EXPANDED_NODES = 100_000;
  private static final String MERGE = "<<";
  private static final String JAVA_TAG = Tag.PREFIX + "java";
  private static final YAMLMapper WRITER = YAMLMapper.builder()
      .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
      .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
      .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .disable(YAMLWriteFeature.SPLIT_LINES)
      .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
      .build();

  /** The kinds of node. */
  public enum Kind { MAP, LIST, STRING, NUMBER, BOOLEAN, NULL }

  /** One node: a map (ordered, merges resolved), a list or a scalar, with the line it starts on. Immutable. */
  public static final class Node {
    private final Kind kind;
    private final int line;
    private final @Nullable Object scalar;
    private final @Nullable String text;
    private final Map<String, Node> fields;
    private final Map<String, Integer> keyLines;
    private final List<Node> items;
    // The node count with every alias expanded: what plain() or a walk of the tree would visit.
    private final long expanded;

    Node(Kind kind, int line, @Nullable Object scalar, @Nullable String text, Map<String, Node> fields,
        Map<String, Integer> keyLines, List<Node> items) {
      this.kind = kind;
      this.line = line;
      this.scalar = scalar;
      this.text = text;
      this.fields = fields;
      this.keyLines = keyLines;
      this.items = items;
      long n = 1;
      for (Node f : fields.values()) n += f.expanded;
      for (Node i : items) n += i.expanded;
      this.expanded = n;
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

    /** A scalar's value: String, Number (Integer, Long, BigInteger or Double) or Boolean; null for maps, lists and null. */
    public @Nullable Object scalar() { return scalar; }

    /** A scalar's text as written; empty text for maps, lists and null. */
    public String text() { return text == null ? "" : text; }

    /** A scalar's text as written, or empty for a map, a list or null. */
    public Optional<String> scalarText() { return Optional.ofNullable(text); }

    /**
     * The line of a key in this map, else this node's line. A key taken from a merged map keeps
     * the line where it is written (in the anchor), which is where it is fixed.
     */
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
   * Plain Java values (ordered Map, List, String, Number, Boolean, null), what {@link Node#plain()}
   * returns, as YAML for people: no document marker, quotes only where needed (a string that would
   * read back as a number or a boolean stays quoted, so the text parses back to the same values),
   * lists indented under their key, long strings on one line. For example {@code {a: [1, "2"]}}
   * is written {@code a:\n  - 1\n  - "2"\n}.
   */
  public static String write(@Nullable Object plain) {
    return WRITER.writeValueAsString(plain);
  }

  /**
   * Parses one YAML document; {@code what} names the file in messages ({@code "render.yaml"},
   * {@code "compose file"}). An empty document is an empty map at line 1.
   *
   * @throws RunwayException.ParseFailed at {@code origin:line} for a syntax error, a repeated key, an
   *     alias to no anchor or to the node that contains it, aliases that expand too far, a merge of
   *     something other than maps, a Java type tag or a second document
   */
  public static Node parse(String text, Origin origin, String what) {
    // SnakeYAML's default of 50 aliases guards constructors that copy aliased nodes; the tree here
    // shares them (and counts what they would expand to), and real compose files
    // (getsentry/self-hosted) use more.
    LoadSettings settings = LoadSettings.builder().setLabel(what).setMaxAliasesForCollections(10_000)
        .setCodePointLimit(dev.runway.base.InputFiles.MAX_BYTES).build(); // the files' own limit decides
    try {
      Iterator<org.snakeyaml.engine.v2.nodes.Node> docs = new Compose(settings).composeAllFromString(text).iterator();
      if (!docs.hasNext()) return new Node(Kind.MAP, 1, null, null, Map.of(), Map.of(), List.of());
      Node root = new Reader(origin, what).node(docs.next());
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
   * Turns SnakeYAML Engine's node graph (aliases already point at their anchored node) into
   * {@link Node}s, merging {@code <<} as it goes. A node reached through several aliases is
   * converted once and shared.
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
      String tag = n.getTag().getValue();
      if (tag.startsWith(JAVA_TAG)) {
        throw fail(line(n), "!!" + tag.substring(Tag.PREFIX.length()) + " names a Java type; this file holds data only,"
            + " remove the tag");
      }
      if (!open.add(n)) {
        throw fail(line(n), "an alias refers to the node that contains it; recursive YAML is refused, write the values out");
      }
      Node out;
      if (n instanceof MappingNode m) {
        out = map(m);
      } else if (n instanceof SequenceNode sq) {
        List<Node> items = new ArrayList<>();
        for (org.snakeyaml.engine.v2.nodes.Node i : sq.getValue()) items.add(node(i));
        out = new Node(Kind.LIST, line(n), null, null, Map.of(), Map.of(), Collections.unmodifiableList(items));
      } else {
        out = scalar((ScalarNode) n, line(n));
      }
      if (out.expanded > MAX_EXPANDED_NODES) {
        throw fail(out.line, "aliases here expand to more than " + MAX_EXPANDED_NODES + " nodes (an alias bomb);"
            + " write the repeated values out, or nest fewer aliases");
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
      return new Node(Kind.MAP, line(m), null, null, Collections.unmodifiableMap(fields), Collections.unmodifiableMap(keyLines),
          List.of());
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

  /**
   * Types a scalar as Jackson's YAML parser did (render.yaml was read with it, and its findings
   * depend on the types): the tag resolved by the JSON schema, or the one written ({@code !!int},
   * {@code !!str}, ...); a bool is {@code true} or {@code false} in any case; an int may be written
   * {@code 0x}, {@code 0o}, {@code 0b}, with a leading 0 (octal) or {@code _}; {@code !!binary}
   * is null; every other tag is a string. A number that does not parse is a string.
   */
  private static Node scalar(ScalarNode sc, int line) {
    String text = sc.getValue();
    String tag = sc.getTag().getValue();
    String name = tag.startsWith(Tag.PREFIX) ? tag.substring(Tag.PREFIX.length()) : tag;
    switch (name) {
      case "null":
      case "binary":
        return new Node(Kind.NULL, line, null, null, Map.of(), Map.of(), List.of());
      case "bool":
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
          return scalar(Kind.BOOLEAN, line, text.equalsIgnoreCase("true"), text);
        }
        break;
      case "int": {
        Number n = integer(text);
        if (n != null) return scalar(Kind.NUMBER, line, n, text);
        break;
      }
      case "float": {
        Double d = floating(text);
        if (d != null) return scalar(Kind.NUMBER, line, d, text);
        break;
      }
      default:
        break;
    }
    return scalar(Kind.STRING, line, text, text);
  }

  private static Node scalar(Kind kind, int line, Object value, String text) {
    return new Node(kind, line, value, text, Map.of(), Map.of(), List.of());
  }

  private static @Nullable Number integer(String text) {
    String s = text.replace("_", "");
    boolean negative = s.startsWith("-");
    if (negative || s.startsWith("+")) s = s.substring(1);
    int radix = 10;
    if (s.length() > 1 && s.charAt(0) == '0') {
      char c = Character.toLowerCase(s.charAt(1));
      radix = c == 'x' ? 16 : c == 'o' ? 8 : c == 'b' ? 2 : 8;
      s = s.substring(Character.isDigit(c) ? 1 : 2);
    }
    if (s.isEmpty() || !Character.isLetterOrDigit(s.charAt(0))) return null;
    BigInteger v;
    try {
      v = new BigInteger(s, radix);
    } catch (NumberFormatException e) {
      return null;
    }
    if (negative) v = v.negate();
    if (v.bitLength() < 32) return v.intValue();
    if (v.bitLength() < 64) return v.longValue();
    return v;
  }

  private static @Nullable Double floating(String text) {
    String s = text.replace("_", "");
    switch (s.toLowerCase(java.util.Locale.ROOT)) {
      case ".inf":
      case "+.inf":
        return Double.POSITIVE_INFINITY;
      case "-.inf":
        return Double.NEGATIVE_INFINITY;
      case ".nan":
        return Double.NaN;
      default:
        break;
    }
    try {
      return Double.valueOf(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static int line(org.snakeyaml.engine.v2.nodes.Node n) {
    return n.getStartMark().map(m -> m.getLine() + 1).orElse(0);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }
}

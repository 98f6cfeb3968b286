package dev.runway.vercel.internal;

import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.base.RunwayException;
import dev.runway.env.KeyMask;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON text with the line of every value, so that problems found after parsing can still name
 * {@code file:line}. Duplicate keys are rejected: the vendor would silently keep the last one.
 */
public final class JsonText {
  private static final JsonMapper STRICT = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private final JsonNode tree;
  private final Map<String, Integer> lines;

  private JsonText(JsonNode tree, Map<String, Integer> lines) {
    this.tree = tree;
    this.lines = lines;
  }

  public static JsonMapper mapper() {
    return STRICT;
  }

  /**
   * Parses text; a syntax error becomes {@code ParseFailed} whose message reads
   * {@code origin:line:column: <plain reason>; <fix>} and whose origin is {@code origin:line}.
   */
  public static JsonText parse(String text, Origin origin) {
    JsonNode tree;
    try {
      tree = STRICT.readTree(text);
    } catch (JacksonException e) {
      SyntaxError s = syntaxError(e);
      Origin where = s.line > 0 ? origin.withLine(s.line) : origin;
      String at = s.line > 0 ? where + ":" + s.column : where.toString();
      if (s.line > 0 && origin.path().isEmpty()) at = origin + ":" + s.line + ":" + s.column;
      throw new RunwayException.ParseFailed(at + ": " + s.reason + "; " + s.fix, where, e);
    }
    if (tree == null || tree.isMissingNode()) {
      throw new RunwayException.ParseFailed(origin + ": the file is empty; write a JSON object, at least {}", origin);
    }
    return new JsonText(tree, lines(text));
  }

  /**
   * The line of every pointer: a property's is the line of its name (where a reader looks for it),
   * an array item's the line where it starts.
   */
  private static Map<String, Integer> lines(String text) {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser parser = STRICT.createParser(text)) {
      for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
        if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) continue;
        String pointer = parser.streamReadContext().pathAsPointer().toString();
        lines.putIfAbsent(pointer, (int) parser.currentTokenLocation().getLineNr());
      }
    }
    return Map.copyOf(lines);
  }

  public JsonNode tree() {
    return tree;
  }

  /** The line of the value at a JSON pointer ({@code /crons/0/path}), or of its nearest parent. */
  public int line(String pointer) {
    for (String p = pointer; ; p = p.substring(0, p.lastIndexOf('/'))) {
      Integer line = lines.get(p);
      if (line != null) return line;
      if (p.isEmpty()) return 0;
    }
  }

  public Map<String, Integer> lines() {
    return lines;
  }

  public static String pretty(Object value) {
    return STRICT.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
  }

  /** A JSON pointer segment: {@code ~} and {@code /} escaped (RFC 6901). */
  public static String segment(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  // ---------------------------------------------------------------- syntax errors for people

  /**
   * A parse failure as one MALFORMED problem, its place said once: {@code file:line:column:
   * syntax: <plain reason>; <fix>}.
   */
  public static Problem problem(RunwayException.ParseFailed e, Origin origin) {
    if (e.getCause() instanceof JacksonException j) {
      SyntaxError s = syntaxError(j);
      Origin where = s.line > 0 ? Origin.of(origin + ":" + s.line + ":" + s.column) : origin;
      return KeyMask.mask(Problem.error(Problem.MALFORMED, "syntax", s.reason).withOrigin(where).withFix(s.fix));
    }
    // "vercel.json:3: regions: must be an array ...; write ..." reads as origin vercel.json:3, subject
    // regions, message and fix: the place is said once, by the origin.
    Origin where = e.origin().orElse(origin);
    String message = String.valueOf(e.getMessage());
    for (String prefix : List.of(where + ": ", origin + ": ")) {
      if (message.startsWith(prefix)) {
        message = message.substring(prefix.length());
        break;
      }
    }
    String subject = "vercel.json";
    int colon = message.indexOf(": ");
    if (colon > 0 && message.substring(0, colon).matches("[^\\s;]+")) {
      subject = message.substring(0, colon);
      message = message.substring(colon + 2);
    }
    int fix = message.lastIndexOf("; ");
    Problem p = Problem.error(Problem.MALFORMED, subject, fix < 0 ? message : message.substring(0, fix)).withOrigin(where);
    return KeyMask.mask(fix < 0 ? p : p.withFix(message.substring(fix + 2)));
  }

  private record SyntaxError(int line, int column, String reason, String fix) {}

  private static final String VALIDATE = "fix the JSON syntax there (`jq . vercel.json` shows the same spot)";

  /**
   * Jackson's message in plain words. Jackson names tokens by their character code and quotes the
   * offending text, which could be part of a secret: neither reaches the message.
   */
  private static SyntaxError syntaxError(JacksonException e) {
    TokenStreamLocation loc = e.getLocation();
    int line = loc == null ? 0 : (int) Math.max(0, loc.getLineNr());
    int column = loc == null ? 0 : (int) Math.max(0, loc.getColumnNr());
    String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    @Nullable Character ch = quotedChar(m);
    String reason;
    String fix = VALIDATE;
    if (m.startsWith("Duplicate Object property")) {
      int q = m.indexOf('"');
      String key = q < 0 ? "a property" : m.substring(q);
      reason = key + " appears twice in the same object; Vercel would silently keep only the last one";
      fix = "keep one of them";
    } else if (m.contains("end-of-input")) {
      reason = "the file ends before the JSON is complete";
      fix = "close every { with } and every [ with ]";
    } else if (m.contains("was expecting a colon")) {
      reason = "a property name must be followed by ':'";
      fix = "write \"name\": value";
    } else if (m.contains("was expecting comma") || m.contains("was expecting double-quote to start field name")
        || m.contains("was expecting double-quote to start property name")) {
      if (ch != null && ch == '\'') {
        reason = "names and strings need double quotes, not single quotes";
        fix = "write \"name\": \"value\"";
      } else if (ch != null && (ch == '}' || ch == ']')) {
        reason = "a comma before '" + ch + "' (JSON allows no trailing comma)";
        fix = "remove the comma";
      } else if (m.contains("double-quote to start")) {
        reason = "a property name without double quotes (vercel.json is JSON, not JavaScript)";
        fix = "write \"name\": value";
      } else {
        reason = "a ',' is missing between two entries, or a name is not in double quotes";
        fix = "separate entries with commas and quote names: \"name\": value";
      }
    } else if (ch != null && ch == '/' ) {
      reason = "JSON allows no comments";
      fix = "remove the comment (vercel.json must be plain JSON)";
    } else if (ch != null && ch == '\'') {
      reason = "strings need double quotes, not single quotes";
      fix = "write \"value\"";
    } else if (m.startsWith("Unexpected character") && ch != null && (ch == ']' || ch == '}')) {
      reason = "'" + ch + "' where a value should be (a trailing comma before it?)";
      fix = "remove the comma before '" + ch + "'";
    } else if (m.startsWith("Unexpected close marker")) {
      reason = "a '" + (ch == null ? "}" : ch) + "' closes nothing that is open";
      fix = "remove it, or open the object or array it closes";
    } else if (m.startsWith("Unrecognized token")) {
      reason = "a value that is not JSON";
      fix = "quote strings with \", and write true, false and null in lower case";
    } else if (m.startsWith("Illegal unquoted character") || m.contains("CTRL-CHAR")) {
      reason = "a line break or control character inside a string";
      fix = "write it escaped, e.g. \\n, or keep the string on one line";
    } else if (m.contains("Unexpected character")) {
      reason = "a character that cannot start a JSON value"
          + (ch != null && ch > ' ' && ch < 127 ? " ('" + ch + "')" : "");
    } else {
      reason = "the text is not valid JSON";
    }
    return new SyntaxError(line, column, reason, fix);
  }

  /** The character Jackson names in {@code ('x' (code 120))}, when it names one. */
  private static @Nullable Character quotedChar(String message) {
    int i = message.indexOf("('");
    if (i < 0 || i + 3 >= message.length()) return null;
    if (message.startsWith("(''' (code 39)", i)) return '\'';
    return message.charAt(i + 3) == '\'' ? message.charAt(i + 2) : null;
  }
}

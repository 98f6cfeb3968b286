package dev.runway.vercel.internal;

import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import java.util.HashMap;
import java.util.Map;
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

  /** Parses text; a syntax error becomes {@code ParseFailed} naming {@code origin:line}. */
  public static JsonText parse(String text, Origin origin) {
    JsonNode tree;
    try {
      tree = STRICT.readTree(text);
    } catch (JacksonException e) {
      throw new RunwayException.ParseFailed(
          at(origin, e.getLocation()) + ": " + reason(e) + "; fix the JSON syntax (a JSON validator such as `jq . vercel.json` shows the spot)",
          at(origin, e.getLocation()), e);
    }
    if (tree == null || tree.isMissingNode()) {
      throw new RunwayException.ParseFailed(origin + ": the file is empty; write a JSON object, at least {}", origin);
    }
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser parser = STRICT.createParser(text)) {
      for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
        if (t == JsonToken.PROPERTY_NAME || t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) continue;
        String pointer = parser.streamReadContext().pathAsPointer().toString();
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          pointer = parser.streamReadContext().getParent() == null ? "" : parentPointer(parser);
        }
        lines.putIfAbsent(pointer, (int) parser.currentTokenLocation().getLineNr());
      }
    }
    return new JsonText(tree, Map.copyOf(lines));
  }

  private static String parentPointer(JsonParser parser) {
    var ctx = parser.streamReadContext().getParent();
    return ctx == null ? "" : ctx.pathAsPointer().toString();
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

  private static Origin at(Origin origin, TokenStreamLocation location) {
    if (location == null || location.getLineNr() <= 0) return origin;
    return origin.withLine(location.getLineNr());
  }

  private static String reason(JacksonException e) {
    String m = e.getOriginalMessage();
    if (m == null) return "malformed JSON";
    int cut = m.indexOf('\n');
    String first = cut < 0 ? m : m.substring(0, cut);
    // Jackson quotes the offending token, which could be part of a secret value: keep only the kind.
    return "malformed JSON (" + first.replaceAll("'[^']*'", "'…'").replaceAll("\\(String\\)\"[^\"]*\"", "…") + ")";
  }
}

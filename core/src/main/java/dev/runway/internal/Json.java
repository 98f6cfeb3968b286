package dev.runway.internal;

import dev.runway.base.Problem;
import dev.runway.base.Problems;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The one shared Jackson mapper of core; Jackson types never reach the public API. */
public final class Json {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static String pretty(JsonNode node) {
    return MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node);
  }

  /** Problems as a JSON array with every field; the one JSON shape of problems in every report. */
  public static ArrayNode problems(Problems problems) {
    ArrayNode array = MAPPER.createArrayNode();
    for (Problem p : problems.all()) {
      ObjectNode node = array.addObject();
      node.put("code", p.code());
      node.put("severity", p.severity().name().toLowerCase(Locale.ROOT));
      node.put("subject", p.subject());
      p.environment().ifPresent(e -> node.put("environment", e));
      p.origin().ifPresent(o -> {
        node.put("origin", o.toString());
        o.path().ifPresent(path -> node.put("file", path.toString()));
        if (o.line() > 0) node.put("line", o.line());
      });
      node.put("message", p.message());
      p.expected().ifPresent(e -> node.put("expected", e));
      p.fix().ifPresent(f -> node.put("fix", f));
      node.put("text", p.text());
    }
    return array;
  }
}

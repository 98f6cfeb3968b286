package dev.runway.internal;

import dev.runway.base.Problems;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

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

  /** Problems as a JSON array with every field: the one shape, written by {@link Problems#toJson()}. */
  public static ArrayNode problems(Problems problems) {
    return (ArrayNode) MAPPER.readTree(problems.toJson());
  }
}

package dev.runway.dockersim.internal;

import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Writes compose files for people: without a document marker, quotes only where needed (numbers
 * always quoted, so that {@code "8080:8080"} stays a string), lists indented under their key.
 * Reading is render's {@link dev.runway.render.YamlTree}.
 */
public final class Yaml {
  private static final YAMLMapper WRITER = YAMLMapper.builder()
      .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
      .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
      .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .disable(YAMLWriteFeature.SPLIT_LINES)
      .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
      .build();

  private Yaml() {}

  /** Plain Java values (Map, List, String, Number, Boolean) as readable YAML. */
  public static String write(Object tree) {
    return WRITER.writeValueAsString(tree);
  }
}

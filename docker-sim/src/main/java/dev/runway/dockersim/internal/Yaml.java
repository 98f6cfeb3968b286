package dev.runway.dockersim.internal;

import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * YAML written for people: compose files without a document marker, quotes only where needed,
 * lists indented under their key. Reading goes through core's {@code YamlTree}, which keeps lines.
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

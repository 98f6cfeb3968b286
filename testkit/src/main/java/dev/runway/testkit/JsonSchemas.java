package dev.runway.testkit;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates generated files (YAML or JSON) against the vendors' JSON Schemas in shared/specs.
 *
 * <pre>{@code
 * assertThat(JsonSchemas.validateYaml("render/render-yaml.schema.json", yaml)).isEmpty();
 * }</pre>
 */
public final class JsonSchemas {
  private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

  private JsonSchemas() {}

  /** Every violation of a YAML document against a schema, as readable lines; empty when valid. */
  public static List<String> validateYaml(String schemaFile, String yaml) {
    return validate(schemaFile, yaml, InputFormat.YAML);
  }

  /** Every violation of a JSON document against a schema, as readable lines; empty when valid. */
  public static List<String> validateJson(String schemaFile, String json) {
    return validate(schemaFile, json, InputFormat.JSON);
  }

  private static List<String> validate(String schemaFile, String document, InputFormat format) {
    Schema schema = CACHE.computeIfAbsent(schemaFile, JsonSchemas::load);
    List<Error> errors = schema.validate(document, format);
    return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
  }

  private static Schema load(String schemaFile) {
    String text = Specs.read(schemaFile);
    // The schemas declare their own $schema (draft-04, draft-07, 2020-12); 2020-12 is only the
    // fallback. Some $id values are relative (compose's "compose_spec.json"), which the registry
    // rejects, so every schema is registered under an absolute IRI of our own.
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    SchemaLocation location = SchemaLocation.of("https://specs.runway.invalid/" + schemaFile);
    return registry.getSchema(location, text, InputFormat.JSON);
  }
}

package dev.runway.vercel;

import dev.runway.testkit.OpenApiContract;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Vercel's OpenAPI spec as the contract tests use it. The spec file is read in place; two of its
 * defects are tolerated in the parsed model (never in the file), once per test run:
 * <ul>
 *   <li>some enums repeat values ({@code ["production", "preview", "development", "preview",
 *       "development"]}), which the validator's JSON Schema loader refuses outright, so every
 *       response carrying an env var could not be checked at all: duplicates are dropped;</li>
 *   <li>{@code GET /v9/projects/{idOrName}} types its path parameter as {@code oneOf: [string,
 *       boolean]}, which makes the validator parse the raw path segment as JSON: it is read as
 *       the string it is documented to be;</li>
 *   <li>the 200 responses of {@code PATCH} and {@code DELETE /v9/projects/{idOrName}/env/{id}}
 *       are {@code oneOf} alternatives that overlap (one is a bare {@code {type: object}}, two
 *       differ only by an optional property), so no body can match exactly one: they are read as
 *       {@code anyOf}.</li>
 * </ul>
 *
 * <p>The spec also documents no body for error responses, while Vercel sends
 * {@code {"error": {"code", "message", "limit"?}}} (the client depends on it for ENV_CONFLICT
 * and rate limits); {@link #violations} leaves out exactly that complaint.
 */
final class VercelSpec {
  static final String FILE = "vercel/vercel-rest-api-openapi.json";
  private static volatile boolean fixed;

  private VercelSpec() {}

  static OpenApiContract contract() {
    fix();
    return OpenApiContract.forSpec(FILE);
  }

  private static synchronized void fix() {
    if (fixed) return;
    OpenAPI api = OpenApiContract.spec(FILE);
    Set<Schema<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
      api.getComponents().getSchemas().values().forEach(s -> dedupe(s, seen));
    }
    for (PathItem item : api.getPaths().values()) {
      fixParameters(item.getParameters(), seen);
      for (Operation op : item.readOperations()) {
        fixParameters(op.getParameters(), seen);
        if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
          for (MediaType m : op.getRequestBody().getContent().values()) dedupe(m.getSchema(), seen);
        }
        if (op.getResponses() != null) {
          for (ApiResponse r : op.getResponses().values()) {
            if (r.getContent() != null) for (MediaType m : r.getContent().values()) dedupe(m.getSchema(), seen);
          }
        }
      }
    }
    for (String method : List.of("PATCH", "DELETE")) {
      Operation op = method.equals("PATCH")
          ? api.getPaths().get("/v9/projects/{idOrName}/env/{id}").getPatch()
          : api.getPaths().get("/v9/projects/{idOrName}/env/{id}").getDelete();
      Schema<?> s = op.getResponses().get("200").getContent().get("application/json").getSchema();
      if (s.getOneOf() != null) {
        s.setAnyOf(s.getOneOf());
        s.setOneOf(null);
      }
    }
    fixed = true;
  }

  /** The contract's violations except "no response body is expected" on error responses. */
  static List<String> violations(OpenApiContract contract) {
    return contract.violations().stream()
        .filter(v -> !v.contains("validation.response.body.unexpected"))
        .toList();
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void fixParameters(List<Parameter> parameters, Set<Schema<?>> seen) {
    if (parameters == null) return;
    for (Parameter p : parameters) {
      Schema s = p.getSchema();
      if (s == null) continue;
      if ("path".equals(p.getIn()) && s.getOneOf() != null
          && ((List<Schema>) s.getOneOf()).stream().anyMatch(o -> "string".equals(o.getType()))) {
        Schema string = new io.swagger.v3.oas.models.media.StringSchema();
        string.setDescription(s.getDescription());
        p.setSchema(string);
      } else {
        dedupe(s, seen);
      }
    }
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void dedupe(Schema schema, Set<Schema<?>> seen) {
    if (schema == null || !seen.add(schema)) return;
    if (schema.getEnum() != null) {
      List unique = new ArrayList<>(new LinkedHashSet<>(schema.getEnum()));
      if (unique.size() != schema.getEnum().size()) {
        schema.setEnum(null);
        for (Object v : unique) schema.addEnumItemObject(v);
      }
    }
    if (schema.getProperties() != null) ((java.util.Map<String, Schema>) schema.getProperties()).values().forEach(s -> dedupe(s, seen));
    dedupe(schema.getItems(), seen);
    if (schema.getAdditionalProperties() instanceof Schema ap) dedupe(ap, seen);
    for (List<Schema> list : new List[] {schema.getOneOf(), schema.getAnyOf(), schema.getAllOf()}) {
      if (list != null) list.forEach(s -> dedupe(s, seen));
    }
    dedupe(schema.getNot(), seen);
  }
}

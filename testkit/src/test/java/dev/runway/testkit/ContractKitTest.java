package dev.runway.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ContractKitTest {

  @Test
  void acceptsAValidRenderBlueprintAndRejectsAnInvalidOne() {
    String valid = """
        services:
          - type: web
            name: api
            runtime: docker
            plan: free
        """;
    String invalid = """
        services:
          - type: website
            name: api
        """;
    assertThat(JsonSchemas.validateYaml("render/render-yaml.schema.json", valid)).isEmpty();
    assertThat(JsonSchemas.validateYaml("render/render-yaml.schema.json", invalid)).isNotEmpty();
  }

  @Test
  void loadsTheComposeSchemaDespiteItsRelativeId() {
    String compose = """
        services:
          api:
            image: acme/api:1
            ports: ["10000:10000"]
        """;
    assertThat(JsonSchemas.validateYaml("compose/compose-spec.json", compose)).isEmpty();
    assertThat(JsonSchemas.validateYaml("compose/compose-spec.json", "services:\n  api:\n    imagez: x\n"))
        .isNotEmpty();
  }

  @Test
  void acceptsTheRealRollbackCallAndRejectsAnInventedPath() {
    OpenApiContract contract = OpenApiContract.forSpec("render/render-public-api-openapi.json");
    assertThat(contract.check("POST", "/v1/services/srv-123/rollback", Map.of(), "application/json",
        "{\"deployId\":\"dep-1\"}", 201, "application/json",
        "{\"id\":\"dep-2\",\"status\":\"created\",\"trigger\":\"rollback\"}"))
        .isEmpty();
    assertThat(contract.check("POST", "/v1/services/srv-123/rollbacks", Map.of(), "application/json",
        "{\"deployId\":\"dep-1\"}", 201, "application/json", "{}")).isNotEmpty();
    assertThat(contract.checkedOperations()).hasSize(2);
  }
}

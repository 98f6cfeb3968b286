package dev.runway.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.testkit.JsonSchemas;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class HealthJsonTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String MP_SCHEMA = "health/microprofile-health-check-schema.json";

  private final HealthRegistry registry = Health.registry()
      .liveness("process", Probes.up())
      .deep("db", Probes.custom(() -> Result.pass().withDetail("rows", 12).withDetail("ok", true)))
      .deep("disk", Probes.diskFree(java.nio.file.Path.of("."), 1))
      .deep("openai", Probes.custom(() -> Result.fail("status 401 (expected 200)")).nonCritical()
          .cacheFor(Duration.ofSeconds(30)))
      .deep("memory", Probes.heap(101, 102))
      .build();

  @AfterEach
  void close() {
    registry.close();
  }

  @Test
  void microProfileShapeValidatesAgainstTheSchemaWithAndWithoutDetails() {
    HealthReport report = registry.check(Group.DEEP);
    String full = report.toJson(HealthReport.Format.MICROPROFILE, true);
    String bare = report.toJson(HealthReport.Format.MICROPROFILE, false);
    assertThat(JsonSchemas.validateJson(MP_SCHEMA, full)).isEmpty();
    assertThat(JsonSchemas.validateJson(MP_SCHEMA, bare)).isEmpty();
    JsonNode json = JSON.readTree(full);
    assertThat(json.get("status").asString()).isEqualTo("UP");
    assertThat(json.get("checks")).hasSize(5);
    assertThat(json.get("checks").get(3).get("status").asString()).isEqualTo("DOWN");
    assertThat(json.get("checks").get(3).get("data").get("message").asString()).isEqualTo("status 401 (expected 200)");
    assertThat(bare).isEqualTo("{\"status\":\"UP\",\"checks\":[]}");
  }

  @Test
  void theSchemaCheckCatchesAWrongShape() {
    // proves the validation above can fail: a nested object in data is not allowed
    assertThat(JsonSchemas.validateJson(MP_SCHEMA,
        "{\"status\":\"UP\",\"checks\":[{\"name\":\"x\",\"status\":\"UP\",\"data\":{\"a\":{\"b\":1}}}]}")).isNotEmpty();
  }

  @Test
  void ietfShapeKeysChecksByComponentAndMeasurement() {
    HealthReport report = registry.check(Group.DEEP);
    JsonNode json = JSON.readTree(report.toJson(HealthReport.Format.IETF, true));
    assertThat(json.get("status").asString()).isEqualTo("warn");
    assertThat(json.get("checks").propertyNames())
        .containsExactly("process:responseTime", "db:responseTime", "disk:free", "openai:responseTime",
            "memory:utilization");
    JsonNode openai = json.get("checks").get("openai:responseTime").get(0);
    assertThat(openai.get("status").asString()).isEqualTo("fail");
    assertThat(openai.get("output").asString()).isEqualTo("status 401 (expected 200)");
    assertThat(openai.get("componentType").asString()).isEqualTo("custom");
    assertThat(json.get("checks").get("memory:utilization").get(0).get("observedUnit").asString()).isEqualTo("%");
  }

  @Test
  void actuatorShapeNamesComponents() {
    JsonNode json = JSON.readTree(registry.check(Group.DEEP).toJson(HealthReport.Format.ACTUATOR, true));
    assertThat(json.get("status").asString()).isEqualTo("WARN");
    assertThat(json.get("components").get("db").get("status").asString()).isEqualTo("UP");
    assertThat(json.get("components").get("db").get("details").get("rows").asInt()).isEqualTo(12);
    assertThat(json.get("components").get("openai").get("status").asString()).isEqualTo("DOWN");
  }

  @Test
  void withoutDetailsOnlyTheStatusIsWritten() {
    HealthReport report = registry.check(Group.DEEP);
    assertThat(report.toJson(HealthReport.Format.IETF, false)).isEqualTo("{\"status\":\"warn\"}");
    assertThat(report.toJson(HealthReport.Format.ACTUATOR, false)).isEqualTo("{\"status\":\"WARN\"}");
  }
}

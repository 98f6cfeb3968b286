package dev.runway.dockersim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.App;
import dev.runway.Service;
import dev.runway.env.EnvSchema;
import dev.runway.env.Environment;
import dev.runway.env.Var;
import dev.runway.render.Render;
import dev.runway.render.RenderRuntime;
import dev.runway.testkit.JsonSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

class ComposeTest {
  private static final App ACME = Acme.app();
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private static JsonNode api(ComposeFile compose) {
    return YAML.readTree(compose.toYaml()).get("services").get("api");
  }

  @Test
  void generatedFileValidatesAgainstTheComposeSpecInEveryEnvironment() {
    for (Environment e : ACME.environments()) {
      String yaml = DockerSim.compose(ACME, e).toYaml();
      assertThat(JsonSchemas.validateYaml("compose/compose-spec.json", yaml)).as(e.name()).isEmpty();
    }
  }

  @Test
  void schemaCheckCatchesAnInvalidFile() {
    // The check above can fail: a service with an unknown field is rejected.
    String yaml = DockerSim.compose(ACME, Environment.PRODUCTION).toYaml().replace("    build:", "    biuld:");
    assertThat(JsonSchemas.validateYaml("compose/compose-spec.json", yaml)).isNotEmpty();
  }

  @Test
  void apiGetsTheBlueprintsValuesPortAndTheFreePlansLimits() {
    JsonNode api = api(DockerSim.compose(ACME, Environment.PRODUCTION));
    JsonNode env = api.get("environment");
    assertThat(env.get("PORT").asString()).isEqualTo("10000");
    assertThat(env.get("LOG_LEVEL").asString()).isEqualTo("info");
    assertThat(env.get("CORS_ORIGINS").asString()).isEqualTo("https://acme.example.com");
    assertThat(api.get("build").get("context").asString()).isEqualTo("./backend");
    assertThat(api.get("build").get("dockerfile").asString()).isEqualTo("Dockerfile");
    assertThat(api.get("ports").get(0).get("target").asInt()).isEqualTo(10000);
    assertThat(api.get("deploy").get("resources").get("limits").get("memory").asString()).isEqualTo("512M");
    assertThat(api.get("deploy").get("resources").get("limits").get("cpus").asString()).isEqualTo("0.1");
  }

  @Test
  void everyLiteralValueOfTheBlueprintIsSetInProduction() {
    JsonNode env = api(DockerSim.compose(ACME, Environment.PRODUCTION)).get("environment");
    Render.blueprint(ACME).service("api").orElseThrow().envVars().forEach(v -> {
      if (v instanceof dev.runway.render.BlueprintEnvVar.Value value) {
        assertThat(env.get(value.name()).asString()).as(value.name()).isEqualTo(value.value());
      }
    });
  }

  @Test
  void secretsComeOnlyFromTheEnvFilesNeverInline() throws Exception {
    ComposeFile compose = DockerSim.compose(ACME, Environment.PRODUCTION);
    JsonNode api = api(compose);
    for (String secret : List.of("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "SUPABASE_SERVICE_ROLE_KEY", "LLAMA_CLOUD_API_KEY")) {
      assertThat(api.get("environment").has(secret)).as(secret).isFalse();
    }
    assertThat(api.get("env_file").get(1).asString()).isEqualTo(".env.production");
    // No value of the production env file appears anywhere in the file.
    for (String line : Files.readAllLines(Acme.root().resolve(".env.production"))) {
      int eq = line.indexOf('=');
      if (line.startsWith("#") || eq < 0) continue;
      String value = line.substring(eq + 1);
      if (value.length() > 12) assertThat(compose.toYaml()).doesNotContain(value);
    }
  }

  @Test
  void injectedVariablesReadBackAsRendersRuntime() {
    JsonNode env = api(DockerSim.compose(ACME, Environment.PRODUCTION)).get("environment");
    Map<String, String> map = new HashMap<>();
    env.properties().forEach(e -> map.put(e.getKey(), e.getValue().asString()));
    RenderRuntime runtime = Render.runtime(map).orElseThrow();
    assertThat(runtime.serviceName()).contains("api");
    assertThat(runtime.port()).isEqualTo(10000);
    assertThat(runtime.pullRequest()).isFalse();
    assertThat(runtime.externalUrl()).contains("http://localhost:10000");
  }

  @Test
  void previewIsAPullRequestAndDevelopmentTakesItsOwnDefaults() {
    assertThat(api(DockerSim.compose(ACME, Environment.PREVIEW)).get("environment").get("IS_PULL_REQUEST").asString())
        .isEqualTo("true");
    JsonNode dev = api(DockerSim.compose(ACME, Environment.DEVELOPMENT));
    assertThat(dev.get("environment").get("LOG_LEVEL").asString()).isEqualTo("debug");
    assertThat(dev.get("env_file").get(1).asString()).isEqualTo(".env.development");
  }

  @Test
  void healthCheckIsRendersPathWithinFiveSeconds() {
    JsonNode hc = api(DockerSim.compose(ACME, Environment.PRODUCTION)).get("healthcheck");
    assertThat(hc.get("test").get(0).asString()).isEqualTo("CMD-SHELL");
    assertThat(hc.get("test").get(1).asString()).isEqualTo("curl -fsS -o /dev/null --max-time 5"
        + " http://localhost:10000/api/health || wget -q -O /dev/null -T 5 http://localhost:10000/api/health || exit 1");
    assertThat(hc.get("timeout").asString()).isEqualTo("5s");
  }

  @Test
  void supabaseIsReplacedByALocalPostgresWithoutAPassword() {
    JsonNode root = YAML.readTree(DockerSim.compose(ACME, Environment.PRODUCTION).toYaml());
    JsonNode db = root.get("services").get("db");
    assertThat(db.get("image").asString()).isEqualTo("postgres:15.8-alpine");
    assertThat(db.has("ports")).isFalse();
    JsonNode api = root.get("services").get("api");
    assertThat(api.get("environment").get("DATABASE_URL").asString())
        .isEqualTo("postgresql://postgres@db:5432/postgres?sslmode=disable");
    assertThat(api.get("depends_on").get("db").get("condition").asString()).isEqualTo("service_healthy");
  }

  @Test
  void withoutSupabaseThereIsNoLocalDatabase() {
    App app = App.of("solo", EnvSchema.of(Var.string("X").defaultValue("1").targets("api")),
        Service.of("api", "render", Map.of("runtime", "docker", "plan", "standard")));
    JsonNode root = YAML.readTree(DockerSim.compose(app, Environment.PRODUCTION).toYaml());
    assertThat(root.get("services").propertyNames()).containsExactly("api");
    JsonNode limits = root.get("services").get("api").get("deploy").get("resources").get("limits");
    assertThat(limits.get("memory").asString()).isEqualTo("2048M");
    assertThat(limits.get("cpus").asString()).isEqualTo("1");
    assertThat(root.get("services").get("api").has("healthcheck")).isFalse();
  }

  @Test
  void nativeRuntimesAreLeftOutAndNamed() {
    App app = App.of("mixed", EnvSchema.of(),
        Service.of("api", "render", Map.of("runtime", "docker")),
        Service.of("worker", "render", Map.of("type", "worker", "runtime", "python", "start-command", "python w.py")));
    ComposeFile compose = DockerSim.compose(app, Environment.PRODUCTION);
    assertThat(compose.services()).containsExactly("api");
    assertThat(compose.notSimulated()).containsExactly("worker (runtime python)");
    assertThat(compose.toYaml()).contains("# Not simulated here (native runtimes): worker (runtime python);"
        + " run them with runway simulate up");
  }

  @Test
  void writtenFileReadsBackEqual(@TempDir Path dir) {
    ComposeFile compose = DockerSim.compose(ACME, Environment.PRODUCTION);
    Path file = dir.resolve("docker-compose.yml");
    compose.writeTo(file);
    ComposeFile read = ComposeFile.read(file);
    assertThat(read).isEqualTo(compose);
    assertThat(read.services()).containsExactly("api", "db");
    assertThat(read.toString()).isEqualTo("ComposeFile[services=[api, db]]");
  }
}

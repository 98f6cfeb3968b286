package dev.runway.dockersim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.App;
import dev.runway.base.Problem;
import dev.runway.base.Problems;
import dev.runway.base.RunwayException;
import dev.runway.env.Environment;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParityTest {
  private static final App ACME = Acme.app();
  private static final String GENERATED = DockerSim.compose(ACME, Environment.PRODUCTION).toYaml();

  private static Problems parity(String yaml) {
    return DockerSim.parity(ACME, Environment.PRODUCTION, ComposeFile.parse(yaml));
  }

  private static List<String> texts(Problems problems) {
    return problems.all().stream().map(Problem::text).toList();
  }

  private static int lineOf(String yaml, String fragment) {
    String[] lines = yaml.split("\n");
    for (int i = 0; i < lines.length; i++) if (lines[i].contains(fragment)) return i + 1;
    throw new AssertionError(fragment + " not in the file");
  }

  @Test
  void generatedFileHasNoParityProblemInAnyEnvironment() {
    for (Environment e : ACME.environments()) {
      assertThat(DockerSim.parity(ACME, e, DockerSim.compose(ACME, e)).all()).as(e.name()).isEmpty();
    }
  }

  @Test
  void catchesAPlantedPortMismatchWithTheFix() {
    String yaml = GENERATED.replace("      PORT: \"10000\"", "      PORT: \"8000\"");
    assertThat(texts(parity(yaml))).containsExactly("docker-compose.yml:" + lineOf(yaml, "PORT: \"8000\"")
        + ": services.api.environment.PORT: is '8000' here; Render sets '10000'; set PORT: \"10000\"");
  }

  @Test
  void catchesAPublishedPortThatIsNotPort() {
    String yaml = GENERATED.replace("      - target: 10000", "      - target: 8000");
    assertThat(texts(parity(yaml))).containsExactly("docker-compose.yml:" + lineOf(yaml, "    ports:")
        + ": services.api.ports: publishes container port 8000, but the app listens on $PORT (10000) as on Render;"
        + " publish it: ports: [\"10000:10000\"]");
  }

  @Test
  void catchesAValueThatDiffersFromTheBlueprint() {
    String yaml = GENERATED.replace("LOG_LEVEL: info", "LOG_LEVEL: debug");
    Problems p = parity(yaml);
    assertThat(p.errors()).singleElement().satisfies(x -> {
      assertThat(x.code()).isEqualTo(Problem.CONFLICT);
      assertThat(x.subject()).isEqualTo("services.api.environment.LOG_LEVEL");
      assertThat(x.fix()).contains("set LOG_LEVEL: \"info\"");
    });
  }

  @Test
  void catchesAMissingVariable() {
    String yaml = GENERATED.replace("      OPENAI_MODEL: gpt-4o-mini\n", "");
    assertThat(texts(parity(yaml))).containsExactly("docker-compose.yml:" + lineOf(yaml, "    environment:")
        + ": services.api.environment.OPENAI_MODEL: is not set here; Render sets it to 'gpt-4o-mini';"
        + " add OPENAI_MODEL: \"gpt-4o-mini\" under services.api.environment");
  }

  @Test
  void catchesASecretWrittenInlineWithoutShowingIt() {
    String key = "sk-proj-PLANTEDsecretVALUE000000";
    String yaml = GENERATED.replace("      OPENAI_MODEL: gpt-4o-mini\n", "      OPENAI_MODEL: gpt-4o-mini\n      OPENAI_API_KEY: " + key + "\n");
    Problems p = parity(yaml);
    assertThat(texts(p)).containsExactly("docker-compose.yml:" + lineOf(yaml, "OPENAI_API_KEY")
        + ": services.api.environment.OPENAI_API_KEY: holds a secret value in the compose file; Render keeps it out of"
        + " render.yaml (sync: false); remove it here and put it in .env.production, which env_file loads");
    assertThat(p.toText() + p.toJson()).doesNotContain(key);
  }

  @Test
  void catchesADatabasePasswordInline() {
    String yaml = GENERATED.replace("postgresql://postgres@db:5432", "postgresql://postgres:hunter2hunter2@db:5432");
    Problems p = parity(yaml);
    assertThat(p.errors()).singleElement().satisfies(x -> assertThat(x.code()).isEqualTo(Problem.LEAK));
    assertThat(p.toText()).doesNotContain("hunter2");
  }

  @Test
  void catchesAMissingEnvFile() {
    String yaml = GENERATED.replace("    env_file:\n      - path: .env\n        required: false\n      - .env.production\n", "");
    assertThat(parity(yaml).errors()).singleElement().satisfies(x -> {
      assertThat(x.subject()).isEqualTo("services.api.env_file");
      assertThat(x.message()).isEqualTo("is missing, so SUPABASE_URL, SUPABASE_SERVICE_ROLE_KEY, OPENAI_API_KEY,"
          + " ANTHROPIC_API_KEY, LLAMA_CLOUD_API_KEY, SENTRY_DSN, SENTRY_ENVIRONMENT get no value (Render takes them"
          + " from the dashboard: sync: false)");
      assertThat(x.fix()).contains("add env_file: [.env.production]");
    });
  }

  @Test
  void catchesAHealthCheckOnAnotherPathOrTooSlow() {
    String yaml = GENERATED.replace("/api/health", "/healthz").replace("timeout: 5s\n      retries: 3", "timeout: 30s\n      retries: 3");
    List<String> texts = texts(parity(yaml));
    assertThat(texts).hasSize(2);
    assertThat(texts.get(0)).startsWith("docker-compose.yml:" + lineOf(yaml, "      test:")
        + ": services.api.healthcheck.test: does not request /api/health, the path Render checks; request"
        + " http://localhost:10000/api/health in the test");
    assertThat(texts.get(1)).isEqualTo("docker-compose.yml:" + lineOf(yaml, "timeout: 30s")
        + ": services.api.healthcheck.timeout: waits 30s; Render fails the check after 5 s; set timeout: 5s");
  }

  @Test
  void catchesAMissingHealthCheck() {
    String generated = GENERATED;
    int from = generated.indexOf("    healthcheck:");
    int to = generated.indexOf("    deploy:");
    String yaml = generated.substring(0, from) + generated.substring(to);
    assertThat(parity(yaml).errors()).singleElement().satisfies(x -> {
      assertThat(x.subject()).isEqualTo("services.api.healthcheck");
      assertThat(x.message()).isEqualTo("is missing; Render gates every deploy on /api/health answering 2xx/3xx within 5 s");
    });
  }

  @Test
  void catchesLimitsThatAreNotThePlans() {
    String yaml = GENERATED.replace("cpus: \"0.1\"", "cpus: \"2\"").replace("memory: 512M", "memory: 1g");
    assertThat(texts(parity(yaml))).containsExactly(
        "docker-compose.yml:" + lineOf(yaml, "cpus: \"2\"") + ": services.api.deploy.resources.limits.cpus: is '2';"
            + " the free plan gives 0.1 CPU; set deploy.resources.limits.cpus: \"0.1\"",
        "docker-compose.yml:" + lineOf(yaml, "memory: 1g") + ": services.api.deploy.resources.limits.memory: is '1g';"
            + " the free plan gives 512 MB; set deploy.resources.limits.memory: 512M");
  }

  @Test
  void acceptsTheSameLimitsWrittenOtherwise() {
    String yaml = GENERATED.replace("memory: 512M", "memory: 512mb").replace("cpus: \"0.1\"", "cpus: 0.10");
    assertThat(parity(yaml).all()).isEmpty();
  }

  @Test
  void catchesAStartCommandRenderDoesNotRun() {
    String yaml = GENERATED.replace("    env_file:", "    command: java -jar app.jar --port 8000\n    env_file:");
    assertThat(texts(parity(yaml))).containsExactly("docker-compose.yml:" + lineOf(yaml, "command:")
        + ": services.api.command: runs 'java -jar app.jar --port 8000'; Render runs the Dockerfile's CMD (the model sets"
        + " no docker-command); remove command here, or set docker-command = \"java -jar app.jar --port 8000\" on api in"
        + " the model");
  }

  @Test
  void catchesAMissingServiceAndUnknownVariables() {
    String yaml = GENERATED.replace("  api:\n", "  apii:\n");
    assertThat(parity(yaml).errors()).singleElement().satisfies(x -> {
      assertThat(x.text()).isEqualTo("docker-compose.yml:" + lineOf(yaml, "services:") + ": services.api: is a Render"
          + " service (runtime docker) but the compose file has no such service; run runway simulate compose --env production");
    });
    String extra = GENERATED.replace("      OPENAI_MODEL: gpt-4o-mini\n", "      OPENAI_MODEL: gpt-4o-mini\n      FEATURE_X: \"on\"\n");
    assertThat(parity(extra).warnings()).singleElement().satisfies(x -> assertThat(x.text()).endsWith(
        "services.api.environment.FEATURE_X: is set here but Render does not set it (the model gives api no such variable);"
            + " declare FEATURE_X in the model with targets = [api], or remove it here"));
  }

  @Test
  void readsTheListFormOfEnvironment() {
    String yaml = "services:\n  api:\n    environment:\n      - PORT=10000\n      - LOG_LEVEL=debug\n";
    assertThat(texts(parity(yaml))).contains("docker-compose.yml:5: services.api.environment.LOG_LEVEL: is 'debug' here;"
        + " Render sets 'info'; set LOG_LEVEL: \"info\"");
  }

  @Test
  void aFileThatIsNotYamlFailsWithItsLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("docker-compose.yml");
    java.nio.file.Files.writeString(file, "services:\n  api:\n    image: [unclosed\n");
    assertThatThrownBy(() -> ComposeFile.read(file)).isInstanceOf(RunwayException.ParseFailed.class)
        .hasMessageStartingWith(file + ":")
        .satisfies(e -> assertThat(((RunwayException) e).origin()).isPresent());
    assertThatThrownBy(() -> ComposeFile.read(dir.resolve("absent.yml"))).isInstanceOf(RunwayException.IoFailed.class)
        .hasMessage(dir.resolve("absent.yml") + ": compose file: no such file; check the path, or generate it with"
            + " runway simulate compose");
  }

  @Test
  void problemsPointAtTheFileRead(@TempDir Path dir) {
    Path file = dir.resolve("compose.yml");
    DockerSim.compose(ACME, Environment.PRODUCTION).writeTo(file);
    java.nio.file.Path out = file;
    String yaml = GENERATED.replace("LOG_LEVEL: info", "LOG_LEVEL: debug");
    try {
      java.nio.file.Files.writeString(out, yaml);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Problems p = DockerSim.parity(ACME, Environment.PRODUCTION, ComposeFile.read(file));
    assertThat(p.errors().get(0).origin().orElseThrow().toString()).isEqualTo(file + ":" + lineOf(yaml, "LOG_LEVEL"));
  }
}

package dev.runway.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.base.Origin;
import dev.runway.env.Env;
import dev.runway.env.EnvSchema;
import dev.runway.env.EnvSources;
import dev.runway.env.Environment;
import dev.runway.env.Var;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;

class LoggingTest {
  static final String OPENAI = "sk-proj-Q2x9vT4mZ8pL1rW6yH3nB7cK5dF0gJ2s";
  static final String DB_PASSWORD = "hunter2-but-longer";
  static final String WEBHOOK = "https://hooks.example.com/services/T000/B000/XyZsecretPart";

  static Env env(Environment environment) {
    EnvSchema schema = EnvSchema.of(
        Var.secret("OPENAI_API_KEY"), Var.secret("DATABASE_URL"), Var.secret("SLACK_WEBHOOK_URL"),
        Var.string("REGION"));
    return schema.load(environment, EnvSources.of(EnvSources.map(Map.of(
        "OPENAI_API_KEY", OPENAI,
        "DATABASE_URL", "postgresql://app:" + DB_PASSWORD + "@db.example.com:5432/app",
        "SLACK_WEBHOOK_URL", WEBHOOK,
        "REGION", "oregon"), Origin.processEnv(), false)));
  }

  @Test
  void writesOneJsonLinePerEventWithServiceEnvironmentVersionAndRequestId() {
    try (TestLogs logs = new TestLogs()) {
      Logging logging = logs.logging().service("acme-api").env(env(Environment.PRODUCTION)).version("3f2c1ab").install();
      Logger log = logs.logger("com.acme.Api");
      MDC.put("requestId", "req-42");
      try {
        log.info("order {} placed", 17);
      } finally {
        MDC.remove("requestId");
      }
      logs.awaitLines(1);
      JsonNode line = logs.json().get(0);
      assertThat(line.get("message").asString()).isEqualTo("order 17 placed");
      assertThat(line.get("service").asString()).isEqualTo("acme-api");
      assertThat(line.get("environment").asString()).isEqualTo("production");
      assertThat(line.get("version").asString()).isEqualTo("3f2c1ab");
      assertThat(line.get("requestId").asString()).isEqualTo("req-42");
      assertThat(line.get("level").asString()).isEqualTo("INFO");
      assertThat(line.get("logger_name").asString()).isEqualTo("com.acme.Api");
      assertThat(line.has("@timestamp")).isTrue();
      assertThat(logging.format()).isEqualTo(Logging.Format.JSON);
      logging.close();
    }
  }

  @Test
  void masksSecretsOfTheEnvInMessagesArgumentsMdcKeyValuesAndExceptions() {
    try (TestLogs logs = new TestLogs()) {
      Logging logging = logs.logging().service("acme-api").env(env(Environment.PRODUCTION)).install();
      Logger log = logs.logger("com.acme.Api");
      MDC.put("auth", "Bearer " + OPENAI);
      try {
        log.info("calling OpenAI with " + OPENAI);
        log.warn("connecting with password {} to {}", DB_PASSWORD, "db.example.com");
        log.atInfo().addKeyValue("webhook", WEBHOOK).log("notifying");
        log.error("failed", new IllegalStateException("bad key " + OPENAI,
            new RuntimeException("password " + DB_PASSWORD + " rejected")));
      } finally {
        MDC.remove("auth");
      }
      logs.awaitLines(4);
      String text = logs.text();
      assertThat(text).doesNotContain(OPENAI).doesNotContain(DB_PASSWORD).doesNotContain(WEBHOOK)
          .doesNotContain("XyZsecretPart");
      List<JsonNode> lines = logs.json();
      assertThat(lines.get(0).get("message").asString()).isEqualTo("calling OpenAI with ****");
      assertThat(lines.get(0).get("auth").asString()).isEqualTo("Bearer ****");
      assertThat(lines.get(1).get("message").asString()).isEqualTo("connecting with password **** to db.example.com");
      assertThat(lines.get(2).get("webhook").asString()).isEqualTo("****");
      assertThat(lines.get(3).get("stack_trace").asString())
          .contains("java.lang.IllegalStateException: bad key ****")
          .contains("java.lang.RuntimeException: password **** rejected");
      logging.close();
    }
  }

  @Test
  void masksKnownKeyFormatsThatRunwayNeverLoaded() {
    try (TestLogs logs = new TestLogs()) {
      Logging logging = logs.logging().format(Logging.Format.JSON).install();
      String github = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
      logs.logger("x").info("token {} and sk-ant-api03-abcdefghijklmnopqrstuvwxyz.", github);
      logs.awaitLines(1);
      assertThat(logs.json().get(0).get("message").asString()).isEqualTo("token **** and ****.");
      logging.close();
    }
  }

  @Test
  void masksSecretsAddedAfterInstallFromTheNextEventOn() {
    try (TestLogs logs = new TestLogs()) {
      Logging logging = logs.logging().format(Logging.Format.JSON).install();
      logging.maskSecretsOf(env(Environment.PRODUCTION));
      logs.logger("x").info("db password " + DB_PASSWORD);
      logs.awaitLines(1);
      assertThat(logs.text()).doesNotContain(DB_PASSWORD).contains("db password ****");
      logging.close();
    }
  }

  @Test
  void writesHumanLinesInDevelopment() {
    try (TestLogs logs = new TestLogs()) {
      Logging logging = logs.logging().env(env(Environment.DEVELOPMENT)).install();
      MDC.put("requestId", "req-7");
      try {
        logs.logger("com.acme.Api").info("hello " + OPENAI);
      } finally {
        MDC.remove("requestId");
      }
      String line = logs.awaitLines(1).get(0);
      assertThat(logging.format()).isEqualTo(Logging.Format.HUMAN);
      assertThat(line).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  com\\.acme\\.Api \\[req-7\\] hello \\*\\*\\*\\*");
      logging.close();
    }
  }

  @Test
  void takesServiceAndVersionFromThePlatformsVariables() {
    try (TestLogs logs = new TestLogs()) {
      Logging logging = logs.logging().platformVariables(Map.of(
          "RENDER_SERVICE_NAME", "acme-api", "RENDER_GIT_COMMIT", "9b1e77c", "GITHUB_SHA", "other")).install();
      assertThat(logging.labels()).isEqualTo(Map.of("service", "acme-api", "version", "9b1e77c"));
      logging.close();
    }
  }

  @Test
  void refusesAnUnknownLevelNamingTheLevelsThatExist() {
    assertThatThrownBy(() -> Observability.logging().level("LOUD"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("observability: logging: level 'LOUD' is not a level; use TRACE, DEBUG, INFO, WARN or ERROR");
  }

  @Test
  void reportsAFileThatCannotBeOpened() {
    try (TestLogs logs = new TestLogs()) {
      java.nio.file.Path file = java.nio.file.Path.of("/proc/no-such-dir/app.log");
      assertThatThrownBy(() -> Observability.logging().context(logs.context).file(file).install())
          .isInstanceOf(dev.runway.base.RunwayException.IoFailed.class)
          .hasMessage("observability: logging: /proc/no-such-dir/app.log: cannot be opened for writing; "
              + "check that its folder exists and is writable");
    }
  }
}

package dev.runway.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import dev.runway.env.Environment;
import dev.runway.observability.internal.MaskingAppender;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The field names of each {@link JsonLogFormat}, field for field, and masking in every one of them. */
class JsonLogFormatTest {
  static final String OPENAI = LoggingTest.OPENAI;
  static final String DB_PASSWORD = LoggingTest.DB_PASSWORD;
  static final String WEBHOOK = LoggingTest.WEBHOOK;
  /** W3C trace context ids, as Micrometer Tracing and OpenTelemetry put them in the MDC. */
  static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String SPAN = "00f067aa0ba902b7";
  static final Pattern ECS_TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

  static List<String> keys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    node.properties().forEach(e -> keys.add(e.getKey()));
    return keys;
  }

  static void withMdc(Map<String, String> mdc, Runnable body) {
    mdc.forEach(MDC::put);
    try {
      body.run();
    } finally {
      mdc.keySet().forEach(MDC::remove);
    }
  }

  @Test
  void logstashStaysTheDefaultAndWritesMdcTraceIdsUnderTheirOwnNames() {
    try (TestLogs logs = new TestLogs()) {
      Logging logging = logs.logging().format(Logging.Format.JSON).service("acme-api").environment("production")
          .version("3f2c1ab").install();
      withMdc(Map.of("requestId", "req-42", "traceId", TRACE, "spanId", SPAN),
          () -> logs.logger("com.acme.Api").info("order {} placed", 17));
      logs.awaitLines(1);
      JsonNode line = logs.json().get(0);
      assertThat(logging.jsonFormat()).isEqualTo(JsonLogFormat.LOGSTASH);
      assertThat(keys(line)).containsExactlyInAnyOrder("@timestamp", "@version", "message", "logger_name",
          "thread_name", "level", "level_value", "requestId", "traceId", "spanId", "service", "environment", "version");
      assertThat(line.get("traceId").asString()).isEqualTo(TRACE);
      assertThat(line.get("spanId").asString()).isEqualTo(SPAN);
      assertThat(line.get("logger_name").asString()).isEqualTo("com.acme.Api");
      logging.close();
    }
  }

  @Test
  void ecsLinesCarryTheEcsFieldNamesInTheEcsOrder() {
    try (TestLogs logs = new TestLogs()) {
      Logging logging = logs.logging().env(LoggingTest.env(Environment.PRODUCTION)).service("acme-api")
          .version("3f2c1ab").jsonFormat(JsonLogFormat.ECS).install();
      withMdc(Map.of("requestId", "req-42", "traceId", TRACE, "spanId", SPAN),
          () -> logs.logger("com.acme.Api").info("order {} placed", 17));
      logs.awaitLines(1);
      JsonNode line = logs.json().get(0);
      assertThat(logging.jsonFormat()).isEqualTo(JsonLogFormat.ECS);
      assertThat(logs.lines().get(0)).startsWith("{\"@timestamp\":\"");
      assertThat(keys(line)).containsExactly("@timestamp", "log.level", "message", "ecs.version", "service.name",
          "service.version", "service.environment", "log.logger", "process.thread.name", "trace.id", "span.id",
          "requestId");
      assertThat(line.get("@timestamp").asString()).matches(ECS_TIMESTAMP);
      assertThat(line.get("log.level").asString()).isEqualTo("INFO");
      assertThat(line.get("message").asString()).isEqualTo("order 17 placed");
      assertThat(line.get("ecs.version").asString()).isEqualTo("1.2.0");
      assertThat(line.get("service.name").asString()).isEqualTo("acme-api");
      assertThat(line.get("service.version").asString()).isEqualTo("3f2c1ab");
      assertThat(line.get("service.environment").asString()).isEqualTo("production");
      assertThat(line.get("log.logger").asString()).isEqualTo("com.acme.Api");
      assertThat(line.get("process.thread.name").asString()).isEqualTo(Thread.currentThread().getName());
      assertThat(line.get("trace.id").asString()).isEqualTo(TRACE);
      assertThat(line.get("span.id").asString()).isEqualTo(SPAN);
      assertThat(line.get("requestId").asString()).isEqualTo("req-42");
      logging.close();
    }
  }

  @Test
  void ecsTakesOpenTelemetrysTraceIdsAndKeyValuePairsAsFields() {
    try (TestLogs logs = new TestLogs()) {
      Logging logging = logs.logging().jsonFormat(JsonLogFormat.ECS).install();
      withMdc(Map.of("trace_id", TRACE, "span_id", SPAN, "trace_flags", "01"),
          () -> logs.logger("x").atWarn().addKeyValue("orderId", 17).log("slow"));
      logs.awaitLines(1);
      JsonNode line = logs.json().get(0);
      assertThat(keys(line)).containsExactlyInAnyOrder("@timestamp", "log.level", "message", "ecs.version",
          "log.logger", "process.thread.name", "trace.id", "span.id", "trace_flags", "orderId");
      assertThat(line.get("trace.id").asString()).isEqualTo(TRACE);
      assertThat(line.get("span.id").asString()).isEqualTo(SPAN);
      assertThat(line.get("orderId").asString()).isEqualTo("17");
      assertThat(line.get("log.level").asString()).isEqualTo("WARN");
      logging.close();
    }
  }

  @Test
  void ecsWritesTheExceptionAsErrorTypeMessageAndStackTrace() {
    try (TestLogs logs = new TestLogs()) {
      Logging logging = logs.logging().jsonFormat(JsonLogFormat.ECS).install();
      logs.logger("com.acme.Api").error("failed",
          new IllegalStateException("bad state", new RuntimeException("root cause")));
      logs.awaitLines(1);
      JsonNode line = logs.json().get(0);
      assertThat(keys(line)).containsExactly("@timestamp", "log.level", "message", "ecs.version", "log.logger",
          "process.thread.name", "error.type", "error.message", "error.stack_trace");
      assertThat(line.get("log.level").asString()).isEqualTo("ERROR");
      assertThat(line.get("message").asString()).isEqualTo("failed");
      assertThat(line.get("error.type").asString()).isEqualTo("java.lang.IllegalStateException");
      assertThat(line.get("error.message").asString()).isEqualTo("bad state");
      assertThat(line.get("error.stack_trace").asString())
          .startsWith("java.lang.IllegalStateException: bad state\n\tat dev.runway.observability.JsonLogFormatTest.")
          .contains("Caused by: java.lang.RuntimeException: root cause");
      logging.close();
    }
  }

  @Test
  void ecsWritesEachFieldOnceWhenAnMdcKeyTakesAFieldsName() {
    try (TestLogs logs = new TestLogs()) {
      Logging logging = logs.logging().jsonFormat(JsonLogFormat.ECS).install();
      withMdc(Map.of("message", "spoofed", "log.level", "FATAL"), () -> logs.logger("x").info("real"));
      String raw = logs.awaitLines(1).get(0);
      assertThat(raw.split("\"message\":", -1)).hasSize(2);
      assertThat(raw.split("\"log.level\":", -1)).hasSize(2);
      JsonNode line = logs.json().get(0);
      assertThat(line.get("message").asString()).isEqualTo("real");
      assertThat(line.get("log.level").asString()).isEqualTo("INFO");
      logging.close();
    }
  }

  @Test
  void gelfLinesCarryTheGelfFieldsWithUnderscoredAdditionalFields() {
    try (TestLogs logs = new TestLogs()) {
      long before = System.currentTimeMillis();
      Logging logging = logs.logging().platformVariables(Map.of("HOSTNAME", "api-7f9c")).service("acme-api")
          .environment("production").version("3f2c1ab").jsonFormat(JsonLogFormat.GELF).install();
      withMdc(Map.of("requestId", "req-42", "traceId", TRACE, "spanId", SPAN, "id", "7"),
          () -> logs.logger("com.acme.Api").atWarn().addKeyValue("orderId", 17).log("slow order"));
      logs.awaitLines(1);
      JsonNode line = logs.json().get(0);
      assertThat(keys(line)).containsExactlyInAnyOrder("version", "host", "short_message", "timestamp", "level",
          "_logger", "_thread", "_service", "_environment", "_version", "_trace_id", "_span_id", "_requestId",
          "_id_", "_orderId");
      assertThat(line.get("version").asString()).isEqualTo("1.1");
      assertThat(line.get("host").asString()).isEqualTo("api-7f9c");
      assertThat(line.get("short_message").asString()).isEqualTo("slow order");
      assertThat(line.get("level").asInt()).isEqualTo(4);
      // seconds since the epoch with milliseconds: 1767607201.234
      assertThat(logs.lines().get(0)).containsPattern("\"timestamp\":\\d{10}\\.\\d{3},");
      long millis = new BigDecimal(logs.lines().get(0).replaceAll(".*\"timestamp\":([0-9.]+),.*", "$1"))
          .movePointRight(3).longValueExact();
      assertThat(millis).isBetween(before, System.currentTimeMillis());
      assertThat(line.get("_logger").asString()).isEqualTo("com.acme.Api");
      assertThat(line.get("_service").asString()).isEqualTo("acme-api");
      assertThat(line.get("_environment").asString()).isEqualTo("production");
      assertThat(line.get("_version").asString()).isEqualTo("3f2c1ab");
      assertThat(line.get("_trace_id").asString()).isEqualTo(TRACE);
      assertThat(line.get("_span_id").asString()).isEqualTo(SPAN);
      assertThat(line.get("_id_").asString()).isEqualTo("7");
      assertThat(line.get("_orderId").asString()).isEqualTo("17");
      logging.close();
    }
  }

  @Test
  void gelfWritesTheStackTraceAsFullMessageAndErrorsAtSyslogSeverity3() {
    try (TestLogs logs = new TestLogs()) {
      Logging logging = logs.logging().platformVariables(Map.of("HOSTNAME", "api-7f9c"))
          .jsonFormat(JsonLogFormat.GELF).install();
      logs.logger("x").error("failed", new IllegalStateException("bad state"));
      logs.awaitLines(1);
      JsonNode line = logs.json().get(0);
      assertThat(keys(line)).containsExactlyInAnyOrder("version", "host", "short_message", "full_message",
          "timestamp", "level", "_logger", "_thread", "_error_type", "_error_message");
      assertThat(line.get("level").asInt()).isEqualTo(3);
      assertThat(line.get("full_message").asString()).startsWith("java.lang.IllegalStateException: bad state\n\tat ");
      assertThat(line.get("_error_type").asString()).isEqualTo("java.lang.IllegalStateException");
      assertThat(line.get("_error_message").asString()).isEqualTo("bad state");
      logging.close();
    }
  }

  /** Where each format puts what the masking test checks. */
  record Fields(String message, String auth, String traceId, String webhook, String stackTrace,
      String errorMessage) {
    static Fields of(JsonLogFormat format) {
      return switch (format) {
        case LOGSTASH -> new Fields("message", "auth", "traceId", "webhook", "stack_trace", "stack_trace");
        case ECS -> new Fields("message", "auth", "trace.id", "webhook", "error.stack_trace", "error.message");
        case GELF -> new Fields("short_message", "_auth", "_trace_id", "_webhook", "full_message", "_error_message");
      };
    }
  }

  @ParameterizedTest
  @EnumSource(JsonLogFormat.class)
  void masksSecretsInEveryFieldOfEveryFormat(JsonLogFormat format) {
    Fields f = Fields.of(format);
    try (TestLogs logs = new TestLogs()) {
      Logging logging = logs.logging().env(LoggingTest.env(Environment.PRODUCTION)).jsonFormat(format).install();
      Logger log = logs.logger("com.acme.Api");
      withMdc(Map.of("auth", "Bearer " + OPENAI, "traceId", OPENAI), () -> {
        log.info("calling OpenAI with " + OPENAI);
        log.warn("connecting with password {} to {}", DB_PASSWORD, "db.example.com");
        log.atInfo().addKeyValue("webhook", WEBHOOK).log("notifying");
        log.error("failed", new IllegalStateException("bad key " + OPENAI,
            new RuntimeException("password " + DB_PASSWORD + " rejected")));
      });
      logs.awaitLines(4);
      assertThat(logs.text()).doesNotContain(OPENAI).doesNotContain(DB_PASSWORD).doesNotContain(WEBHOOK)
          .doesNotContain("XyZsecretPart");
      List<JsonNode> lines = logs.json();
      assertThat(lines.get(0).get(f.message()).asString()).isEqualTo("calling OpenAI with ****");
      assertThat(lines.get(0).get(f.auth()).asString()).isEqualTo("Bearer ****");
      assertThat(lines.get(0).get(f.traceId()).asString()).isEqualTo("****");
      assertThat(lines.get(1).get(f.message()).asString()).isEqualTo("connecting with password **** to db.example.com");
      assertThat(lines.get(2).get(f.webhook()).asString()).isEqualTo("****");
      assertThat(lines.get(3).get(f.stackTrace()).asString())
          .contains("java.lang.IllegalStateException: bad key ****")
          .contains("java.lang.RuntimeException: password **** rejected");
      assertThat(lines.get(3).get(f.errorMessage()).asString()).contains("bad key ****");
      logging.close();
    }
  }

  static LoggerContext configured(String resource, Path log) throws Exception {
    LoggerContext ctx = new LoggerContext();
    ctx.setName("xml-" + System.nanoTime());
    ctx.setMDCAdapter(MDC.getMDCAdapter());
    ctx.putProperty("runway.test.log", log.toString());
    JoranConfigurator joran = new JoranConfigurator();
    joran.setContext(ctx);
    joran.doConfigure(JsonLogFormatTest.class.getResource("/logback/" + resource));
    return ctx;
  }

  static List<JsonNode> read(Path log) throws IOException {
    return Files.readAllLines(log, StandardCharsets.UTF_8).stream().map(l -> JsonMapper.shared().readTree(l)).toList();
  }

  @Test
  void isConfiguredFromLogbackXmlUnderTheMaskingAppender(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("app.log");
    LoggerContext ctx = configured("ecs-masked.xml", log);
    assertThat(ctx.getStatusManager().getCopyOfStatusList()).noneMatch(s -> s.getLevel() == Status.ERROR);
    MaskingAppender.holder(ctx).set(Masker.builder().secret(DB_PASSWORD).build());
    String github = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
    withMdc(Map.of("traceId", TRACE), () -> ctx.getLogger("com.acme.Api").info("password {} and token {}", DB_PASSWORD, github));
    ctx.stop();

    JsonNode line = read(log).get(0);
    assertThat(keys(line)).containsExactly("@timestamp", "log.level", "message", "ecs.version", "service.name",
        "service.version", "service.environment", "log.logger", "process.thread.name", "trace.id");
    assertThat(line.get("message").asString()).isEqualTo("password **** and token ****");
    assertThat(line.get("service.name").asString()).isEqualTo("acme-api");
    assertThat(line.get("service.environment").asString()).isEqualTo("production");
    assertThat(line.get("service.version").asString()).isEqualTo("3f2c1ab");
    assertThat(line.get("trace.id").asString()).isEqualTo(TRACE);
  }

  @Test
  void masksOnItsOwnWhenNoMaskingAppenderIsConfigured(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("app.log");
    LoggerContext ctx = configured("gelf-encoder-only.xml", log);
    assertThat(ctx.getStatusManager().getCopyOfStatusList()).noneMatch(s -> s.getLevel() == Status.ERROR);
    MaskingAppender.holder(ctx).set(Masker.builder().secret(DB_PASSWORD).build());
    withMdc(Map.of("auth", "Bearer " + OPENAI), () -> ctx.getLogger("com.acme.Api")
        .error("password " + DB_PASSWORD, new IllegalStateException("bad key " + OPENAI)));
    ctx.stop();

    String text = Files.readString(log);
    assertThat(text).doesNotContain(OPENAI).doesNotContain(DB_PASSWORD);
    JsonNode line = read(log).get(0);
    assertThat(line.get("host").asString()).isEqualTo("api-7f9c");
    assertThat(line.get("_service").asString()).isEqualTo("acme-api");
    assertThat(line.get("short_message").asString()).isEqualTo("password ****");
    assertThat(line.get("_auth").asString()).isEqualTo("Bearer ****");
    assertThat(line.get("_error_message").asString()).isEqualTo("bad key ****");
    assertThat(line.get("full_message").asString()).startsWith("java.lang.IllegalStateException: bad key ****\n");
  }

  @Test
  void reportsAnUnknownFormatInLogbackXmlAndKeepsLogging(@TempDir Path dir) throws Exception {
    LoggerContext ctx = configured("unknown-format.xml", dir.resolve("app.log"));
    List<String> errors = new ArrayList<>();
    for (Status s : ctx.getStatusManager().getCopyOfStatusList()) {
      if (s.getLevel() != Status.ERROR) continue;
      errors.add(s.getMessage());
    }
    ctx.getLogger("x").info("still logged");
    ctx.stop();
    assertThat(errors).containsExactly("observability: logging: JSON format 'splunk' is not a JSON log format; "
        + "use logstash, ecs or gelf (writing logstash lines meanwhile)");
    assertThat(read(dir.resolve("app.log")).get(0).get("message").asString()).isEqualTo("still logged");
  }

  @Test
  void refusesAnUnknownFormatNamingTheFormatsThatExist() {
    assertThat(JsonLogFormat.of(" Ecs ")).isEqualTo(JsonLogFormat.ECS);
    assertThatThrownBy(() -> JsonLogFormat.of("xml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("observability: logging: JSON format 'xml' is not a JSON log format; use logstash, ecs or gelf");
  }
}

package dev.runway.examples.acmeservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.base.Origin;
import dev.runway.env.Env;
import dev.runway.env.EnvSchema;
import dev.runway.env.EnvSources;
import dev.runway.env.Var;
import dev.runway.observability.Logging;
import dev.runway.observability.Observability;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class AcmeServiceObservabilityTest {
  private static final String TOKEN = "acme-health-token-0123456789";
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private static HttpResponse<String> get(String url, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
    if (headers.length > 0) b.headers(headers);
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesPrometheusTextWithRequestTimingsBehindTheHealthToken() throws Exception {
    Env env = AcmeService.SCHEMA.load(EnvSources.of(EnvSources.map(
        Map.of("PORT", String.valueOf(freePort()), "HEALTH_TOKEN", TOKEN), Origin.processEnv(), false)));
    try (AcmeService service = AcmeService.start(env)) {
      String base = "http://127.0.0.1:" + service.port();
      assertThat(get(base + "/api/health").statusCode()).isEqualTo(200);
      assertThat(get(base + "/api/metrics").statusCode()).isEqualTo(401);
      HttpResponse<String> scrape = get(base + "/api/metrics", "Authorization", "Bearer " + TOKEN);
      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
      assertThat(scrape.body()).contains("http_server_requests_seconds_count").contains("/api/health")
          .contains("jvm_memory_used_bytes").doesNotContain(TOKEN);
    }
  }

  @Test
  void logsJsonInWhichNoSecretOfTheEnvironmentAppears() {
    // The service's own schema plus the secrets a real acme API holds.
    Var<dev.runway.base.Secret> openAi = Var.secret("OPENAI_API_KEY");
    Var<dev.runway.env.PostgresUrl> db = Var.postgresUrl("DATABASE_URL");
    EnvSchema schema = AcmeService.SCHEMA.and(openAi, db);
    String key = "sk-proj-EXAMPLEloggedKEYnotREAL0123456789";
    String password = "EXAMPLE-db-password-42";
    Env env = schema.load(EnvSources.of(EnvSources.map(Map.of("HEALTH_TOKEN", TOKEN, "OPENAI_API_KEY", key,
        "DATABASE_URL", "postgresql://app:" + password + "@db.example.com:5432/app"), Origin.processEnv(), false)));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Logging logging = Observability.logging().service("acme-api").env(env).stream(out)
        .format(Logging.Format.JSON).install();
    try {
      Logger log = LoggerFactory.getLogger(AcmeServiceObservabilityTest.class);
      log.info("calling OpenAI with key " + key);
      log.info("token {} and url {}", TOKEN, env.text("DATABASE_URL").orElseThrow());
      MDC.put("auth", "Bearer " + TOKEN);
      log.warn("with MDC");
      MDC.clear();
      log.error("request failed", new IllegalStateException("rejected key " + key + " password " + password));
    } finally {
      logging.close();
    }
    String logged = out.toString(StandardCharsets.UTF_8);
    assertThat(logged.lines()).hasSizeGreaterThanOrEqualTo(4)
        .allSatisfy(line -> assertThat(line).startsWith("{").contains("\"service\":\"acme-api\""));
    assertThat(logged).doesNotContain(key).doesNotContain(TOKEN).doesNotContain(password)
        .contains("calling OpenAI with key ****");
  }

  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}

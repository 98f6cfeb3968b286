package dev.runway.spring;

import dev.runway.env.EnvSchema;
import dev.runway.env.Var;
import dev.runway.health.Health;
import dev.runway.health.HealthRegistry;
import dev.runway.health.HttpProbe;
import dev.runway.health.Probes;
import dev.runway.health.Result;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Small applications (no component scanning: each test starts exactly the one it names) and an HTTP client. */
final class TestApps {
  private TestApps() {}

  static final AtomicBoolean DB_UP = new AtomicBoolean(true);
  /** Set by tests that probe a loopback server of their own. */
  static volatile String statusUrl = "http://127.0.0.1:9/status";

  /** A liveness, a readiness and two deep probes, one of them non-critical and failing. */
  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class Probed {
    @Bean(destroyMethod = "close")
    HealthRegistry health() {
      return Health.registry()
          .liveness("process", Probes.up())
          .readiness("config", Probes.custom(() -> Result.pass("loaded")))
          .deep("db", Probes.custom(() -> DB_UP.get() ? Result.pass() : Result.fail("connection refused"))
              .cacheFor(Duration.ZERO))
          .deep("search", Probes.custom(() -> Result.fail("search index unreachable")).nonCritical())
          .build();
    }
  }

  /** An HTTP probe with a JSON condition, against {@link #statusUrl}. */
  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class HttpProbed {
    @Bean(destroyMethod = "close")
    HealthRegistry health() {
      return Health.registry()
          .liveness("process", Probes.up())
          .deep("status-api", HttpProbe.get(statusUrl).expectStatus(200).expectJson("/status", "ok").build())
          .build();
    }
  }

  /** No HealthRegistry bean: only the classpath runway.conf. */
  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class Plain {}

  /** An EnvSchema bean with a JSON variable (the bean takes precedence over runway.conf). */
  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class JsonSchema {
    static final Var<Object> FEATURES = Var.json("FEATURES");

    @Bean
    EnvSchema schema() {
      return EnvSchema.of(FEATURES);
    }
  }

  static ConfigurableApplicationContext start(Class<?> app, String... properties) {
    List<String> all = new ArrayList<>(List.of(
        "server.address=127.0.0.1",
        "server.port=0",
        "spring.main.banner-mode=off",
        "management.endpoints.web.exposure.include=health",
        "management.endpoint.health.show-details=always",
        "management.endpoint.health.show-components=always"));
    all.addAll(List.of(properties));
    return new SpringApplicationBuilder(app).web(WebApplicationType.SERVLET).properties(all.toArray(String[]::new)).run();
  }

  record Answer(int status, Map<String, Object> json) {
    @SuppressWarnings("unchecked")
    Map<String, Object> component(String... path) {
      Map<String, Object> node = json;
      for (String p : path) node = (Map<String, Object>) ((Map<String, Object>) node.get("components")).get(p);
      return node;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> components() {
      return (Map<String, Object>) json.get("components");
    }
  }

  static Answer get(ConfigurableApplicationContext context, String path) throws Exception {
    String port = context.getEnvironment().getProperty("local.server.port");
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), JsonParserFactory.getJsonParser().parseMap(r.body()));
  }
}

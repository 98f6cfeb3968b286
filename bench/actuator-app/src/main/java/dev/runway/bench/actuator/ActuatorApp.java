package dev.runway.bench.actuator;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The same checks as Runway's side of the benchmark, written the way a Spring Boot user would:
 * {@code config}, {@code memory} and {@code clock} in the liveness group, and {@code dep0..dep9}
 * (an HTTP GET each against {@code DEPS_BASE_URL}/dep{i}) in the {@code deep} group. Actuator
 * runs them one after another, with no per-check timeout and no cache.
 */
@SpringBootApplication
public class ActuatorApp {
  static final int DEPENDENCIES = Integer.parseInt(System.getenv().getOrDefault("DEPS_COUNT", "10"));
  static final String DEPS_BASE_URL = System.getenv().getOrDefault("DEPS_BASE_URL", "http://127.0.0.1:18090");
  static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public static void main(String[] args) {
    SpringApplication.run(ActuatorApp.class, args);
  }

  @Bean
  HealthIndicator config() {
    return () -> System.getenv("PORT") != null || System.getProperty("server.port") != null
        ? Health.up().withDetail("port", "set").build()
        : Health.down().withDetail("port", "missing").build();
  }

  @Bean
  HealthIndicator memory() {
    return () -> {
      var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
      long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
      double used = 100.0 * heap.getUsed() / max;
      return (used < 90 ? Health.up() : Health.down()).withDetail("heapUsedPercent", used).build();
    };
  }

  @Bean
  HealthIndicator clock() {
    return () -> {
      long skew = Math.abs(System.currentTimeMillis() - Instant.now().toEpochMilli());
      return (skew < 1000 ? Health.up() : Health.down()).withDetail("skewMillis", skew).build();
    };
  }

  /** dep0..dep9 as beans; registered programmatically so their number follows DEPS_COUNT. */
  @Bean
  static BeanDefinitionRegistryPostProcessor dependencyIndicators() {
    return new BeanDefinitionRegistryPostProcessor() {
      @Override
      public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        for (int i = 0; i < DEPENDENCIES; i++) {
          String path = "/dep" + i;
          RootBeanDefinition def = new RootBeanDefinition(HealthIndicator.class, () -> httpIndicator(path));
          registry.registerBeanDefinition("dep" + i, def);
        }
      }
    };
  }

  static HealthIndicator httpIndicator(String path) {
    return () -> {
      try {
        HttpResponse<String> r = CLIENT.send(
            HttpRequest.newBuilder(URI.create(DEPS_BASE_URL + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        return (r.statusCode() == 200 ? Health.up() : Health.down()).withDetail("status", r.statusCode()).build();
      } catch (Exception e) {
        return Health.down(e).build();
      }
    };
  }
}

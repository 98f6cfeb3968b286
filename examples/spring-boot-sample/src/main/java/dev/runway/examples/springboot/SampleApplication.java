package dev.runway.examples.springboot;

import dev.runway.health.Health;
import dev.runway.health.HealthRegistry;
import dev.runway.health.HttpProbe;
import dev.runway.health.Probes;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot 3 service using runway-spring-boot: its runway.conf is validated at start-up (an
 * invalid environment stops it with every problem listed), and the probes of its
 * {@link HealthRegistry} bean appear in {@code /actuator/health} and its liveness and readiness groups.
 *
 * <pre>
 * ./mvnw -q -pl examples/spring-boot-sample -am package -DskipTests
 * java -jar examples/spring-boot-sample/target/runway-example-spring-boot-sample-0.1.0-SNAPSHOT.jar
 * curl -s localhost:8080/actuator/health
 * </pre>
 */
@SpringBootApplication
@RestController
public class SampleApplication {
  public static void main(String[] args) {
    SpringApplication.run(SampleApplication.class, args);
  }

  // tag::registry[]
  @Bean(destroyMethod = "close")
  HealthRegistry health(@Value("${UPSTREAM_URL:https://example.com}") String upstream) {
    return Health.registry()
        .liveness("process", Probes.up())
        .liveness("heap", Probes.heap(90, 98))
        .deep("upstream", HttpProbe.get(upstream).expectStatus(200).build()
            .timeout(Duration.ofSeconds(2)).nonCritical().cacheFor(Duration.ofSeconds(30)))
        .build();
  }
  // end::registry[]

  @GetMapping("/")
  String hello() {
    return "hello from the Runway Spring Boot sample";
  }
}

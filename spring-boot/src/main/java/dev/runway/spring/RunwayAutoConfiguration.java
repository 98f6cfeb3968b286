package dev.runway.spring;

import dev.runway.App;
import dev.runway.env.EnvSchema;
import dev.runway.spring.internal.EnvironmentCheck;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ResourceLoader;

/**
 * Validates the environment at start-up, for Spring Boot 3 and 4.
 *
 * <p>The model is, in order of precedence: an {@link App} bean, an {@link EnvSchema} bean, the
 * runway.conf at {@code runway.config}, or {@code classpath:runway.conf}. With none of them there is
 * nothing to validate and start-up goes on. Values come from {@code .env} files in
 * {@code runway.env-dir}, the process environment and Spring's own property sources (application
 * properties, command-line arguments, system properties), each named as the origin of its values.
 * An invalid environment stops start-up with one failure analysis listing every problem; no secret
 * value appears in it. Off with {@code runway.validate.enabled=false}.
 */
@AutoConfiguration
@EnableConfigurationProperties(RunwayProperties.class)
public class RunwayAutoConfiguration {
  @Bean
  @ConditionalOnProperty(prefix = "runway.validate", name = "enabled", havingValue = "true", matchIfMissing = true)
  EnvironmentCheck runwayEnvironmentCheck(
      RunwayProperties properties, ConfigurableEnvironment environment, ResourceLoader resources,
      ObjectProvider<App> apps, ObjectProvider<EnvSchema> schemas) {
    EnvironmentCheck check = new EnvironmentCheck(properties, environment, resources);
    check.run(apps.getIfUnique(), schemas.getIfUnique());
    return check;
  }
}

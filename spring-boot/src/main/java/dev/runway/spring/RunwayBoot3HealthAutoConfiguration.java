package dev.runway.spring;

import dev.runway.health.Group;
import dev.runway.health.HealthRegistry;
import dev.runway.spring.internal.Boot3Health;
import dev.runway.spring.internal.RunwayProbes;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * Spring Boot 3: the probes of the {@link HealthRegistry} bean as Actuator health contributors
 * {@code runwayLiveness}, {@code runwayReadiness} and {@code runwayDeep} (one component per probe),
 * and the first in Actuator's {@code liveness} group, the other two in its {@code readiness} group.
 *
 * <p>A probe is {@code UP} when it passes or warns, and when it fails but is non-critical (a
 * non-critical failure makes a Runway report warn, not fail); {@code DOWN} when a critical probe
 * fails. Each component's details carry Runway's own status ({@code pass}, {@code warn},
 * {@code fail}), the probe's kind, target, criticality, message and duration.
 */
@AutoConfiguration(afterName = "org.springframework.boot.actuate.autoconfigure.availability.AvailabilityProbesAutoConfiguration")
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
@ConditionalOnMissingClass("org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnSingleCandidate(HealthRegistry.class)
@ConditionalOnProperty(prefix = "runway.health", name = "enabled", havingValue = "true", matchIfMissing = true)
public class RunwayBoot3HealthAutoConfiguration {
  @Bean(RunwayProbes.LIVENESS)
  CompositeHealthContributor runwayLiveness(HealthRegistry registry) {
    return Boot3Health.composite(new RunwayProbes(registry), Group.LIVENESS);
  }

  @Bean(RunwayProbes.READINESS)
  CompositeHealthContributor runwayReadiness(HealthRegistry registry) {
    return Boot3Health.composite(new RunwayProbes(registry), Group.READINESS);
  }

  @Bean(RunwayProbes.DEEP)
  CompositeHealthContributor runwayDeep(HealthRegistry registry) {
    return Boot3Health.composite(new RunwayProbes(registry), Group.DEEP);
  }

  @Bean
  @ConditionalOnProperty(prefix = "runway.health.groups", name = "enabled", havingValue = "true", matchIfMissing = true)
  HealthEndpointGroupsPostProcessor runwayHealthGroups() {
    return Boot3Health.groups();
  }
}

/**
 * Runway for Spring Boot 3 and 4: auto-configuration that shows the probes of a
 * {@link dev.runway.health.HealthRegistry} bean in Actuator's health endpoint and its
 * {@code liveness} and {@code readiness} groups, and validates the environment at start-up against
 * {@code runway.conf} or an {@link dev.runway.env.EnvSchema} bean, refusing to start with one
 * failure analysis that lists every problem. Settings: {@link dev.runway.spring.RunwayProperties}.
 */
@NullMarked
package dev.runway.spring;

import org.jspecify.annotations.NullMarked;

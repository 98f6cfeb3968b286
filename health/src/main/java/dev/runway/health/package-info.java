/**
 * Health probes and the {@code /api/health} endpoints for any Java service.
 *
 * <p>Start at {@link dev.runway.health.Health}: register {@link dev.runway.health.Probe}s (made by
 * {@link dev.runway.health.Probes} and {@link dev.runway.health.HttpProbe}) in the liveness,
 * readiness and deep groups of a {@link dev.runway.health.HealthRegistry}, then serve it with
 * {@link dev.runway.health.HealthServer} or mount its {@link dev.runway.health.HealthHandler} in
 * your own HTTP server.
 */
@NullMarked
package dev.runway.health;

import org.jspecify.annotations.NullMarked;

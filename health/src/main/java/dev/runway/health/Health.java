package dev.runway.health;

/**
 * The entry point of Runway's health checks.
 *
 * <pre>{@code
 * HealthRegistry health = Health.registry()
 *     .liveness("process", Probes.up())
 *     .readiness("config", Probes.custom(() -> Result.pass()))
 *     .deep("openai", Probes.openAi(key).nonCritical().cacheFor(Duration.ofMinutes(1)))
 *     .build();
 * HealthServer server = HealthServer.start(health, Health.options().detailsToken(token).build());
 * // or mount HealthHandler.create(health, options) in your own HTTP server
 * }</pre>
 */
public final class Health {
  private Health() {}

  /** A new registry builder. */
  public static HealthRegistry.Builder registry() {
    return new HealthRegistry.Builder();
  }

  /** Endpoint and server options, starting from the defaults ({@code $PORT}, {@code /api/health}). */
  public static HealthOptions.Builder options() {
    return HealthOptions.builder();
  }
}

package dev.runway.examples.acmeservice;

import dev.runway.base.RunwayException;
import dev.runway.env.Env;
import dev.runway.env.EnvSchema;
import dev.runway.env.EnvSources;
import dev.runway.base.Secret;
import dev.runway.env.Var;
import dev.runway.health.Health;
import dev.runway.health.HealthOptions;
import dev.runway.health.HealthRegistry;
import dev.runway.health.HealthServer;
import dev.runway.health.Probes;
import dev.runway.health.Result;
import dev.runway.observability.Logging;
import dev.runway.observability.Metrics;
import dev.runway.observability.Observability;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import java.time.Duration;

/**
 * A Java service embedding Runway: it validates its environment at start-up (every problem at
 * once, then exit 2), and answers its platform's health checks on {@code $PORT}:
 *
 * <ul>
 *   <li>{@code GET /api/health} — liveness: config, memory and clock, all in-process;
 *   <li>{@code GET /api/health/deep} — the same here; a real service adds its database and APIs.
 * </ul>
 *
 * <pre>
 * ./mvnw -q -pl examples/acme-service -am package -DskipTests
 * PORT=10000 HEALTH_TOKEN=$(openssl rand -hex 32) java -jar examples/acme-service/target/acme-service.jar
 * </pre>
 */
public final class AcmeService implements AutoCloseable {
  public static final Var<Integer> PORT = Var.port("PORT").defaultValue(10000);
  public static final Var<Secret> HEALTH_TOKEN = Var.secret("HEALTH_TOKEN").optional().minLength(16)
      .description("Bearer token that unlocks per-probe details on the health endpoints");
  public static final Var<String> SERVICE_NAME = Var.string("SERVICE_NAME").defaultValue("acme-service");
  public static final EnvSchema SCHEMA = EnvSchema.of(PORT, HEALTH_TOKEN, SERVICE_NAME);

  private final HealthRegistry registry;
  private final HealthServer server;

  private AcmeService(HealthRegistry registry, HealthServer server) {
    this.registry = registry;
    this.server = server;
  }

  public static void main(String[] args) {
    Env env;
    try {
      env = SCHEMA.load(EnvSources.standard(Path.of(".")));
    } catch (RunwayException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    // JSON log lines with service, environment and version; every secret of env masked in every event.
    Logging logging = Observability.logging().service(env.get(SERVICE_NAME)).env(env).install();
    AcmeService service = start(env);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      service.close();
      logging.close();
    }, "acme-service-shutdown"));
    LoggerFactory.getLogger(AcmeService.class).info("{} listening on {}", env.get(SERVICE_NAME), service.url());
  }

  /**
   * Starts the health endpoints for a loaded environment, with request timings for every endpoint and,
   * when HEALTH_TOKEN is set, a Prometheus scrape endpoint at {@code /api/metrics} behind the same token.
   */
  public static AcmeService start(Env env) {
    HealthRegistry registry = registry(env);
    HealthOptions.Builder options = Health.options().port(env.get(PORT));
    env.find(HEALTH_TOKEN).ifPresent(options::detailsToken);
    HealthServer server = HealthServer.start(registry, options.build());
    PrometheusMeterRegistry metrics = Metrics.prometheus();
    server.filter(Metrics.timing(metrics));
    // JVM memory, GC, threads and CPU join at the first scrape: nothing to pay for until someone looks.
    env.find(HEALTH_TOKEN).ifPresent(
        token -> server.mount("/api/metrics", Metrics.endpointBindingJvm(metrics, token.reveal())));
    return new AcmeService(registry, server);
  }

  /** The three in-process checks; all liveness, so the deep endpoint reports them too. */
  static HealthRegistry registry(Env env) {
    long wallAtStart = System.currentTimeMillis();
    long monoAtStart = System.nanoTime();
    return Health.registry()
        .liveness("config", Probes.custom(() -> {
          // The environment was validated at start-up; report what it resolved to (no secrets).
          return Result.pass()
              .withDetail("environment", env.environment().name())
              .withDetail("port", env.get(PORT))
              .withDetail("detailsToken", env.find(HEALTH_TOKEN).isPresent());
        }))
        .liveness("memory", Probes.heap(85, 95))
        .liveness("clock", Probes.custom(() -> {
          // Wall clock against the monotonic clock: a jump means NTP stepped or the VM was paused.
          long drift = (System.currentTimeMillis() - wallAtStart) - (System.nanoTime() - monoAtStart) / 1_000_000;
          Result r = Math.abs(drift) > 5_000 ? Result.warn("wall clock moved " + drift + " ms against uptime")
              : Result.pass();
          return r.withDetail("driftMillis", drift).withObserved(drift, "ms");
        }).measurement("drift"))
        .defaultCacheTtl(Duration.ofSeconds(1))
        .build();
  }

  public int port() {
    return server.port();
  }

  public String url() {
    return server.url();
  }

  @Override
  public void close() {
    server.close();
    registry.close();
  }
}

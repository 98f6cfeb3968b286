package dev.runway.bench.health;

import dev.runway.health.Health;
import dev.runway.health.HealthOptions;
import dev.runway.health.HealthRegistry;
import dev.runway.health.HealthServer;
import dev.runway.health.HttpProbe;
import dev.runway.health.Probes;
import dev.runway.health.Result;
import java.time.Duration;

/**
 * Runway's side of the health benchmark, with the same checks as {@code bench/actuator-app}:
 * {@code config}, {@code memory}, {@code clock} as liveness probes and {@code dep0..dep9} (HTTP
 * GET against the fake dependencies) as deep probes.
 *
 * <p>Environment: {@code PORT} (18082), {@code DEPS_BASE_URL} (http://127.0.0.1:18090),
 * {@code DEPS_COUNT} (10), {@code DEEP_TTL_MS} (5000), {@code LIVE_TTL_MS} (1000; 0 = run the
 * three checks on every request, coalesced only).
 */
public final class RunwayBenchApp {
  private RunwayBenchApp() {}

  public static void main(String[] args) {
    int port = Integer.parseInt(env("PORT", "18082"));
    String base = env("DEPS_BASE_URL", "http://127.0.0.1:18090");
    int deps = Integer.parseInt(env("DEPS_COUNT", "10"));
    Duration deepTtl = Duration.ofMillis(Long.parseLong(env("DEEP_TTL_MS", "5000")));
    Duration liveTtl = Duration.ofMillis(Long.parseLong(env("LIVE_TTL_MS", "1000")));
    long wallAtStart = System.currentTimeMillis();
    long monoAtStart = System.nanoTime();
    HealthRegistry.Builder registry = Health.registry()
        .liveness("config", Probes.custom(() -> System.getenv("PORT") != null
            ? Result.pass().withDetail("port", "set") : Result.fail("PORT missing")).cacheFor(liveTtl))
        .liveness("memory", Probes.heap(90, 95).cacheFor(liveTtl))
        .liveness("clock", Probes.custom(() -> {
          long drift = (System.currentTimeMillis() - wallAtStart) - (System.nanoTime() - monoAtStart) / 1_000_000;
          return (Math.abs(drift) < 1000 ? Result.pass() : Result.warn("drift " + drift + " ms"))
              .withDetail("driftMillis", drift);
        }).cacheFor(liveTtl));
    for (int i = 0; i < deps; i++) {
      registry.deep("dep" + i, HttpProbe.get(base + "/dep" + i).expectStatus(200).build()
          .timeout(Duration.ofSeconds(1)).cacheFor(deepTtl));
    }
    HealthRegistry health = registry.deadline(Duration.ofSeconds(2)).build();
    HealthServer server = HealthServer.start(health,
        Health.options().port(port).bindAddress("127.0.0.1").details(HealthOptions.Details.ALWAYS).build());
    System.out.println("runway bench app on " + server.url());
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}

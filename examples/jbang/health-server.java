///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.runway:runway-health:0.1.0-SNAPSHOT
//DEPS org.slf4j:slf4j-simple:2.0.20

import dev.runway.base.RunwayException;
import dev.runway.health.Health;
import dev.runway.health.HealthOptions;
import dev.runway.health.HealthRegistry;
import dev.runway.health.HealthServer;
import dev.runway.health.HttpProbe;
import dev.runway.health.Probes;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A health endpoint in one file, for a service that has none yet or as a sidecar: GET /api/health
 * (liveness: the process and its heap) and GET /api/health/deep (plus each dependency given with
 * --check name=url, probed in parallel, time-boxed, cached for 10 s, so endpoint traffic never
 * multiplies dependency traffic). Listens on $PORT (Render injects it), else 10000.
 *
 * Set HEALTH_TOKEN to unlock per-probe details for callers that send it as a bearer token; it is
 * never printed. Runs until stopped (Ctrl-C / SIGTERM, as a platform stops it).
 *
 * Exit codes: 2 usage error or the port cannot be bound; stopped by a signal, the JVM's own (143 for SIGTERM).
 */
class health_server {
  static final String USAGE = "usage: health-server.java [--port <port>] [--check <name>=<url>]...";

  public static void main(String... args) throws InterruptedException {
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "10000"));
    HealthRegistry.Builder registry = Health.registry()
        .liveness("process", Probes.up())
        .liveness("memory", Probes.heap(85, 95));
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--port" -> port = Integer.parseInt(value(args, ++i));
          case "--check" -> {
            String check = value(args, ++i);
            int eq = check.indexOf('=');
            if (eq < 1) usage("--check " + check + ": write <name>=<url>, e.g. --check api=https://api.example.com/health");
            registry.deep(check.substring(0, eq), HttpProbe.get(check.substring(eq + 1)).build()
                .timeout(Duration.ofSeconds(3)).cacheFor(Duration.ofSeconds(10)));
          }
          case "-h", "--help" -> { System.out.println(USAGE); System.exit(0); }
          default -> usage("unknown argument '" + args[i] + "'");
        }
      }
    } catch (NumberFormatException e) {
      usage("--port: not a number");
    } catch (RunwayException | IllegalArgumentException e) {
      usage(e.getMessage());
    }

    HealthOptions.Builder options = Health.options().port(port);
    String token = System.getenv("HEALTH_TOKEN");
    if (token != null && !token.isBlank()) options.detailsToken(token);
    HealthRegistry health = registry.build();
    HealthServer server;
    try {
      server = HealthServer.start(health, options.build());
    } catch (RunwayException e) {
      System.err.println("health-server: " + e.getMessage());
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      health.close();
      System.out.println("health-server: stopped");
      stopped.countDown();
    }, "health-server-stop"));
    System.out.println("health-server: listening on " + server.url() + " and " + server.url() + "/deep");
    stopped.await();
  }

  static String value(String[] args, int i) {
    if (i >= args.length) usage(args[i - 1] + " needs a value");
    return args[i];
  }

  static void usage(String problem) {
    System.err.println("health-server: " + problem);
    System.err.println(USAGE);
    System.exit(2);
  }
}

package dev.runway.examples.acmeservice;

import com.sun.net.httpserver.HttpServer;
import dev.runway.health.Health;
import dev.runway.health.HealthHandler;
import dev.runway.health.HealthRegistry;
import dev.runway.health.Probes;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A service that already has an HTTP server mounts Runway's endpoints next to its own routes with
 * the framework-neutral {@link HealthHandler}; here the JDK's server, where the handler ships an
 * adapter. (Servlet, Javalin, Helidon or Vert.x adapters are a few lines around
 * {@link HealthHandler#handle}: pass method, path, query and a header lookup; write status,
 * headers and body back.)
 */
public final class OwnServerExample {
  private OwnServerExample() {}

  /** Starts an app server with its own {@code /} route and Runway's {@code /api/health} routes. */
  public static HttpServer start(int port, HealthRegistry registry) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
    server.createContext("/", exchange -> {
      byte[] body = "hello from acme\n".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    HealthHandler health = HealthHandler.create(registry, Health.options().build());
    server.createContext("/api/health", health.asJdkHandler());
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    return server;
  }

  public static void main(String[] args) throws IOException {
    HealthRegistry registry = Health.registry().liveness("process", Probes.up()).build();
    HttpServer server = start(Integer.parseInt(System.getenv().getOrDefault("PORT", "8080")), registry);
    System.out.println("listening on http://127.0.0.1:" + server.getAddress().getPort() + "/api/health");
  }
}

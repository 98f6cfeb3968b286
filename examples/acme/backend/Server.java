import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * A stand-in for the acme API (FastAPI in the real app): a single-file Java service that listens on
 * 0.0.0.0:$PORT, as Render requires, and answers its health check path. It runs the same way on
 * Render (Docker), under docker compose, and in Runway's process mode ({@code runway simulate up}):
 * {@code java Server.java}.
 */
public final class Server {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "10000"));
    HttpServer server = HttpServer.create(new InetSocketAddress("0.0.0.0", port), 0);
    server.createContext("/api/health", exchange -> answer(exchange, 200, "{\"status\":\"UP\"}"));
    server.createContext("/", exchange -> answer(exchange, 404, "{\"error\":\"not found\"}"));
    server.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("acme-api: stopping");
      server.stop(0);
      stopped.countDown();
    }));
    // What Render injects, as the service sees it (never a secret).
    System.out.println("acme-api: listening on 0.0.0.0:" + port + " (RENDER=" + System.getenv("RENDER")
        + ", RENDER_SERVICE_NAME=" + System.getenv("RENDER_SERVICE_NAME") + ", LOG_LEVEL=" + System.getenv("LOG_LEVEL") + ")");
    stopped.await();
  }

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}

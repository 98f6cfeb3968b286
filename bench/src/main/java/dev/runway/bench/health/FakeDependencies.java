package dev.runway.bench.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ten (or {@code count}) loopback "dependencies" for the health benchmark: {@code GET /dep<i>}
 * answers 200 after {@code delayMs}, and every call is counted, so the harness can tell how many
 * dependency calls endpoint traffic caused.
 *
 * <p>Control: {@code GET /_counts} (JSON of calls per dependency), {@code GET /_reset} (zero the
 * counts, end any hang), {@code GET /_hang?dep=dep0&ms=10000} (from now on that dependency
 * answers only after {@code ms}).
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.runway.bench.health.FakeDependencies 18090 200</pre>
 */
public final class FakeDependencies {
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final Map<String, Long> hangs = new ConcurrentHashMap<>();
  private final long delayMs;

  private FakeDependencies(long delayMs) {
    this.delayMs = delayMs;
  }

  public static void main(String[] args) throws IOException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 18090;
    long delay = args.length > 1 ? Long.parseLong(args[1]) : 200;
    // Like a real server: no Nagle delay between the header and body packets (both sides alike).
    System.setProperty("sun.net.httpserver.nodelay", "true");
    FakeDependencies deps = new FakeDependencies(delay);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
    // Sleeping handlers: one thread per concurrent call, bounded.
    ExecutorService pool = Executors.newFixedThreadPool(512);
    server.setExecutor(pool);
    server.createContext("/", deps::handle);
    server.start();
    System.out.println("fake dependencies on http://127.0.0.1:" + port + "/dep0.. (" + delay + " ms each)");
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    try {
      if (path.equals("/_counts")) {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((k, v) -> snapshot.put(k, v.get()));
        StringBuilder json = new StringBuilder("{");
        snapshot.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        answer(ex, 200, json.append('}').toString());
      } else if (path.equals("/_reset")) {
        counts.clear();
        hangs.clear();
        answer(ex, 200, "{}");
      } else if (path.equals("/_hang")) {
        String q = ex.getRequestURI().getQuery();
        String dep = "dep0";
        long ms = 10_000;
        for (String p : q == null ? new String[0] : q.split("&")) {
          if (p.startsWith("dep=")) dep = p.substring(4);
          if (p.startsWith("ms=")) ms = Long.parseLong(p.substring(3));
        }
        hangs.put(dep, ms);
        answer(ex, 200, "{}");
      } else if (path.startsWith("/dep")) {
        String dep = path.substring(1);
        counts.computeIfAbsent(dep, k -> new AtomicLong()).incrementAndGet();
        Thread.sleep(hangs.getOrDefault(dep, delayMs));
        answer(ex, 200, "{\"status\":\"ok\"}");
      } else {
        answer(ex, 404, "{}");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ex.close();
    }
  }

  private static void answer(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }
}

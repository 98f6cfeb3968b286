package dev.runway.observability.internal;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Times every exchange into {@code http.server.requests} (tags method, uri, status, outcome). The
 * uri tag is the context's path (a route of the JDK server, so their number is bounded); for a
 * catch-all {@code /} context (the health server's) it is the request path, still bounded: 404s
 * become {@code NOT_FOUND}, and past {@value #MAX_URIS} distinct paths every new one becomes
 * {@code OTHER}, so a scanner trying random paths cannot blow up the registry.
 */
public final class TimingFilter extends Filter {
  static final int MAX_URIS = 100;
  private final MeterRegistry registry;
  private final Set<String> uris = ConcurrentHashMap.newKeySet();

  public TimingFilter(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    long start = System.nanoTime();
    String outcome = null;
    try {
      chain.doFilter(exchange);
    } catch (IOException | RuntimeException e) {
      outcome = "SERVER_ERROR";
      throw e;
    } finally {
      int status = exchange.getResponseCode();
      if (outcome == null) outcome = outcome(status);
      Timer.builder("http.server.requests")
          .description("HTTP requests served, by path and status")
          .tag("method", method(exchange.getRequestMethod()))
          .tag("uri", uri(exchange.getHttpContext().getPath(), exchange.getRequestURI().getPath(), status))
          .tag("status", status < 0 ? "UNKNOWN" : String.valueOf(status))
          .tag("outcome", outcome)
          .register(registry)
          .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
  }

  private String uri(String context, String path, int status) {
    if (status == 404) return "NOT_FOUND";
    if (!context.equals("/")) return context;
    if (uris.contains(path)) return path;
    if (uris.size() >= MAX_URIS) return "OTHER";
    uris.add(path);
    return path;
  }

  private static String method(String method) {
    return switch (method) {
      case "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS" -> method;
      default -> "OTHER";
    };
  }

  private static String outcome(int status) {
    if (status < 100) return "UNKNOWN";
    if (status < 200) return "INFORMATIONAL";
    if (status < 300) return "SUCCESS";
    if (status < 400) return "REDIRECTION";
    if (status < 500) return "CLIENT_ERROR";
    return "SERVER_ERROR";
  }

  @Override
  public String description() {
    return "Runway request timing";
  }
}

package dev.runway.observability.internal;

import com.sun.net.httpserver.HttpExchange;
import dev.runway.base.Secret;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Serves the registry in the Prometheus text format, to requests with
 * {@code Authorization: Bearer <token>} when a token is set (compared in constant time over
 * SHA-256 digests, as the health details token is). A refused request is answered 401 and reported
 * to {@code onRejected} (path, remote address), which records a security event.
 */
public final class ScrapeHandler implements HttpHandler {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  static final String UNAUTHORIZED =
      "metrics: a valid bearer token is required; send Authorization: Bearer <the metrics token>\n";

  private final PrometheusMeterRegistry registry;
  private final @Nullable Secret token;
  private final BiConsumer<String, String> onRejected;

  private @Nullable Runnable beforeFirstScrape;

  public ScrapeHandler(PrometheusMeterRegistry registry, @Nullable String token, BiConsumer<String, String> onRejected) {
    this.registry = registry;
    this.token = token == null ? null : Secret.of(token);
    this.onRejected = onRejected;
  }

  /** Runs {@code action} once, before the first authorised scrape is served. */
  public ScrapeHandler beforeFirstScrape(Runnable action) {
    this.beforeFirstScrape = action;
    return this;
  }

  private synchronized void runBeforeFirstScrape() {
    Runnable action = beforeFirstScrape;
    beforeFirstScrape = null;
    if (action != null) action.run();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "metrics: " + method + " is not allowed; use GET\n");
        return;
      }
      if (token != null && !authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
        InetSocketAddress remote = exchange.getRemoteAddress();
        onRejected.accept(exchange.getRequestURI().getPath(),
            remote == null ? "unknown" : remote.getAddress().getHostAddress());
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"metrics\"");
        send(exchange, 401, UNAUTHORIZED);
        return;
      }
      runBeforeFirstScrape();
      send(exchange, 200, registry.scrape());
    }
  }

  private boolean authorized(@Nullable String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return false;
    return token.matches(header.substring(7).trim());
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", status == 200 ? CONTENT_TYPE : "text/plain; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}

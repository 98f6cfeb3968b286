package dev.runway.health.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.runway.health.HealthHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Mounts a {@link HealthHandler} on the JDK's HTTP server. Answers that are ready (cached probe
 * results, errors) are written on the server's worker thread; the others are written when the
 * probes finish, on {@code responder}, so a worker never waits for a dependency.
 */
public final class JdkAdapter implements HttpHandler {
  /** The shape of {@link HealthHandler#handle}. */
  @FunctionalInterface
  public interface Endpoint {
    CompletableFuture<HealthHandler.Response> handle(
        String method, String path, @Nullable String query, Function<String, Optional<String>> header, long length);
  }

  private final Endpoint endpoint;
  private final Executor responder;
  private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

  public JdkAdapter(Endpoint endpoint, Executor responder) {
    this.endpoint = endpoint;
    this.responder = responder;
  }

  /** Exchanges taken but not yet answered; lets a server close without waiting when there are none. */
  public int inFlight() {
    return inFlight.get();
  }

  @Override
  public void handle(HttpExchange exchange) {
    inFlight.incrementAndGet();
    try {
      String method = exchange.getRequestMethod();
      String length = exchange.getRequestHeaders().getFirst("Content-Length");
      long contentLength;
      try {
        contentLength = length == null ? -1 : Long.parseLong(length.trim());
      } catch (NumberFormatException e) {
        contentLength = Long.MAX_VALUE;
      }
      CompletableFuture<HealthHandler.Response> answer = endpoint.handle(
          method,
          exchange.getRequestURI().getRawPath() == null ? "" : exchange.getRequestURI().getRawPath(),
          exchange.getRequestURI().getRawQuery(),
          name -> Optional.ofNullable(exchange.getRequestHeaders().getFirst(name)),
          contentLength);
      if (answer.isDone()) {
        write(exchange, answer.join(), method);
      } else {
        answer.whenCompleteAsync((r, e) -> {
          if (r != null) {
            write(exchange, r, method);
          } else {
            exchange.close();
            inFlight.decrementAndGet();
          }
        }, responder);
      }
    } catch (RuntimeException e) {
      exchange.close();
      inFlight.decrementAndGet();
    }
  }

  private void write(HttpExchange exchange, HealthHandler.Response r, String method) {
    try {
      for (Map.Entry<String, String> h : r.headers().entrySet()) exchange.getResponseHeaders().set(h.getKey(), h.getValue());
      if (method.equals("HEAD")) {
        exchange.sendResponseHeaders(r.status(), -1);
      } else {
        exchange.sendResponseHeaders(r.status(), r.bodyLength());
        try (OutputStream out = exchange.getResponseBody()) {
          r.writeBody(out);
        }
      }
    } catch (IOException | RuntimeException e) {
      // The client went away; nothing to answer.
    } finally {
      exchange.close();
      inFlight.decrementAndGet();
    }
  }
}

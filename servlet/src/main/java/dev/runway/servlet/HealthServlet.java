package dev.runway.servlet;

import dev.runway.health.HealthHandler;
import dev.runway.health.HealthOptions;
import dev.runway.health.HealthRegistry;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code /api/health} endpoints ({@link HealthHandler}) as a Jakarta Servlet 6 servlet.
 *
 * <p>Map it at {@link #urlPattern()} ({@code /api/health/*} by default; the pattern also matches
 * {@code /api/health} itself). When every probe result is cached the answer is written at once;
 * otherwise the request is put in asynchronous mode and answered from the probe thread, so a
 * deep check never holds a container thread while dependencies answer. Register the servlet as
 * async-supported for that; without it the servlet still works but waits on the container thread.
 *
 * <p>Every method reaches the handler, so other methods get its {@code 405} with {@code Allow:
 * GET, HEAD}; HEAD gets the headers of GET and no body. Thread-safe.
 *
 * <pre>{@code
 * HealthServlet health = HealthServlet.of(registry, Health.options().detailsToken(token).build());
 * ServletHolder holder = new ServletHolder(health);          // Jetty 12 ee10
 * holder.setAsyncSupported(true);
 * context.addServlet(holder, health.urlPattern());
 * }</pre>
 */
public final class HealthServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final byte[] TIMED_OUT =
      "{\"error\":\"health check did not answer before the container's async timeout\"}"
          .getBytes(StandardCharsets.UTF_8);

  private final transient HealthHandler handler;
  private final String urlPattern;

  private HealthServlet(HealthHandler handler, String basePath) {
    this.handler = handler;
    this.urlPattern = basePath + "/*";
  }

  /** A servlet answering the registry's endpoints below {@link HealthOptions#basePath()}. */
  public static HealthServlet of(HealthRegistry registry, HealthOptions options) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(options, "options");
    return new HealthServlet(HealthHandler.create(registry, options), options.basePath());
  }

  /** The pattern to map this servlet at: the base path followed by {@code /*}. */
  public String urlPattern() {
    return urlPattern;
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    // The handler routes on the path below the web application, as received (not decoded).
    String path = req.getRequestURI().substring(req.getContextPath().length());
    CompletableFuture<HealthHandler.Response> answer = handler.handle(
        req.getMethod(), path, req.getQueryString(), name -> Optional.ofNullable(req.getHeader(name)),
        req.getContentLengthLong());
    boolean head = "HEAD".equals(req.getMethod());
    if (answer.isDone() || !req.isAsyncSupported()) {
      write(resp, answer.join(), head);
      return;
    }
    AsyncContext async = req.startAsync();
    AtomicBoolean answered = new AtomicBoolean();
    async.addListener(new AsyncListener() {
      @Override
      public void onTimeout(AsyncEvent event) throws IOException {
        if (!answered.compareAndSet(false, true)) return;
        HttpServletResponse r = (HttpServletResponse) event.getAsyncContext().getResponse();
        r.setStatus(503);
        r.setContentType("application/json");
        r.setHeader("Cache-Control", "no-store");
        r.setContentLength(TIMED_OUT.length);
        if (!head) r.getOutputStream().write(TIMED_OUT);
        event.getAsyncContext().complete();
      }

      @Override
      public void onComplete(AsyncEvent event) {}

      @Override
      public void onError(AsyncEvent event) {}

      @Override
      public void onStartAsync(AsyncEvent event) {}
    });
    // The handler's future never completes exceptionally: it answers within the registry's deadline.
    answer.thenAccept(response -> {
      if (!answered.compareAndSet(false, true)) return;
      try {
        write((HttpServletResponse) async.getResponse(), response, head);
      } catch (IOException | RuntimeException e) {
        // The client went away; there is nobody left to answer.
      } finally {
        async.complete();
      }
    });
  }

  private static void write(HttpServletResponse resp, HealthHandler.Response response, boolean head) throws IOException {
    resp.setStatus(response.status());
    for (Map.Entry<String, String> h : response.headers().entrySet()) resp.setHeader(h.getKey(), h.getValue());
    resp.setContentLength(response.bodyLength());
    if (!head) response.writeBody(resp.getOutputStream());
  }
}

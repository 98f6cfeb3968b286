package dev.runway.health;

import com.sun.net.httpserver.HttpServer;
import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import dev.runway.health.internal.JdkAdapter;
import dev.runway.base.Pools;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The health endpoints on the JDK's own HTTP server ({@code com.sun.net.httpserver}): no framework,
 * starts in milliseconds. See {@link HealthHandler} for the routes and answers.
 *
 * <p>Bounds: a fixed pool of {@link HealthOptions#workers()} threads reads requests and writes
 * answers that are ready; answers that wait for probes are written by a separate responder pool
 * when the probes finish, so no worker ever waits on a dependency and liveness keeps answering
 * while a dependency hangs. Queues are bounded. A client that takes longer than
 * {@link HealthOptions#slowClientTimeout()} to send its request is disconnected (the JDK server's
 * {@code sun.net.httpserver.maxReqTime}, set by the first {@code start} unless already set, as
 * the JDK reads it once per process; likewise {@code sun.net.httpserver.nodelay=true}, without which
 * Nagle's algorithm adds ~40 ms to every keep-alive answer).
 *
 * <pre>{@code
 * try (HealthServer server = HealthServer.start(registry, Health.options().port(10000).build())) {
 *   ...
 * }
 * }</pre>
 */
public final class HealthServer implements AutoCloseable {
  private final HttpServer server;
  private final ThreadPoolExecutor workers;
  private final ThreadPoolExecutor responders;
  private final HealthOptions options;
  private final JdkAdapter adapter;

  private final java.util.List<com.sun.net.httpserver.HttpContext> contexts = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final java.util.List<com.sun.net.httpserver.Filter> filters = new java.util.concurrent.CopyOnWriteArrayList<>();

  private HealthServer(HttpServer server, ThreadPoolExecutor workers, ThreadPoolExecutor responders,
      HealthOptions options, JdkAdapter adapter) {
    this.server = server;
    this.adapter = adapter;
    this.workers = workers;
    this.responders = responders;
    this.options = options;
  }

  /**
   * Binds and starts serving {@code registry}.
   *
   * @throws RunwayException.IoFailed when the port cannot be bound; the message names it
   */
  public static HealthServer start(HealthRegistry registry, HealthOptions options) {
    configureJdkServer(options);
    InetSocketAddress address = new InetSocketAddress(options.bindAddress(), options.port());
    HttpServer server;
    try {
      server = HttpServer.create(address, options.backlog());
    } catch (IOException e) {
      throw new RunwayException.IoFailed(
          "health server: " + options.bindAddress() + ":" + options.port() + ": cannot listen (" + e.getMessage()
              + "); set PORT to a free port", Origin.of(options.bindAddress() + ":" + options.port()), e);
    }
    ThreadPoolExecutor workers = Pools.fixed("runway-health-http", options.workers(), 4096);
    ThreadPoolExecutor responders = Pools.fixed("runway-health-respond", 2, 4096);
    HealthHandler handler = HealthHandler.create(registry, options);
    JdkAdapter adapter = handler.jdkAdapter(responders);
    HealthServer started = new HealthServer(server, workers, responders, options, adapter);
    started.contexts.add(server.createContext("/", adapter));
    server.setExecutor(workers);
    server.start();
    return started;
  }

  private static void configureJdkServer(HealthOptions options) {
    // Read once by sun.net.httpserver.ServerConfig; without it a slow client holds a worker forever.
    if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
      System.setProperty("sun.net.httpserver.maxReqTime", String.valueOf(options.slowClientTimeout().toSeconds()));
    }
    // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle and the
    // client's delayed ACK add ~40 ms to every keep-alive answer.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    if (System.getProperty("sun.net.httpserver.maxReqHeaders") == null) {
      System.setProperty("sun.net.httpserver.maxReqHeaders", "100");
    }
  }

  /**
   * Serves another handler on this server, beside the health endpoints: a Prometheus scrape
   * endpoint, say ({@code server.mount("/api/metrics", Metrics.endpoint(registry, token))}). It runs
   * on the same bounded worker pool, behind the same request limits and filters.
   *
   * @return this server
   */
  public HealthServer mount(String path, com.sun.net.httpserver.HttpHandler handler) {
    com.sun.net.httpserver.HttpContext context = server.createContext(path, handler);
    context.getFilters().addAll(filters);
    contexts.add(context);
    return this;
  }

  /**
   * Runs a filter (request timing, request ids) before every request this server answers, on the
   * health endpoints and on every mounted handler.
   *
   * @return this server
   */
  public HealthServer filter(com.sun.net.httpserver.Filter filter) {
    filters.add(filter);
    for (com.sun.net.httpserver.HttpContext c : contexts) c.getFilters().add(filter);
    return this;
  }

  /** The bound port (the chosen one when the options said 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://host:port/api/health}. */
  public String url() {
    String host = options.bindAddress().equals("0.0.0.0") ? "127.0.0.1" : options.bindAddress();
    return "http://" + host + ":" + port() + options.basePath();
  }

  /**
   * Stops accepting connections, lets exchanges in progress finish for up to a second, then stops
   * the threads. Does not close the registry. Idempotent.
   */
  @Override
  public void close() {
    // stop(n) waits out n seconds on JDK 17 even when nothing is in flight; only wait when something is.
    server.stop(adapter.inFlight() == 0 ? 0 : 1);
    workers.shutdown();
    responders.shutdown();
    try {
      if (!workers.awaitTermination(2, TimeUnit.SECONDS)) workers.shutdownNow();
      if (!responders.awaitTermination(1, TimeUnit.SECONDS)) responders.shutdownNow();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      workers.shutdownNow();
      responders.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return "HealthServer{" + url() + "}";
  }
}

package dev.runway.health;

import com.sun.net.httpserver.Filter;
import dev.runway.base.Origin;
import dev.runway.base.Pools;
import dev.runway.base.RunwayException;
import dev.runway.health.internal.HttpEngine;
import dev.runway.health.internal.Router;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health endpoints on a small built-in HTTP/1.1 server: no framework, starts in milliseconds.
 * See {@link HealthHandler} for the routes and answers.
 *
 * <p>Bounds: one I/O thread reads every request without blocking, so a slow client costs a buffer,
 * never a thread; a request (head and body) not complete within
 * {@link HealthOptions#slowClientTimeout()} of its first byte is answered 408 and disconnected,
 * however steadily it trickles. Complete requests go to a fixed pool of
 * {@link HealthOptions#workers()} threads; answers that wait for probes are written when the
 * probes finish, so no worker ever waits on a dependency or on a client, and liveness keeps
 * answering while a dependency hangs or clients stall. Queues are bounded.
 *
 * <p>Ownership: the server owns the threads and sockets it starts and {@link #close()} stops them.
 * A registry passed to {@link #start(HealthRegistry, HealthOptions)} stays the caller's (it may be
 * mounted elsewhere too): close it after the server. A registry the server builds, with
 * {@link #start(HealthRegistry.Builder, HealthOptions)}, is the server's and closes with it.
 *
 * <pre>{@code
 * try (HealthServer server = HealthServer.start(Health.registry().liveness("process", Probes.up()),
 *     Health.options().port(10000).build())) {
 *   ...
 * }
 * }</pre>
 */
public final class HealthServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HealthServer.class);

  private final HttpEngine engine;
  private final Router router;
  private final ThreadPoolExecutor workers;
  private final ThreadPoolExecutor responders;
  private final HealthOptions options;
  private final HealthRegistry registry;
  private final boolean ownsRegistry;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final List<Filter> filters = new CopyOnWriteArrayList<>();

  private HealthServer(HttpEngine engine, Router router, ThreadPoolExecutor workers, ThreadPoolExecutor responders,
      HealthOptions options, HealthRegistry registry, boolean ownsRegistry) {
    this.engine = engine;
    this.router = router;
    this.workers = workers;
    this.responders = responders;
    this.options = options;
    this.registry = registry;
    this.ownsRegistry = ownsRegistry;
  }

  /**
   * Binds and starts serving {@code registry}, which stays the caller's: {@link #close()} does not
   * close it.
   *
   * @throws RunwayException.IoFailed when the port cannot be bound; the message names it
   */
  public static HealthServer start(HealthRegistry registry, HealthOptions options) {
    return start(registry, options, false);
  }

  /**
   * Builds the registry and serves it; the registry is the server's, and {@link #close()} closes
   * it (its probe threads and refresh timer) after the server has stopped.
   *
   * @throws RunwayException.IoFailed when the port cannot be bound; the message names it
   */
  public static HealthServer start(HealthRegistry.Builder registry, HealthOptions options) {
    HealthRegistry built = registry.build();
    try {
      return start(built, options, true);
    } catch (RuntimeException e) {
      built.close();
      throw e;
    }
  }

  private static HealthServer start(HealthRegistry registry, HealthOptions options, boolean owns) {
    InetSocketAddress address = new InetSocketAddress(options.bindAddress(), options.port());
    ThreadPoolExecutor workers = Pools.fixed("runway-health-http", options.workers(), 4096);
    ThreadPoolExecutor responders = Pools.fixed("runway-health-respond", 2, 4096);
    long timeout = options.slowClientTimeout().toNanos();
    HttpEngine.Limits limits = new HttpEngine.Limits(options.maxRequestBytes() + 8192, options.maxRequestBytes(), 100,
        timeout, TimeUnit.SECONDS.toNanos(30), timeout);
    Router router = new Router();
    HttpEngine engine;
    try {
      engine = new HttpEngine(address, options.backlog(), limits, workers, router);
    } catch (IOException | RuntimeException e) {
      workers.shutdownNow();
      responders.shutdownNow();
      throw new RunwayException.IoFailed(
          "health server: " + options.bindAddress() + ":" + options.port() + ": cannot listen (" + e.getMessage()
              + "); set PORT to a free port", Origin.of(options.bindAddress() + ":" + options.port()), e);
    }
    HealthHandler handler = HealthHandler.create(registry, options);
    router.add("/", handler.jdkAdapter(responders));
    HealthServer started = new HealthServer(engine, router, workers, responders, options, registry, owns);
    engine.start();
    LOG.info("health: listening on {}; endpoints at {}", describe(engine.address()), started.url());
    return started;
  }

  /** {@code 0.0.0.0:8080 (all interfaces)}: the bind as the socket reports it. */
  static String describe(InetSocketAddress a) {
    return hostPort(a) + (a.getAddress().isAnyLocalAddress() ? " (all interfaces)" : " (this address only)");
  }

  private static String hostPort(InetSocketAddress a) {
    String host = a.getAddress().getHostAddress();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
  }

  /**
   * Serves another handler on this server, beside the health endpoints: a Prometheus scrape
   * endpoint, say ({@code server.mount("/api/metrics", Metrics.endpoint(registry, token))}). It runs
   * on the same bounded worker pool, behind the same request limits and filters.
   *
   * @return this server
   */
  public HealthServer mount(String path, com.sun.net.httpserver.HttpHandler handler) {
    Router.Context context = router.add(path, handler);
    context.getFilters().addAll(filters);
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
    for (Router.Context c : router.contexts()) c.getFilters().add(filter);
    return this;
  }

  /** The bound port (the chosen one when the options said 0). */
  public int port() {
    return engine.address().getPort();
  }

  /** The address the server is bound to, as the socket reports it: {@code 0.0.0.0:8080} binds all interfaces. */
  public InetSocketAddress address() {
    return engine.address();
  }

  /** The registry this server answers for. */
  public HealthRegistry registry() {
    return registry;
  }

  /**
   * {@code http://host:port/api/health}, an address this process can reach itself at: the bound
   * host, or {@code 127.0.0.1} when the server binds all interfaces (see {@link #address()} for the
   * bind itself).
   */
  public String url() {
    InetSocketAddress a = engine.address();
    String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
    if (host.indexOf(':') >= 0) host = "[" + host + "]";
    return "http://" + host + ":" + port() + options.basePath();
  }

  /**
   * Stops accepting connections, lets answers in flight finish for up to a second, then closes every
   * connection and stops the server's threads; closes the registry too when the server built it
   * ({@link #start(HealthRegistry.Builder, HealthOptions)}), never one it was given. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) return;
    engine.stop(engine.inFlight() == 0 ? 0 : 1000);
    workers.shutdown();
    responders.shutdown();
    try {
      if (!workers.awaitTermination(2, TimeUnit.SECONDS)) workers.shutdownNow();
      if (!responders.awaitTermination(1, TimeUnit.SECONDS)) responders.shutdownNow();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      workers.shutdownNow();
      responders.shutdownNow();
    } finally {
      if (ownsRegistry) registry.close();
    }
  }

  @Override
  public String toString() {
    return "HealthServer{" + hostPort(engine.address()) + options.basePath() + "}";
  }
}

package dev.runway.observability;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpHandler;
import dev.runway.observability.internal.ScrapeHandler;
import dev.runway.observability.internal.TimingFilter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * Micrometer meters for a Runway service and a Prometheus scrape endpoint. Meter names follow
 * Micrometer's conventions (dots; Prometheus shows {@code http_server_requests_seconds}):
 *
 * <ul>
 *   <li>{@code http.server.requests} (method, uri, status, outcome): {@link #timing(MeterRegistry)}
 *   <li>{@code runway.probe.duration} (probe, status): {@link #probe}
 *   <li>{@code runway.pipeline.duration} (pipeline, outcome), {@code runway.deploy.duration}
 *       (service, platform, outcome)
 *   <li>{@code jvm.memory.*}, {@code jvm.gc.*}, threads, classes, CPU, uptime: {@link #bindJvm}
 *   <li>{@code runway.log.dropped}, {@code runway.log.errors}, {@code runway.alerts.*}: {@link #bindLogging}
 * </ul>
 *
 * <pre>{@code
 * PrometheusMeterRegistry registry = Metrics.prometheus();
 * Metrics.bindJvm(registry);
 * server.createContext("/api/orders", orders).getFilters().add(Metrics.timing(registry));
 * server.createContext("/api/metrics", Metrics.endpoint(registry, metricsToken));
 * }</pre>
 */
public final class Metrics {
  private Metrics() {}

  /** A Prometheus registry with Micrometer's defaults. */
  public static PrometheusMeterRegistry prometheus() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  /** JVM memory (heap and non-heap pools), GC pauses, threads, classes, CPU and uptime. */
  public static void bindJvm(MeterRegistry registry) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry); // listens for the process's lifetime
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /** Dropped log events, ERROR events and alert delivery of an installed {@link Logging}. */
  public static void bindLogging(MeterRegistry registry, Logging logging) {
    Gauge.builder("runway.log.dropped", logging, Logging::dropped)
        .description("log events dropped because the log queue was full").register(registry);
    Gauge.builder("runway.log.errors", logging, Logging::errors).description("ERROR events logged").register(registry);
    Gauge.builder("runway.alerts.sent", logging, Logging::alertsSent).register(registry);
    Gauge.builder("runway.alerts.failed", logging, Logging::alertsFailed).register(registry);
    Gauge.builder("runway.alerts.dropped", logging, Logging::alertsDropped).register(registry);
  }

  /**
   * A JDK HTTP server filter timing every exchange of the contexts it is added to, including the
   * health server's.
   */
  public static Filter timing(MeterRegistry registry) {
    return new TimingFilter(registry);
  }

  /**
   * The Prometheus scrape endpoint, for requests with {@code Authorization: Bearer <token>} only
   * (the health details policy); refusals are answered 401 and recorded as
   * {@link SecurityEvent.Type#TOKEN_REJECTED}.
   *
   * @throws IllegalArgumentException when the token is shorter than 16 characters
   */
  public static HttpHandler endpoint(PrometheusMeterRegistry registry, String token) {
    return tokenEndpoint(registry, token);
  }

  /**
   * The scrape endpoint of {@link #endpoint}, binding the JVM meters of {@link #bindJvm} when it
   * serves its first scrape instead of at start-up. JVM gauges are read at scrape time anyway, so
   * nothing is lost but the GC pauses before that first scrape; in exchange a service starts without
   * the JVM management beans (0.4–0.5 MiB of heap in the example service, docs/performance.md).
   */
  public static HttpHandler endpointBindingJvm(PrometheusMeterRegistry registry, String token) {
    return tokenEndpoint(registry, token).beforeFirstScrape(() -> bindJvm(registry));
  }

  private static ScrapeHandler tokenEndpoint(PrometheusMeterRegistry registry, String token) {
    if (token.length() < 16) {
      throw new IllegalArgumentException("metrics: token: shorter than 16 characters; use a random one,"
          + " e.g. openssl rand -hex 32");
    }
    SecurityLog security = SecurityLog.create();
    return new ScrapeHandler(registry, token, security::tokenRejected);
  }

  /** The scrape endpoint without a token: only for a service on a private network. */
  public static HttpHandler openEndpoint(PrometheusMeterRegistry registry) {
    return new ScrapeHandler(registry, null, (path, remote) -> {});
  }

  /** Records one probe run: {@code status} is pass, warn or fail. */
  public static void probe(MeterRegistry registry, String probe, String status, Duration duration) {
    Timer.builder("runway.probe.duration").description("health probe runs").tag("probe", probe).tag("status", status)
        .register(registry).record(duration);
  }

  /** Records one pipeline run: {@code outcome} is e.g. success, failed, cancelled. */
  public static void pipeline(MeterRegistry registry, String pipeline, String outcome, Duration duration) {
    Timer.builder("runway.pipeline.duration").description("pipeline runs").tag("pipeline", pipeline)
        .tag("outcome", outcome).register(registry).record(duration);
  }

  /** Records one deploy, from trigger to live (or failure). */
  public static void deploy(MeterRegistry registry, String service, String platform, String outcome,
      Duration duration) {
    Timer.builder("runway.deploy.duration").description("deploys, trigger to live").tag("service", service)
        .tag("platform", platform).tag("outcome", outcome).register(registry).record(duration);
  }
}

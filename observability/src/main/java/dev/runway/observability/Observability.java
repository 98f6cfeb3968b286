package dev.runway.observability;

import com.sun.net.httpserver.Filter;
import dev.runway.observability.internal.RequestIdFilter;

/**
 * Entry point of runway-observability: logs that carry service, environment and version as one
 * JSON line per event and never a secret ({@link #logging()}), errors grouped by fingerprint with
 * error-rate alerts ({@link ErrorAlerts}), a security event log ({@link #securityLog()}), and
 * Micrometer metrics with a Prometheus endpoint ({@link Metrics}).
 *
 * <pre>{@code
 * Env env = AcmeEnv.SCHEMA.load(EnvSources.standard(Path.of(".")));
 * Logging logging = Observability.logging().service("acme-api").env(env)
 *     .errorAlerts(ErrorAlerts.builder().sink(alertSink).build())
 *     .install();
 * server.createContext("/api/orders", orders).getFilters()
 *     .addAll(List.of(Observability.requestIds(), Metrics.timing(registry)));
 * }</pre>
 */
public final class Observability {
  private Observability() {}

  /** Runway's ready Logback set-up; nothing changes until {@link Logging.Builder#install()}. */
  public static Logging.Builder logging() {
    return Logging.builder();
  }

  /** The security event log, on the logger {@value SecurityLog#LOGGER_NAME}. */
  public static SecurityLog securityLog() {
    return SecurityLog.create();
  }

  /**
   * A JDK HTTP server filter that puts a request id in the MDC ({@code requestId}) for the
   * request's log lines and answers it in {@code X-Request-Id}: the caller's {@code X-Request-Id}
   * when it is 1-64 letters, digits, {@code -_.:}, else a new random one.
   */
  public static Filter requestIds() {
    return new RequestIdFilter();
  }
}

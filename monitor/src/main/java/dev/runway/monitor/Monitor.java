package dev.runway.monitor;

import dev.runway.base.RunwayException;
import dev.runway.base.Pools;
import dev.runway.monitor.internal.AlertState;
import dev.runway.monitor.internal.Dispatcher;
import dev.runway.monitor.internal.Engine;
import dev.runway.monitor.internal.FailoverHistory;
import dev.runway.notify.Notifier;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link Endpoint}s on a schedule, keeps their history, opens and resolves incidents and
 * sends one alert per transition. Thread-safe; {@link #close()} stops it.
 *
 * <p>Guarantees: checks are due at fixed times (no drift) and run on at most
 * {@code maxConcurrency} threads; an endpoint whose previous check still runs skips its slot, so
 * slow targets never pile up; every check is bounded by its probe's timeout. Alerts go out on a
 * thread of their own, retried with backoff, and never delay a check. When the history database
 * fails, monitoring goes on in memory and {@link #historyProblem()} says so.
 *
 * <pre>{@code
 * try (Monitor monitor = Monitor.builder()
 *     .endpoint(Endpoint.builder("api", HttpProbe.get(apiUrl + "/api/health").build())
 *         .interval(Duration.ofSeconds(30)).build())
 *     .history(History.sqlite(Path.of("monitor.db")))
 *     .notifier(Notifiers.slack(webhook))
 *     .statusPage(Path.of("public/status.html"), "Acme status")
 *     .start()) {
 *   ...
 * }
 * }</pre>
 */
public final class Monitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Monitor.class);

  private final List<Endpoint> endpoints;
  private final FailoverHistory history;
  private final Dispatcher dispatcher;
  private final Engine engine;
  private final Clock clock;
  private final Duration retention;
  private final @Nullable Path statusPage;
  private final String title;
  private final Duration statusPageEvery;
  private final ScheduledThreadPoolExecutor writer = Pools.timer("runway-monitor-writer");
  private volatile boolean started;

  private Monitor(Builder b) {
    this.endpoints = List.copyOf(b.endpoints);
    this.clock = b.clock;
    this.retention = b.retention;
    this.statusPage = b.statusPage;
    this.title = b.title;
    this.statusPageEvery = b.statusPageEvery;
    this.history = new FailoverHistory(b.history, b.memoryPerEndpoint);
    this.dispatcher = new Dispatcher(b.notifiers, b.notifyAttempts, b.notifyBackoff);
    this.engine = new Engine(endpoints, history, dispatcher, clock, b.maxConcurrency, b.stagger, this::transitioned);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the schedule and the writer (history flush every second, retention purge hourly,
   * status page every {@code statusPageEvery} and after every transition).
   *
   * @throws IllegalStateException when already started
   */
  public synchronized Monitor start() {
    if (started) throw new IllegalStateException("monitor: already started");
    started = true;
    engine.start();
    writer.scheduleWithFixedDelay(this::flushQuietly, 1, 1, TimeUnit.SECONDS);
    writer.scheduleWithFixedDelay(this::purgeQuietly, 0, 1, TimeUnit.HOURS);
    if (statusPage != null) {
      writer.scheduleWithFixedDelay(this::writeStatusPageQuietly, statusPageEvery.toMillis(), statusPageEvery.toMillis(),
          TimeUnit.MILLISECONDS);
    }
    return this;
  }

  /**
   * Checks every endpoint once, now, waits for the results (each bounded by its timeout), applies
   * the alert rules, writes the history and the status page, and returns the observations in
   * endpoint order. This is {@code runway monitor run --once}, for cron-driven runners.
   */
  public List<Observation> runOnce() {
    List<Observation> out = engine.runOnce();
    flushQuietly();
    if (statusPage != null) writeStatusPageQuietly();
    return out;
  }

  private void transitioned(Endpoint e, AlertState.Transition t) {
    LOG.info("monitor: {}: incident {} {} ({})", e.name(), t.incident().id(), t.kind().name().toLowerCase(java.util.Locale.ROOT),
        t.incident().cause());
    if (statusPage != null && started) {
      try {
        writer.execute(this::writeStatusPageQuietly);
      } catch (RejectedExecutionException ignored) {
        // closing
      }
    }
  }

  private void flushQuietly() {
    history.flush(); // never throws: a failure is kept in historyProblem()
  }

  private void purgeQuietly() {
    history.purge(clock.instant().minus(retention));
  }

  private void writeStatusPageQuietly() {
    try {
      StatusPage.write(report(), Objects.requireNonNull(statusPage));
    } catch (RuntimeException e) {
      LOG.warn("monitor: status page {}: not written: {}", statusPage, e.getMessage());
    }
  }

  /** What the status page would show now. */
  public StatusReport report() {
    return StatusPage.report(title, endpoints, history, clock.instant(), historyProblem().orElse(null));
  }

  /** The endpoints, in the order they were added. */
  public List<Endpoint> endpoints() {
    return endpoints;
  }

  /** The history as the monitor sees it (memory when the database is away). */
  public History history() {
    return history;
  }

  /** The open incident of each endpoint that has one. */
  public Map<String, Incident> openIncidents() {
    return engine.openIncidents();
  }

  /** Why the history is kept in memory only right now; empty while the database takes writes. */
  public Optional<String> historyProblem() {
    return history.problem();
  }

  public MonitorStats stats() {
    return engine.stats();
  }

  /** Stops checking, writes what is buffered, lets queued alerts go out (up to 2 s), closes the history. */
  @Override
  public void close() {
    engine.close();
    writer.shutdownNow();
    dispatcher.close();
    history.close();
  }

  @Override
  public String toString() {
    return "Monitor{" + endpoints.size() + " endpoints, history " + history.describe() + "}";
  }

  /** Collects endpoints and settings; not thread-safe. */
  public static final class Builder {
    private final List<Endpoint> endpoints = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private History history = History.inMemory(10_000);
    private final List<Notifier> notifiers = new ArrayList<>();
    private int maxConcurrency = 32;
    private int memoryPerEndpoint = 2_000;
    private Duration retention = Duration.ofDays(90);
    private Clock clock = Clock.systemUTC();
    private @Nullable Path statusPage;
    private String title = "Status";
    private Duration statusPageEvery = Duration.ofMinutes(1);
    private boolean stagger = true;
    private int notifyAttempts = 3;
    private Duration notifyBackoff = Duration.ofSeconds(2);

    private Builder() {}

    /**
     * Adds an endpoint.
     *
     * @throws RunwayException.ModelInvalid when another endpoint has the same name
     */
    public Builder endpoint(Endpoint endpoint) {
      if (!names.add(endpoint.name())) {
        throw new RunwayException.ModelInvalid("monitor: endpoint '" + endpoint.name()
            + "': added twice; give each endpoint its own name", null);
      }
      endpoints.add(endpoint);
      return this;
    }

    public Builder endpoints(Iterable<Endpoint> more) {
      for (Endpoint e : more) endpoint(e);
      return this;
    }

    /** Where history goes; default memory (the last 10,000 checks of each endpoint). */
    public Builder history(History value) {
      this.history = Objects.requireNonNull(value, "value");
      return this;
    }

    public Builder notifier(Notifier value) {
      notifiers.add(Objects.requireNonNull(value, "value"));
      return this;
    }

    /** How many checks may run at once; default 32. */
    public Builder maxConcurrency(int value) {
      if (value < 1) throw new IllegalArgumentException("monitor: maxConcurrency must be >= 1 but was " + value);
      this.maxConcurrency = value;
      return this;
    }

    /** Observations and resolved incidents older than this are deleted (hourly); default 90 days. */
    public Builder retention(Duration value) {
      if (value.compareTo(Duration.ofDays(1)) < 0) {
        throw new IllegalArgumentException("monitor: retention must be at least 1 day but was " + value);
      }
      this.retention = value;
      return this;
    }

    /** How many recent checks per endpoint stay in memory for when the database is away; default 2,000. */
    public Builder memoryPerEndpoint(int value) {
      this.memoryPerEndpoint = value;
      return this;
    }

    /** The wall clock for timestamps and maintenance windows (the schedule uses the monotonic clock). */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "value");
      return this;
    }

    /** Writes the static status page to {@code file} every minute and after each transition. */
    public Builder statusPage(Path file, String pageTitle) {
      this.statusPage = Objects.requireNonNull(file, "file");
      this.title = Objects.requireNonNull(pageTitle, "pageTitle");
      return this;
    }

    public Builder statusPageEvery(Duration value) {
      this.statusPageEvery = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * Endpoints without jitter start at a fixed offset within their interval, derived from their
     * name, so a thousand of them never fall due at one instant (default true). Off: all at start.
     */
    public Builder stagger(boolean enabled) {
      this.stagger = enabled;
      return this;
    }

    /** Each alert is tried up to {@code attempts} times, waiting {@code firstBackoff}, then double, between; default 3, 2 s. */
    public Builder notifyRetries(int attempts, Duration firstBackoff) {
      if (attempts < 1) throw new IllegalArgumentException("monitor: notify attempts must be >= 1 but was " + attempts);
      this.notifyAttempts = attempts;
      this.notifyBackoff = Objects.requireNonNull(firstBackoff, "firstBackoff");
      return this;
    }

    /** The monitor, not started: reads open incidents and recent checks from the history. */
    public Monitor build() {
      return new Monitor(this);
    }

    /** Builds and starts. */
    public Monitor start() {
      return build().start();
    }
  }
}

package dev.runway.supabase;

import dev.runway.env.PostgresUrl;
import dev.runway.supabase.internal.Outcome;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a free Supabase project from pausing: a small real query ({@code select 1} over JDBC) or
 * REST call ({@code GET /rest/v1/}) run often enough that the project never reaches its idle
 * limit (7 days on the free plan), even when some runs fail.
 *
 * <p>The interval is {@code (idle limit - margin) / (tolerated failures + 1)}: with the defaults
 * (7 days, a 1-day margin, 2 failed runs in a row tolerated) a run every 2 days. Until Runway's
 * monitoring scheduler exists it runs on its own daemon thread; {@link #close()} stops it.
 *
 * <pre>{@code
 * try (KeepAlive keepAlive = Supabase.keepAlive().postgres(url).plan(PlanLimits.FREE).start()) { ... }
 * }</pre>
 */
public final class KeepAlive implements AutoCloseable {
  private final Supplier<Outcome> action;
  private final Duration interval;
  private final String target;
  private final Clock clock;
  private final AtomicReference<@Nullable Instant> lastSuccess = new AtomicReference<>();
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicInteger runs = new AtomicInteger();
  private volatile @Nullable ScheduledExecutorService scheduler;

  private KeepAlive(Supplier<Outcome> action, Duration interval, String target, Clock clock) {
    this.action = action;
    this.interval = interval;
    this.target = target;
    this.clock = clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * How often to run so that {@code toleratedFailures} failed runs in a row still leave a success
   * within {@code idleLimit - margin}.
   *
   * @throws IllegalArgumentException when the margin leaves no time, or toleratedFailures is negative
   */
  public static Duration interval(Duration idleLimit, Duration margin, int toleratedFailures) {
    if (toleratedFailures < 0) throw new IllegalArgumentException("supabase: keep-alive: toleratedFailures must be >= 0 but was " + toleratedFailures);
    Duration window = idleLimit.minus(margin);
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("supabase: keep-alive: the margin (" + margin + ") leaves no time within the idle limit ("
          + idleLimit + "); use a smaller margin");
    }
    Duration interval = window.dividedBy(toleratedFailures + 1L);
    return interval.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : interval;
  }

  /** The interval for a plan, or empty when the plan never pauses (no keep-alive needed). */
  public static Optional<Duration> intervalFor(PlanLimits plan, int toleratedFailures) {
    if (plan.pausesAfterIdleDays() <= 0) return Optional.empty();
    Duration limit = Duration.ofDays(plan.pausesAfterIdleDays());
    Duration margin = limit.compareTo(Duration.ofDays(2)) >= 0 ? Duration.ofDays(1) : limit.dividedBy(4);
    return Optional.of(interval(limit, margin, toleratedFailures));
  }

  /** Runs the query or call once, now; true when it reached the project. Never throws. */
  public boolean runOnce() {
    runs.incrementAndGet();
    Outcome o;
    try {
      o = action.get();
    } catch (RuntimeException e) {
      o = Outcome.fail(e.getClass().getSimpleName());
    }
    if (o.level() != Outcome.Level.FAIL) {
      lastSuccess.set(clock.instant());
      failures.set(0);
      return true;
    }
    failures.incrementAndGet();
    return false;
  }

  /**
   * Starts running every {@link #interval()} on a daemon thread, the first run at once.
   *
   * @throws IllegalStateException when already started
   */
  public synchronized KeepAlive start() {
    if (scheduler != null) throw new IllegalStateException("supabase: keep-alive for " + target + ": already started");
    ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "supabase-keep-alive");
      t.setDaemon(true);
      return t;
    });
    s.scheduleWithFixedDelay(this::runOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    scheduler = s;
    return this;
  }

  public Duration interval() {
    return interval;
  }

  /** What is kept alive, for people; never a secret. */
  public String target() {
    return target;
  }

  public Optional<Instant> lastSuccess() {
    return Optional.ofNullable(lastSuccess.get());
  }

  public int consecutiveFailures() {
    return failures.get();
  }

  public int runs() {
    return runs.get();
  }

  @Override
  public synchronized void close() {
    ScheduledExecutorService s = scheduler;
    if (s != null) s.shutdownNow();
    scheduler = null;
  }

  @Override
  public String toString() {
    return "KeepAlive[" + target + " every " + interval + "]";
  }

  /** Settings of the keep-alive job: one target ({@link #postgres} or {@link #rest}) is required. */
  public static final class Builder {
    private @Nullable Supplier<Outcome> action;
    private String target = "";
    private PlanLimits plan = PlanLimits.FREE;
    private int toleratedFailures = 2;
    private @Nullable Duration interval;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Keep alive with {@code select 1} over JDBC. */
    public Builder postgres(PostgresUrl url) {
      PostgresProbes probes = PostgresProbes.builder(url).build();
      this.action = () -> probes.checks().connect();
      this.target = "postgres " + probes.target();
      return this;
    }

    /** Keep alive with {@code GET /rest/v1/} (any key; a public key's "Access to schema is forbidden" counts). */
    public Builder rest(URI projectUrl, String apiKey) {
      ProjectProbes probes = ProjectProbes.builder(projectUrl, apiKey).build();
      this.action = () -> probes.checks().rest();
      this.target = "rest " + projectUrl;
      return this;
    }

    public Builder plan(PlanLimits value) {
      this.plan = Objects.requireNonNull(value, "value");
      return this;
    }

    /** Failed runs in a row the schedule absorbs before the project would pause (default 2). */
    public Builder toleratedFailures(int value) {
      if (value < 0) throw new IllegalArgumentException("supabase: keep-alive: toleratedFailures must be >= 0 but was " + value);
      this.toleratedFailures = value;
      return this;
    }

    /** A fixed interval instead of the computed one. */
    public Builder interval(Duration value) {
      if (value.isNegative() || value.isZero()) throw new IllegalArgumentException("supabase: keep-alive: interval must be positive");
      this.interval = value;
      return this;
    }

    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "value");
      return this;
    }

    /** Internal hook: any action (tests, the sandbox). */
    Builder action(String description, Supplier<Outcome> value) {
      this.action = value;
      this.target = description;
      return this;
    }

    /**
     * The job, not yet started.
     *
     * @throws IllegalStateException without a target, or for a plan that never pauses without an explicit interval
     */
    public KeepAlive build() {
      if (action == null) throw new IllegalStateException("supabase: keep-alive: no target; call .postgres(url) or .rest(projectUrl, key)");
      Duration every = interval != null ? interval : intervalFor(plan, toleratedFailures).orElseThrow(() ->
          new IllegalStateException("supabase: keep-alive: the " + plan.name() + " plan never pauses, so no keep-alive is"
              + " needed; set .interval(...) to run one anyway"));
      return new KeepAlive(action, every, target, clock);
    }

    /** Builds and starts the job. */
    public KeepAlive start() {
      return build().start();
    }
  }
}

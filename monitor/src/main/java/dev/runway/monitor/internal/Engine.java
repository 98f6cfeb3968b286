package dev.runway.monitor.internal;

import dev.runway.health.Probe;
import dev.runway.health.Result;
import dev.runway.base.Pools;
import dev.runway.monitor.Endpoint;
import dev.runway.monitor.Incident;
import dev.runway.monitor.MonitorStats;
import dev.runway.monitor.Observation;
import dev.runway.monitor.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The scheduler. One timer thread fires each endpoint at its due times; checks run on a fixed pool
 * of {@code maxConcurrency} workers.
 *
 * <ul>
 *   <li>No drift: check {@code k} of an endpoint is due at {@code base + offset + k * interval} on
 *       the monotonic clock ({@link System#nanoTime()}), never "last end + interval"; a wall-clock
 *       jump moves timestamps, not the schedule.
 *   <li>No pile-up: an endpoint whose previous check is still running skips its slot (counted);
 *       a process paused past whole intervals resumes at the next future slot (counted as missed)
 *       instead of firing the backlog.
 *   <li>Bounded: each check is bounded by its probe's timeout (a guard on the timer records the
 *       timeout and interrupts the thread); the work queue holds at most one check per endpoint.
 * </ul>
 */
public final class Engine implements AutoCloseable {
  private static final int LAG_SAMPLES = 1 << 16;
  private static final Duration RESTORE_AT_LEAST = Duration.ofDays(1);
  private static final long GUARD_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  private final class Slot {
    final Endpoint endpoint;
    final Probe check;
    final long intervalNanos;
    final long offsetNanos;
    final AtomicBoolean inFlight = new AtomicBoolean();
    final AlertState alerts;
    long base; // set at start
    @Nullable ScheduledFuture<?> next;

    Slot(Endpoint endpoint, @Nullable Incident open) {
      this.endpoint = endpoint;
      this.check = endpoint.probe();
      this.intervalNanos = endpoint.interval().toNanos();
      long jitter = endpoint.jitter().toNanos();
      if (jitter > 0) {
        this.offsetNanos = ThreadLocalRandom.current().nextLong(jitter);
      } else if (stagger) {
        // Spread endpoints without jitter over their interval by name: never all due at one instant.
        long h = (endpoint.name().hashCode() * 0x9E3779B97F4A7C15L) >>> 1;
        this.offsetNanos = h % intervalNanos;
      } else {
        this.offsetNanos = 0;
      }
      this.alerts = new AlertState(endpoint, open);
    }

    long due(long k) {
      return base + offsetNanos + k * intervalNanos;
    }
  }

  private final List<Slot> slots = new ArrayList<>();
  private final FailoverHistory history;
  private final Dispatcher dispatcher;
  private final Clock clock;
  private final BiConsumer<Endpoint, AlertState.Transition> onTransition;
  private final ScheduledThreadPoolExecutor timer = Pools.timer("runway-monitor-timer");
  private final ThreadPoolExecutor workers;
  private final AtomicLong checks = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong missed = new AtomicLong();
  private final long[] lags = new long[LAG_SAMPLES];
  private final AtomicLong lagIndex = new AtomicLong();
  private volatile boolean closed;
  private final boolean stagger;

  public Engine(List<Endpoint> endpoints, FailoverHistory history, Dispatcher dispatcher, Clock clock,
      int maxConcurrency, boolean stagger, BiConsumer<Endpoint, AlertState.Transition> onTransition) {
    this.stagger = stagger;
    this.history = history;
    this.dispatcher = dispatcher;
    this.clock = clock;
    this.onTransition = onTransition;
    this.workers = Pools.fixed("runway-monitor-check", maxConcurrency, Math.max(1, endpoints.size()));
    Instant now = clock.instant();
    Map<String, Incident> open = history.incidents(now.minus(Duration.ofDays(400))).stream()
        .filter(Incident::open).collect(Collectors.toMap(Incident::endpoint, i -> i, (a, b) -> a));
    for (Endpoint e : endpoints) {
      Slot s = new Slot(e, open.get(e.name()));
      int window = Math.max(e.failuresToOpen(), e.successesToResolve()) + 1;
      // Look back a day at least: a run started by cron every 10 minutes (or later, GitHub's cron is
      // late under load) finds the previous run's checks far beyond its endpoints' own intervals.
      Duration back = max(e.interval().multipliedBy(window + 1L), RESTORE_AT_LEAST);
      List<Observation> recent = history.observations(e.name(), now.minus(back), now.plusMillis(1));
      s.alerts.restore(recent.subList(Math.max(0, recent.size() - window), recent.size()));
      slots.add(s);
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** Starts the schedule: each endpoint's first check at its jitter offset from now. */
  public void start() {
    long now = System.nanoTime();
    for (Slot s : slots) {
      s.base = now;
      schedule(s, 0);
    }
  }

  private void schedule(Slot s, long k) {
    if (closed) return;
    try {
      s.next = timer.schedule(() -> fire(s, k), s.due(k) - System.nanoTime(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // closed
    }
  }

  private void fire(Slot s, long k) {
    long due = s.due(k);
    submit(s, due, null);
    long now = System.nanoTime();
    long nextK = k + 1;
    if (s.due(nextK) < now) {
      long current = (now - s.due(0)) / s.intervalNanos + 1; // the first slot still in the future
      missed.addAndGet(current - nextK);
      nextK = current;
    }
    schedule(s, nextK);
  }

  private void submit(Slot s, long due, @Nullable CompletableFuture<Observation> done) {
    if (!s.inFlight.compareAndSet(false, true)) {
      skipped.incrementAndGet();
      if (done != null) done.complete(new Observation(s.endpoint.name(), clock.instant(), State.DOWN, Double.NaN,
          "previous check still running", false));
      return;
    }
    try {
      workers.execute(() -> run(s, due, done));
    } catch (RejectedExecutionException e) {
      s.inFlight.set(false);
      skipped.incrementAndGet();
      if (done != null) done.complete(new Observation(s.endpoint.name(), clock.instant(), State.DOWN, Double.NaN,
          "not run: monitor is shut down", false));
    }
  }

  private void run(Slot s, long due, @Nullable CompletableFuture<Observation> done) {
    long start = System.nanoTime();
    recordLag(start - due);
    checks.incrementAndGet();
    @Nullable Observation result = null;
    try {
      Instant now = clock.instant();
      if (s.endpoint.inMaintenance(now)) {
        result = complete(s, new Observation(s.endpoint.name(), now, State.MAINTENANCE, Double.NaN,
            "in maintenance window", false), null);
        return;
      }
      Duration timeout = s.endpoint.timeout();
      Thread me = Thread.currentThread();
      Object runLock = new Object();
      boolean[] finished = {false};
      ScheduledFuture<?> guard;
      try {
        guard = timer.schedule(() -> {
        synchronized (runLock) {
          if (finished[0]) return;
          finished[0] = true;
          me.interrupt();
        }
        complete(s, new Observation(s.endpoint.name(), clock.instant(), State.DOWN, Double.NaN,
            "timed out after " + timeout.toMillis() + " ms", false), done);
        }, timeout.toNanos() + GUARD_GRACE_NANOS, TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException closing) {
        return; // the monitor is closing: this check would be recorded nowhere
      }
      Result r = runSafely(s.check, timeout);
      long took = System.nanoTime() - start;
      guard.cancel(false);
      boolean mine;
      synchronized (runLock) {
        mine = !finished[0];
        finished[0] = true;
      }
      Thread.interrupted(); // a guard that fired has interrupted us inside the lock; clear it for the next check
      if (mine) result = complete(s, Classifier.classify(s.endpoint, r, took, clock.instant()), null);
    } finally {
      s.inFlight.set(false);
      // Only now: a runOnce caller woken by this may check the endpoint again at once.
      if (done != null && result != null) done.complete(result);
    }
  }

  private static Result runSafely(Probe check, Duration timeout) {
    try {
      Result r = check.runCheck(timeout);
      return r == null ? Result.fail("check returned no result") : r;
    } catch (InterruptedException e) {
      return Result.fail("timed out after " + timeout.toMillis() + " ms");
    } catch (Throwable e) {
      if (e instanceof VirtualMachineError vme && !(e instanceof StackOverflowError)) throw vme;
      String msg = e.getMessage();
      return Result.fail(e.getClass().getSimpleName() + (msg == null || msg.isBlank() ? "" : ": " + firstLine(msg)));
    }
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }

  private Observation complete(Slot s, Observation o, @Nullable CompletableFuture<Observation> done) {
    AlertState.Transition t;
    synchronized (s) {
      history.record(List.of(o));
      t = s.alerts.apply(o, history::nextIncidentId).orElse(null);
      if (t != null) history.save(t.incident());
    }
    if (t != null) {
      dispatcher.send(Alerts.notification(s.endpoint, t, o));
      onTransition.accept(s.endpoint, t);
    }
    if (done != null) done.complete(o);
    return o;
  }

  private void recordLag(long nanos) {
    lags[(int) (lagIndex.getAndIncrement() & (LAG_SAMPLES - 1))] = Math.max(0, nanos);
  }

  /**
   * Checks every endpoint once, now, and waits for all of them (each is bounded by its timeout).
   * Endpoints are checked concurrently, up to the pool size.
   */
  public List<Observation> runOnce() {
    List<CompletableFuture<Observation>> futures = new ArrayList<>();
    long now = System.nanoTime();
    for (Slot s : slots) {
      CompletableFuture<Observation> f = new CompletableFuture<>();
      futures.add(f);
      submit(s, now, f);
    }
    return futures.stream().map(CompletableFuture::join).toList();
  }

  public MonitorStats stats() {
    long n = Math.min(lagIndex.get(), LAG_SAMPLES);
    long[] copy = Arrays.copyOf(lags, (int) n);
    Arrays.sort(copy);
    return new MonitorStats(checks.get(), skipped.get(), missed.get(), pct(copy, 0.50), pct(copy, 0.99),
        Duration.ofNanos(copy.length == 0 ? 0 : copy[copy.length - 1]), dispatcher.sent(), dispatcher.failed());
  }

  private static Duration pct(long[] sorted, double p) {
    if (sorted.length == 0) return Duration.ZERO;
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return Duration.ofNanos(sorted[Math.max(0, Math.min(sorted.length - 1, i))]);
  }

  /** The open incident of each endpoint, by name. */
  public Map<String, Incident> openIncidents() {
    Map<String, Incident> out = new java.util.LinkedHashMap<>();
    for (Slot s : slots) {
      synchronized (s) {
        s.alerts.open().ifPresent(i -> out.put(s.endpoint.name(), i));
      }
    }
    return out;
  }

  @Override
  public void close() {
    closed = true;
    timer.shutdownNow();
    workers.shutdownNow();
    try {
      workers.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

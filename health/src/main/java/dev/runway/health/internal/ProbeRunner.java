package dev.runway.health.internal;

import dev.runway.health.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Runs one registered probe: TTL cache, coalescing and single flight.
 *
 * <ul>
 *   <li>A result younger than the TTL is served from memory: no dependency call.
 *   <li>Concurrent callers that miss the cache share the one in-flight run (coalescing), so
 *       endpoint traffic never multiplies dependency traffic.
 *   <li>A run that outlives its timeout completes its callers with a failing result; the stuck
 *       thread is interrupted, and until it actually returns no new run of this probe starts
 *       (single flight): a hanging dependency holds at most one thread, ever. The pool is sized
 *       to the number of probes, so no probe ever waits for another one's thread.
 * </ul>
 */
public final class ProbeRunner {
  private final String name;
  private final TimedCheck check;
  private final Duration timeout;
  private final long ttlNanos;
  private final boolean background;
  private final ExecutorService pool;
  private final ScheduledExecutorService timer;
  private final AtomicLong runs = new AtomicLong();

  private volatile @Nullable Sample lastCached; // the last sample's asCached(), made once so callers can compare identity
  private @Nullable CompletableFuture<Sample> inFlight; // guarded by this
  private @Nullable FutureTask<?> running; // guarded by this; non-null while a thread is inside the check
  private long runningSinceNanos; // guarded by this

  public ProbeRunner(
      String name,
      TimedCheck check,
      Duration timeout,
      Duration ttl,
      boolean background,
      ExecutorService pool,
      ScheduledExecutorService timer) {
    this.name = name;
    this.check = check;
    this.timeout = timeout;
    this.ttlNanos = ttl.toNanos();
    this.background = background;
    this.pool = pool;
    this.timer = timer;
  }

  public String name() {
    return name;
  }

  public Duration ttl() {
    return Duration.ofNanos(ttlNanos);
  }

  /** How many times the check itself was started; for tests and benchmarks. */
  public long runs() {
    return runs.get();
  }

  /** The fresh cached sample, or the shared in-flight run, or a new run. Never fails. */
  public CompletableFuture<Sample> sample() {
    Sample cached = fresh(System.nanoTime());
    if (cached != null) return CompletableFuture.completedFuture(cached);
    synchronized (this) {
      cached = fresh(System.nanoTime());
      if (cached != null) return CompletableFuture.completedFuture(cached);
      if (inFlight != null) return inFlight;
      return start();
    }
  }

  /** Starts a run unless one is in flight; used by background refresh. */
  public void refresh() {
    synchronized (this) {
      if (inFlight == null) start();
    }
  }

  private @Nullable Sample fresh(long now) {
    Sample s = lastCached;
    if (s == null) return null;
    if (background || now - s.completedNanos() < ttlNanos) return s;
    return null;
  }

  // guarded by this
  private CompletableFuture<Sample> start() {
    long t0 = System.nanoTime();
    CompletableFuture<Sample> future = new CompletableFuture<>();
    if (running != null) {
      // The previous run timed out and its thread has not come back: do not start another one.
      long stuckMillis = TimeUnit.NANOSECONDS.toMillis(t0 - runningSinceNanos);
      Result r = Result.fail("previous run still in progress after " + stuckMillis + " ms (timeout "
          + timeout.toMillis() + " ms); not started again until it returns");
      Sample s = new Sample(r, 0, Instant.now(), t0, false);
      lastCached = s.asCached();
      future.complete(s);
      return future;
    }
    inFlight = future;
    runs.incrementAndGet();
    FutureTask<Void> task = new FutureTask<>(() -> {
      Result r;
      try {
        r = runSafely();
      } finally {
        // Before completing: a caller woken by the completion may start the next run at once.
        synchronized (ProbeRunner.this) {
          running = null;
        }
      }
      complete(future, r, t0);
      return null;
    });
    running = task;
    runningSinceNanos = t0;
    ScheduledFuture<?> deadline;
    try {
      deadline = timer.schedule(() -> {
        if (complete(future, Result.fail("timed out after " + timeout.toMillis() + " ms"), t0)) {
          task.cancel(true);
        }
      }, timeout.toNanos(), TimeUnit.NANOSECONDS);
      pool.execute(task);
    } catch (RejectedExecutionException e) {
      running = null;
      inFlight = null;
      Sample s = new Sample(Result.fail("not run: health checks are shut down"), 0, Instant.now(), t0, false);
      future.complete(s);
      return future;
    }
    future.whenComplete((s, e) -> deadline.cancel(false));
    return future;
  }

  private Result runSafely() {
    try {
      Result r = check.run(timeout);
      return r == null ? Result.fail("check returned no result") : r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Result.fail("interrupted");
    } catch (Throwable e) {
      if (e instanceof VirtualMachineError vme && !(e instanceof StackOverflowError)) throw vme;
      String msg = e.getMessage();
      return Result.fail(e.getClass().getSimpleName() + (msg == null || msg.isBlank() ? "" : ": " + firstLine(msg)));
    }
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }

  private boolean complete(CompletableFuture<Sample> future, Result r, long t0) {
    long now = System.nanoTime();
    Sample s = new Sample(r, now - t0, Instant.now(), now, false);
    synchronized (this) {
      if (inFlight != future) return false; // the other side (run or timeout) got there first
      inFlight = null;
      lastCached = s.asCached();
    }
    return future.complete(s);
  }
}

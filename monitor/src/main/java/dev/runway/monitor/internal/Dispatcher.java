package dev.runway.monitor.internal;

import dev.runway.base.Pools;
import dev.runway.notify.Notification;
import dev.runway.notify.Notifier;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alerts on a thread of their own, so a slow or failing notifier never delays a check. Each
 * notifier gets each notification up to {@code attempts} times, with a doubling backoff scheduled
 * on the timer (no thread sleeps). The queue is bounded: past 1,000 waiting alerts new ones are
 * dropped and counted as failed.
 */
public final class Dispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  private static final int MAX_QUEUE = 1000;

  private final List<Notifier> notifiers;
  private final int attempts;
  private final Duration firstBackoff;
  private final ScheduledThreadPoolExecutor executor = Pools.timer("runway-monitor-notify");
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  public Dispatcher(List<Notifier> notifiers, int attempts, Duration firstBackoff) {
    this.notifiers = List.copyOf(notifiers);
    this.attempts = attempts;
    this.firstBackoff = firstBackoff;
  }

  public void send(Notification n) {
    for (Notifier notifier : notifiers) schedule(notifier, n, 1, 0);
  }

  private void schedule(Notifier notifier, Notification n, int attempt, long delayNanos) {
    if (executor.getQueue().size() >= MAX_QUEUE) {
      failed.incrementAndGet();
      LOG.warn("monitor: alert '{}' dropped: {} alerts are waiting; check the notifiers", n.title(), MAX_QUEUE);
      return;
    }
    try {
      executor.schedule(() -> attempt(notifier, n, attempt), delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      failed.incrementAndGet(); // closed
    }
  }

  private void attempt(Notifier notifier, Notification n, int attempt) {
    try {
      notifier.send(n);
      sent.incrementAndGet();
    } catch (RuntimeException e) {
      if (attempt < attempts) {
        long backoff = firstBackoff.toNanos() << Math.min(20, attempt - 1);
        schedule(notifier, n, attempt + 1, backoff);
      } else {
        failed.incrementAndGet();
        LOG.warn("monitor: alert '{}' not delivered after {} attempts: {}", n.title(), attempts, e.getMessage());
      }
    }
  }

  public long sent() {
    return sent.get();
  }

  public long failed() {
    return failed.get();
  }

  /** Waits up to {@code grace} for queued alerts, then stops. */
  public void close(Duration grace) {
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(true);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) executor.shutdownNow();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      executor.shutdownNow();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(2));
  }
}

package dev.runway.supabase.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * At most {@code limit} calls in any sliding window of {@code window}: the Management API allows 60
 * requests a minute per token, so a client waits before it would be refused rather than after.
 */
public final class RateLimiter {
  /** Sleeps; tests pass one that advances a fake clock. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Deque<Long> sent = new ArrayDeque<>();

  public RateLimiter(int limit, Duration window, Clock clock, Sleeper sleeper) {
    if (limit < 1) throw new IllegalArgumentException("supabase: rate limit: must be >= 1 request per window but was " + limit);
    this.limit = limit;
    this.window = window;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Waits until one more call fits the window, then counts it; returns how long it waited. */
  public synchronized Duration acquire() throws InterruptedException {
    Duration waited = Duration.ZERO;
    while (true) {
      long now = clock.millis();
      while (!sent.isEmpty() && sent.peekFirst() <= now - window.toMillis()) sent.pollFirst();
      if (sent.size() < limit) {
        sent.addLast(now);
        return waited;
      }
      Duration wait = Duration.ofMillis(sent.peekFirst() + window.toMillis() - now);
      sleeper.sleep(wait);
      waited = waited.plus(wait);
    }
  }
}

package dev.runway.supabase.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  /** A clock that the sleeper moves forward. */
  static final class FakeClock extends Clock {
    Instant now = Instant.parse("2025-01-01T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void sixtyCallsGoAtOnceAndTheSixtyFirstWaitsForTheMinuteToPass() throws Exception {
    FakeClock clock = new FakeClock();
    List<Duration> sleeps = new ArrayList<>();
    RateLimiter limiter = new RateLimiter(60, Duration.ofMinutes(1), clock, d -> {
      sleeps.add(d);
      clock.now = clock.now.plus(d);
    });
    for (int i = 0; i < 60; i++) {
      assertThat(limiter.acquire()).isZero();
      clock.now = clock.now.plusMillis(100);
    }
    assertThat(limiter.acquire()).isEqualTo(Duration.ofMillis(54_000));
    assertThat(sleeps).containsExactly(Duration.ofMillis(54_000));
  }

  @Test
  void neverMoreThanTheLimitInAnyWindow() throws Exception {
    FakeClock clock = new FakeClock();
    List<Instant> sent = new ArrayList<>();
    RateLimiter limiter = new RateLimiter(5, Duration.ofSeconds(10), clock, d -> clock.now = clock.now.plus(d));
    for (int i = 0; i < 40; i++) {
      limiter.acquire();
      sent.add(clock.now);
      clock.now = clock.now.plusMillis(700);
    }
    for (int i = 5; i < sent.size(); i++) {
      assertThat(Duration.between(sent.get(i - 5), sent.get(i))).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
    }
  }
}

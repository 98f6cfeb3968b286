package dev.runway.supabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.supabase.internal.Outcome;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeepAliveTest {

  @Test
  void theFreePlanIsPingedEveryTwoDaysToAbsorbTwoFailuresBeforeSevenIdleDays() {
    assertThat(KeepAlive.intervalFor(PlanLimits.FREE, 2)).contains(Duration.ofDays(2));
    assertThat(KeepAlive.intervalFor(PlanLimits.FREE, 0)).contains(Duration.ofDays(6));
    assertThat(KeepAlive.intervalFor(PlanLimits.FREE, 5)).contains(Duration.ofDays(1));
  }

  @Test
  void theIntervalLeavesASuccessInsideTheWindowAfterTheToleratedFailures() {
    for (int failures = 0; failures <= 20; failures++) {
      Duration interval = KeepAlive.interval(Duration.ofDays(7), Duration.ofDays(1), failures);
      // worst case: a success, then `failures` failed runs, then the next success
      assertThat(interval.multipliedBy(failures + 1L)).isLessThanOrEqualTo(Duration.ofDays(6));
      assertThat(interval).isGreaterThanOrEqualTo(Duration.ofMinutes(1));
    }
  }

  @Test
  void aPlanThatNeverPausesNeedsNoKeepAlive() {
    assertThat(KeepAlive.intervalFor(PlanLimits.PRO, 2)).isEmpty();
    assertThatThrownBy(() -> Supabase.keepAlive().action("x", () -> Outcome.pass("")).plan(PlanLimits.PRO).build())
        .hasMessage("supabase: keep-alive: the pro plan never pauses, so no keep-alive is needed; set .interval(...) to run one anyway");
  }

  @Test
  void aMarginThatLeavesNoTimeIsRefused() {
    assertThatThrownBy(() -> KeepAlive.interval(Duration.ofDays(7), Duration.ofDays(7), 1))
        .hasMessage("supabase: keep-alive: the margin (PT168H) leaves no time within the idle limit (PT168H); use a smaller margin");
  }

  @Test
  void aRunMakesARealRestCallOnTheProject() {
    try (SupabaseSandbox sandbox = SupabaseSandbox.start()) {
      SupabaseSandbox.Project project = sandbox.createProject("abcdefghijklmnopqrst");
      KeepAlive keepAlive = Supabase.keepAlive().rest(project.url(), project.anonKey()).build();
      assertThat(keepAlive.runOnce()).isTrue();
      assertThat(project.restCalls()).isEqualTo(1);
      assertThat(keepAlive.lastSuccess()).isPresent();
      project.pause();
      assertThat(keepAlive.runOnce()).isFalse();
      assertThat(keepAlive.consecutiveFailures()).isEqualTo(1);
      assertThat(keepAlive.toString()).doesNotContain(project.anonKey());
    }
  }

  @Test
  void aStartedJobRunsRepeatedlyUntilClosed() throws Exception {
    CountDownLatch three = new CountDownLatch(3);
    AtomicInteger calls = new AtomicInteger();
    KeepAlive keepAlive = Supabase.keepAlive().interval(Duration.ofMillis(5))
        .action("test", () -> {
          calls.incrementAndGet();
          three.countDown();
          return Outcome.pass("");
        }).start();
    try {
      assertThat(three.await(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      keepAlive.close();
    }
    assertThat(keepAlive.runs()).isGreaterThanOrEqualTo(3);
    assertThatThrownBy(() -> Supabase.keepAlive().build())
        .hasMessage("supabase: keep-alive: no target; call .postgres(url) or .rest(projectUrl, key)");
  }

  @Test
  void aRunMakesARealQueryOnPostgres() throws Exception {
    try (TestPostgres pg = TestPostgres.create(5)) {
      KeepAlive keepAlive = Supabase.keepAlive().postgres(pg.roleUrl()).build();
      assertThat(keepAlive.runOnce()).isTrue();
      assertThat(keepAlive.interval()).isEqualTo(Duration.ofDays(2));
    }
  }
}

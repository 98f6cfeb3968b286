package dev.runway.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.base.RunwayException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthRegistryTest {
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void tearDown() throws Exception {
    release.countDown();
    for (AutoCloseable c : toClose) c.close();
  }

  private HealthRegistry track(HealthRegistry r) {
    toClose.add(r);
    return r;
  }

  @Test
  void concurrentRequestsShareOneInFlightRun() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch started = new CountDownLatch(1);
    HealthRegistry registry = track(Health.registry()
        .deep("db", Probes.custom(() -> {
          calls.incrementAndGet();
          started.countDown();
          release.await(10, TimeUnit.SECONDS);
          return Result.pass();
        }).cacheFor(Duration.ZERO).timeout(Duration.ofSeconds(20)))
        .build());
    List<CompletableFuture<HealthReport>> reports = new ArrayList<>();
    reports.add(registry.checkAsync(Group.DEEP));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    for (int i = 0; i < 50; i++) reports.add(registry.checkAsync(Group.DEEP));
    release.countDown();
    for (CompletableFuture<HealthReport> r : reports) assertThat(r.get(10, TimeUnit.SECONDS).status()).isEqualTo(Status.PASS);
    assertThat(calls).hasValue(1);
  }

  @Test
  void reusesAResultWithinItsTtl() {
    AtomicInteger calls = new AtomicInteger();
    HealthRegistry registry = track(Health.registry()
        .deep("api", Probes.custom(() -> Result.pass("call " + calls.incrementAndGet())).cacheFor(Duration.ofHours(1)))
        .build());
    HealthReport first = registry.check(Group.DEEP);
    HealthReport second = registry.check(Group.DEEP);
    assertThat(calls).hasValue(1);
    assertThat(first.entry("api").orElseThrow().cached()).isFalse();
    assertThat(second.entry("api").orElseThrow().cached()).isTrue();
    assertThat(second.entry("api").orElseThrow().message()).isEqualTo("call 1");
  }

  @Test
  void runsAgainOnEveryRequestWhenTtlIsZero() {
    AtomicInteger calls = new AtomicInteger();
    HealthRegistry registry = track(Health.registry()
        .deep("api", Probes.custom(() -> Result.pass("call " + calls.incrementAndGet())).cacheFor(Duration.ZERO))
        .build());
    registry.check(Group.DEEP);
    HealthReport second = registry.check(Group.DEEP);
    assertThat(calls).hasValue(2);
    assertThat(second.entry("api").orElseThrow().message()).isEqualTo("call 2");
  }

  @Test
  void anExceptionBecomesAFailingResultThatNamesIt() {
    HealthRegistry registry = track(Health.registry()
        .deep("db", Probes.custom(() -> {
          throw new IllegalStateException("connection refused");
        }))
        .build());
    HealthReport report = registry.check(Group.DEEP);
    assertThat(report.status()).isEqualTo(Status.FAIL);
    assertThat(report.httpStatus()).isEqualTo(503);
    HealthReport.Entry db = report.entry("db").orElseThrow();
    assertThat(db.status()).isEqualTo(Status.FAIL);
    assertThat(db.message()).isEqualTo("IllegalStateException: connection refused");
  }

  @Test
  void aHangingProbeFailsWithItsTimeoutAndIsInterrupted() throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);
    HealthRegistry registry = track(Health.registry()
        .deep("slow", Probes.custom(() -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            interrupted.countDown();
            throw e;
          }
          return Result.pass();
        }).timeout(Duration.ofMillis(50)))
        .build());
    HealthReport report = registry.check(Group.DEEP);
    assertThat(report.status()).isEqualTo(Status.FAIL);
    assertThat(report.entry("slow").orElseThrow().message()).isEqualTo("timed out after 50 ms");
    assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aProbeStuckPastItsTimeoutIsNotStartedAgainUntilItReturns() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HealthRegistry registry = track(Health.registry()
        .deep("stuck", Probes.custom(() -> {
          calls.incrementAndGet();
          while (true) { // ignores interrupts, like a socket read without a timeout
            try {
              if (release.await(10, TimeUnit.SECONDS)) return Result.pass();
            } catch (InterruptedException ignored) {
              // keep hanging
            }
          }
        }).timeout(Duration.ofMillis(50)).cacheFor(Duration.ZERO))
        .build());
    assertThat(registry.check(Group.DEEP).entry("stuck").orElseThrow().message()).isEqualTo("timed out after 50 ms");
    for (int i = 0; i < 5; i++) {
      assertThat(registry.check(Group.DEEP).entry("stuck").orElseThrow().message())
          .startsWith("previous run still in progress after ")
          .endsWith(" ms (timeout 50 ms); not started again until it returns");
    }
    assertThat(calls).hasValue(1);
  }

  @Test
  void theOverallDeadlineFailsProbesThatHaveNotAnswered() {
    HealthRegistry registry = track(Health.registry()
        .deadline(Duration.ofMillis(100))
        .deep("slow", Probes.custom(() -> {
          release.await();
          return Result.pass();
        }).timeout(Duration.ofSeconds(30)))
        .deep("fast", Probes.up())
        .build());
    HealthReport report = registry.check(Group.DEEP);
    assertThat(report.entry("slow").orElseThrow().message())
        .isEqualTo("overall deadline of 100 ms passed before it answered");
    assertThat(report.entry("fast").orElseThrow().status()).isEqualTo(Status.PASS);
    assertThat(report.status()).isEqualTo(Status.FAIL);
  }

  @Test
  void aFailingNonCriticalProbeMakesTheReportWarn() {
    HealthRegistry registry = track(Health.registry()
        .deep("db", Probes.up())
        .deep("openai", Probes.custom(() -> Result.fail("status 401 (expected 200)")).nonCritical())
        .build());
    HealthReport report = registry.check(Group.DEEP);
    assertThat(report.status()).isEqualTo(Status.WARN);
    assertThat(report.httpStatus()).isEqualTo(200);
    assertThat(report.entry("openai").orElseThrow().status()).isEqualTo(Status.FAIL);
  }

  @Test
  void livenessNeverRunsReadinessOrDeepProbes() {
    AtomicInteger dependencyCalls = new AtomicInteger();
    HealthRegistry registry = track(Health.registry()
        .liveness("process", Probes.up())
        .readiness("config", Probes.custom(() -> Result.pass("ready " + dependencyCalls.incrementAndGet())))
        .deep("db", Probes.custom(() -> Result.pass("deep " + dependencyCalls.incrementAndGet())))
        .build());
    HealthReport live = registry.check(Group.LIVENESS);
    assertThat(live.entries()).extracting(HealthReport.Entry::name).containsExactly("process");
    assertThat(dependencyCalls).hasValue(0);
    assertThat(registry.names(Group.READINESS)).containsExactly("process", "config");
    assertThat(registry.names(Group.DEEP)).containsExactly("process", "config", "db");
  }

  @Test
  void livenessAnswersWhileADependencyHangs() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    HealthRegistry registry = track(Health.registry()
        .liveness("process", Probes.up())
        .deep("hanging", Probes.custom(() -> {
          entered.countDown();
          release.await();
          return Result.pass();
        }).timeout(Duration.ofSeconds(30)))
        .deadline(Duration.ofSeconds(30))
        .build());
    CompletableFuture<HealthReport> deep = registry.checkAsync(Group.DEEP);
    assertThat(entered.await(5, TimeUnit.SECONDS)).as("the dependency is hanging").isTrue();
    for (int i = 0; i < 20; i++) {
      assertThat(registry.checkAsync(Group.LIVENESS).get(10, TimeUnit.SECONDS).status()).isEqualTo(Status.PASS);
    }
    assertThat(deep).isNotDone();
  }

  @Test
  void withinTheStartupGraceAFailureOnlyWarns() {
    HealthRegistry registry = track(Health.registry()
        .startupGrace(Duration.ofHours(1))
        .deep("db", Probes.custom(() -> Result.fail("connection refused")))
        .build());
    HealthReport report = registry.check(Group.DEEP);
    assertThat(report.status()).isEqualTo(Status.WARN);
    HealthReport.Entry db = report.entry("db").orElseThrow();
    assertThat(db.message()).isEqualTo("in startup grace: connection refused");
    assertThat(db.details()).containsEntry("startupGrace", true);
  }

  @Test
  void backgroundRefreshServesRequestsFromMemory() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch firstRun = new CountDownLatch(1);
    HealthRegistry registry = track(Health.registry()
        .backgroundRefresh(true)
        .deep("api", Probes.custom(() -> {
          calls.incrementAndGet();
          firstRun.countDown();
          return Result.pass();
        }).cacheFor(Duration.ofHours(1)))
        .build());
    assertThat(firstRun.await(10, TimeUnit.SECONDS)).isTrue();
    for (int i = 0; i < 20; i++) registry.check(Group.DEEP);
    assertThat(calls).hasValue(1);
  }

  @Test
  void rejectsTwoProbesWithOneName() {
    HealthRegistry.Builder builder = Health.registry().liveness("db", Probes.up());
    assertThatThrownBy(() -> builder.deep("db", Probes.up()))
        .isInstanceOf(RunwayException.ModelInvalid.class)
        .hasMessage("health: probe 'db': registered twice (in liveness and deep); give each probe its own name");
  }

  @Test
  void rejectsANameThatNoOutputShapeCanCarry() {
    assertThatThrownBy(() -> Health.registry().deep("my db!", Probes.up()))
        .isInstanceOf(RunwayException.ModelInvalid.class)
        .hasMessage("health: probe 'my db!': not a valid name; use 1-64 letters, digits, '_', '.' or '-'");
  }

  @Test
  void aClosedRegistryAnswersWithFailuresInsteadOfThrowing() {
    HealthRegistry registry = Health.registry().deep("db", Probes.up()).build();
    registry.close();
    HealthReport report = registry.check(Group.DEEP);
    assertThat(report.entry("db").orElseThrow().message()).isEqualTo("not run: health checks are shut down");
  }

  @Test
  void aRequestServedWhollyFromCacheReusesThePreviousReport() {
    AtomicInteger calls = new AtomicInteger();
    HealthRegistry cached = track(Health.registry()
        .liveness("a", Probes.custom(() -> Result.pass("run " + calls.incrementAndGet())).cacheFor(Duration.ofHours(1)))
        .build());
    HealthReport first = cached.check(Group.LIVENESS); // runs the probe
    HealthReport second = cached.check(Group.LIVENESS); // first cached report
    assertThat(cached.check(Group.LIVENESS)).isSameAs(second);
    assertThat(first).isNotSameAs(second);
    HealthRegistry uncached = track(Health.registry()
        .liveness("a", Probes.custom(() -> Result.pass()).cacheFor(Duration.ZERO))
        .build());
    assertThat(uncached.check(Group.LIVENESS)).isNotSameAs(uncached.check(Group.LIVENESS));
  }
}

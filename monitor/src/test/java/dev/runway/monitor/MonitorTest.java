package dev.runway.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.base.RunwayException;
import dev.runway.health.HttpProbe;
import dev.runway.health.Probe;
import dev.runway.health.Result;
import dev.runway.monitor.internal.JdbcHistory;
import dev.runway.notify.Notification;
import dev.runway.notify.Notifier;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorTest {
  TargetServer target;

  @BeforeEach
  void start() throws Exception {
    target = new TargetServer();
  }

  @AfterEach
  void stop() {
    target.close();
  }

  private Endpoint.Builder api() {
    return Endpoint.builder("api", HttpProbe.get(target.url()).expectStatus(200).build().timeout(Duration.ofSeconds(2)))
        .service("acme-api").failuresToOpen(2).successesToResolve(2);
  }

  @Test
  void anOutageOpensAndResolvesOneIncidentWithOneAlertEachWay() throws Exception {
    RecordingNotifier alerts = new RecordingNotifier(0);
    try (Monitor monitor = Monitor.builder().endpoint(api().build()).notifier(alerts).build()) {
      assertThat(monitor.runOnce()).extracting(Observation::state).containsExactly(State.UP);
      target.mode.set(TargetServer.Mode.ERROR);
      assertThat(monitor.runOnce().get(0).message()).isEqualTo("status 503 (expected 200)");
      assertThat(monitor.openIncidents()).isEmpty(); // one failure is below the threshold of 2
      monitor.runOnce();
      monitor.runOnce();
      monitor.runOnce();
      assertThat(monitor.openIncidents()).containsOnlyKeys("api");
      target.mode.set(TargetServer.Mode.UP);
      monitor.runOnce();
      assertThat(monitor.openIncidents()).containsOnlyKeys("api"); // one success is below the threshold of 2
      monitor.runOnce();
      monitor.runOnce();
      assertThat(monitor.openIncidents()).isEmpty();

      List<Notification> sent = alerts.await(2);
      assertThat(sent).extracting(Notification::event).containsExactly("monitor.down", "monitor.resolved");
      assertThat(sent.get(0).title()).isEqualTo("api is down");
      assertThat(sent.get(0).text()).isEqualTo("status 503 (expected 200)");
      assertThat(sent.get(0).severity()).isEqualTo(Notification.Severity.FAILURE);
      assertThat(sent.get(0).fields()).containsEntry("service", "acme-api").containsEntry("incident", "1")
          .containsEntry("target", "GET http://127.0.0.1:" + target.url().split(":")[2].split("/")[0] + "/api/health");
      assertThat(sent.get(1).title()).isEqualTo("api is back up");
      assertThat(sent.get(1).text()).startsWith("Resolved after ").endsWith("; cause was: status 503 (expected 200)");
      assertThat(sent.get(1).fields()).containsEntry("incident", "1").containsKey("resolved");

      List<Incident> incidents = monitor.history().incidents(Instant.EPOCH);
      assertThat(incidents).hasSize(1);
      assertThat(incidents.get(0).severity()).isEqualTo(State.DOWN);
      assertThat(incidents.get(0).cause()).isEqualTo("status 503 (expected 200)");
      assertThat(incidents.get(0).resolved()).isPresent();
      assertThat(monitor.stats().checks()).isEqualTo(8);
    }
    assertThat(alerts.sent).hasSize(2); // nothing more after close
  }

  @Test
  void aSlowAnswerIsDegradedApartFromDownAndEscalatesOnce() throws Exception {
    RecordingNotifier alerts = new RecordingNotifier(0);
    target.mode.set(TargetServer.Mode.SLOW);
    target.slowMillis.set(150);
    try (Monitor monitor = Monitor.builder().endpoint(api().degradedAbove(Duration.ofMillis(50)).build())
        .notifier(alerts).build()) {
      Observation slow = monitor.runOnce().get(0);
      assertThat(slow.state()).isEqualTo(State.DEGRADED);
      assertThat(slow.message()).matches("answered in \\d+ ms \\(degraded above 50 ms\\)");
      monitor.runOnce();
      assertThat(monitor.openIncidents().get("api").severity()).isEqualTo(State.DEGRADED);
      target.mode.set(TargetServer.Mode.ERROR);
      monitor.runOnce();
      monitor.runOnce();
      assertThat(monitor.openIncidents().get("api").severity()).isEqualTo(State.DOWN);
      assertThat(alerts.await(2)).extracting(Notification::event).containsExactly("monitor.degraded", "monitor.down");
      assertThat(alerts.sent.get(0).severity()).isEqualTo(Notification.Severity.WARNING);
    }
  }

  @Test
  void refusedResetAndHangingTargetsAreDownWithinTheirTimeout() throws Exception {
    try (TargetServer.Resetting resetting = new TargetServer.Resetting()) {
      target.mode.set(TargetServer.Mode.HANG);
      Monitor monitor = Monitor.builder()
          .endpoint(Endpoint.builder("refused", HttpProbe.get(TargetServer.refusingUrl()).build()).build())
          .endpoint(Endpoint.builder("reset", HttpProbe.get(resetting.url()).build()).build())
          .endpoint(Endpoint.builder("hang", HttpProbe.get(target.url()).build().timeout(Duration.ofMillis(300))).build())
          .build();
      try (monitor) {
        List<Observation> seen = monitor.runOnce();
        assertThat(seen).extracting(Observation::state).containsOnly(State.DOWN);
        assertThat(seen.get(0).message()).startsWith("ConnectException");
        assertThat(seen.get(1).message()).containsAnyOf("IOException", "EOFException", "Connection reset");
        assertThat(seen.get(2).message()).isEqualTo("no answer within 300 ms");
        assertThat(seen.get(2).responseTime()).isEmpty();
      }
    }
  }

  @Test
  void aCheckThatIgnoresItsTimeoutHoldsOneThreadAndLaterSlotsAreSkippedNotPiledUp() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger maxInside = new AtomicInteger();
    Probe stubborn = Probe.of("custom", "stubborn", () -> {
      maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
      try {
        while (true) {
          try {
            if (release.await(10, TimeUnit.SECONDS)) break; // ignores interrupts on purpose
          } catch (InterruptedException ignored) {
            // keep waiting, like a library that swallows interrupts
          }
        }
      } finally {
        inside.decrementAndGet();
      }
      return Result.pass();
    }).timeout(Duration.ofMillis(100));
    try (Monitor monitor = Monitor.builder()
        .endpoint(Endpoint.builder("stubborn", stubborn).interval(Duration.ofSeconds(1)).build()).start()) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (monitor.stats().skipped() < 2 && System.nanoTime() < deadline) Thread.sleep(20);
      assertThat(monitor.stats().skipped()).isGreaterThanOrEqualTo(2);
      assertThat(maxInside.get()).isEqualTo(1);
      List<Observation> seen = monitor.history().observations("stubborn", Instant.EPOCH, Instant.now().plusSeconds(1));
      assertThat(seen).isNotEmpty();
      assertThat(seen.get(0).state()).isEqualTo(State.DOWN);
      assertThat(seen.get(0).message()).isEqualTo("timed out after 100 ms");
    } finally {
      release.countDown();
    }
  }

  @Test
  void aMaintenanceWindowSuspendsChecksAndIncidents() throws Exception {
    target.mode.set(TargetServer.Mode.ERROR);
    Instant now = Instant.now();
    RecordingNotifier alerts = new RecordingNotifier(0);
    try (Monitor monitor = Monitor.builder()
        .endpoint(api().failuresToOpen(1).maintenance(MaintenanceWindow.once(now.minusSeconds(60), now.plusSeconds(3600))).build())
        .notifier(alerts).build()) {
      Observation o = monitor.runOnce().get(0);
      assertThat(o.state()).isEqualTo(State.MAINTENANCE);
      assertThat(o.message()).isEqualTo("in maintenance window");
      assertThat(target.requests.get()).isZero();
      assertThat(monitor.openIncidents()).isEmpty();
    }
    assertThat(alerts.sent).isEmpty();
  }

  @Test
  void aFailingNotifierIsRetriedAndABlockedOneNeverDelaysChecks() throws Exception {
    RecordingNotifier flaky = new RecordingNotifier(2);
    CountDownLatch unblock = new CountDownLatch(1);
    AtomicInteger blockedCalls = new AtomicInteger();
    Notifier blocked = n -> {
      blockedCalls.incrementAndGet();
      try {
        unblock.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    target.mode.set(TargetServer.Mode.ERROR);
    try (Monitor monitor = Monitor.builder().endpoint(api().failuresToOpen(1).successesToResolve(1).build())
        .notifier(blocked).notifier(flaky).notifyRetries(3, Duration.ofMillis(10)).build()) {
      monitor.runOnce();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (blockedCalls.get() == 0 && System.nanoTime() < deadline) Thread.sleep(5);
      assertThat(blockedCalls.get()).as("the alert thread is inside the blocked notifier").isEqualTo(1);
      // The alert thread is stuck in the blocked notifier; checks go on regardless.
      target.mode.set(TargetServer.Mode.UP);
      assertThat(monitor.runOnce().get(0).state()).isEqualTo(State.UP);
      assertThat(monitor.openIncidents()).isEmpty();
      unblock.countDown();
      List<Notification> sent = flaky.await(2);
      assertThat(sent).extracting(Notification::event).containsExactly("monitor.down", "monitor.resolved");
      assertThat(flaky.attempts.get()).isEqualTo(4); // 2 failures, then the down alert, then the resolved one
    } finally {
      unblock.countDown();
    }
  }

  @Test
  void aFullHistoryDatabaseLetsMonitoringGoOnInMemoryAndSaysSo(@TempDir Path dir) throws Exception {
    // max_page_count caps the file: SQLite answers SQLITE_FULL, exactly as on a full disk.
    JdbcHistory full = JdbcHistory.sqlite(dir.resolve("full.db"), List.of("pragma max_page_count=12"));
    try (Monitor monitor = Monitor.builder().endpoint(api().build()).history(full).build()) {
      for (int i = 0; i < 200 && monitor.historyProblem().isEmpty(); i++) {
        full.record(List.of(new Observation("filler", Instant.now(), State.UP, 1.0, "x".repeat(300), false)));
        monitor.runOnce();
      }
      assertThat(monitor.historyProblem()).hasValueSatisfying(p -> assertThat(p)
          .startsWith("monitor: history sqlite " + dir.resolve("full.db") + ": cannot write ")
          .contains("full")
          .endsWith("; monitoring goes on in memory until the database is back"));
      target.mode.set(TargetServer.Mode.ERROR);
      monitor.runOnce();
      monitor.runOnce();
      assertThat(monitor.openIncidents()).containsKey("api");
      StatusReport report = monitor.report();
      assertThat(report.historyWarning()).isPresent();
      assertThat(report.endpoints().get(0).state()).isEqualTo(State.DOWN);
      assertThat(report.incidents()).hasSize(1);
      assertThat(StatusPage.html(report)).contains("History is in memory only:");
    }
  }

  @Test
  void anUnreachablePostgresIsReportedWithoutItsPassword() {
    assertThatThrownBy(() -> History.postgres("postgresql://monitor:s3cr3t-pw@127.0.0.1:1/runway", ""))
        .isInstanceOf(RunwayException.IoFailed.class)
        .hasMessageStartingWith("monitor: history postgres 127.0.0.1:1/runway: cannot open (")
        .hasMessageEndingWith("); check that the database is reachable and writable")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-pw"));
  }

  @Test
  void aRestartedMonitorResumesItsCountsAndOpenIncident(@TempDir Path dir) throws Exception {
    Path db = dir.resolve("monitor.db");
    RecordingNotifier alerts = new RecordingNotifier(0);
    target.mode.set(TargetServer.Mode.ERROR);
    try (Monitor first = Monitor.builder().endpoint(api().build()).history(History.sqlite(db)).notifier(alerts).build()) {
      first.runOnce(); // 1 of 2 failures
    }
    try (Monitor second = Monitor.builder().endpoint(api().build()).history(History.sqlite(db)).notifier(alerts).build()) {
      second.runOnce(); // 2 of 2: opens, as one monitor would have
      assertThat(second.openIncidents()).containsKey("api");
    }
    target.mode.set(TargetServer.Mode.UP);
    try (Monitor third = Monitor.builder().endpoint(api().successesToResolve(1).build()).history(History.sqlite(db))
        .notifier(alerts).build()) {
      assertThat(third.openIncidents()).containsKey("api");
      third.runOnce();
      assertThat(third.openIncidents()).isEmpty();
    }
    assertThat(alerts.sent).extracting(Notification::event).containsExactly("monitor.down", "monitor.resolved");
    assertThat(alerts.sent).extracting(n -> n.fields().get("incident")).containsExactly("1", "1");
  }

  @Test
  void aWallClockJumpingBackAnHourNeitherLosesNorDuplicatesAnAlert() throws Exception {
    java.util.concurrent.atomic.AtomicReference<Instant> now = new java.util.concurrent.atomic.AtomicReference<>(
        Instant.parse("2026-03-29T01:30:00Z"));
    java.time.Clock clock = new java.time.Clock() {
      @Override public java.time.ZoneId getZone() { return java.time.ZoneOffset.UTC; }
      @Override public java.time.Clock withZone(java.time.ZoneId zone) { return this; }
      @Override public Instant instant() { return now.get(); }
    };
    RecordingNotifier alerts = new RecordingNotifier(0);
    target.mode.set(TargetServer.Mode.ERROR);
    try (Monitor monitor = Monitor.builder().endpoint(api().successesToResolve(1).build()).clock(clock)
        .notifier(alerts).build()) {
      monitor.runOnce();
      now.set(now.get().plusSeconds(60));
      monitor.runOnce(); // opens at 01:31
      now.set(now.get().minus(Duration.ofHours(1))); // NTP steps the clock back an hour
      target.mode.set(TargetServer.Mode.UP);
      monitor.runOnce(); // resolves "before" it opened
      assertThat(alerts.await(2)).extracting(Notification::event).containsExactly("monitor.down", "monitor.resolved");
      assertThat(alerts.sent.get(1).text()).isEqualTo("Resolved after 0 s; cause was: status 503 (expected 200)");
      assertThat(monitor.history().incidents(Instant.EPOCH)).singleElement()
          .satisfies(i -> assertThat(i.resolved()).contains(Instant.parse("2026-03-29T00:31:00Z")));
      assertThat(StatusPage.html(monitor.report())).contains("(0 s)");
    }
  }

  @Test
  void rejectsTwoEndpointsWithOneName() {
    Endpoint a = api().build();
    assertThatThrownBy(() -> Monitor.builder().endpoint(a).endpoint(a))
        .isInstanceOf(RunwayException.ModelInvalid.class)
        .hasMessage("monitor: endpoint 'api': added twice; give each endpoint its own name");
  }

  @Test
  void rejectsAJitterThatIsNotBelowTheInterval() {
    assertThatThrownBy(() -> api().interval(Duration.ofSeconds(10)).jitter(Duration.ofSeconds(10)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("monitor: endpoint 'api': jitter 10000 ms must be below the interval 10000 ms; lower the jitter");
  }
}

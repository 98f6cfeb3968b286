package dev.runway.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.base.Problem;
import dev.runway.base.RunwayException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeepWarmTest {
  // Render's free tier; the CLI passes dev.runway.render.RenderPlan's numbers, core knows none.
  static final HourBudget RENDER = HourBudget.of("Render free", 750, Duration.ofMinutes(15));

  @Test
  void refusesKeepingTwoServicesAwakeAllMonthNamingTheNumbers() {
    assertThatThrownBy(() -> KeepWarm.plan(RENDER)
            .service("api", "https://acme-api.onrender.com/api/health")
            .service("worker", "https://acme-worker.onrender.com/health")
            .build())
        .isInstanceOf(RunwayException.ValidationFailed.class)
        .hasMessage("error   OUT_OF_RANGE keep-warm: budget: 2 services awake 24 h a day use 1488 instance hours in a"
            + " 31-day month, over the 750 free hours of Render free; when they run out every free service of the"
            + " workspace is suspended until the month ends; keep fewer services warm, or narrow the active hours to"
            + " at most 11.8 h a day each");
  }

  @Test
  void countsTheOtherFreeServicesOfTheWorkspace() {
    assertThatThrownBy(() -> KeepWarm.plan(RENDER).service("api", "https://acme-api.onrender.com/api/health")
            .otherHours(100).build())
        .isInstanceOf(RunwayException.ValidationFailed.class)
        .hasMessageContaining("1 service awake 24 h a day use 744 instance hours in a 31-day month, plus 100 h of"
            + " other free services: 844 h, over the 750 free hours of Render free");
  }

  @Test
  void onlyWarnsWhenAskedTo() {
    KeepWarm.Plan plan = KeepWarm.plan(RENDER)
        .service("api", "https://acme-api.onrender.com/api/health")
        .service("worker", "https://acme-worker.onrender.com/health")
        .overBudget(KeepWarm.OverBudget.WARN)
        .build();
    assertThat(plan.problems().warnings()).extracting(Problem::subject).containsExactly("keep-warm: budget");
    assertThat(plan.estimate(YearMonth.of(2026, 2)).overBudget()).isTrue();
  }

  @Test
  void oneServiceAllMonthFitsAndTwoWithinActiveHoursFit() {
    KeepWarm.Plan one = KeepWarm.plan(RENDER).service("api", "https://acme-api.onrender.com/api/health").build();
    KeepWarmEstimate e = one.estimate(YearMonth.of(2026, 1));
    assertThat(e.keptHours()).isEqualTo(744);
    assertThat(e.remainingHours()).isEqualTo(6);
    assertThat(e.pings()).isEqualTo(31 * 24 * 6);

    KeepWarm.Plan two = KeepWarm.plan(RENDER)
        .service("api", "https://acme-api.onrender.com/api/health")
        .service("worker", "https://acme-worker.onrender.com/health")
        .activeHours(LocalTime.of(8, 0), LocalTime.of(19, 0), ZoneId.of("Europe/Berlin"))
        .build();
    KeepWarmEstimate feb = two.estimate(YearMonth.of(2026, 2));
    assertThat(two.awakeHoursPerDay()).isEqualTo(11.25); // 11 h window + the 15 min spin-down tail
    assertThat(feb.keptHours()).isEqualTo(2 * 28 * 11.25);
    assertThat(feb.overBudget()).isFalse();
    assertThat(two.problems().isEmpty()).isTrue();
  }

  @Test
  void refusesAnIntervalThatLetsTheServiceSpinDown() {
    assertThatThrownBy(() -> KeepWarm.plan(RENDER).service("api", "https://acme-api.onrender.com/api/health")
            .interval(Duration.ofMinutes(14)).jitter(Duration.ofMinutes(2))
            .activeHours(LocalTime.of(8, 0), LocalTime.of(20, 0), ZoneId.of("UTC")).build())
        .isInstanceOf(RunwayException.ValidationFailed.class)
        .hasMessage("error   OUT_OF_RANGE keep-warm: interval: a ping every 14 min with up to 2 min jitter can leave"
            + " 16 min between pings, which reaches the 15 min spin-down of Render free; use an interval of at most"
            + " 12 min (interval + jitter below 15 min)");
  }

  @Test
  void itsEndpointsRestOutsideTheActiveHoursInTheirTimeZone() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    KeepWarm.Plan plan = KeepWarm.plan(RENDER).service("api", "https://acme-api.onrender.com/api/health")
        .activeHours(LocalTime.of(22, 0), LocalTime.of(6, 0), berlin).build();
    List<Endpoint> endpoints = plan.endpoints();
    assertThat(endpoints).extracting(Endpoint::name).containsExactly("keep-warm-api");
    Endpoint e = endpoints.get(0);
    assertThat(e.interval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(e.coldStartAbove()).contains(Duration.ofSeconds(10));
    // Summer time: 23:30 in Berlin is 21:30 UTC.
    Instant night = Instant.parse("2026-07-01T21:30:00Z");
    Instant noon = Instant.parse("2026-07-01T10:00:00Z");
    assertThat(plan.active(night)).isTrue();
    assertThat(e.inMaintenance(night)).isFalse();
    assertThat(plan.active(noon)).isFalse();
    assertThat(e.inMaintenance(noon)).isTrue();
  }

  @Test
  void coldStartsAreRecordedAndReported() throws Exception {
    try (TargetServer target = new TargetServer()) {
      target.mode.set(TargetServer.Mode.SLOW);
      target.slowMillis.set(400);
      Endpoint e = Endpoint.builder("keep-warm-api", dev.runway.health.HttpProbe.get(target.url()).build())
          .service("api").coldStartAbove(Duration.ofMillis(200)).build();
      try (Monitor monitor = Monitor.builder().endpoint(e).build()) {
        Observation cold = monitor.runOnce().get(0);
        assertThat(cold.coldStart()).isTrue();
        assertThat(cold.state()).isEqualTo(State.UP);
        assertThat(cold.message()).matches("cold start: answered in \\d+ ms");
        target.mode.set(TargetServer.Mode.UP);
        assertThat(monitor.runOnce().get(0).coldStart()).isFalse();
        List<KeepWarm.Summary> report = KeepWarm.report(List.of(e), monitor.history(), Instant.EPOCH,
            Instant.now().plusSeconds(1));
        assertThat(report).hasSize(1);
        assertThat(report.get(0).checks()).isEqualTo(2);
        assertThat(report.get(0).coldStarts()).isEqualTo(1);
        assertThat(report.get(0).coldStartRate()).isEqualTo(0.5);
        assertThat(report.get(0).slowestMillis()).isGreaterThanOrEqualTo(400);
        assertThat(monitor.report().endpoints().get(0).coldStarts()).isEqualTo(1);
      }
    }
  }
}

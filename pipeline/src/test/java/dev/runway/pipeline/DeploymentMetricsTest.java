package dev.runway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentMetricsTest {
  static final Instant NOW = Instant.parse("2025-11-25T12:00:00Z");

  static RunSummary run(int daysAgo, int minutes, boolean ok, boolean deployed, boolean rolledBack, int commitHoursBefore) {
    Instant start = NOW.minus(Duration.ofDays(daysAgo));
    return new RunSummary("prod", "r" + daysAgo, ok, deployed, rolledBack, start, start.plus(Duration.ofMinutes(minutes)),
        commitHoursBefore < 0 ? null : start.minus(Duration.ofHours(commitHoursBefore)));
  }

  @Test
  void computesTheFourMeasuresAndDeployTimeFromHistory() {
    List<RunSummary> history = List.of(
        run(13, 8, true, true, false, 2),
        run(10, 6, false, true, true, -1),      // failed, rolled back within its own 6 min
        run(9, 7, true, true, false, 4),
        run(5, 12, false, true, false, -1),     // failed, restored by the next success (day 4, 9 min)
        run(4, 9, true, true, false, 1),
        run(3, 2, false, false, false, -1),     // failed before deploying: not a change failure
        run(40, 5, true, true, false, 1));      // outside the window
    DeploymentMetrics m = DeploymentMetrics.of(history, "prod", Duration.ofDays(14), NOW);
    assertThat(m.runs()).hasSize(6);
    assertThat(m.deploymentsPerWeek()).isEqualTo(1.5);
    assertThat(m.changeFailureRate().getAsDouble()).isEqualTo(0.4);
    assertThat(m.leadTime()).contains(Duration.ofHours(2).plusMinutes(8));
    assertThat(m.timeToRestore()).contains(Duration.ofMinutes((6 + 24 * 60 + 9) / 2).plusSeconds(30));
    assertThat(m.deployTime()).contains(Duration.ofMinutes(8));
    assertThat(m.successRate().getAsDouble()).isEqualTo(0.5);
  }

  @Test
  void judgesTheTeamsOwnTargets() {
    DeploymentMetrics m = DeploymentMetrics.of(List.of(run(1, 8, true, true, false, 1), run(2, 12, true, true, false, 1)),
        "", Duration.ofDays(7), NOW);
    List<DeploymentMetrics.Target> targets = List.of(DeploymentMetrics.Target.deployTimeUnder(Duration.ofMinutes(10)),
        DeploymentMetrics.Target.successRateAtLeast(0.95), DeploymentMetrics.Target.timeToRestoreUnder(Duration.ofHours(1)));
    assertThat(m.check(targets)).extracting(v -> v.target() + " " + v.actual() + " " + v.met())
        .containsExactly("deploy time under 10 min 10 min Optional[false]", "success rate >= 95% 100% Optional[true]",
            "time to restore under 1 h n/a Optional.empty");
  }

  @Test
  void readsTheHistoryTheExecutorWrites(@TempDir Path dir) {
    Pipeline p = Pipeline.named("prod").stage("deploy", s -> s.step(Step.deploy("d", new FakeTarget("api", FakeTarget.log(), 1))))
        .build();
    LocalExecutor ex = LocalExecutor.builder().quiet().workDir(dir).variables(Map.of())
        .commitTime(Instant.now().minusSeconds(3600)).build();
    ex.run(p);
    ex.run(p);
    DeploymentMetrics m = DeploymentMetrics.from(dir.resolve(".runway"), "prod", Duration.ofDays(1), Instant.now().plusSeconds(1));
    assertThat(m.runs()).hasSize(2).allMatch(r -> r.deployed() && r.succeeded());
    assertThat(m.leadTime()).isPresent();
    assertThat(m.toText(List.of())).contains("change failure rate   0%");
  }
}

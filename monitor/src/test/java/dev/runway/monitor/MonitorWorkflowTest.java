package dev.runway.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.base.Problem;
import dev.runway.testkit.JsonSchemas;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class MonitorWorkflowTest {
  @Test
  void exportsAScheduledWorkflowThatValidatesAgainstGitHubsSchema() {
    MonitorWorkflow wf = MonitorWorkflow.github("monitor", Duration.ofMinutes(10)).secrets("SLACK_WEBHOOK_URL");
    String yaml = wf.yaml();
    assertThat(JsonSchemas.validateYaml("github/github-workflow.json", yaml)).isEmpty();
    assertThat(yaml).contains("*/10 * * * *").contains("workflow_dispatch").contains("./runway monitor run --once")
        .contains("${{ secrets.SLACK_WEBHOOK_URL }}");
    assertThat(wf.problems().isEmpty()).isTrue();
  }

  @Test
  void saysWhenGitHubsLateCronCannotKeepAFreeServiceWarm() {
    KeepWarm.Plan plan = KeepWarm.plan(KeepWarmTest.RENDER).service("api", "https://acme-api.onrender.com/api/health")
        .activeHours(LocalTime.of(8, 0), LocalTime.of(20, 0), ZoneId.of("UTC")).build();
    MonitorWorkflow wf = MonitorWorkflow.github("keep-warm", Duration.ofMinutes(5)).command("./runway keep-warm run --once")
        .keepWarm(plan);
    assertThat(wf.problems().warnings()).extracting(Problem::text).containsExactly(
        "monitor export: keep-warm: a GitHub schedule every 5 min can start up to 30 min late, so pings may be 35 min"
            + " apart, past the 15 min spin-down of Render free; the services will still fall asleep; run 'runway"
            + " keep-warm run' on an always-on host, or ping from a cron service that runs on time (cron-job.org, an"
            + " UptimeRobot free monitor) every 10 min");
    assertThat(JsonSchemas.validateYaml("github/github-workflow.json", wf.yaml())).isEmpty();
  }

  @Test
  void hourlySchedulesUseWholeHours() {
    assertThat(MonitorWorkflow.github("m", Duration.ofHours(1)).cron()).isEqualTo("0 * * * *");
    assertThat(MonitorWorkflow.github("m", Duration.ofHours(6)).cron()).isEqualTo("0 */6 * * *");
  }

  @Test
  void rejectsAPeriodCronCannotExpress() {
    assertThatThrownBy(() -> MonitorWorkflow.github("m", Duration.ofMinutes(7)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("monitor: workflow: every PT7M cannot be a GitHub schedule; use 5, 10, 15, 20, 30 or 60 minutes,"
            + " or whole hours dividing a day (GitHub runs schedules at most every 5 minutes)");
  }
}

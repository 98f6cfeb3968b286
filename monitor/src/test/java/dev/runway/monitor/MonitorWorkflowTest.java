package dev.runway.monitor;

import dev.runway.testkit.Actionlint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.base.Problem;
import dev.runway.base.RunwayException;
import dev.runway.pipeline.ActionPins;
import dev.runway.testkit.JsonSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorWorkflowTest {
  private static final Pattern USES = Pattern.compile("(?m)^\\s*(?:- )?uses: (\\S+)@(\\S+) # (\\S+)$");

  static MonitorWorkflow gitAndBranch() {
    return MonitorWorkflow.github("monitor", Duration.ofMinutes(30)).historyBranch("status-data")
        .publish("public/status.html", "branch:gh-pages").secrets("SLACK_WEBHOOK_URL");
  }

  static MonitorWorkflow postgresAndPages() {
    return MonitorWorkflow.github("monitor", Duration.ofHours(1)).secrets("DATABASE_URL", "ALERT_WEBHOOK_URL")
        .publish("public/status.html", "pages").install("0.2.0", MonitorConfig.GitHubSettings.RELEASES, "a".repeat(64));
  }

  static List<MonitorWorkflow> variants() {
    return List.of(MonitorWorkflow.github("plain", Duration.ofMinutes(30)), gitAndBranch(), postgresAndPages(),
        MonitorWorkflow.github("monitor", Duration.ofMinutes(10)).visibility(MonitorWorkflow.Visibility.PUBLIC)
            .historyBranch("status-data").publish("site/status.html", "pages"));
  }

  @Test
  void everyExportValidatesAgainstGitHubsSchemaAndActionlint(@TempDir Path dir) throws Exception {
    for (MonitorWorkflow wf : variants()) {
      String yaml = wf.yaml();
      assertThat(JsonSchemas.validateYaml("github/github-workflow.json", yaml)).as(yaml).isEmpty();
      Path file = dir.resolve(wf.toString().hashCode() + ".yml");
      Files.writeString(file, yaml);
      Actionlint.Result lint = Actionlint.lint(file);
      assertThat(lint.exitCode()).as(lint.output() + "\n" + yaml).isZero();
    }
  }

  @Test
  void everyActionIsPinnedToTheCommitOfItsReleaseWithTheTagBeside() {
    for (MonitorWorkflow wf : variants()) {
      String yaml = wf.yaml();
      Matcher m = USES.matcher(yaml);
      int n = 0;
      while (m.find()) {
        n++;
        ActionPins.Pin pin = ActionPins.find(m.group(1)).orElseThrow();
        assertThat(m.group(2)).isEqualTo(pin.sha()).hasSize(40);
        assertThat(m.group(3)).isEqualTo(pin.version());
      }
      assertThat(yaml.lines().filter(l -> l.contains("uses:")).count()).isEqualTo(n).isGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void permissionsArePerJobAndOnlyWhatEachNeeds() {
    String plain = MonitorWorkflow.github("m", Duration.ofMinutes(30)).yaml();
    assertThat(plain).contains("permissions: {}\n").contains("    permissions:\n      contents: read\n")
        .contains("persist-credentials: false").doesNotContain("contents: write").doesNotContain("pages: write");
    assertThat(gitAndBranch().yaml()).contains("      contents: write\n").contains("persist-credentials: true")
        .doesNotContain("pages:").doesNotContain("id-token");
    String pages = postgresAndPages().yaml();
    assertThat(pages).contains("      contents: read\n").contains("  deploy:\n    needs: monitor\n")
        .contains("    permissions:\n      pages: write\n      id-token: write\n").contains("name: github-pages");
    for (String p : List.of("configure-pages", "upload-pages-artifact", "deploy-pages")) {
      assertThat(pages).contains(ActionPins.uses("actions/" + p));
    }
  }

  @Test
  void installsACachedReleaseInsteadOfBuildingAndPassesSecretsByNameOnly() {
    String yaml = postgresAndPages().yaml();
    assertThat(yaml).doesNotContain("mvnw").doesNotContain("mvn ")
        .contains("RUNWAY_VERSION: '0.2.0'")
        .contains("key: runway-dist-${{ env.RUNWAY_VERSION }}-${{ runner.os }}")
        .contains("if: steps.cache.outputs.cache-hit != 'true'")
        .contains("RUNWAY_URL: 'https://github.com/runway-dev/runway/releases/download/v0.2.0/runway-0.2.0.tar.gz'")
        .contains("sha256sum -c -")
        .contains("DATABASE_URL: ${{ secrets.DATABASE_URL }}")
        .contains("runway monitor run --once --config runway.conf");
    // No expression inside a run: script; values reach scripts through env:.
    boolean inRun = false;
    for (String line : yaml.lines().toList()) {
      if (line.matches("\\s+run: .*")) {
        inRun = true;
        assertThat(line).doesNotContain("${{");
      } else if (inRun && line.matches("\\s{10,}.*")) {
        assertThat(line).as("a run: script line").doesNotContain("${{");
      } else {
        inRun = false;
      }
    }
  }

  @Test
  void statesItsMonthlyMinutesAndRefusesTheDefaultScheduleOnAPrivateRepository() {
    MonitorWorkflow wf = MonitorWorkflow.github("monitor", Duration.ofMinutes(10));
    MonitorWorkflow.ActionsMinutes m = wf.actionsMinutes();
    assertThat(m.runs()).isEqualTo(4464); // 31 days x 144 runs
    assertThat(m.perMonth()).isEqualTo(4464);
    assertThat(m.budget()).isEqualTo(2000);
    assertThat(wf.problems().errors()).extracting(Problem::text).containsExactly(
        "monitor export: Actions minutes: every 10 min is 4464 runs in a 31-day month x 1 job of 1 min = 4464 min, over"
            + " the 2000 min a month a private repository gets on GitHub's free plan (assumed private: pass --visibility"
            + " public or set monitor.github.visibility); schedule every 30 min (1488 min a month), make the repository"
            + " public (standard runners are free there), or set monitor.github.minutes-budget to what your plan includes");
    assertThatThrownBy(() -> wf.writeTo(Path.of("target", "never"))).isInstanceOf(RunwayException.ValidationFailed.class);
    assertThat(Files.exists(Path.of("target", "never", "monitor.yml"))).isFalse();

    // Pages adds a deploy job, billed as a minute of its own: only hourly fits.
    MonitorWorkflow pages = wf.publish("public/status.html", "pages");
    assertThat(pages.actionsMinutes().perMonth()).isEqualTo(8928);
    assertThat(pages.problems().errors().get(0).text()).contains("2 jobs (1 min + 1 min for the Pages deploy")
        .contains("schedule every 1 h (1488 min a month)");

    assertThat(wf.every(Duration.ofMinutes(30)).problems().isEmpty()).isTrue();
    assertThat(wf.visibility(MonitorWorkflow.Visibility.PUBLIC).problems().isEmpty()).isTrue();
    assertThat(wf.warnOverBudget(true).problems().warnings()).hasSize(1);
    assertThat(wf.minutesBudget(3000).jobMinutes(2).every(Duration.ofMinutes(30)).actionsMinutes().perMonth()).isEqualTo(2976);
  }

  @Test
  void saysWhatGitHubDoesToScheduledWorkflows() {
    MonitorWorkflow wf = MonitorWorkflow.github("monitor", Duration.ofMinutes(30));
    assertThat(String.join("\n", wf.notes())).contains("1488 runs a month x 1 min = 1488 min of 2000")
        .contains("late when it is busy").contains("every 5 minutes").contains("60 days without repository activity");
    assertThat(String.join("\n", wf.visibility(MonitorWorkflow.Visibility.PRIVATE).notes())).doesNotContain("60 days");
    assertThat(wf.yaml()).startsWith("# Written by 'runway monitor export'").contains("# GitHub Actions minutes: 1488 runs");
  }

  @Test
  void saysWhenGitHubsLateCronCannotKeepAFreeServiceWarm() {
    KeepWarm.Plan plan = KeepWarm.plan(KeepWarmTest.RENDER).service("api", "https://acme-api.onrender.com/api/health")
        .activeHours(LocalTime.of(8, 0), LocalTime.of(20, 0), ZoneId.of("UTC")).build();
    MonitorWorkflow wf = MonitorWorkflow.github("keep-warm", Duration.ofMinutes(5)).command("runway keep-warm run --once")
        .keepWarm(plan).visibility(MonitorWorkflow.Visibility.PUBLIC);
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
  void rejectsAPeriodCronCannotExpressAndUnsafeNames() {
    assertThatThrownBy(() -> MonitorWorkflow.github("m", Duration.ofMinutes(7)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("monitor: workflow: every PT7M cannot be a GitHub schedule; use 5, 10, 15, 20, 30 or 60 minutes,"
            + " or whole hours dividing a day (GitHub runs schedules at most every 5 minutes)");
    MonitorWorkflow wf = MonitorWorkflow.github("m", Duration.ofMinutes(30));
    assertThatThrownBy(() -> wf.secrets("GITHUB_TOKEN")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> wf.config("runway.conf; curl evil")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> wf.historyBranch("${{ github.head_ref }}")).isInstanceOf(IllegalArgumentException.class);
  }
}

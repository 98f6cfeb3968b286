package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A monitor's bearer-env token is needed to probe, not to plan: keep-warm plan, monitor export,
 * status-page and keep-warm report work without it and say it is unset; monitor run and keep-warm
 * run refuse.
 */
class MonitorTokenCommandTest {
  /** A name no environment sets. */
  private static final String TOKEN = "RUNWAY_TEST_UNSET_TOKEN_7Q2";

  @TempDir Path dir;
  private Path conf;

  @BeforeEach
  void writeConfig() throws IOException {
    assertThat(System.getenv(TOKEN)).isNull();
    conf = dir.resolve("runway.conf");
    Files.writeString(conf, """
        app = shop
        monitor {
          history = memory
          endpoints {
            api { url = "http://127.0.0.1:9/api/health", bearer-env = %s }
          }
        }
        keep-warm {
          services { api = "http://127.0.0.1:9/api/health" }
          interval = 10m
        }
        """.formatted(TOKEN));
  }

  private String note() {
    return "note: " + conf + ":5: monitor.endpoints.api.bearer-env: environment variable " + TOKEN
        + " is not set; only a run needs it (monitor run, keep-warm run)";
  }

  @Test
  void keepWarmPlanWorksAndNotesTheUnsetToken() {
    MainTest.Result r = MainTest.run("keep-warm", "plan", "--config", conf.toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("keep-warm plan for");
    assertThat(r.err()).contains(note());
  }

  @Test
  void monitorExportWorksAndNotesTheUnsetToken() {
    MainTest.Result r = MainTest.run("monitor", "export", "--config", conf.toString(), "--visibility", "public",
        "--out", "-");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("runway monitor run --once");
    assertThat(r.err()).contains(note());
  }

  @Test
  void statusPageWorksAndNotesTheUnsetToken() {
    Path page = dir.resolve("status.html");
    MainTest.Result r = MainTest.run("status-page", "--config", conf.toString(), "--out", page.toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(page).exists();
    assertThat(r.err()).contains(note());
  }

  @Test
  void monitorRunRefusesWithoutTheToken() {
    MainTest.Result r = MainTest.run("monitor", "run", "--once", "--config", conf.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains(conf + ":5: monitor.endpoints.api.bearer-env: environment variable " + TOKEN
        + " is not set; export " + TOKEN + " before running, or remove bearer-env");
  }

  @Test
  void keepWarmRunRefusesWithoutTheToken() {
    MainTest.Result r = MainTest.run("keep-warm", "run", "--once", "--config", conf.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("environment variable " + TOKEN + " is not set; export " + TOKEN);
  }

  @Test
  void monitorRunOnceWithoutAMonitorBlockSaysWhatIsMissing() throws IOException {
    Files.writeString(conf, "app = shop\n");
    MainTest.Result r = MainTest.run("monitor", "run", "--once", "--config", conf.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("runway: " + conf + ": monitor: no endpoints; add monitor { endpoints { api {"
        + " url = \"https://.../api/health\" } } }" + System.lineSeparator());
  }
}

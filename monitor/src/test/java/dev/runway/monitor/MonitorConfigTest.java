package dev.runway.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.base.RunwayException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorConfigTest {
  @TempDir Path dir;

  @Test
  void readsEndpointsHistoryStatusPageAndKeepWarmFromRunwayConf() throws Exception {
    Path conf = dir.resolve("runway.conf");
    Files.writeString(conf, """
        app = acme
        monitor {
          history = "sqlite:.runway/monitor.db"
          max-concurrency = 8
          status-page { out = public/status.html, title = "Acme status" }
          notify { slack = ${?RUNWAY_TEST_UNSET_SLACK_URL} }
          endpoints {
            api {
              url = "https://acme-api.onrender.com/api/health"
              service = acme-api
              interval = 30s
              jitter = 5s
              timeout = 5s
              expect-status = [200]
              expect-json { status = pass }
              degraded-above = 800ms
              certificate-warn-days = 14
              failures-to-open = 2
              maintenance = [{ at = "03:00", for = 30m, zone = "Europe/Berlin", day = sunday }]
            }
          }
        }
        keep-warm {
          services { api = "https://acme-api.onrender.com/api/health" }
          interval = 10m
          active-hours { from = "07:00", to = "23:00", zone = "Europe/Berlin" }
        }
        """);
    MonitorConfig c = MonitorConfig.load(conf);
    Endpoint api = c.endpoints().get(0);
    assertThat(api.name()).isEqualTo("api");
    assertThat(api.service()).isEqualTo("acme-api");
    assertThat(api.interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(api.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(api.degradedAbove()).contains(Duration.ofMillis(800));
    assertThat(api.certificateWarnDays()).isEqualTo(14);
    assertThat(api.failuresToOpen()).isEqualTo(2);
    assertThat(api.inMaintenance(Instant.parse("2026-06-07T01:10:00Z"))).isTrue(); // Sunday 03:10 in Berlin
    assertThat(api.probe().target()).isEqualTo("GET https://acme-api.onrender.com:443/api/health");
    assertThat(c.maxConcurrency()).isEqualTo(8);
    assertThat(c.statusPage()).contains(dir.resolve("public/status.html").toAbsolutePath());
    assertThat(c.title()).isEqualTo("Acme status");
    assertThat(c.notifiers()).isEmpty(); // the unset variable leaves the slack URL out
    KeepWarm.Plan plan = c.keepWarmPlan(KeepWarmTest.RENDER);
    assertThat(plan.awakeHoursPerDay()).isEqualTo(16.25);
    try (History h = c.openHistory()) {
      assertThat(h.describe()).isEqualTo("sqlite " + dir.toAbsolutePath().resolve(".runway/monitor.db"));
    }
  }

  @Test
  void reportsEveryProblemAtOnceWithItsLine() throws Exception {
    Path conf = dir.resolve("runway.conf");
    Files.writeString(conf, """
        monitor {
          endpoints {
            api { url = "ftp://acme/x" }
            web { url = "https://acme.vercel.app/", intervall = 30s }
            db { interval = 30s }
          }
        }
        """);
    assertThatThrownBy(() -> MonitorConfig.load(conf))
        .isInstanceOf(RunwayException.ValidationFailed.class)
        .hasMessage(String.join("\n",
            "error   MALFORMED " + conf + ":3: monitor.endpoints.api.url: 'ftp://acme/x' is not an http(s) URL; write it as https://host/path",
            "error   UNKNOWN " + conf + ":4: monitor.endpoints.web.intervall: not a known key; use one of [bearer-env,"
                + " certificate-warn-days, cold-start-above, degraded-above, expect-json, expect-status, failures-to-open,"
                + " interval, jitter, maintenance, max-response-time, method, min-certificate-days, public-url,"
                + " service, successes-to-resolve, timeout, url]",
            "error   MISSING " + conf + ":5: monitor.endpoints.db.url: missing; write url = \"https://<host>/api/health\""));
  }

  @Test
  void theWorkflowSettingsAreCheckedAtOnceToo() throws Exception {
    Path conf = dir.resolve("runway.conf");
    Files.writeString(conf, """
        monitor {
          history = "postgres-env:"
          status-page { publish = pages }
          github { visibility = secret, job-minutes = 0, install-from = "http://x/runway.tgz" }
          endpoints { api { url = "http://10.0.0.5/health", public-url = "acme.example.com" } }
        }
        """);
    assertThatThrownBy(() -> MonitorConfig.load(conf))
        .isInstanceOf(RunwayException.ValidationFailed.class)
        .hasMessageContaining(conf + ":2: monitor.history: 'postgres-env:' is not a history; write sqlite:<file>,"
            + " postgres-env:DATABASE_URL")
        .hasMessageContaining(conf + ":3: monitor.status-page.publish: publishes a page that is never written")
        .hasMessageContaining(conf + ":4: monitor.github.visibility: 'secret' is not a visibility")
        .hasMessageContaining("monitor.github.job-minutes: must be >= 1 but was 0")
        .hasMessageContaining("monitor.github.install-from: must be an https:// URL")
        .hasMessageContaining("monitor.endpoints.api: endpoint 'api': public URL 'acme.example.com' is not an http(s) URL");
  }

  @Test
  void aDatabaseUrlFromAnUnsetVariableSaysWhichSecretToAddAndNeverPrintsAUrl() throws Exception {
    Path conf = dir.resolve("runway.conf");
    Files.writeString(conf, "monitor { history = \"postgres-env:RUNWAY_TEST_SURELY_UNSET_URL\" }\n");
    MonitorConfig c = MonitorConfig.load(conf);
    assertThat(c.historySecret()).contains("RUNWAY_TEST_SURELY_UNSET_URL");
    assertThatThrownBy(c::openHistory).isInstanceOf(RunwayException.ModelInvalid.class)
        .hasMessageContaining("environment variable RUNWAY_TEST_SURELY_UNSET_URL is not set; export it (in GitHub Actions:"
            + " add a repository secret RUNWAY_TEST_SURELY_UNSET_URL");
  }

  @Test
  void theModelLoaderReadsTheSameFile() throws Exception {
    Path conf = dir.resolve("runway.conf");
    Files.writeString(conf, """
        app = acme
        environments = [development, production]
        services { api { platform = render, type = web, plan = free } }
        monitor { endpoints { api { url = "https://acme-api.onrender.com/api/health" } } }
        keep-warm { services { api = "https://acme-api.onrender.com/api/health" } }
        """);
    assertThat(dev.runway.Runway.load(conf).services()).extracting(dev.runway.Service::name).containsExactly("api");
    assertThat(MonitorConfig.load(conf).endpoints()).extracting(Endpoint::name).containsExactly("api");
  }
}

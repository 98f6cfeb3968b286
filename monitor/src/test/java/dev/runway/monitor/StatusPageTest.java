package dev.runway.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class StatusPageTest {
  final StatusReport report = new Seeded().report();

  @Test
  void reportsUptimePercentilesAndIncidentsFromTheHistory() {
    StatusReport.EndpointStatus api = report.endpoints().get(0);
    assertThat(api.name()).isEqualTo("api");
    assertThat(api.state()).isEqualTo(State.UP);
    assertThat(api.days()).hasSize(90);
    assertThat(api.uptimeDay()).isEqualTo(1.0);
    assertThat(api.uptime7()).isEqualTo(1.0);
    assertThat(api.uptime30()).isLessThan(1.0).isGreaterThan(0.99); // the 3-hour outage 10 days ago
    assertThat(api.p50()).isNotNull();
    assertThat(api.points()).hasSizeBetween(60, 96);
    StatusReport.EndpointStatus web = report.endpoints().get(1);
    assertThat(web.p99().toMillis()).isEqualTo(1500);
    assertThat(report.incidents()).hasSize(2);
    assertThat(report.incidents().get(0).open()).isTrue();
    assertThat(report.overall()).isEqualTo(State.DEGRADED); // web's incident is still open
  }

  @Test
  void thePageAndItsJsonAreWrittenReadableByTheStaticHostThatServesThem(@TempDir Path dir) throws Exception {
    Path html = dir.resolve("public/status.html");
    StatusPage.write(report, html);
    for (Path f : java.util.List.of(html, dir.resolve("public/status.json"))) {
      if (Files.getFileStore(f).supportsFileAttributeView("posix")) {
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
            .as(f.toString()).isEqualTo("rw-r--r--");
      }
    }
  }

  @Test
  void thePageIsOneFileWithoutExternalAssetsOrScript() {
    String html = StatusPage.html(report);
    assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script").doesNotContain("src=")
        .doesNotContain("href=").doesNotContain("url(").doesNotContain("@import")
        .contains("default-src 'none'");
  }

  @Test
  void drawsNinetyBarsPerEndpointAndAChartWithTextAlternatives() {
    String html = StatusPage.html(report);
    assertThat(count(html, "<rect class=\"bar ")).isEqualTo(180);
    assertThat(count(html, "<polyline class=\"line\"")).isEqualTo(2);
    assertThat(html).contains("<title id=\"ep-api-bt\">Daily uptime of api over the last 90 days: ")
        .contains("<title id=\"ep-api-ct\">Response time of api over the last 24 hours: median ")
        .contains("role=\"img\"")
        .contains("<span aria-hidden=\"true\">\u2713</span> Up</span>") // a word and a symbol, not only a colour
        .contains("<strong>Resolved:</strong> api down from <time datetime=\"2026-03-21T12:00:00Z\">2026-03-21 12:00 UTC</time>"
            + " to <time datetime=\"2026-03-21T15:00:00Z\">2026-03-21 15:00 UTC</time> (3 h 0 min) — status 503 (expected 200)");
    // The down day is drawn at half height: a second signal beside its colour.
    assertThat(html).containsPattern("<rect class=\"bar bar-down\" x=\"\\d+\" y=\"17\" width=\"8\" height=\"17\"><title>2026-03-21: ");
  }

  @Test
  void escapesWhatItDoesNotControl() {
    String html = StatusPage.html(report);
    assertThat(html).doesNotContain("<script>alert(1)</script>")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
  }

  @Test
  void theJsonEndpointCarriesTheSameReport(@TempDir Path dir) throws Exception {
    Path page = StatusPage.write(report, dir.resolve("status.html"));
    JsonNode json = JsonMapper.shared().readTree(Files.readString(dir.resolve("status.json")));
    assertThat(Files.readString(page)).isEqualTo(StatusPage.html(report));
    assertThat(json.get("status").asString()).isEqualTo("degraded");
    assertThat(json.get("endpoints").size()).isEqualTo(2);
    assertThat(json.at("/endpoints/0/name").asString()).isEqualTo("api");
    assertThat(json.at("/endpoints/0/days").size()).isEqualTo(90);
    assertThat(json.at("/endpoints/1/responseTimeMs/p99").asDouble()).isEqualTo(1500.0);
    assertThat(json.at("/incidents/0/resolved").isNull()).isTrue();
    assertThat(json.at("/incidents/1/cause").asString()).isEqualTo("status 503 (expected 200)");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("status.html", "status.json");
    }
  }

  private static int count(String text, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
    int n = 0;
    while (m.find()) n++;
    return n;
  }
}

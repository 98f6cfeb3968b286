package dev.runway.cli;

import dev.runway.testkit.Actionlint;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.runway.testkit.JsonSchemas;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The exported monitor workflow's own command, run three times in a row as three scheduled runs
 * would run it: each in a fresh process, against a loopback target that is up, then down, then up
 * again. Whatever carries over between runs carries over through the history alone, as on GitHub's
 * throwaway runners: a real PostgreSQL ({@code RUNWAY_TEST_PG_URL}) and a branch of a temporary
 * git repository whose origin is a bare repository.
 */
class MonitorWorkflowRunTest {
  private static final String TOKEN = "s3cr3t-query-token";

  private HttpServer target;
  private HttpServer webhook;
  private final AtomicBoolean up = new AtomicBoolean(true);
  private final List<String> alerts = new CopyOnWriteArrayList<>();

  @BeforeEach
  void servers() throws IOException {
    target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    target.createContext("/", x -> {
      byte[] body = (up.get() ? "{\"status\":\"pass\"}" : "{\"status\":\"fail\"}").getBytes(StandardCharsets.UTF_8);
      x.sendResponseHeaders(up.get() ? 200 : 503, body.length);
      x.getResponseBody().write(body);
      x.close();
    });
    target.start();
    webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    webhook.createContext("/", x -> {
      alerts.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      x.sendResponseHeaders(204, -1);
      x.close();
    });
    webhook.start();
  }

  @AfterEach
  void stop() {
    target.stop(0);
    webhook.stop(0);
  }

  private String conf(String history, String publish, String every) {
    return "monitor {\n"
        + "  history = \"" + history + "\"\n"
        + "  status-page { out = public/status.html, title = \"Acme status\", publish = \"" + publish + "\" }\n"
        + "  notify { webhook = ${?ALERT_WEBHOOK_URL} }\n"
        + "  endpoints {\n"
        + "    api {\n"
        + "      url = \"http://127.0.0.1:" + target.getAddress().getPort() + "/api/health?token=" + TOKEN + "\"\n"
        + "      service = acme-api, public-url = \"https://acme.example.com/?utm=x\"\n"
        + "      timeout = 3s, failures-to-open = 1, successes-to-resolve = 1\n"
        + "    }\n"
        + "  }\n"
        + "  github { every = " + every + ", visibility = private }\n"
        + "}\n";
  }

  @Test
  void historyAndAlertStateCarryOverThroughAGitBranch(@TempDir Path dir) throws Exception {
    Path origin = dir.resolve("origin.git");
    git(dir, "init", "--quiet", "--bare", "-b", "main", origin.toString());
    Path work = dir.resolve("work");
    git(dir, "clone", "--quiet", origin.toString(), work.toString());
    Files.writeString(work.resolve("runway.conf"), conf("git:status-data", "branch:gh-pages", "30m"));
    git(work, "checkout", "--quiet", "-b", "main");
    git(work, "add", "runway.conf");
    git(work, "commit", "--quiet", "-m", "runway.conf");
    git(work, "push", "--quiet", "origin", "main");

    Step step = exportedStep(work);
    assertThat(step.run()).isEqualTo("runway monitor run --once --config runway.conf");
    assertThat(step.workflow()).contains("contents: write").doesNotContain("pages: write");
    threeRuns(work, step, Map.of("ALERT_WEBHOOK_URL", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook"));

    // What the next runner would check out: a fresh clone of origin.
    Path fresh = dir.resolve("fresh");
    git(dir, "clone", "--quiet", origin.toString(), fresh.toString());
    git(fresh, "fetch", "--quiet", "origin", "status-data:status-data", "gh-pages:gh-pages");
    String ls = git(fresh, "ls-tree", "-r", "--name-only", "status-data");
    String month = ls.lines().filter(l -> l.startsWith("observations/")).findFirst().orElseThrow();
    String observations = git(fresh, "show", "status-data:" + month);
    assertThat(observations.lines()).hasSize(3);
    assertThat(observations.lines().map(l -> l.split("\t")[1])).containsExactly("up", "down", "up");
    String incidents = git(fresh, "show", "status-data:incidents.tsv");
    assertThat(incidents.lines()).hasSize(2).allMatch(l -> l.startsWith("1\tapi\tdown\t"));
    assertThat(incidents.lines().toList().get(1).split("\t")[4]).matches("\\d+"); // resolved
    // Append-only: each run's commit only adds lines.
    String log = git(fresh, "log", "--format=%s", "status-data");
    assertThat(log.lines()).hasSize(4); // the empty start and one commit per run
    String diffs = git(fresh, "log", "-p", "--format=", "status-data");
    assertThat(diffs.lines().filter(l -> l.startsWith("-") && !l.startsWith("---"))).isEmpty();

    String html = git(fresh, "show", "gh-pages:status.html");
    String json = git(fresh, "show", "gh-pages:status.json");
    assertPublicPage(html, json);
  }

  @Test
  void historyAndAlertStateCarryOverThroughPostgres(@TempDir Path dir) throws Exception {
    String base = System.getenv("RUNWAY_TEST_PG_URL");
    Assumptions.assumeTrue(base != null && !base.isBlank(),
        "RUNWAY_TEST_PG_URL is not set: the PostgreSQL run is not tested (.ci/run starts PostgreSQL and sets it)");
    URI u = URI.create(base);
    String[] user = u.getUserInfo().split(":", 2);
    String admin = "jdbc:postgresql://" + u.getHost() + ":" + (u.getPort() > 0 ? u.getPort() : 5432) + u.getPath();
    String db = "runway_monitor_wf_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    sql(admin, user, "create database " + db);
    try {
      String url = u.getScheme() + "://" + u.getRawUserInfo() + "@" + u.getHost() + ":" + (u.getPort() > 0 ? u.getPort() : 5432)
          + "/" + db;
      Path work = Files.createDirectories(dir.resolve("work"));
      Files.writeString(work.resolve("runway.conf"), conf("postgres-env:DATABASE_URL", "pages", "1h"));
      Step step = exportedStep(work);
      assertThat(step.env()).containsEntry("DATABASE_URL", "${{ secrets.DATABASE_URL }}");
      assertThat(step.workflow()).contains("contents: read").contains("pages: write");
      List<String> outputs = threeRuns(work, step, Map.of("DATABASE_URL", url,
          "ALERT_WEBHOOK_URL", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook"));
      for (String o : outputs) assertThat(o).doesNotContain(url).doesNotContain(u.getRawUserInfo());

      String jdbc = admin.replaceFirst("/[^/]*$", "/" + db);
      try (Connection c = DriverManager.getConnection(jdbc, user[0], user.length > 1 ? user[1] : "");
          Statement s = c.createStatement()) {
        try (ResultSet rs = s.executeQuery("select state from runway_monitor_observation order by at_ms")) {
          List<String> states = new ArrayList<>();
          while (rs.next()) states.add(rs.getString(1));
          assertThat(states).containsExactly("up", "down", "up");
        }
        try (ResultSet rs = s.executeQuery("select id, resolved_ms from runway_monitor_incident")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getLong(1)).isEqualTo(1);
          assertThat(rs.getObject(2)).isNotNull();
          assertThat(rs.next()).isFalse();
        }
      }
      assertPublicPage(Files.readString(work.resolve("public/status.html")), Files.readString(work.resolve("public/status.json")));
    } finally {
      sql(admin, user, "drop database if exists " + db + " with (force)");
    }
  }

  /** Up, down, up; exit 0, 1, 0; one alert opened in the second run, one resolved in the third. */
  private List<String> threeRuns(Path work, Step step, Map<String, String> secrets) throws Exception {
    List<String> outputs = new ArrayList<>();
    int[] expected = {0, 1, 0};
    boolean[] state = {true, false, true};
    int[] alertsAfter = {0, 1, 2};
    for (int i = 0; i < 3; i++) {
      up.set(state[i]);
      Proc p = runStep(work, step, secrets);
      outputs.add(p.out());
      assertThat(p.code()).as("run " + (i + 1) + ":\n" + p.out()).isEqualTo(expected[i]);
      assertThat(alerts).as("alerts after run " + (i + 1) + ":\n" + p.out()).hasSize(alertsAfter[i]);
    }
    assertThat(alerts.get(0)).contains("\"event\":\"monitor.down\"").contains("api is down");
    assertThat(alerts.get(1)).contains("\"event\":\"monitor.resolved\"").contains("api is back up");
    return outputs;
  }

  private static void assertPublicPage(String html, String json) throws Exception {
    for (String page : List.of(html, json)) {
      assertThat(page).contains("acme-api").contains("https://acme.example.com/")
          .doesNotContain("127.0.0.1").doesNotContain("localhost").doesNotContain(TOKEN).doesNotContain("utm=")
          .doesNotContain("/api/health");
    }
    JsonNode n = new tools.jackson.databind.json.JsonMapper().readTree(json);
    assertThat(n.at("/endpoints/0/uptime/day").asDouble()).isEqualTo(0.666667); // 2 of 3 checks up
    assertThat(n.at("/endpoints/0/url").asText()).isEqualTo("https://acme.example.com/");
    assertThat(n.at("/incidents").size()).isEqualTo(1);
    assertThat(n.at("/incidents/0/resolved").isNull()).isFalse();
    assertThat(n.at("/status").asText()).isEqualTo("up");
  }

  record Step(String run, Map<String, String> env, String workflow) {}

  /** Exports the workflow as a user would, from the repository's root, checks it, and returns its monitor step. */
  private Step exportedStep(Path work) throws Exception {
    Proc p = runway(work, Map.of(), "monitor", "export", "--config", "runway.conf", "--out", ".github/workflows",
        "--secret", "ALERT_WEBHOOK_URL");
    assertThat(p.code()).as(p.out()).isZero();
    assertThat(p.out()).contains("1488 Actions min a month").contains("note: GitHub starts scheduled workflows late");
    Path file = work.resolve(".github/workflows/monitor.yml");
    String yaml = Files.readString(file);
    assertThat(JsonSchemas.validateYaml("github/github-workflow.json", yaml)).isEmpty();
    Actionlint.Result lint = Actionlint.lint(file);
    assertThat(lint.exitCode()).as(lint.output()).isZero();
    JsonNode steps = new YAMLMapper().readTree(yaml).at("/jobs/monitor/steps");
    for (JsonNode s : steps) {
      if ("monitor".equals(s.path("id").asText())) {
        Map<String, String> env = new LinkedHashMap<>();
        s.path("env").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        return new Step(s.path("run").asText().strip(), env, yaml);
      }
    }
    throw new AssertionError("no step with id monitor in\n" + yaml);
  }

  /** The step's script with 'runway' being this build, its env with each secret given its test value. */
  private static Proc runStep(Path work, Step step, Map<String, String> secrets) throws Exception {
    List<String> words = Arrays.asList(step.run().split(" "));
    assertThat(words.get(0)).isEqualTo("runway");
    Map<String, String> env = new LinkedHashMap<>();
    step.env().forEach((k, v) -> {
      String name = v.replaceAll("^\\$\\{\\{ secrets\\.(\\w+) }}$", "$1");
      env.put(k, secrets.getOrDefault(name, ""));
    });
    return runway(work, env, words.subList(1, words.size()).toArray(String[]::new));
  }

  record Proc(int code, String out) {}

  private static Proc runway(Path work, Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.runway.cli.Main"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true);
    pb.environment().remove("DATABASE_URL");
    pb.environment().remove("ALERT_WEBHOOK_URL");
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return new Proc(p.exitValue(), out);
  }

  private static String git(Path in, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", in.toString(), "-c", "user.name=test", "-c",
        "user.email=test@example.com", "-c", "commit.gpgsign=false"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as("git " + String.join(" ", args) + ": " + out).isZero();
    return out;
  }

  private static void sql(String jdbc, String[] user, String statement) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbc, user[0], user.length > 1 ? user[1] : "");
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }
}

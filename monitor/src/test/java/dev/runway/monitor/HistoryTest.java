package dev.runway.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.monitor.internal.JdbcHistory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same behaviour from SQLite, PostgreSQL (when RUNWAY_TEST_PG_URL is set) and memory. */
class HistoryTest {
  static final Instant DAY1 = Instant.parse("2026-03-01T10:00:00Z");
  static final Instant DAY2 = Instant.parse("2026-03-02T10:00:00Z");

  @TempDir Path dir;

  @Test
  void sqliteKeepsObservationsIncidentsAndDailyUptime() {
    try (History h = History.sqlite(dir.resolve("h.db"))) {
      behavesAsAHistory(h);
    }
  }

  @Test
  void memoryKeepsObservationsIncidentsAndDailyUptime() {
    try (History h = History.inMemory(1000)) {
      behavesAsAHistory(h);
    }
  }

  @Test
  void postgresKeepsObservationsIncidentsAndDailyUptime() throws Exception {
    withPostgres(this::behavesAsAHistory);
  }

  @Test
  void migrationsRunOnceAndAReopenedFileKeepsEverything() {
    Path file = dir.resolve("again.db");
    try (JdbcHistory h = JdbcHistory.sqlite(file)) {
      h.record(List.of(obs(DAY1, State.UP, 12)));
      h.save(new Incident(h.nextIncidentId(), "api", State.DOWN, DAY1, null, "status 503 (expected 200)"));
      assertThat(h.schemaVersion()).isEqualTo(1);
    }
    try (JdbcHistory h = JdbcHistory.sqlite(file)) {
      assertThat(h.schemaVersion()).isEqualTo(1);
      assertThat(h.observations("api", DAY1, DAY2)).hasSize(1);
      assertThat(h.nextIncidentId()).isEqualTo(2);
      assertThat(h.incidents(DAY2)).extracting(Incident::cause).containsExactly("status 503 (expected 200)");
    }
    assertThat(Files.exists(file)).isTrue();
  }

  private void behavesAsAHistory(History h) {
    List<Observation> batch = new ArrayList<>();
    batch.add(obs(DAY1, State.UP, 10));
    batch.add(obs(DAY1.plusSeconds(60), State.DEGRADED, 900));
    batch.add(obs(DAY1.plusSeconds(120), State.DOWN, Double.NaN));
    batch.add(obs(DAY1.plusSeconds(180), State.MAINTENANCE, Double.NaN));
    batch.add(obs(DAY2, State.UP, 20));
    batch.add(new Observation("web", DAY2, State.DOWN, 5, "status 500 (expected 2xx)", false));
    h.record(batch);
    h.flush();

    List<Observation> day1 = h.observations("api", DAY1, DAY2);
    assertThat(day1).extracting(Observation::state)
        .containsExactly(State.UP, State.DEGRADED, State.DOWN, State.MAINTENANCE);
    assertThat(day1.get(1).responseMillis()).isEqualTo(900);
    assertThat(day1.get(2).responseTime()).isEmpty();
    assertThat(day1.get(0).coldStart()).isTrue();

    List<DailyUptime> days = h.daily("api", LocalDate.parse("2026-02-28"), LocalDate.parse("2026-03-02"));
    assertThat(days).containsExactly(
        new DailyUptime(LocalDate.parse("2026-02-28"), 0, 0, 0),
        new DailyUptime(LocalDate.parse("2026-03-01"), 1, 1, 1),
        new DailyUptime(LocalDate.parse("2026-03-02"), 1, 0, 0));
    assertThat(days.get(1).ratio()).isEqualTo(2 / 3.0);

    long first = h.nextIncidentId();
    Incident old = new Incident(first, "api", State.DEGRADED, DAY1, null, "answered in 900 ms");
    h.save(old);
    h.save(old.withSeverity(State.DOWN).withResolved(DAY1.plusSeconds(300)));
    long second = h.nextIncidentId();
    assertThat(second).isGreaterThan(first);
    h.save(new Incident(second, "web", State.DOWN, DAY2, null, "status 500 (expected 2xx)"));
    h.flush();
    List<Incident> all = h.incidents(DAY1);
    assertThat(all).extracting(Incident::id).containsExactly(second, first);
    assertThat(all.get(1).severity()).isEqualTo(State.DOWN);
    assertThat(all.get(1).resolved()).contains(DAY1.plusSeconds(300));
    assertThat(h.incidents(DAY2.plusSeconds(3600))).extracting(Incident::id).containsExactly(second); // still open

    assertThat(h.purge(DAY2)).isEqualTo(5); // four observations and the resolved incident of day 1
    assertThat(h.observations("api", Instant.EPOCH, DAY2.plusSeconds(1))).hasSize(1);
    assertThat(h.incidents(Instant.EPOCH)).extracting(Incident::id).containsExactly(second);
  }

  interface AdminSql {
    void run(String sql);
  }

  @Test
  void aDroppedPostgresConnectionIsReopenedAndNothingIsLost() throws Exception {
    withPostgres((pg, admin) -> {
      try (TargetServer target = new TargetServer();
          Monitor monitor = Monitor.builder()
              .endpoint(Endpoint.builder("api", dev.runway.health.HttpProbe.get(target.url()).build()).build())
              .history(pg).build()) {
        monitor.runOnce();
        assertThat(monitor.historyProblem()).isEmpty();
        // The database goes away under the monitor (a restart, a failover): every session is killed.
        admin.run("select pg_terminate_backend(pid) from pg_stat_activity where datname = '$DB' and pid <> pg_backend_pid()");
        monitor.runOnce();
        assertThat(monitor.historyProblem()).hasValueSatisfying(p -> assertThat(p).startsWith("monitor: history postgres "));
        monitor.runOnce(); // reconnects and writes what waited
        assertThat(monitor.historyProblem()).isEmpty();
        assertThat(pg.observations("api", Instant.EPOCH, Instant.now().plusSeconds(1))).hasSize(3);
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static Observation obs(Instant at, State s, double ms) {
    return new Observation("api", at, s, ms, s == State.UP ? "" : s.wire(), s == State.UP && ms == 10);
  }

  /** Creates a database of its own on the test server, runs {@code test} against it, drops it. */
  static void withPostgres(Consumer<History> test) throws Exception {
    withPostgres((h, admin) -> test.accept(h));
  }

  /** Runs {@code test} with the history and a way to run admin SQL against the test server. */
  static void withPostgres(java.util.function.BiConsumer<History, AdminSql> test) throws Exception {
    String url = System.getenv("RUNWAY_TEST_PG_URL");
    Assumptions.assumeTrue(url != null && !url.isBlank(),
        "RUNWAY_TEST_PG_URL is not set: PostgreSQL history not tested (.ci/run starts PostgreSQL and sets it)");
    URI u = URI.create(url);
    String[] userInfo = u.getUserInfo().split(":", 2);
    String admin = "jdbc:postgresql://" + u.getHost() + ":" + (u.getPort() > 0 ? u.getPort() : 5432) + u.getPath();
    String db = "runway_monitor_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(admin, userInfo[0], userInfo.length > 1 ? userInfo[1] : "");
        Statement s = c.createStatement()) {
      s.execute("create database " + db);
    }
    try {
      String own = u.getScheme() + "://" + u.getRawUserInfo() + "@" + u.getHost() + ":" + (u.getPort() > 0 ? u.getPort() : 5432)
          + "/" + db;
      try (History h = History.postgres(own, "")) {
        assertThat(h.describe()).isEqualTo("postgres " + u.getHost() + ":" + (u.getPort() > 0 ? u.getPort() : 5432) + "/" + db);
        test.accept(h, sql -> {
          try (Connection c = DriverManager.getConnection(admin, userInfo[0], userInfo.length > 1 ? userInfo[1] : "");
              Statement st = c.createStatement()) {
            st.execute(sql.replace("$DB", db));
          } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
          }
        });
      }
    } finally {
      try (Connection c = DriverManager.getConnection(admin, userInfo[0], userInfo.length > 1 ? userInfo[1] : "");
          Statement s = c.createStatement()) {
        s.execute("drop database if exists " + db);
      }
    }
  }
}

package dev.runway.supabase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.supabase.internal.Outcome;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real PostgreSQL ({@code RUNWAY_TEST_PG_URL}); skipped with instructions without one. */
class PostgresProbesTest {
  TestPostgres pg;
  final List<Connection> held = new ArrayList<>();

  @BeforeEach
  void createDatabase() throws Exception {
    pg = TestPostgres.create(10);
  }

  @AfterEach
  void dropDatabase() throws Exception {
    for (Connection c : held) c.close();
    if (pg != null) pg.close();
  }

  private PostgresProbes.Builder probes() {
    return Supabase.postgres(pg.roleUrl());
  }

  private void hold(int connections) throws Exception {
    for (int i = 0; i < connections; i++) held.add(pg.roleConnection());
  }

  @Test
  void connectsAndReportsTheRoundTrip() {
    Outcome o = probes().build().checks().connect();
    assertThat(o.level()).isEqualTo(Outcome.Level.PASS);
    assertThat(o.message()).isEqualTo("connected to 127.0.0.1:5432/" + pg.database);
    assertThat(o.details()).containsKeys("connectMs", "roundTripMs");
  }

  @Test
  void aWrongPasswordFailsWithoutShowingIt() {
    Outcome o = Supabase.postgres(pg.wrongPasswordUrl()).build().checks().connect();
    assertThat(o.level()).isEqualTo(Outcome.Level.FAIL);
    assertThat(o.message()).isEqualTo("cannot connect to 127.0.0.1:5432/" + pg.database
        + ": authentication failed (28P01): check the user and password");
    assertThat(o.toString()).doesNotContain("not-the-password");
  }

  @Test
  void connectionsBelowTheWarnThresholdPass() throws Exception {
    hold(3); // + the probe's own = 4 of 10
    Outcome o = probes().role(pg.role).build().checks().connections();
    assertThat(o.level()).isEqualTo(Outcome.Level.PASS);
    assertThat(o.details()).containsEntry("used", 4L).containsEntry("max", 10L).containsEntry("user_" + pg.role, 4L);
  }

  @Test
  void connectionsPastEightyPercentOfTheRoleLimitWarn() throws Exception {
    hold(7); // + the probe's own = 8 of 10
    Outcome o = probes().role(pg.role).build().checks().connections();
    assertThat(o.level()).isEqualTo(Outcome.Level.WARN);
    assertThat(o.message()).isEqualTo("8 of 10 connections in use by " + pg.role + " (80%, connection limit of role "
        + pg.role + "); close to the limit: connect through the pooler (port 6543) or lower the pool sizes");
  }

  @Test
  void connectionsPastNinetyFivePercentOfAConfiguredMaximumFail() throws Exception {
    hold(4); // + the probe's own = 5 of a configured 5
    Outcome o = probes().role(pg.role).maxConnections(5).build().checks().connections();
    assertThat(o.level()).isEqualTo(Outcome.Level.FAIL);
    assertThat(o.message()).startsWith("5 of 5 connections in use by " + pg.role + " (100%, configured maximum); new connections");
  }

  @Test
  void serverWideConnectionsCountAgainstMaxConnectionsMinusReserved() throws Exception {
    Outcome o = probes().build().checks().connections();
    long expectedMax;
    try (Connection c = pg.adminConnection(); Statement s = c.createStatement();
        var rs = s.executeQuery("select current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int")) {
      rs.next();
      expectedMax = rs.getLong(1);
    }
    assertThat(o.details()).containsEntry("max", expectedMax);
    assertThat((Long) o.details().get("used")).isPositive();
  }

  @Test
  void aDatabaseGrownPastItsSizeLimitFails() throws Exception {
    long baseline = (Long) probes().build().checks().size().details().get("sizeBytes");
    long limit = baseline + 4L * 1024 * 1024;
    assertThat(probes().sizeLimit(limit).build().checks().size().level()).isEqualTo(Outcome.Level.PASS);
    try (Connection c = pg.roleConnection(); Statement s = c.createStatement()) {
      s.execute("create table filler (x text)");
      s.execute("alter table filler alter column x set storage plain");
      s.execute("insert into filler select repeat('x', 1000) from generate_series(1, 8000)"); // ~8 MB uncompressed
    }
    Outcome o = probes().sizeLimit(limit).build().checks().size();
    assertThat(o.level()).isEqualTo(Outcome.Level.FAIL);
    assertThat(o.message()).endsWith("configured limit); past the limit Supabase makes the database read-only: delete data"
        + " (then VACUUM), or move to a larger plan");
    assertThat((Long) o.details().get("sizeBytes")).isGreaterThan(limit);
  }

  @Test
  void sizeBetweenTheThresholdsWarns() throws Exception {
    long size = (Long) probes().build().checks().size().details().get("sizeBytes");
    Outcome o = probes().sizeLimit((long) (size / 0.9)).build().checks().size();
    assertThat(o.level()).isEqualTo(Outcome.Level.WARN);
  }

  @Test
  void theFreePlanLimitIsFiveHundredMegabytes() {
    Outcome o = probes().plan(PlanLimits.FREE).build().checks().size();
    assertThat(o.level()).isEqualTo(Outcome.Level.PASS);
    assertThat(o.details()).containsEntry("limitBytes", 500L * 1024 * 1024);
    assertThat(o.message()).endsWith("of 500.0 MB (" + Math.round((Long) o.details().get("sizeBytes") * 100.0 / (500L * 1024 * 1024)) + "%, free plan)");
  }

  @Test
  void aReadOnlyDatabaseFails() throws Exception {
    assertThat(probes().build().checks().readOnly().level()).isEqualTo(Outcome.Level.PASS);
    pg.adminExecute("alter database " + pg.database + " set default_transaction_read_only = on");
    Outcome o = probes().build().checks().readOnly();
    assertThat(o.level()).isEqualTo(Outcome.Level.FAIL);
    assertThat(o.message()).isEqualTo("database is read-only (default_transaction_read_only = on): Supabase sets this when"
        + " a project passes its disk limit; free space or upgrade, then run"
        + " ALTER DATABASE postgres SET default_transaction_read_only = off");
    assertThat(o.details()).containsEntry("readOnly", true);
  }

  @Test
  void anUnreachableServerFailsWithoutThrowing() {
    var url = dev.runway.env.PostgresUrl.parse("postgresql://u:secret-pw@127.0.0.1:1/db");
    Outcome o = Supabase.postgres(url).connectTimeout(java.time.Duration.ofSeconds(1)).build().checks().connections();
    assertThat(o.level()).isEqualTo(Outcome.Level.FAIL);
    assertThat(o.message()).startsWith("cannot count connections on 127.0.0.1:1/db: the connection failed (08");
    assertThat(o.toString()).doesNotContain("secret-pw");
  }
}

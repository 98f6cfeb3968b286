package dev.runway.supabase;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runway.env.PostgresUrl;
import dev.runway.base.Secret;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * A database and a role of their own on the shared test server ({@code RUNWAY_TEST_PG_URL}), with
 * unique names, dropped on close. Skips the test, saying how to run it, when the variable is unset.
 */
final class TestPostgres implements AutoCloseable {
  static final String VARIABLE = "RUNWAY_TEST_PG_URL";

  final PostgresUrl admin;
  final String database;
  final String role;
  final String password = "pw-" + UUID.randomUUID();

  private TestPostgres(PostgresUrl admin, String suffix) {
    this.admin = admin;
    this.database = "runway_sb_" + suffix;
    this.role = "runway_sb_r_" + suffix;
  }

  static TestPostgres create(int roleConnectionLimit) throws SQLException {
    String url = System.getenv(VARIABLE);
    assumeTrue(url != null && !url.isBlank(), "Postgres tests skipped: set " + VARIABLE
        + "=postgresql://postgres:postgres@127.0.0.1:5432/postgres (a PostgreSQL 15 server; .ci/run starts one) to run them");
    TestPostgres pg = new TestPostgres(PostgresUrl.parse(url), UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT));
    try (Connection c = pg.adminConnection(); Statement s = c.createStatement()) {
      s.execute("create role " + pg.role + " login password '" + pg.password + "' connection limit " + roleConnectionLimit);
      s.execute("create database " + pg.database + " owner " + pg.role);
    }
    return pg;
  }

  Connection adminConnection() throws SQLException {
    return connect(admin, admin.database());
  }

  /** A connection as the test role to the test database. */
  Connection roleConnection() throws SQLException {
    return connect(roleUrl(), database);
  }

  PostgresUrl roleUrl() {
    return PostgresUrl.parse("postgresql://" + role + ":" + password + "@" + admin.host() + ":" + admin.port() + "/" + database);
  }

  /** The role URL with a wrong password. */
  PostgresUrl wrongPasswordUrl() {
    return PostgresUrl.parse("postgresql://" + role + ":not-the-password@" + admin.host() + ":" + admin.port() + "/" + database);
  }

  private static Connection connect(PostgresUrl url, String db) throws SQLException {
    Properties p = new Properties();
    url.user().ifPresent(u -> p.setProperty("user", u));
    url.password().map(Secret::reveal).ifPresent(pw -> p.setProperty("password", pw));
    p.setProperty("connectTimeout", "5");
    return DriverManager.getConnection("jdbc:postgresql://" + url.host() + ":" + url.port() + "/" + db, p);
  }

  void adminExecute(String sql) throws SQLException {
    try (Connection c = adminConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Override
  public void close() throws SQLException {
    try (Connection c = adminConnection(); Statement s = c.createStatement()) {
      s.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database + "' or usename = '" + role + "'");
      s.execute("drop database if exists " + database + " with (force)");
      s.execute("drop role if exists " + role);
    }
  }
}

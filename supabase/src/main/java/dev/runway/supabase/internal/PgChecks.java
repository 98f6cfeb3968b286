package dev.runway.supabase.internal;

import dev.runway.supabase.Thresholds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Postgres checks: connect and round trip, connections in use against the maximum, database
 * size against the plan, read-only state. Each opens one short connection, never throws, and
 * never puts the password in a message (driver messages are reduced to their SQLState).
 */
public final class PgChecks {
  /** Opens a connection. */
  @FunctionalInterface
  public interface Connector {
    Connection open() throws SQLException;
  }

  private final Connector connector;
  private final String target;
  private final Thresholds thresholds;
  private final @Nullable Integer maxConnections;
  private final @Nullable String role;
  private final long sizeLimitBytes;
  private final String planName;

  public PgChecks(Connector connector, String target, Thresholds thresholds, @Nullable Integer maxConnections,
      @Nullable String role, long sizeLimitBytes, String planName) {
    this.connector = connector;
    this.target = target;
    this.thresholds = thresholds;
    this.maxConnections = maxConnections;
    this.role = role;
    this.sizeLimitBytes = sizeLimitBytes;
    this.planName = planName;
  }

  /** Connects, runs {@code select 1}, reports the round trip. */
  public Outcome connect() {
    long start = System.nanoTime();
    try (Connection c = connector.open(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
      rs.next();
      long connected = System.nanoTime();
      try (ResultSet again = s.executeQuery("select 1")) {
        again.next();
      }
      long roundTrip = System.nanoTime() - connected;
      return Outcome.pass("connected to " + target)
          .with("connectMs", millis(connected - start))
          .with("roundTripMs", millis(roundTrip));
    } catch (SQLException e) {
      return failure("cannot connect to " + target, e);
    } catch (RuntimeException e) {
      return Outcome.fail("cannot connect to " + target + ": " + e.getClass().getSimpleName());
    }
  }

  /**
   * Client connections in use against the maximum: the configured maximum, else the role's
   * {@code CONNECTION LIMIT} when a role is watched and has one, else {@code max_connections} minus
   * the reserved slots. Details list the connections by user.
   */
  public Outcome connections() {
    try (Connection c = connector.open()) {
      Map<String, Long> byUser = new LinkedHashMap<>();
      String sql = "select coalesce(usename, '(none)'), count(*) from pg_stat_activity"
          + " where backend_type = 'client backend'" + (role == null ? "" : " and usename = ?")
          + " group by 1 order by 2 desc, 1";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        if (role != null) ps.setString(1, role);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) byUser.put(rs.getString(1), rs.getLong(2));
        }
      }
      long used = byUser.values().stream().mapToLong(Long::longValue).sum();
      long max;
      String source;
      if (maxConnections != null) {
        max = maxConnections;
        source = "configured maximum";
      } else {
        long roleLimit = -1;
        if (role != null) {
          try (PreparedStatement ps = c.prepareStatement("select rolconnlimit from pg_roles where rolname = ?")) {
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
              if (rs.next()) roleLimit = rs.getLong(1);
            }
          }
        }
        if (roleLimit > 0) {
          max = roleLimit;
          source = "connection limit of role " + role;
        } else {
          try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
              "select current_setting('max_connections')::int"
                  + " - current_setting('superuser_reserved_connections')::int"
                  + " - coalesce(current_setting('reserved_connections', true), '0')::int")) {
            rs.next();
            max = rs.getLong(1);
          }
          source = "max_connections minus reserved";
        }
      }
      String who = role == null ? "" : " by " + role;
      String text = used + " of " + max + " connections in use" + who + " (" + percent(used, max) + ", " + source + ")";
      Outcome.Level level = thresholds.fails(used, max) ? Outcome.Level.FAIL
          : thresholds.warns(used, max) ? Outcome.Level.WARN : Outcome.Level.PASS;
      String advice = level == Outcome.Level.PASS ? ""
          : "; " + (level == Outcome.Level.FAIL ? "new connections will soon be refused" : "close to the limit")
              + ": connect through the pooler (port 6543) or lower the pool sizes";
      Outcome out = Outcome.of(level, text + advice).with("used", used).with("max", max)
          .with("percent", Math.round(ratio(used, max) * 1000) / 10.0);
      for (Map.Entry<String, Long> e : byUser.entrySet()) out = out.with("user_" + identifier(e.getKey()), e.getValue());
      return out;
    } catch (SQLException e) {
      return failure("cannot count connections on " + target, e);
    } catch (RuntimeException e) {
      return Outcome.fail("cannot count connections on " + target + ": " + e.getClass().getSimpleName());
    }
  }

  /** {@code pg_database_size(current_database())} against the plan's limit. */
  public Outcome size() {
    try (Connection c = connector.open(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select pg_database_size(current_database())")) {
      rs.next();
      long bytes = rs.getLong(1);
      Outcome.Level level = thresholds.fails(bytes, sizeLimitBytes) ? Outcome.Level.FAIL
          : thresholds.warns(bytes, sizeLimitBytes) ? Outcome.Level.WARN : Outcome.Level.PASS;
      String text = "database uses " + mb(bytes) + " of " + mb(sizeLimitBytes) + " (" + percent(bytes, sizeLimitBytes)
          + ", " + planName + ")";
      if (level != Outcome.Level.PASS) {
        text += "; past the limit Supabase makes the database read-only: delete data (then VACUUM), or move to a larger plan";
      }
      return Outcome.of(level, text).with("sizeBytes", bytes).with("limitBytes", sizeLimitBytes)
          .with("percent", Math.round(ratio(bytes, sizeLimitBytes) * 1000) / 10.0);
    } catch (SQLException e) {
      return failure("cannot read the database size on " + target, e);
    } catch (RuntimeException e) {
      return Outcome.fail("cannot read the database size on " + target + ": " + e.getClass().getSimpleName());
    }
  }

  /** Fails when new transactions are read-only (Supabase's reaction to a full disk) or the server is a standby. */
  public Outcome readOnly() {
    try (Connection c = connector.open(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "select current_setting('default_transaction_read_only'), current_setting('transaction_read_only'), pg_is_in_recovery()")) {
      rs.next();
      boolean defaultReadOnly = "on".equalsIgnoreCase(rs.getString(1));
      boolean txReadOnly = "on".equalsIgnoreCase(rs.getString(2));
      boolean recovery = rs.getBoolean(3);
      Outcome out;
      if (recovery) {
        out = Outcome.fail("database is a read-only standby (pg_is_in_recovery); point the app at the primary");
      } else if (defaultReadOnly || txReadOnly) {
        out = Outcome.fail("database is read-only (default_transaction_read_only = on): Supabase sets this when a project"
            + " passes its disk limit; free space or upgrade, then run"
            + " ALTER DATABASE postgres SET default_transaction_read_only = off");
      } else {
        out = Outcome.pass("database accepts writes");
      }
      return out.with("readOnly", defaultReadOnly || txReadOnly || recovery).with("inRecovery", recovery);
    } catch (SQLException e) {
      return failure("cannot read the read-only state of " + target, e);
    } catch (RuntimeException e) {
      return Outcome.fail("cannot read the read-only state of " + target + ": " + e.getClass().getSimpleName());
    }
  }

  /** Driver messages can echo connection parameters; report the SQLState and a safe summary. */
  private static Outcome failure(String what, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String why = switch (state.length() >= 2 ? state.substring(0, 2) : state) {
      case "08" -> "the connection failed (" + state + ")";
      case "28" -> "authentication failed (" + state + "): check the user and password";
      case "53" -> "the server is out of resources (" + state + "): too many connections?";
      case "3D" -> "the database does not exist (" + state + ")";
      case "57" -> "the server refused or cancelled the query (" + state + ")";
      default -> "SQLState " + (state.isEmpty() ? "unknown" : state);
    };
    if (state.equals("53300")) why = "too many connections (53300): every slot is taken; close idle connections or use the pooler";
    return Outcome.fail(what + ": " + why).with("sqlState", state);
  }

  private static double ratio(long used, long max) {
    return max <= 0 ? 1.0 : (double) used / max;
  }

  private static String percent(long used, long max) {
    return Math.round(ratio(used, max) * 100) + "%";
  }

  static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
  }

  private static long millis(long nanos) {
    return Math.max(0, nanos / 1_000_000);
  }

  private static String identifier(String s) {
    String id = s.replaceAll("[^A-Za-z0-9_]", "_");
    return id.isEmpty() ? "_" : id;
  }
}

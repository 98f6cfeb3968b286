package dev.runway.monitor.internal;

import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import dev.runway.monitor.DailyUptime;
import dev.runway.monitor.History;
import dev.runway.monitor.Incident;
import dev.runway.monitor.Observation;
import dev.runway.monitor.State;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * SQLite and PostgreSQL through plain JDBC and one schema: the SQL below is the common subset of
 * both dialects, so one migration list serves both. One connection, used under this object's
 * lock: SQLite has one writer anyway, and monitoring writes in batches (one transaction per
 * flush, about once a second), so a pool would buy nothing. A broken connection is reopened on
 * the next call.
 */
public final class JdbcHistory implements History {
  /** Each entry moves the schema one version up; never edit an entry, append one. */
  static final List<List<String>> MIGRATIONS = List.of(
      List.of(
          "create table runway_monitor_observation (endpoint varchar(64) not null, at_ms bigint not null,"
              + " state varchar(12) not null, response_ms double precision, message varchar(300) not null,"
              + " cold_start smallint not null)",
          "create index runway_monitor_observation_at on runway_monitor_observation (endpoint, at_ms)",
          "create table runway_monitor_incident (id bigint primary key, endpoint varchar(64) not null,"
              + " severity varchar(12) not null, opened_ms bigint not null, resolved_ms bigint,"
              + " cause varchar(300) not null)"));

  private static final long DAY_MS = 86_400_000L;

  private final String jdbcUrl;
  private final Properties properties;
  private final String description;
  private final List<String> connectSql;
  private final List<Observation> buffer = new ArrayList<>(); // guarded by itself, never held during I/O
  private @Nullable Connection connection; // guarded by this
  private final java.util.concurrent.atomic.AtomicLong nextId = new java.util.concurrent.atomic.AtomicLong(1);
  private long dropped; // guarded by buffer
  static final int MAX_BUFFER = 100_000;

  JdbcHistory(String jdbcUrl, Properties properties, String description, List<String> connectSql) {
    this.jdbcUrl = jdbcUrl;
    this.properties = properties;
    this.description = description;
    this.connectSql = List.copyOf(connectSql);
    synchronized (this) {
      try {
        Connection c = connection();
        migrate(c);
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("select coalesce(max(id), 0) from runway_monitor_incident")) {
          rs.next();
          nextId.set(rs.getLong(1) + 1);
        }
      } catch (SQLException e) {
        closeQuietly();
        throw new RunwayException.IoFailed("monitor: history " + description + ": cannot open (" + reason(e)
            + "); check that the database is reachable and writable", Origin.of(description), e);
      }
    }
  }

  public static JdbcHistory sqlite(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
    } catch (java.io.IOException e) {
      throw new RunwayException.IoFailed("monitor: history sqlite " + file + ": cannot create its folder ("
          + e.getClass().getSimpleName() + "); check the path", Origin.file(file), e);
    }
    return sqlite(file, List.of());
  }

  /** For tests: extra statements run on every new connection (e.g. a small max_page_count). */
  public static JdbcHistory sqlite(Path file, List<String> extraConnectSql) {
    List<String> sql = new ArrayList<>(List.of("pragma journal_mode=wal", "pragma synchronous=normal",
        "pragma busy_timeout=5000"));
    sql.addAll(extraConnectSql);
    requireDriver("org.sqlite.JDBC", "org.xerial:sqlite-jdbc", "sqlite " + file);
    return new JdbcHistory("jdbc:sqlite:" + file.toAbsolutePath(), new Properties(), "sqlite " + file, sql);
  }

  public static JdbcHistory postgres(String url, String password) {
    String user = "";
    String pass = password;
    String hostAndDb;
    if (url.startsWith("jdbc:postgresql://")) {
      hostAndDb = url.substring("jdbc:postgresql://".length());
    } else if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
      URI u = URI.create(url);
      String info = u.getRawUserInfo();
      if (info != null) {
        int colon = info.indexOf(':');
        user = decode(colon < 0 ? info : info.substring(0, colon));
        if (pass.isEmpty() && colon >= 0) pass = decode(info.substring(colon + 1));
      }
      hostAndDb = u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "") + (u.getRawPath() == null ? "" : u.getRawPath())
          + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    } else {
      throw new IllegalArgumentException("monitor: history postgres: the URL must start with postgresql:// or"
          + " jdbc:postgresql://; write postgresql://user@host:5432/db");
    }
    Properties p = new Properties();
    if (!user.isEmpty()) p.setProperty("user", user);
    if (!pass.isEmpty()) p.setProperty("password", pass);
    p.setProperty("connectTimeout", "5");
    p.setProperty("socketTimeout", "30");
    int q = hostAndDb.indexOf('?');
    String shown = q < 0 ? hostAndDb : hostAndDb.substring(0, q);
    requireDriver("org.postgresql.Driver", "org.postgresql:postgresql", "postgres " + shown);
    return new JdbcHistory("jdbc:postgresql://" + hostAndDb, p, "postgres " + shown, List.of());
  }

  /**
   * The JDBC driver is the user's choice of dependency (runway-monitor declares neither as required):
   * say which one to add rather than fail later with DriverManager's "No suitable driver".
   */
  static void requireDriver(String driverClass, String artifact, String history) {
    try {
      Class.forName(driverClass, false, JdbcHistory.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new RunwayException.IoFailed("monitor: history " + history + ": no JDBC driver for it on the class path;"
          + " add the dependency " + artifact + " (or keep the history in memory)", Origin.of("monitor"), null);
    }
  }

  private static String decode(String s) {
    return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  // guarded by this
  private Connection connection() throws SQLException {
    Connection c = connection;
    if (c != null && !c.isClosed()) return c;
    c = DriverManager.getConnection(jdbcUrl, properties);
    try (Statement s = c.createStatement()) {
      for (String sql : connectSql) s.execute(sql);
    }
    connection = c;
    return c;
  }

  private static void migrate(Connection c) throws SQLException {
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("create table if not exists runway_monitor_schema (version integer not null)");
      int version = 0;
      try (ResultSet rs = s.executeQuery("select max(version) from runway_monitor_schema")) {
        if (rs.next()) version = rs.getInt(1);
      }
      for (int v = version; v < MIGRATIONS.size(); v++) {
        for (String sql : MIGRATIONS.get(v)) s.execute(sql);
        s.execute("insert into runway_monitor_schema (version) values (" + (v + 1) + ")");
      }
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  /** The schema version after migration; for tests. */
  public synchronized int schemaVersion() {
    try (Statement s = connection().createStatement();
        ResultSet rs = s.executeQuery("select max(version) from runway_monitor_schema")) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      throw failed("read the schema version", e);
    }
  }

  /** Only appends to the buffer: a checking thread never waits for the database. */
  @Override
  public void record(Collection<Observation> observations) {
    synchronized (buffer) {
      buffer.addAll(observations);
      trim();
    }
  }

  // guarded by buffer
  private void trim() {
    int over = buffer.size() - MAX_BUFFER;
    if (over > 0) {
      buffer.subList(0, over).clear(); // the database has been away for long: keep the newest
      dropped += over;
    }
  }

  @Override
  public synchronized void flush() {
    List<Observation> batch;
    synchronized (buffer) {
      if (buffer.isEmpty()) return;
      batch = new ArrayList<>(buffer);
      buffer.clear();
    }
    try {
      write(batch);
    } catch (SQLException e) {
      synchronized (buffer) {
        buffer.addAll(0, batch); // kept for the next flush
        trim();
      }
      broken(e);
      throw failed("write " + batch.size() + " observations", e);
    }
  }

  // guarded by this
  private void write(List<Observation> batch) throws SQLException {
    {
      Connection c = connection();
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("insert into runway_monitor_observation"
          + " (endpoint, at_ms, state, response_ms, message, cold_start) values (?, ?, ?, ?, ?, ?)")) {
        for (Observation o : batch) {
          ps.setString(1, o.endpoint());
          ps.setLong(2, o.at().toEpochMilli());
          ps.setString(3, o.state().wire());
          if (Double.isNaN(o.responseMillis())) ps.setNull(4, Types.DOUBLE);
          else ps.setDouble(4, o.responseMillis());
          ps.setString(5, o.message());
          ps.setInt(6, o.coldStart() ? 1 : 0);
          ps.addBatch();
        }
        ps.executeBatch();
        c.commit();
      } catch (SQLException e) {
        rollbackQuietly(c);
        throw e;
      } finally {
        try {
          c.setAutoCommit(true);
        } catch (SQLException ignored) {
          // broken connection; dropped by the caller
        }
      }
    }
  }

  /** Observations not yet written; kept across a failed flush so nothing is lost when the database comes back. */
  public int buffered() {
    synchronized (buffer) {
      return buffer.size();
    }
  }

  /** Observations dropped because the database was away while more than {@value #MAX_BUFFER} waited. */
  public long dropped() {
    synchronized (buffer) {
      return dropped;
    }
  }

  @Override
  public synchronized void save(Incident i) {
    try {
      Connection c = connection();
      int updated;
      try (PreparedStatement ps = c.prepareStatement(
          "update runway_monitor_incident set severity = ?, resolved_ms = ?, cause = ? where id = ?")) {
        ps.setString(1, i.severity().wire());
        if (i.resolved().isPresent()) ps.setLong(2, i.resolved().get().toEpochMilli());
        else ps.setNull(2, Types.BIGINT);
        ps.setString(3, clip(i.cause()));
        ps.setLong(4, i.id());
        updated = ps.executeUpdate();
      }
      if (updated == 0) {
        try (PreparedStatement ps = c.prepareStatement("insert into runway_monitor_incident"
            + " (id, endpoint, severity, opened_ms, resolved_ms, cause) values (?, ?, ?, ?, ?, ?)")) {
          ps.setLong(1, i.id());
          ps.setString(2, i.endpoint());
          ps.setString(3, i.severity().wire());
          ps.setLong(4, i.opened().toEpochMilli());
          if (i.resolved().isPresent()) ps.setLong(5, i.resolved().get().toEpochMilli());
          else ps.setNull(5, Types.BIGINT);
          ps.setString(6, clip(i.cause()));
          ps.executeUpdate();
        }
      }
      nextId.accumulateAndGet(i.id() + 1, Math::max);
    } catch (SQLException e) {
      broken(e);
      throw failed("save incident " + i.id(), e);
    }
  }

  private static String clip(String s) {
    return s.length() > 300 ? s.substring(0, 297) + "..." : s;
  }

  @Override
  public long nextIncidentId() {
    return nextId.getAndIncrement();
  }

  @Override
  public synchronized List<Observation> observations(String endpoint, Instant from, Instant to) {
    flushQuietly();
    List<Observation> out = new ArrayList<>();
    try (PreparedStatement ps = connection().prepareStatement("select at_ms, state, response_ms, message, cold_start"
        + " from runway_monitor_observation where endpoint = ? and at_ms >= ? and at_ms < ? order by at_ms")) {
      ps.setString(1, endpoint);
      ps.setLong(2, from.toEpochMilli());
      ps.setLong(3, to.toEpochMilli());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          double ms = rs.getDouble(3);
          if (rs.wasNull()) ms = Double.NaN;
          out.add(new Observation(endpoint, Instant.ofEpochMilli(rs.getLong(1)), State.ofWire(rs.getString(2)), ms,
              rs.getString(4), rs.getInt(5) != 0));
        }
      }
      return out;
    } catch (SQLException e) {
      broken(e);
      throw failed("read observations of " + endpoint, e);
    }
  }

  @Override
  public synchronized List<Incident> incidents(Instant since) {
    List<Incident> out = new ArrayList<>();
    try (PreparedStatement ps = connection().prepareStatement("select id, endpoint, severity, opened_ms, resolved_ms, cause"
        + " from runway_monitor_incident where opened_ms >= ? or resolved_ms is null order by opened_ms desc, id desc")) {
      ps.setLong(1, since.toEpochMilli());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long resolved = rs.getLong(5);
          boolean open = rs.wasNull();
          out.add(new Incident(rs.getLong(1), rs.getString(2), State.ofWire(rs.getString(3)),
              Instant.ofEpochMilli(rs.getLong(4)), open ? null : Instant.ofEpochMilli(resolved), rs.getString(6)));
        }
      }
      return out;
    } catch (SQLException e) {
      broken(e);
      throw failed("read incidents", e);
    }
  }

  @Override
  public synchronized List<DailyUptime> daily(String endpoint, LocalDate from, LocalDate to) {
    flushQuietly();
    long fromMs = from.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    long toMs = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    Map<LocalDate, long[]> counts = new HashMap<>();
    try (PreparedStatement ps = connection().prepareStatement("select at_ms / " + DAY_MS + " as day, state, count(*)"
        + " from runway_monitor_observation where endpoint = ? and at_ms >= ? and at_ms < ? and state <> 'maintenance'"
        + " group by at_ms / " + DAY_MS + ", state")) {
      ps.setString(1, endpoint);
      ps.setLong(2, fromMs);
      ps.setLong(3, toMs);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          LocalDate day = LocalDate.ofEpochDay(rs.getLong(1));
          counts.computeIfAbsent(day, d -> new long[3])[State.ofWire(rs.getString(2)).ordinal()] += rs.getLong(3);
        }
      }
      return MemoryHistory.days(from, to, counts);
    } catch (SQLException e) {
      broken(e);
      throw failed("read daily uptime of " + endpoint, e);
    }
  }

  @Override
  public synchronized long purge(Instant before) {
    try (PreparedStatement a = connection().prepareStatement("delete from runway_monitor_observation where at_ms < ?");
        PreparedStatement b = connection().prepareStatement(
            "delete from runway_monitor_incident where resolved_ms is not null and resolved_ms < ?")) {
      a.setLong(1, before.toEpochMilli());
      b.setLong(1, before.toEpochMilli());
      return (long) a.executeUpdate() + b.executeUpdate();
    } catch (SQLException e) {
      broken(e);
      throw failed("purge", e);
    }
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RunwayException e) {
      // the read below reports the problem if the database is really gone
    }
  }

  private RunwayException failed(String what, SQLException e) {
    return new RunwayException.IoFailed("monitor: history " + description + ": cannot " + what + " (" + reason(e)
        + "); monitoring goes on in memory until the database is back", Origin.of(description), e);
  }

  /** The innermost driver message, first line only: a batch error's own text repeats the values it carried. */
  private static String reason(SQLException e) {
    Throwable inner = e;
    for (int i = 0; i < 5; i++) {
      Throwable next = inner instanceof SQLException se && se.getNextException() != null ? se.getNextException()
          : inner.getCause();
      if (next == null || next == inner) break;
      inner = next;
    }
    if (inner != e && inner.getMessage() != null) return clipReason(inner.getClass().getSimpleName() + ": " + inner.getMessage());
    String m = e.getMessage();
    if (m != null && m.startsWith("Batch entry")) return "the batch was refused";
    return clipReason(m == null ? e.getClass().getSimpleName() : m);
  }

  private static String clipReason(String text) {
    String m = text;
    int nl = m.indexOf('\n');
    if (nl >= 0) m = m.substring(0, nl);
    return m.length() > 200 ? m.substring(0, 200) + "..." : m;
  }

  // guarded by this: a connection that failed is dropped and reopened on the next call
  private void broken(SQLException e) {
    Connection c = connection;
    try {
      if (c != null && !c.isClosed() && c.isValid(1)) return;
    } catch (SQLException ignored) {
      // fall through: drop it
    }
    closeQuietly();
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is broken; broken() drops it
    }
  }

  private void closeQuietly() {
    Connection c = connection;
    connection = null;
    if (c == null) return;
    try {
      c.close();
    } catch (SQLException ignored) {
      // nothing more to do
    }
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public synchronized void close() {
    try {
      flush();
    } catch (RunwayException e) {
      // already reported by the monitor; closing anyway
    } finally {
      closeQuietly();
    }
  }

  @Override
  public String toString() {
    return "History{" + description + "}";
  }
}

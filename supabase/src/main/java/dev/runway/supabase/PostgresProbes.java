package dev.runway.supabase;

import dev.runway.env.PostgresUrl;
import dev.runway.health.Probe;
import dev.runway.supabase.internal.PgChecks;
import dev.runway.supabase.internal.Results;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Probes of a Supabase (or any) Postgres database over JDBC: connect and round trip; connections in
 * use (by user, from {@code pg_stat_activity}) against the maximum; database size against the plan;
 * read-only state. Each warns at {@link Thresholds#warn()} and fails at {@link Thresholds#fail()} of
 * its limit (80% and 95% by default). Every check opens one short connection, never throws, and
 * never shows the password.
 *
 * <pre>{@code
 * PostgresProbes db = Supabase.postgres(ConnectionString.parse(System.getenv("DATABASE_URL")))
 *     .plan(PlanLimits.FREE)
 *     .build();
 * HealthRegistry.Builder registry = Health.registry();
 * db.probes("db").forEach(registry::deep);
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class PostgresProbes {
  private final PgChecks checks;
  private final String target;
  private final Duration timeout;

  private PostgresProbes(PgChecks checks, String target, Duration timeout) {
    this.checks = checks;
    this.target = target;
    this.timeout = timeout;
  }

  /** Connect and {@code select 1}: passes with the connect time and round trip. */
  public Probe connect() {
    return Probe.of("postgres", target, () -> Results.of(checks.connect())).timeout(timeout);
  }

  /** Connections in use against the maximum; observed value in %. */
  public Probe connections() {
    return Probe.of("postgres-connections", target, () -> Results.of(checks.connections())).timeout(timeout)
        .measurement("connections");
  }

  /** Database size against the limit; observed value in %. */
  public Probe size() {
    return Probe.of("postgres-size", target, () -> Results.of(checks.size())).timeout(timeout).measurement("utilization");
  }

  /** Fails when the database no longer accepts writes. */
  public Probe readOnly() {
    return Probe.of("postgres-read-only", target, () -> Results.of(checks.readOnly())).timeout(timeout);
  }

  /**
   * The four probes by name, {@code prefix}, {@code prefix.connections}, {@code prefix.size},
   * {@code prefix.read-only}, for a registry: {@code db.probes("db").forEach(registry::deep)}.
   */
  public Map<String, Probe> probes(String prefix) {
    Map<String, Probe> map = new LinkedHashMap<>();
    map.put(prefix, connect());
    map.put(prefix + ".connections", connections());
    map.put(prefix + ".size", size());
    map.put(prefix + ".read-only", readOnly());
    return map;
  }

  /** A builder for a database reached through this URL (the password is passed to the driver, never shown). */
  public static Builder builder(PostgresUrl url) {
    Objects.requireNonNull(url, "url");
    return new Builder(timeout -> {
      Properties props = new Properties();
      url.user().ifPresent(u -> props.setProperty("user", u));
      url.password().ifPresent(p -> props.setProperty("password", p.reveal()));
      long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
      props.setProperty("connectTimeout", String.valueOf(seconds));
      props.setProperty("socketTimeout", String.valueOf(seconds * 2));
      props.setProperty("loginTimeout", String.valueOf(seconds));
      props.setProperty("ApplicationName", "runway-probe");
      return DriverManager.getConnection(url.jdbcUrl(), props);
    }, url.host() + ":" + url.port() + "/" + url.database());
  }

  /** A builder for a database reached through a data source (a pool the service already has). */
  public static Builder builder(DataSource dataSource, String target) {
    Objects.requireNonNull(dataSource, "dataSource");
    return new Builder(timeout -> dataSource.getConnection(), target);
  }

  /** What is probed, for people ({@code host:port/database}); never a secret. */
  public String target() {
    return target;
  }

  /** The checks, for the health adapter and the CLI. */
  PgChecks checks() {
    return checks;
  }

  /** Opens a connection within a timeout. */
  interface Opener {
    Connection open(Duration timeout) throws java.sql.SQLException;
  }

  /** Settings of the Postgres probes; {@link #build()} makes them. */
  public static final class Builder {
    private final Opener opener;
    private final String target;
    private PlanLimits plan = PlanLimits.FREE;
    private Thresholds thresholds = Thresholds.DEFAULT;
    private @Nullable Integer maxConnections;
    private @Nullable Long sizeLimit;
    private @Nullable String role;
    private Duration connectTimeout = Duration.ofSeconds(5);

    private Builder(Opener opener, String target) {
      this.opener = opener;
      this.target = target;
    }

    /** The plan whose limits apply (default {@link PlanLimits#FREE}). */
    public Builder plan(PlanLimits value) {
      this.plan = Objects.requireNonNull(value, "value");
      return this;
    }

    public Builder thresholds(Thresholds value) {
      this.thresholds = Objects.requireNonNull(value, "value");
      return this;
    }

    /** The connection maximum to measure against, instead of the server's or the role's. */
    public Builder maxConnections(int value) {
      if (value < 1) throw new IllegalArgumentException("supabase: maxConnections: must be >= 1 but was " + value);
      this.maxConnections = value;
      return this;
    }

    /** The size limit in bytes, instead of the plan's. */
    public Builder sizeLimit(long bytes) {
      if (bytes < 1) throw new IllegalArgumentException("supabase: sizeLimit: must be >= 1 byte but was " + bytes);
      this.sizeLimit = bytes;
      return this;
    }

    /** Count only this role's connections, against its {@code CONNECTION LIMIT} when it has one. */
    public Builder role(String value) {
      this.role = Objects.requireNonNull(value, "value");
      return this;
    }

    public Builder connectTimeout(Duration value) {
      if (value.isNegative() || value.isZero()) throw new IllegalArgumentException("supabase: connectTimeout: must be positive");
      this.connectTimeout = value;
      return this;
    }

    public PostgresProbes build() {
      Duration timeout = connectTimeout;
      Opener o = opener;
      PgChecks checks = new PgChecks(() -> o.open(timeout), target, thresholds, maxConnections, role,
          sizeLimit == null ? plan.databaseBytes() : sizeLimit, sizeLimit == null ? plan.name() + " plan" : "configured limit");
      return new PostgresProbes(checks, target, connectTimeout.plusSeconds(1));
    }
  }

  @Override
  public String toString() {
    return "PostgresProbes[" + target + "]";
  }
}

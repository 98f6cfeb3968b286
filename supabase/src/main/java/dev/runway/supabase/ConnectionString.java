package dev.runway.supabase;

import dev.runway.base.Problem;
import dev.runway.env.PostgresUrl;
import dev.runway.base.Secret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A Supabase Postgres connection string, understood: which way it connects ({@link Mode}), to which
 * project, and what is wrong with it for that way.
 *
 * <p>Supabase offers three ways in:
 * <ul>
 *   <li><b>direct</b> — {@code postgresql://postgres:PW@db.<ref>.supabase.co:5432/postgres}: the
 *       database itself, reached over IPv6 only unless the project bought the IPv4 add-on (Render and
 *       Vercel have no IPv6 egress, so use the pooler there);
 *   <li><b>pooler, session mode</b> — {@code postgresql://postgres.<ref>:PW@aws-0-<region>.pooler.supabase.com:5432/postgres}:
 *       one server connection per client, everything Postgres offers, over IPv4;
 *   <li><b>pooler, transaction mode</b> — the same host on port {@code 6543}: server connections are
 *       shared between transactions, so prepared statements must be off ({@code prepareThreshold=0}
 *       for JDBC); the right mode for serverless functions.
 * </ul>
 *
 * <pre>{@code
 * ConnectionString cs = ConnectionString.parse(System.getenv("DATABASE_URL"));
 * cs.mode();                     // TRANSACTION
 * cs.problems("DATABASE_URL");   // [ERROR POOLER DATABASE_URL: uses the transaction pooler (port 6543) ...]
 * ConnectionString.builder().ref("abcdefghijklmnopqrst").region("us-west-1")
 *     .password(Secret.of(pw)).mode(ConnectionString.Mode.TRANSACTION).build().jdbcUrl();
 * }</pre>
 *
 * Immutable and thread-safe; {@link #toString()} masks the password.
 */
public final class ConnectionString {
  /** The code of problems with the pooler mode (prepared statements in transaction mode, a user without the ref). */
  public static final String POOLER = "POOLER";
  /** The code of problems that would fail to connect from the platforms (IPv6-only direct host). */
  public static final String NETWORK = "NETWORK";

  /** The pooler's transaction-mode port. */
  public static final int TRANSACTION_PORT = 6543;
  /** Postgres's port, used by direct connections and the pooler's session mode. */
  public static final int SESSION_PORT = 5432;

  private static final Pattern DIRECT_HOST = Pattern.compile("db\\.([a-z]{20})\\.supabase\\.co");
  private static final Pattern POOLER_HOST = Pattern.compile("(aws-\\d+-([a-z0-9-]+))\\.pooler\\.supabase\\.com");
  private static final Pattern POOLER_USER = Pattern.compile("[a-z_][a-z0-9_]*\\.([a-z]{20})");

  /** How a connection string reaches the database. */
  public enum Mode {
    /** {@code db.<ref>.supabase.co:5432}, IPv6 unless the IPv4 add-on is on. */
    DIRECT,
    /** The pooler (Supavisor) on port 5432: one server connection per client. */
    SESSION,
    /** The pooler on port 6543: connections shared between transactions; no prepared statements. */
    TRANSACTION,
    /** Not a Supabase host (a local Postgres, another provider). */
    OTHER
  }

  private final PostgresUrl url;
  private final Mode mode;
  private final @Nullable String ref;
  private final @Nullable String region;

  private ConnectionString(PostgresUrl url, Mode mode, @Nullable String ref, @Nullable String region) {
    this.url = url;
    this.mode = mode;
    this.ref = ref;
    this.region = region;
  }

  /**
   * Parses {@code postgresql://}, {@code postgres://} or {@code jdbc:postgresql://} text.
   *
   * @throws IllegalArgumentException with a message that never contains the password
   */
  public static ConnectionString parse(String text) {
    return of(PostgresUrl.parse(text));
  }

  /** Reads an already parsed URL. */
  public static ConnectionString of(PostgresUrl url) {
    String host = url.host().toLowerCase(Locale.ROOT);
    Matcher direct = DIRECT_HOST.matcher(host);
    if (direct.matches()) return new ConnectionString(url, Mode.DIRECT, direct.group(1), null);
    Matcher pooler = POOLER_HOST.matcher(host);
    if (pooler.matches()) {
      Mode mode = url.port() == TRANSACTION_PORT ? Mode.TRANSACTION : Mode.SESSION;
      String user = url.user().orElse("");
      Matcher u = POOLER_USER.matcher(user);
      return new ConnectionString(url, mode, u.matches() ? u.group(1) : null, pooler.group(2));
    }
    return new ConnectionString(url, Mode.OTHER, null, null);
  }

  public Mode mode() {
    return mode;
  }

  /** The project ref, from the direct host or the pooler user ({@code postgres.<ref>}). */
  public Optional<String> ref() {
    return Optional.ofNullable(ref);
  }

  /** The pooler's region ({@code us-west-1}), for pooler strings. */
  public Optional<String> region() {
    return Optional.ofNullable(region);
  }

  public PostgresUrl url() {
    return url;
  }

  /** Whether prepared statements are off, as transaction mode needs: {@code prepareThreshold=0} (JDBC) or {@code pgbouncer=true} (Prisma). */
  public boolean preparedStatementsOff() {
    return url.parameter("prepareThreshold").map(String::trim).filter("0"::equals).isPresent()
        || url.parameter("pgbouncer").map(v -> v.equalsIgnoreCase("true")).orElse(false);
  }

  /** A JDBC URL without credentials (pass user and password to the driver). */
  public String jdbcUrl() {
    return url.jdbcUrl();
  }

  /** The URL with its real password, for a driver. Never log it. */
  public String reveal() {
    return url.reveal();
  }

  /**
   * What is wrong with this string for its mode, each problem naming {@code subject} (the variable),
   * what is wrong and the fix. Empty for a right string and for non-Supabase hosts (except sslmode).
   * Never contains the password.
   */
  public List<Problem> problems(String subject) {
    List<Problem> out = new ArrayList<>();
    String where = url.host() + ":" + url.port();
    if (mode == Mode.TRANSACTION && !preparedStatementsOff()) {
      out.add(Problem.error(POOLER, subject,
              "uses the Supabase pooler in transaction mode (" + where + ") with prepared statements on;"
                  + " transaction mode shares server connections between transactions, so statements prepared"
                  + " on one fail on another (prepared statement \"S_1\" does not exist)")
          .withExpected("prepareThreshold=0 in transaction mode")
          .withFix("add prepareThreshold=0 to the URL (" + withParameter("prepareThreshold", "0")
              + "), or use session mode on port 5432"));
    }
    if ((mode == Mode.TRANSACTION || mode == Mode.SESSION) && ref == null) {
      String user = url.user().orElse("(none)");
      out.add(Problem.error(POOLER, subject,
              "connects to the Supabase pooler as user '" + user + "', which names no project;"
                  + " the pooler finds the project from the user")
          .withExpected("user postgres.<project-ref>")
          .withFix("set the user to postgres.<project-ref>, e.g. postgres.abcdefghijklmnopqrst"
              + " (Dashboard > Connect shows the exact string)"));
    }
    if (mode == Mode.DIRECT) {
      out.add(Problem.warning(NETWORK, subject,
              "connects directly to " + url.host() + ", which has an IPv6 address only (unless the project has"
                  + " the IPv4 add-on); Render, Vercel and many CI runners have no IPv6 egress")
          .withFix("use the pooler in session mode: " + poolerHint(SESSION_PORT)
              + ", or enable the IPv4 add-on"));
    }
    if (mode != Mode.OTHER) {
      String sslmode = url.parameter("sslmode").orElse("").toLowerCase(Locale.ROOT);
      if (sslmode.isEmpty() || sslmode.equals("prefer") || sslmode.equals("allow") || sslmode.equals("disable")) {
        Problem p = Problem.warning(Problem.INSECURE, subject,
                sslmode.isEmpty() ? "sets no sslmode, so the driver may fall back to an unencrypted connection"
                    : "sets sslmode=" + sslmode + ", which allows an unencrypted connection")
            .withExpected("sslmode=require, or verify-full with Supabase's CA certificate")
            .withFix("add sslmode=require to the URL (" + withParameter("sslmode", "require") + ")");
        out.add(sslmode.equals("disable") ? p.withSeverity(Problem.Severity.ERROR) : p);
      }
    }
    return out;
  }

  private String poolerHint(int port) {
    String r = ref == null ? "<project-ref>" : ref;
    return "postgresql://postgres." + r + ":<password>@aws-0-<region>.pooler.supabase.com:" + port + "/postgres";
  }

  /** This URL, password masked, with one parameter set: the exact text of a fix. */
  private String withParameter(String key, String value) {
    Map<String, String> params = new LinkedHashMap<>(url.parameters());
    params.put(key, value);
    StringBuilder sb = new StringBuilder("postgresql://");
    url.user().ifPresent(u -> sb.append(u).append(url.password().isPresent() ? ":****" : "").append('@'));
    sb.append(url.host()).append(':').append(url.port()).append('/').append(url.database());
    char sep = '?';
    for (Map.Entry<String, String> e : params.entrySet()) {
      sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
      sep = '&';
    }
    return sb.toString();
  }

  /** A builder for the string of each mode. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ConnectionString c && url.equals(c.url);
  }

  @Override
  public int hashCode() {
    return url.hashCode();
  }

  /** The URL with {@code ****} for the password. */
  @Override
  public String toString() {
    return url.toString();
  }

  /**
   * Builds the right string for a mode: direct ({@code db.<ref>.supabase.co:5432}, user
   * {@code postgres}), session ({@code aws-0-<region>.pooler.supabase.com:5432}, user
   * {@code postgres.<ref>}) or transaction (port 6543 with {@code prepareThreshold=0}); all with
   * {@code sslmode=require}.
   */
  public static final class Builder {
    private @Nullable String ref;
    private @Nullable String region;
    private @Nullable Secret password;
    private Mode mode = Mode.SESSION;
    private String database = "postgres";
    private String user = "postgres";
    private String poolerPrefix = "aws-0";

    private Builder() {}

    /** The project ref: 20 lower-case letters. */
    public Builder ref(String value) {
      if (!value.matches("[a-z]{20}")) {
        throw new IllegalArgumentException("supabase: ref: must be 20 lower-case letters (Project Settings > General) but was '"
            + value + "'");
      }
      this.ref = value;
      return this;
    }

    /** The pooler's region, e.g. {@code us-west-1}; needed for session and transaction modes. */
    public Builder region(String value) {
      this.region = Objects.requireNonNull(value, "value");
      return this;
    }

    /** The pooler host's prefix, {@code aws-0} unless the dashboard shows another ({@code aws-1}). */
    public Builder poolerPrefix(String value) {
      this.poolerPrefix = Objects.requireNonNull(value, "value");
      return this;
    }

    public Builder password(Secret value) {
      this.password = Objects.requireNonNull(value, "value");
      return this;
    }

    public Builder mode(Mode value) {
      if (value == Mode.OTHER) throw new IllegalArgumentException("supabase: mode: OTHER is not a Supabase mode; use DIRECT, SESSION or TRANSACTION");
      this.mode = value;
      return this;
    }

    /** The database user before the ref is added for the pooler; {@code postgres} by default. */
    public Builder user(String value) {
      this.user = Objects.requireNonNull(value, "value");
      return this;
    }

    public Builder database(String value) {
      this.database = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * The connection string.
     *
     * @throws IllegalStateException when the ref, or the region for a pooler mode, is missing
     */
    public ConnectionString build() {
      if (ref == null) throw new IllegalStateException("supabase: connection string: no ref; call .ref(\"<project-ref>\")");
      String host;
      String u;
      int port;
      String extra = "";
      if (mode == Mode.DIRECT) {
        host = "db." + ref + ".supabase.co";
        u = user;
        port = SESSION_PORT;
      } else {
        if (region == null) {
          throw new IllegalStateException("supabase: connection string: the pooler needs a region; call .region(\"us-west-1\")"
              + " with the project's region");
        }
        host = poolerPrefix + "-" + region + ".pooler.supabase.com";
        u = user + "." + ref;
        port = mode == Mode.TRANSACTION ? TRANSACTION_PORT : SESSION_PORT;
        if (mode == Mode.TRANSACTION) extra = "&prepareThreshold=0";
      }
      String pw = password == null ? "" : ":" + java.net.URLEncoder.encode(password.reveal(), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
      return of(PostgresUrl.parse("postgresql://" + u + pw + "@" + host + ":" + port + "/" + database + "?sslmode=require" + extra));
    }
  }
}

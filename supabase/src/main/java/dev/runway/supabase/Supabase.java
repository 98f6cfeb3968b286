package dev.runway.supabase;

import dev.runway.App;
import dev.runway.base.Problem;
import dev.runway.env.EnvSources;
import dev.runway.env.Environment;
import dev.runway.env.PostgresUrl;
import dev.runway.env.Validation;
import dev.runway.supabase.internal.SupabasePlatform;
import java.net.URI;
import java.util.List;
import javax.sql.DataSource;

/**
 * The entry point of Runway's Supabase module.
 *
 * <ul>
 *   <li>keys: {@link #key(String)} tells an anon key from a service_role key (the JWT's role claim)
 *       and recognises {@code sb_publishable_}, {@code sb_secret_} and {@code sbp_} tokens;
 *   <li>connection strings: {@link #connectionString(String)} reads the mode (direct, session,
 *       transaction) and lists its problems; {@link #connectionStringBuilder()} writes the right one;
 *   <li>probes: {@link #project(URI, String)} for auth/REST/storage/realtime,
 *       {@link #postgres(PostgresUrl)} for connections, size and read-only state;
 *   <li>{@link #managementApi()}: project status, services' health, pooler, backups;
 *   <li>{@link #keepAlive()}: keeps a free project from pausing;
 *   <li>{@link #check}: the Supabase problems of an environment (a privileged key in a browser
 *       variable, a transaction-mode URL with prepared statements on); {@code App.validate} runs the
 *       same rules through the platform SPI.
 * </ul>
 *
 * <pre>{@code
 * Supabase.key(System.getenv("NEXT_PUBLIC_SUPABASE_ANON_KEY")).kind();   // ANON, SERVICE_ROLE, ...
 * Supabase.connectionString(System.getenv("DATABASE_URL")).problems("DATABASE_URL");
 * }</pre>
 */
public final class Supabase {
  /** The platform id services use: {@code platform = supabase}. */
  public static final String PLATFORM = SupabasePlatform.ID;

  private Supabase() {}

  /** Recognises a key or token; see {@link SupabaseKey}. */
  public static SupabaseKey key(String text) {
    return SupabaseKey.of(text);
  }

  /**
   * Parses a connection string; see {@link ConnectionString}.
   *
   * @throws IllegalArgumentException with a message that never contains the password
   */
  public static ConnectionString connectionString(String text) {
    return ConnectionString.parse(text);
  }

  /** Builds the right connection string for a mode. */
  public static ConnectionString.Builder connectionStringBuilder() {
    return ConnectionString.builder();
  }

  /** Probes of the project's HTTP services with one of its keys. */
  public static ProjectProbes.Builder project(URI projectUrl, String apiKey) {
    return ProjectProbes.builder(projectUrl, apiKey);
  }

  /** Postgres probes through a connection URL. */
  public static PostgresProbes.Builder postgres(PostgresUrl url) {
    return PostgresProbes.builder(url);
  }

  /** Postgres probes through a connection string. */
  public static PostgresProbes.Builder postgres(ConnectionString connectionString) {
    return PostgresProbes.builder(connectionString.url());
  }

  /** Postgres probes through a data source the service already has; {@code target} names it for people. */
  public static PostgresProbes.Builder postgres(DataSource dataSource, String target) {
    return PostgresProbes.builder(dataSource, target);
  }

  /** A Management API client builder. */
  public static ManagementClient.Builder managementApi() {
    return ManagementClient.builder();
  }

  /** A keep-alive job builder. */
  public static KeepAlive.Builder keepAlive() {
    return KeepAlive.builder();
  }

  /**
   * The Supabase problems of one environment: the schema's validation problems are left out (see
   * {@code App.validate} for everything); empty when the environment does not load.
   */
  public static List<Problem> check(App app, Environment environment, EnvSources sources) {
    Validation v = app.schema().validate(environment, sources);
    return new SupabasePlatform().check(app, v.environment(), v.env());
  }
}

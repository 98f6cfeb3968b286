package dev.runway.supabase;

import dev.runway.base.RunwayException.PlatformRejected;
import dev.runway.health.Probe;
import dev.runway.supabase.internal.Results;
import dev.runway.supabase.internal.ApiChecks;
import dev.runway.supabase.internal.ApiHttp;
import dev.runway.supabase.internal.RateLimiter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A client of the Supabase Management API ({@code https://api.supabase.com}) for what Runway
 * watches: a project's status, its services' health, the pooler configuration and the backups.
 *
 * <p>It keeps to the API's budget of 60 requests a minute per token by waiting before it would be
 * refused, honours {@code Retry-After} on a 429 within {@link Builder#maxRetryWait}, retries reads
 * after server errors, and raises {@link PlatformRejected} (with the status and a code such as
 * {@code unauthorized}) for anything else. The token is never logged nor put in a message.
 *
 * <pre>{@code
 * ManagementClient api = Supabase.managementApi().token(System.getenv("SUPABASE_ACCESS_TOKEN")).build();
 * api.project("abcdefghijklmnopqrst").status();   // ACTIVE_HEALTHY, INACTIVE (paused), ...
 * }</pre>
 *
 * Thread-safe.
 */
public final class ManagementClient {
  /** The services {@link #health(String, String...)} asks about when none are named. */
  public static final List<String> SERVICES = List.of("auth", "db", "pooler", "realtime", "rest", "storage");

  private final ApiHttp http;
  private final URI baseUrl;
  private final Clock clock;
  private final Duration timeout;

  private ManagementClient(ApiHttp http, URI baseUrl, Clock clock, Duration timeout) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.clock = clock;
    this.timeout = timeout;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code GET /v1/projects/{ref}}. */
  public Project project(String ref) {
    JsonNode n = http.get("/v1/projects/" + checkRef(ref), Map.of());
    JsonNode db = n.path("database");
    return new Project(text(n, "ref"), text(n, "name"), text(n, "region"), ProjectStatus.of(text(n, "status")),
        text(db, "host"), text(db, "version"));
  }

  /** {@code GET /v1/projects/{ref}/health} for the named services ({@link #SERVICES} when none). */
  public List<ServiceHealth> health(String ref, String... services) {
    List<String> names = services.length == 0 ? SERVICES : Arrays.asList(services);
    JsonNode array = http.get("/v1/projects/" + checkRef(ref) + "/health", Map.of("services", names));
    List<ServiceHealth> out = new ArrayList<>();
    for (JsonNode s : array) {
      String status = text(s, "status");
      if (status.isEmpty()) status = s.path("healthy").asBoolean(false) ? "ACTIVE_HEALTHY" : "UNHEALTHY";
      String error = text(s, "error");
      out.add(new ServiceHealth(text(s, "name"), status, error.isEmpty() ? Optional.empty() : Optional.of(error)));
    }
    return out;
  }

  /** {@code GET /v1/projects/{ref}/config/database/pooler}. */
  public List<PoolerConfig> poolerConfig(String ref) {
    JsonNode array = http.get("/v1/projects/" + checkRef(ref) + "/config/database/pooler", Map.of());
    List<PoolerConfig> out = new ArrayList<>();
    for (JsonNode p : array) {
      out.add(new PoolerConfig(text(p, "database_type"), text(p, "db_host"), p.path("db_port").asInt(0),
          text(p, "db_user"), text(p, "db_name"), text(p, "pool_mode"), integer(p, "default_pool_size"),
          integer(p, "max_client_conn")));
    }
    return out;
  }

  /** {@code GET /v1/projects/{ref}/database/backups}. */
  public Backups backups(String ref) {
    JsonNode n = http.get("/v1/projects/" + checkRef(ref) + "/database/backups", Map.of());
    List<Backups.Backup> list = new ArrayList<>();
    for (JsonNode b : n.path("backups")) {
      list.add(new Backups.Backup(b.path("id").asLong(0), text(b, "status"), b.path("is_physical_backup").asBoolean(false),
          instant(text(b, "inserted_at"))));
    }
    return new Backups(text(n, "region"), n.path("walg_enabled").asBoolean(false), n.path("pitr_enabled").asBoolean(false), list);
  }

  /** {@code POST /v1/projects/{ref}/pause}: pauses the project (it stops serving until restored). */
  public void pause(String ref) {
    http.post("/v1/projects/" + checkRef(ref) + "/pause");
  }

  /**
   * A probe of the project's status: fails when paused (INACTIVE) or failed, warns while coming up.
   * Cached for a minute, so health traffic stays far inside the API's 60 requests a minute.
   */
  public Probe statusProbe(String ref) {
    checkRef(ref);
    return Probe.of("supabase-project", "project " + ref, () -> Results.of(checks().status(ref)))
        .timeout(timeout).cacheFor(Duration.ofMinutes(1));
  }

  /** A probe of the services' health ({@code /v1/projects/{ref}/health}); cached for a minute. */
  public Probe healthProbe(String ref) {
    checkRef(ref);
    return Probe.of("supabase-services", "project " + ref, () -> Results.of(checks().health(ref)))
        .timeout(timeout).cacheFor(Duration.ofMinutes(1));
  }

  /**
   * A non-critical probe of the backups: warns when the newest is older than {@code maxAge}, and
   * says plainly when there are none (the free plan keeps none). Cached for an hour.
   */
  public Probe backupProbe(String ref, Duration maxAge, PlanLimits plan) {
    checkRef(ref);
    return Probe.of("supabase-backups", "project " + ref, () -> Results.of(checks().backups(ref, maxAge, plan)))
        .timeout(timeout).nonCritical().cacheFor(Duration.ofHours(1));
  }

  /** The API's base URL. */
  public URI baseUrl() {
    return baseUrl;
  }

  ApiChecks checks() {
    return new ApiChecks(this, clock);
  }

  private static String checkRef(String ref) {
    if (!ref.matches("[a-z]{20}")) {
      throw new IllegalArgumentException("supabase: ref: must be 20 lower-case letters (Project Settings > General) but was '"
          + ref + "'");
    }
    return ref;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? "" : v.asString();
  }

  private static Optional<Integer> integer(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || !v.isNumber() ? Optional.empty() : Optional.of(v.asInt());
  }

  /** The API writes timestamps with or without an offset; without one they are UTC. */
  static Instant instant(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        return Instant.EPOCH;
      }
    }
  }

  @Override
  public String toString() {
    return "ManagementClient[" + baseUrl + ", token ****]";
  }

  /** Settings of the client; {@link #token} is required. */
  public static final class Builder {
    private @Nullable String token;
    private URI baseUrl = URI.create("https://api.supabase.com");
    private Duration timeout = Duration.ofSeconds(15);
    private int requestsPerMinute = 60;
    private int maxRetries = 2;
    private Duration maxRetryWait = Duration.ofSeconds(60);
    private Clock clock = Clock.systemUTC();
    private @Nullable OkHttpClient okHttpClient;

    private Builder() {}

    /** A personal access token ({@code sbp_...}) from supabase.com/dashboard/account/tokens. */
    public Builder token(String value) {
      this.token = Objects.requireNonNull(value, "value");
      return this;
    }

    public Builder baseUrl(URI value) {
      this.baseUrl = Objects.requireNonNull(value, "value");
      return this;
    }

    /** Timeout of one call (default 15 s). */
    public Builder timeout(Duration value) {
      if (value.isNegative() || value.isZero()) throw new IllegalArgumentException("supabase: timeout: must be positive");
      this.timeout = value;
      return this;
    }

    /** The request budget per minute (default 60, the API's limit per token). */
    public Builder requestsPerMinute(int value) {
      if (value < 1) throw new IllegalArgumentException("supabase: requestsPerMinute: must be >= 1 but was " + value);
      this.requestsPerMinute = value;
      return this;
    }

    /** Retries after 429, 5xx and I/O failures (default 2). */
    public Builder maxRetries(int value) {
      if (value < 0) throw new IllegalArgumentException("supabase: maxRetries: must be >= 0 but was " + value);
      this.maxRetries = value;
      return this;
    }

    /** The longest {@code Retry-After} the client waits out before giving up (default 60 s). */
    public Builder maxRetryWait(Duration value) {
      this.maxRetryWait = Objects.requireNonNull(value, "value");
      return this;
    }

    /** The clock for backup ages (tests fix it). */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "value");
      return this;
    }

    /** The OkHttp client to share; timeouts are set from {@link #timeout}. */
    public Builder okHttpClient(OkHttpClient value) {
      this.okHttpClient = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * The client.
     *
     * @throws IllegalStateException when no token was given
     */
    public ManagementClient build() {
      if (token == null || token.isBlank()) {
        throw new IllegalStateException("supabase: management API: no access token; call .token(System.getenv(\"SUPABASE_ACCESS_TOKEN\"))"
            + " with a token from supabase.com/dashboard/account/tokens");
      }
      OkHttpClient http = (okHttpClient == null ? new OkHttpClient() : okHttpClient).newBuilder()
          .callTimeout(timeout).connectTimeout(timeout).readTimeout(timeout).build();
      RateLimiter.Sleeper sleeper = d -> Thread.sleep(d.toMillis());
      RateLimiter limiter = new RateLimiter(requestsPerMinute, Duration.ofMinutes(1), Clock.systemUTC(), sleeper);
      return new ManagementClient(new ApiHttp(http, HttpUrl.get(baseUrl.toString()), token, limiter, sleeper, maxRetries,
          maxRetryWait), baseUrl, clock, timeout.plusSeconds(1));
    }
  }
}

package dev.runway.health;

import dev.runway.base.Secret;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How health endpoints are served: where ({@link #port()}, {@link #bindAddress()},
 * {@link #basePath()}), to whom details are shown ({@link #details()}, {@link #detailsToken()}),
 * and the server's bounds. The endpoint settings apply to {@link HealthHandler} too; the rest only
 * to {@link HealthServer}. Immutable and thread-safe; the token never appears in
 * {@code toString()}.
 *
 * <pre>{@code
 * HealthOptions options = Health.options().port(10000).detailsToken(env.get(HEALTH_TOKEN)).build();  // a Secret
 * }</pre>
 */
public final class HealthOptions {
  /** Who sees the per-probe details; everyone always sees the overall status. */
  public enum Details {
    /** Nobody: only the status. */
    NEVER,
    /** Requests with {@code Authorization: Bearer <detailsToken>}; nobody when no token is set. */
    WITH_TOKEN,
    /** Everybody. Only for services on a private network. */
    ALWAYS
  }

  private final int port;
  private final String bindAddress;
  private final String basePath;
  private final Details details;
  private final @Nullable Secret detailsToken;
  private final int workers;
  private final int backlog;
  private final int maxRequestBytes;
  private final Duration slowClientTimeout;

  private HealthOptions(Builder b) {
    this.port = b.port;
    this.bindAddress = b.bindAddress;
    this.basePath = b.basePath;
    this.details = b.details;
    this.detailsToken = b.detailsToken;
    this.workers = b.workers;
    this.backlog = b.backlog;
    this.maxRequestBytes = b.maxRequestBytes;
    this.slowClientTimeout = b.slowClientTimeout;
  }

  static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.port = port;
    b.bindAddress = bindAddress;
    b.basePath = basePath;
    b.details = details;
    b.detailsToken = detailsToken;
    b.workers = workers;
    b.backlog = backlog;
    b.maxRequestBytes = maxRequestBytes;
    b.slowClientTimeout = slowClientTimeout;
    return b;
  }

  /** The TCP port; default {@code $PORT}, else 8080; 0 picks a free one. */
  public int port() {
    return port;
  }

  /** Default {@code 0.0.0.0} (all interfaces), as platforms like Render require. */
  public String bindAddress() {
    return bindAddress;
  }

  /** Default {@code /api/health}; {@code /deep} and {@code /ready} hang below it. */
  public String basePath() {
    return basePath;
  }

  public Details details() {
    return details;
  }

  /** The token that unlocks details, as a {@link Secret}: its {@code toString()} is masked. */
  public Optional<Secret> detailsToken() {
    return Optional.ofNullable(detailsToken);
  }

  /** Threads that read requests and write answers; default 4. */
  public int workers() {
    return workers;
  }

  public int backlog() {
    return backlog;
  }

  /** Longest request target or body accepted; default 8 KiB. */
  public int maxRequestBytes() {
    return maxRequestBytes;
  }

  /**
   * How long a client may take to send a whole request (head and body), counted from its first
   * byte however steadily it trickles; then it is answered 408 and disconnected. Default 10 s.
   */
  public Duration slowClientTimeout() {
    return slowClientTimeout;
  }

  @Override
  public String toString() {
    return "HealthOptions{" + bindAddress + ":" + port + basePath + ", details=" + details
        + (detailsToken == null ? "" : ", detailsToken=<redacted>") + ", workers=" + workers + "}";
  }

  /** Collects settings; {@link #build()} validates them. */
  public static final class Builder {
    private int port = defaultPort();
    private String bindAddress = "0.0.0.0";
    private String basePath = "/api/health";
    private Details details = Details.WITH_TOKEN;
    private @Nullable Secret detailsToken;
    private int workers = 4;
    private int backlog = 1024;
    private int maxRequestBytes = 8192;
    private Duration slowClientTimeout = Duration.ofSeconds(10);

    Builder() {}

    private static int defaultPort() {
      String env = System.getenv("PORT");
      if (env == null || env.isBlank()) return 8080;
      try {
        return Integer.parseInt(env.trim());
      } catch (NumberFormatException e) {
        return 8080;
      }
    }

    public Builder port(int value) {
      if (value < 0 || value > 65535) {
        throw new IllegalArgumentException("health: port: " + value + " is not 0-65535; set PORT to a free port");
      }
      this.port = value;
      return this;
    }

    public Builder bindAddress(String value) {
      this.bindAddress = Objects.requireNonNull(value, "value");
      return this;
    }

    public Builder basePath(String value) {
      if (!value.startsWith("/") || value.length() > 1 && value.endsWith("/")) {
        throw new IllegalArgumentException(
            "health: base path '" + value + "': must start with '/' and not end with one; e.g. /api/health");
      }
      this.basePath = value;
      return this;
    }

    public Builder details(Details value) {
      this.details = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * Sets the token that unlocks details (and, unless set otherwise, {@link Details#WITH_TOKEN}),
     * from an env {@link Secret} such as {@code env.get(HEALTH_TOKEN)}: the form to prefer, since the
     * token then never exists as a plain string in your code.
     *
     * @throws IllegalArgumentException when it is shorter than 16 characters
     */
    public Builder detailsToken(Secret token) {
      if (token.length() < 16) {
        throw new IllegalArgumentException("health: details token: shorter than 16 characters; use a random one,"
            + " e.g. openssl rand -hex 32");
      }
      this.detailsToken = token;
      return this;
    }

    /** As {@link #detailsToken(Secret)}, for a token read some other way (a system property, a vault). */
    public Builder detailsToken(String token) {
      return detailsToken(Secret.of(token));
    }

    public Builder workers(int value) {
      if (value < 1) throw new IllegalArgumentException("health: workers: must be >= 1 but was " + value);
      this.workers = value;
      return this;
    }

    public Builder backlog(int value) {
      this.backlog = value;
      return this;
    }

    public Builder maxRequestBytes(int value) {
      if (value < 256) throw new IllegalArgumentException("health: max request bytes: must be >= 256 but was " + value);
      this.maxRequestBytes = value;
      return this;
    }

    public Builder slowClientTimeout(Duration value) {
      if (value.toMillis() < 100) {
        throw new IllegalArgumentException("health: slow client timeout: must be >= 100 ms but was " + value);
      }
      this.slowClientTimeout = value;
      return this;
    }

    public HealthOptions build() {
      return new HealthOptions(this);
    }
  }
}

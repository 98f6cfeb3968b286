package dev.runway.supabase;

import dev.runway.health.Probe;
import dev.runway.supabase.internal.HttpChecks;
import dev.runway.supabase.internal.Results;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Probes of a Supabase project's HTTP services — auth, REST, storage, realtime — with the right
 * headers for its key (legacy JWT keys as {@code apikey} and bearer, {@code sb_publishable_}/
 * {@code sb_secret_} keys as {@code apikey} only). An anon key's "Access to schema is forbidden"
 * from REST counts as up; Supabase's 540 (paused), 544 (gateway timeout) and 402 (over quota) are
 * reported as such. Never throws; never shows the key.
 *
 * <pre>{@code
 * ProjectProbes project = Supabase.project(URI.create("https://abcdefghijklmnopqrst.supabase.co"), anonKey).build();
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class ProjectProbes {
  private final HttpChecks checks;
  private final URI url;
  private final Duration timeout;

  private ProjectProbes(HttpChecks checks, URI url, Duration timeout) {
    this.checks = checks;
    this.url = url;
    this.timeout = timeout;
  }

  /** {@code GET /auth/v1/health}. */
  public Probe auth() {
    return Probe.of("supabase-auth", url + "/auth/v1/health", () -> Results.of(checks.auth())).timeout(timeout);
  }

  /** {@code GET /rest/v1/}; a public key's "Access to schema is forbidden" passes. */
  public Probe rest() {
    return Probe.of("supabase-rest", url + "/rest/v1/", () -> Results.of(checks.rest())).timeout(timeout);
  }

  /** {@code GET /storage/v1/status}. */
  public Probe storage() {
    return Probe.of("supabase-storage", url + "/storage/v1/status", () -> Results.of(checks.storage())).timeout(timeout);
  }

  /** {@code GET /realtime/v1/api/ping}. */
  public Probe realtime() {
    return Probe.of("supabase-realtime", url + "/realtime/v1/api/ping", () -> Results.of(checks.realtime())).timeout(timeout);
  }

  /**
   * The four probes by name ({@code prefix.auth}, {@code prefix.rest}, {@code prefix.storage},
   * {@code prefix.realtime}), for a registry: {@code project.probes("supabase").forEach(registry::deep)}.
   */
  public Map<String, Probe> probes(String prefix) {
    Map<String, Probe> map = new LinkedHashMap<>();
    map.put(prefix + ".auth", auth());
    map.put(prefix + ".rest", rest());
    map.put(prefix + ".storage", storage());
    map.put(prefix + ".realtime", realtime());
    return map;
  }

  public static Builder builder(URI projectUrl, String apiKey) {
    return new Builder(projectUrl, SupabaseKey.of(Objects.requireNonNull(apiKey, "apiKey")));
  }

  /** The project's URL: what the probes target, for people. */
  public URI url() {
    return url;
  }

  HttpChecks checks() {
    return checks;
  }

  @Override
  public String toString() {
    return "ProjectProbes[" + url + "]";
  }

  /** Settings of the project probes. */
  public static final class Builder {
    private final URI url;
    private final SupabaseKey key;
    private Duration timeout = Duration.ofSeconds(5);
    private @Nullable OkHttpClient okHttpClient;

    private Builder(URI url, SupabaseKey key) {
      this.url = Objects.requireNonNull(url, "url");
      this.key = key;
    }

    /** Call timeout per request (default 5 s). */
    public Builder timeout(Duration value) {
      if (value.isNegative() || value.isZero()) throw new IllegalArgumentException("supabase: timeout: must be positive");
      this.timeout = value;
      return this;
    }

    /** The OkHttp client to share (its connection pool); timeouts are set from {@link #timeout}. */
    public Builder okHttpClient(OkHttpClient value) {
      this.okHttpClient = Objects.requireNonNull(value, "value");
      return this;
    }

    public ProjectProbes build() {
      HttpUrl base = HttpUrl.get(url.toString());
      if (base == null) throw new IllegalArgumentException("supabase: project URL: not an http(s) URL: " + url);
      OkHttpClient http = (okHttpClient == null ? new OkHttpClient() : okHttpClient).newBuilder()
          .callTimeout(timeout).connectTimeout(timeout).readTimeout(timeout).followRedirects(false).build();
      return new ProjectProbes(new HttpChecks(http, base, key), url, timeout.plusSeconds(1));
    }
  }
}

package dev.runway.health;

import dev.runway.base.Secret;
import dev.runway.health.internal.HttpCheck;
import dev.runway.health.internal.HttpSpec;
import java.net.URI;
import java.time.Duration;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * HTTP probes: a request (method, headers, bearer or API-key auth, body) and the conditions its
 * answer must meet (status, response time, headers, values at JSON pointers, days left on the TLS
 * certificate). The first unmet condition fails the probe and is named in its message.
 *
 * <p>Header values are treated as secrets: they never appear in a message, a report or
 * {@code toString()}; the probe's target shows method, scheme, host, port and path only.
 *
 * <pre>{@code
 * Probe api = HttpProbe.get("https://api.example.com/status")
 *     .bearer(token)
 *     .expectStatus(200)
 *     .expectJson("/status", "ok")
 *     .maxResponseTime(Duration.ofMillis(500))
 *     .build()
 *     .timeout(Duration.ofSeconds(2));
 * }</pre>
 */
public final class HttpProbe {
  private HttpProbe() {}

  public static Builder get(String url) {
    return request("GET", url);
  }

  /** As {@link #get(String)}, for a {@link URI} (what {@code Var.url} yields). */
  public static Builder get(URI url) {
    return request("GET", url.toString());
  }

  /** As {@link #request(String, String)}, for a {@link URI}. */
  public static Builder request(String method, URI url) {
    return request(method, url.toString());
  }

  public static Builder request(String method, String url) {
    HttpCheck.validate(url);
    return new Builder(method.toUpperCase(Locale.ROOT), url);
  }

  /** Collects the request and its conditions; not thread-safe, {@link #build()} makes the probe. */
  public static final class Builder {
    private final String method;
    private final String url;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private @Nullable String contentType;
    private @Nullable String body;
    private final List<Integer> status = new ArrayList<>();
    private @Nullable Duration maxResponseTime;
    private final Map<String, Pattern> expectedHeaders = new LinkedHashMap<>();
    private final Map<String, String> expectedJson = new LinkedHashMap<>();
    private int minCertificateDays;

    private Builder(String method, String url) {
      this.method = method;
      this.url = url;
    }

    public Builder header(String name, String value) {
      headers.add(new SimpleImmutableEntry<>(Objects.requireNonNull(name), Objects.requireNonNull(value)));
      return this;
    }

    /** {@code Authorization: Bearer <token>}. */
    public Builder bearer(String token) {
      return header("Authorization", "Bearer " + token);
    }

    /** {@code Authorization: Bearer <token>}, from an env {@link Secret}. */
    public Builder bearer(Secret token) {
      return bearer(token.reveal());
    }

    /** An API key in a header of its own, e.g. {@code apiKey("x-api-key", key)}. */
    public Builder apiKey(String headerName, String key) {
      return header(headerName, key);
    }

    /** An API key from an env {@link Secret} in a header of its own. */
    public Builder apiKey(String headerName, Secret key) {
      return header(headerName, key.reveal());
    }

    public Builder body(String mediaType, String text) {
      this.contentType = Objects.requireNonNull(mediaType, "mediaType");
      this.body = Objects.requireNonNull(text, "text");
      return this;
    }

    /** The statuses that pass; default any 2xx. */
    public Builder expectStatus(int... codes) {
      for (int c : codes) status.add(c);
      return this;
    }

    /** Fails when the answer takes longer than {@code max}. */
    public Builder maxResponseTime(Duration max) {
      this.maxResponseTime = Objects.requireNonNull(max, "max");
      return this;
    }

    /** Fails unless header {@code name} is present and wholly matches {@code regex}. */
    public Builder expectHeader(String name, String regex) {
      expectedHeaders.put(name, Pattern.compile(regex));
      return this;
    }

    /**
     * Fails unless the body is JSON and the value at {@code pointer} (RFC 6901, e.g.
     * {@code /status}) reads {@code expected} (a scalar's text, or an object's JSON).
     */
    public Builder expectJson(String pointer, String expected) {
      if (!pointer.isEmpty() && !pointer.startsWith("/")) {
        throw new IllegalArgumentException(
            "health: http probe: JSON pointer '" + pointer + "' must start with '/'; write '/" + pointer + "'");
      }
      expectedJson.put(pointer, Objects.requireNonNull(expected, "expected"));
      return this;
    }

    /** Fails unless the server's TLS certificate is valid for at least {@code days} more days. */
    public Builder minCertificateDays(int days) {
      this.minCertificateDays = days;
      return this;
    }

    public Probe build() {
      HttpSpec spec = new HttpSpec(method, url, List.copyOf(headers), contentType, body, List.copyOf(status),
          maxResponseTime, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(expectedHeaders)),
          java.util.Collections.unmodifiableMap(new LinkedHashMap<>(expectedJson)), minCertificateDays);
      return Probe.timed("http", HttpCheck.describe(method, url), "responseTime", HttpCheck.of(spec));
    }

    @Override
    public String toString() {
      return "HttpProbe.Builder{" + HttpCheck.describe(method, url) + "}";
    }
  }
}

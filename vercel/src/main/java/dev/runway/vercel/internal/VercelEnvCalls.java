package dev.runway.vercel.internal;

import dev.runway.base.RunwayException.PlatformRejected;
import dev.runway.vercel.EnvTarget;
import dev.runway.vercel.EnvType;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The project env-var calls the Vercel env store needs, over {@link VercelHttp} (same auth, team,
 * retries and errors as {@code VercelClient}). Two things {@code VercelClient} does not offer, and
 * why this exists: the listing asks for decrypted values ({@code decrypt=true}), since the store
 * compares values; and an edit can send only the targets, since taking one target out of a shared
 * {@code sensitive} variable must not need its value (nobody can read it).
 */
public final class VercelEnvCalls {
  private final VercelHttp http;

  public VercelEnvCalls(VercelHttp http) {
    this.http = Objects.requireNonNull(http, "http");
  }

  /**
   * Calls with a token, base URL and optional team; {@code maxRetries} 0 means no retry (fault tests).
   * {@code okHttp} is built on when given (interceptors), its timeouts set here.
   */
  public static VercelEnvCalls connect(String token, URI baseUrl, @Nullable String teamId, @Nullable OkHttpClient okHttp,
      int maxRetries, Duration backoff) {
    Duration timeout = Duration.ofSeconds(30);
    OkHttpClient http = (okHttp == null ? new OkHttpClient() : okHttp).newBuilder()
        .connectTimeout(timeout).readTimeout(timeout).writeTimeout(timeout).callTimeout(timeout.multipliedBy(2))
        .build();
    return new VercelEnvCalls(new VercelHttp(http, HttpUrl.get(baseUrl.toString()), token, teamId, maxRetries,
        Duration.ofSeconds(60), backoff, Clock.systemUTC(), d -> Thread.sleep(d.toMillis())));
  }

  /** One project variable as the store sees it; {@code value} is empty when it cannot be read back. */
  public record Entry(String id, String key, EnvType type, Set<EnvTarget> targets, Optional<String> gitBranch,
      Optional<String> value) {
    @Override
    public String toString() {
      return "Entry[" + key + ", " + id + ", " + type.wireName() + ", " + targets + "]";
    }
  }

  /** Every variable of the project ({@code GET /v10/projects/{p}/env?decrypt=true}). */
  public List<Entry> list(String project) {
    String path = "/v10/projects/" + segment(project) + "/env";
    JsonNode body = http.get(path, Map.of("decrypt", "true"));
    JsonNode envs = body.has("envs") ? body.path("envs") : body;
    List<Entry> out = new ArrayList<>();
    if (!envs.isArray()) {
      throw new PlatformRejected(VercelHttp.PLATFORM, 200, "malformed_response", "vercel: GET " + path
          + ": the response has no list of variables; check the client's base URL and upgrade Runway if the API changed", null);
    }
    for (JsonNode e : envs) out.add(entry(e, path));
    return out;
  }

  /** Creates a variable for {@code targets} ({@code POST /v10/projects/{p}/env}); not retried on 5xx. */
  public void create(String project, String key, String value, EnvType type, Set<EnvTarget> targets) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("key", key);
    body.put("value", value);
    body.put("type", type.wireName());
    body.put("target", wire(targets));
    http.call("POST", "/v10/projects/" + segment(project) + "/env", Map.of(), body, false);
  }

  /** Sets a variable's value (and type) by id ({@code PATCH /v9/projects/{p}/env/{id}}). */
  public void editValue(String project, String id, String value, EnvType type) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("value", value);
    body.put("type", type.wireName());
    http.call("PATCH", "/v9/projects/" + segment(project) + "/env/" + segment(id), Map.of(), body, true);
  }

  /** Sets only a variable's targets by id: no value is sent, so it works for sensitive variables. */
  public void editTargets(String project, String id, Set<EnvTarget> targets) {
    http.call("PATCH", "/v9/projects/" + segment(project) + "/env/" + segment(id), Map.of(),
        Map.of("target", wire(targets)), true);
  }

  /** Deletes a variable by id ({@code DELETE /v9/projects/{p}/env/{id}}). */
  public void delete(String project, String id) {
    http.call("DELETE", "/v9/projects/" + segment(project) + "/env/" + segment(id), Map.of(), null, true);
  }

  private static List<String> wire(Set<EnvTarget> targets) {
    return EnumSet.copyOf(targets).stream().map(EnvTarget::wireName).toList();
  }

  private static Entry entry(JsonNode n, String path) {
    try {
      EnvType type = EnvType.of(n.path("type").asString("plain"));
      Set<EnvTarget> targets = EnumSet.noneOf(EnvTarget.class);
      JsonNode t = n.path("target");
      if (t.isString()) targets.add(EnvTarget.of(t.asString()));
      t.forEach(x -> {
        // custom environments are not one of the three targets: this store does not manage them
        if (x.isString() && List.of("production", "preview", "development").contains(x.asString())) targets.add(EnvTarget.of(x.asString()));
      });
      // Readable: not sensitive or a legacy secret reference, and not an encrypted value Vercel did not decrypt.
      boolean readable = type != EnvType.SENSITIVE && type != EnvType.SECRET && n.path("value").isString()
          && !(type == EnvType.ENCRYPTED && n.path("decrypted").isBoolean() && !n.path("decrypted").asBoolean());
      return new Entry(n.path("id").asString(), n.path("key").asString(), type, Set.copyOf(targets),
          Wire.text(n, "gitBranch").filter(b -> !b.isEmpty()),
          readable ? Optional.of(n.path("value").asString()) : Optional.empty());
    } catch (RuntimeException e) {
      throw new PlatformRejected(VercelHttp.PLATFORM, 200, "malformed_response", "vercel: GET " + path
          + ": a variable does not have the expected shape; check the client's base URL and upgrade Runway if the API changed", e);
    }
  }

  private static String segment(String s) {
    if (s.isEmpty() || s.contains("/") || s.contains("?") || s.contains("#") || s.contains("%")) {
      throw new IllegalArgumentException("'" + s + "' is not a Vercel id or name");
    }
    return s;
  }
}

package dev.runway.vercel.internal;

import dev.runway.base.internal.IoReasons;
import dev.runway.base.RunwayException.PlatformRejected;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The HTTP side of the Vercel client: bearer auth, {@code teamId} on every call, bounded retries
 * (429 after the reset the API announces, 5xx and I/O failures for idempotent calls only), and
 * typed {@link PlatformRejected} errors whose messages never contain the token.
 */
public final class VercelHttp {
  private static final Logger LOG = LoggerFactory.getLogger(VercelHttp.class);
  private static final MediaType JSON = MediaType.get("application/json");
  public static final String PLATFORM = "vercel";

  /** Sleeps between attempts; tests and the sandbox never need to replace it. */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final OkHttpClient http;
  private final HttpUrl base;
  private final String token;
  private final @Nullable String teamId;
  private final int maxRetries;
  private final Duration maxRetryWait;
  private final Duration backoff;
  private final Clock clock;
  private final Sleeper sleeper;

  public VercelHttp(OkHttpClient http, HttpUrl base, String token, @Nullable String teamId, int maxRetries,
      Duration maxRetryWait, Duration backoff, Clock clock, Sleeper sleeper) {
    this.http = http;
    this.base = base;
    this.token = token;
    this.teamId = teamId;
    this.maxRetries = maxRetries;
    this.maxRetryWait = maxRetryWait;
    this.backoff = backoff;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  public JsonNode get(String path, Map<String, String> query) {
    return call("GET", path, query, null, true);
  }

  /**
   * One API call. {@code idempotent} calls are retried after 5xx and I/O failures; every call is
   * retried after a 429, which the API answers before doing anything.
   */
  public JsonNode call(String method, String path, Map<String, String> query, @Nullable Object body, boolean idempotent) {
    HttpUrl.Builder url = base.newBuilder().encodedPath(path);
    query.forEach(url::addQueryParameter);
    if (teamId != null) url.addQueryParameter("teamId", teamId);
    RequestBody requestBody = body == null
        ? (method.equals("POST") || method.equals("PATCH") ? RequestBody.create(new byte[0], null) : null)
        : RequestBody.create(JsonText.mapper().writeValueAsString(body), JSON);
    Request request = new Request.Builder()
        .url(url.build())
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json")
        .method(method, requestBody)
        .build();
    String what = method + " " + path;
    for (int attempt = 0; ; attempt++) {
      boolean last = attempt >= maxRetries;
      int status;
      String text;
      Map<String, String> headers;
      try (Response response = http.newCall(request).execute()) {
        status = response.code();
        headers = Map.of(
            "reset", String.valueOf(response.header("X-RateLimit-Reset")),
            "remaining", String.valueOf(response.header("X-RateLimit-Remaining")),
            "limit", String.valueOf(response.header("X-RateLimit-Limit")),
            "retry-after", String.valueOf(response.header("Retry-After")));
        text = response.body().string();
      } catch (IOException e) {
        boolean timeout = e instanceof InterruptedIOException;
        LOG.debug("vercel {} failed on attempt {}: {}", what, attempt + 1, e.getClass().getSimpleName());
        if (idempotent && !last) {
          pause(backoff.multipliedBy(1L << Math.min(attempt, 10)), what);
          continue;
        }
        String problem = timeout ? "no answer within the timeout" : "the connection failed (" + IoReasons.of(e) + ")";
        throw new PlatformRejected(PLATFORM, 0, timeout ? "timeout" : "io",
            "vercel: " + what + ": " + problem + " after " + (attempt + 1) + " attempt(s); "
                + (idempotent ? "check the network and the Vercel status page, then retry"
                    : "the call may or may not have taken effect: check its result (list deployments or variables) before retrying"),
            e);
      }
      LOG.debug("vercel {} -> {}", what, status);
      if (status >= 200 && status < 300) return parse(text, status, what);
      JsonNode error = errorOf(text);
      String code = error.path("code").isString() ? error.path("code").asString() : null;
      String vendorMessage = clean(error.path("message").isString() ? error.path("message").asString() : "");
      if (status == 429) {
        Duration wait = rateLimitWait(error, headers);
        if (!last && wait.compareTo(maxRetryWait) <= 0) {
          LOG.debug("vercel {} rate limited; retrying in {} ms", what, wait.toMillis());
          pause(wait, what);
          continue;
        }
        throw new PlatformRejected(PLATFORM, 429, code == null ? "rate_limited" : code,
            "vercel: " + what + ": rate limited" + limitText(error, headers) + "; wait " + seconds(wait)
                + " before retrying, or lower the request rate",
            null);
      }
      if (status >= 500) {
        if (idempotent && !last) {
          pause(backoff.multipliedBy(1L << Math.min(attempt, 10)), what);
          continue;
        }
        throw new PlatformRejected(PLATFORM, status, code,
            "vercel: " + what + ": server error " + status + (vendorMessage.isEmpty() ? "" : " (" + vendorMessage + ")")
                + " after " + (attempt + 1) + " attempt(s); "
                + (idempotent ? "retry later and check the Vercel status page"
                    : "the call may or may not have taken effect: check its result before retrying"),
            null);
      }
      throw new PlatformRejected(PLATFORM, status, code,
          "vercel: " + what + ": " + status + (code == null ? "" : " " + code)
              + (vendorMessage.isEmpty() ? "" : " (" + vendorMessage + ")") + "; " + fix(status, code),
          null);
    }
  }

  private JsonNode parse(String text, int status, String what) {
    if (text.isBlank()) return JsonNodeFactory.instance.objectNode();
    try {
      return JsonText.mapper().readTree(text);
    } catch (JacksonException e) {
      throw new PlatformRejected(PLATFORM, status, "malformed_response",
          "vercel: " + what + ": the response is not valid JSON (truncated, or not from the Vercel API);"
              + " retry, and check the client's base URL",
          e);
    }
  }

  private static JsonNode errorOf(String text) {
    try {
      JsonNode node = JsonText.mapper().readTree(text);
      return node == null ? JsonNodeFactory.instance.objectNode() : node.path("error");
    } catch (JacksonException e) {
      return JsonNodeFactory.instance.objectNode();
    }
  }

  private Duration rateLimitWait(JsonNode error, Map<String, String> headers) {
    long now = clock.millis();
    JsonNode limit = error.path("limit");
    long resetMs = -1;
    if (limit.path("resetMs").isNumber()) resetMs = limit.path("resetMs").asLong();
    else if (limit.path("reset").isNumber()) resetMs = limit.path("reset").asLong() * 1000;
    else if (isLong(headers.get("reset"))) resetMs = Long.parseLong(headers.get("reset")) * 1000;
    if (resetMs >= 0) return Duration.ofMillis(Math.max(0, resetMs - now));
    if (isLong(headers.get("retry-after"))) return Duration.ofSeconds(Long.parseLong(headers.get("retry-after")));
    return backoff;
  }

  private static String limitText(JsonNode error, Map<String, String> headers) {
    JsonNode limit = error.path("limit");
    String total = limit.path("total").isNumber() ? limit.path("total").asString() : headers.get("limit");
    String remaining = limit.path("remaining").isNumber() ? limit.path("remaining").asString() : headers.get("remaining");
    if (!isLong(total)) return "";
    return " (" + (isLong(remaining) ? remaining : "0") + " of " + total + " requests left)";
  }

  private static String seconds(Duration d) {
    long s = Math.max(1, (d.toMillis() + 999) / 1000);
    return s + (s == 1 ? " second" : " seconds");
  }

  private static boolean isLong(@Nullable String s) {
    if (s == null || s.isEmpty() || s.length() > 18) return false;
    for (int i = 0; i < s.length(); i++) if (!Character.isDigit(s.charAt(i))) return false;
    return true;
  }

  private static String fix(int status, @Nullable String code) {
    if ("ENV_CONFLICT".equals(code)) {
      return "a variable with this key already exists for one of these targets (and git branch):"
          + " upsert it, edit the existing one by id, or choose other targets";
    }
    return switch (status) {
      case 400 -> "the request was refused as invalid: check the ids and values passed";
      case 401, 403 -> "check the Vercel token and, for a team project, the teamId";
      case 402 -> "the plan does not allow this: upgrade it or stay within its limits";
      case 404 -> "check the project, deployment or variable id (and the teamId for a team project)";
      case 409 -> "the resource is in a conflicting state: read it again and retry";
      default -> "see the Vercel REST API documentation for this status";
    };
  }

  /** Vendor messages are short and name keys, never values; keep them so, and never echo the token. */
  private String clean(String message) {
    String m = token.isEmpty() ? message : message.replace(token, "****");
    m = m.replace('\n', ' ');
    return m.length() > 300 ? m.substring(0, 300) + "…" : m;
  }

  private void pause(Duration d, String what) {
    try {
      if (!d.isZero() && !d.isNegative()) sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlatformRejected(PLATFORM, 0, "interrupted", "vercel: " + what + ": interrupted while waiting to retry; run it again", e);
    }
  }
}

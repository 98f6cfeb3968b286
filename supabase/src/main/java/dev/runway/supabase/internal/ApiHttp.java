package dev.runway.supabase.internal;

import dev.runway.base.RunwayException.PlatformRejected;
import tools.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
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
 * The HTTP side of the Management API client: bearer token, the 60-requests-a-minute budget kept
 * before sending, 429 honoured through {@code Retry-After} within a bounded wait, idempotent calls
 * retried after 5xx and I/O failures, typed {@link PlatformRejected} errors. The token appears in no
 * log line and no message.
 */
public final class ApiHttp {
  private static final Logger LOG = LoggerFactory.getLogger(ApiHttp.class);
  public static final String PLATFORM = "supabase";

  private final OkHttpClient http;
  private final HttpUrl base;
  private final String token;
  private final RateLimiter limiter;
  private final RateLimiter.Sleeper sleeper;
  private final int maxRetries;
  private final Duration maxRetryWait;

  public ApiHttp(OkHttpClient http, HttpUrl base, String token, RateLimiter limiter, RateLimiter.Sleeper sleeper,
      int maxRetries, Duration maxRetryWait) {
    this.http = http;
    this.base = base;
    this.token = token;
    this.limiter = limiter;
    this.sleeper = sleeper;
    this.maxRetries = maxRetries;
    this.maxRetryWait = maxRetryWait;
  }

  public JsonNode get(String path, Map<String, List<String>> query) {
    return call("GET", path, query, true);
  }

  public JsonNode post(String path) {
    return call("POST", path, Map.of(), false);
  }

  JsonNode call(String method, String path, Map<String, List<String>> query, boolean idempotent) {
    HttpUrl.Builder url = base.newBuilder().encodedPath(path);
    query.forEach((k, values) -> values.forEach(v -> url.addQueryParameter(k, v)));
    Request request = new Request.Builder()
        .url(url.build())
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json")
        .method(method, method.equals("POST") ? RequestBody.create(new byte[0], null) : null)
        .build();
    String what = method + " " + path;
    for (int attempt = 0; ; attempt++) {
      boolean last = attempt >= maxRetries;
      try {
        limiter.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PlatformRejected(PLATFORM, 0, "interrupted", "supabase: " + what + ": interrupted while waiting for the rate limit", e);
      }
      int status;
      String text;
      @Nullable String retryAfter;
      try (Response response = http.newCall(request).execute()) {
        status = response.code();
        retryAfter = response.header("Retry-After");
        text = response.body().string();
      } catch (IOException e) {
        boolean timeout = e instanceof InterruptedIOException;
        LOG.debug("supabase {} failed on attempt {}: {}", what, attempt + 1, e.getClass().getSimpleName());
        if (idempotent && !last) continue;
        throw new PlatformRejected(PLATFORM, 0, timeout ? "timeout" : "io",
            "supabase: " + what + ": " + (timeout ? "no answer within the timeout" : "the connection failed ("
                + e.getClass().getSimpleName() + ")") + " after " + (attempt + 1) + " attempt(s); check the network and"
                + " status.supabase.com, then retry", e);
      }
      LOG.debug("supabase {} -> {}", what, status);
      if (status >= 200 && status < 300) return parse(text, status, what);
      String vendor = vendorMessage(text);
      if (status == 429) {
        Duration wait = retryAfter(retryAfter);
        if (!last && wait.compareTo(maxRetryWait) <= 0) {
          pause(wait, what);
          continue;
        }
        throw new PlatformRejected(PLATFORM, 429, "rate_limited",
            "supabase: " + what + ": rate limited (the Management API allows 60 requests a minute per token); wait "
                + Math.max(1, wait.toSeconds()) + " s before retrying, or make fewer calls", null);
      }
      if (status >= 500 && idempotent && !last) continue;
      throw new PlatformRejected(PLATFORM, status, code(status),
          "supabase: " + what + ": " + status + (vendor.isEmpty() ? "" : " (" + vendor + ")") + "; " + fix(status), null);
    }
  }

  private void pause(Duration wait, String what) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlatformRejected(PLATFORM, 0, "interrupted", "supabase: " + what + ": interrupted while waiting to retry", e);
    }
  }

  private static Duration retryAfter(@Nullable String header) {
    if (header != null && header.matches("\\d{1,6}")) return Duration.ofSeconds(Long.parseLong(header));
    return Duration.ofSeconds(60);
  }

  private static JsonNode parse(String text, int status, String what) {
    if (text.isBlank()) return JsonNodeFactory.instance.objectNode();
    try {
      return JsonMapper.shared().readTree(text);
    } catch (JacksonException e) {
      throw new PlatformRejected(PLATFORM, status, "malformed_response",
          "supabase: " + what + ": the response is not valid JSON (truncated, or not the Management API); retry, and check"
              + " the client's base URL", e);
    }
  }

  /** The API's own message, cut short and stripped of anything that looks like a token. */
  private static String vendorMessage(String text) {
    try {
      JsonNode node = JsonMapper.shared().readTree(text);
      JsonNode m = node == null ? null : node.get("message");
      if (m == null || !m.isString()) return "";
      String s = m.asString().replaceAll("sbp_[A-Za-z0-9]+", "sbp_****");
      return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    } catch (JacksonException e) {
      return "";
    }
  }

  private static String code(int status) {
    return switch (status) {
      case 401 -> "unauthorized";
      case 402 -> "payment_required";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      default -> status >= 500 ? "server_error" : "http_" + status;
    };
  }

  private static String fix(int status) {
    return switch (status) {
      case 401 -> "the access token is missing, invalid or expired: create one at supabase.com/dashboard/account/tokens"
          + " and pass it as SUPABASE_ACCESS_TOKEN";
      case 403 -> "the token's account cannot do this on the project: use a token of an owner or admin of its organization";
      case 404 -> "no such project for this token: check the ref (Project Settings > General)";
      case 402 -> "the organization is over its plan's quota: check billing in the dashboard";
      default -> status >= 500 ? "retry later and check status.supabase.com" : "check the request";
    };
  }

  @Override
  public String toString() {
    return "ApiHttp[" + base + ", token ****]";
  }
}

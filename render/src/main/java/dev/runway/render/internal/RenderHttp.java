package dev.runway.render.internal;

import dev.runway.base.internal.IoReasons;
import dev.runway.base.RunwayException;
import dev.runway.render.RateLimit;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every call to Render's API goes through here: the bearer key, rate-limit headers, waiting on
 * 429, bounded retries of idempotent calls on 5xx and lost connections, and errors that name the
 * call but never the key.
 *
 * <p>Why only idempotent calls are retried on 5xx or a lost answer: a POST that timed out may have
 * been applied, and triggering a second deploy or rollback is worse than reporting the failure. A
 * 429 is retried for every method, since Render refused it before doing anything.
 */
public final class RenderHttp {
  private static final Logger LOG = LoggerFactory.getLogger(RenderHttp.class);
  private static final MediaType JSON = MediaType.get("application/json");
  public static final JsonMapper MAPPER = JsonMapper.builder().build();

  /** Retry budget and waits. */
  public record Policy(int maxAttempts, Duration backoff, Duration maxRateLimitWait) {}

  /** One answer: status and body text. */
  public record Answer(int status, String body) {
    public JsonNode json(String call) {
      try {
        JsonNode node = MAPPER.readTree(body);
        if (node == null || node.isMissingNode()) throw new MalformedAnswer(call + ": answered an empty body where JSON was expected");
        return node;
      } catch (JacksonException e) {
        throw new MalformedAnswer(call + ": answered malformed JSON (" + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
      }
    }
  }

  /** An answer that could not be read; retried like a lost connection for idempotent calls. */
  public static final class MalformedAnswer extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedAnswer(String message) {
      super(message, null, false, false);
    }
  }

  private final OkHttpClient http;
  private final HttpUrl base;
  private final String apiKey;
  private final Policy policy;
  private final AtomicReference<@Nullable RateLimit> lastRateLimit = new AtomicReference<>();

  public RenderHttp(OkHttpClient http, HttpUrl base, String apiKey, Policy policy) {
    this.http = http;
    this.base = base;
    this.apiKey = apiKey;
    this.policy = policy;
  }

  public Optional<RateLimit> lastRateLimit() {
    return Optional.ofNullable(lastRateLimit.get());
  }

  /** The API base, e.g. https://api.render.com/v1. */
  public HttpUrl base() {
    return base;
  }

  /**
   * Calls {@code method path} and converts a 2xx answer; {@code path} is relative to the base and
   * may carry a query. Throws PlatformRejected for every failure once the retry budget is spent.
   */
  public <T> T call(String method, String path, @Nullable String jsonBody, Function<Answer, T> convert) {
    HttpUrl url = HttpUrl.get(base.toString().replaceAll("/$", "") + path);
    return call(method, url, describe(method, url), jsonBody, true, convert);
  }

  /** Like {@link #call} for an absolute URL (a deploy hook), described without its query (which holds a key). */
  public <T> T callUrl(String method, HttpUrl url, Function<Answer, T> convert) {
    String call = "render: " + method + " " + url.scheme() + "://" + url.host() + url.encodedPath();
    return call(method, url, call, null, false, convert);
  }

  private <T> T call(String method, HttpUrl url, String call, @Nullable String jsonBody, boolean authorize,
      Function<Answer, T> convert) {
    boolean idempotent = !method.equals("POST") && !method.equals("PATCH");
    int attempt = 0;
    while (true) {
      attempt++;
      boolean last = attempt >= policy.maxAttempts();
      Request.Builder rb = new Request.Builder().url(url).header("Accept", "application/json");
      if (authorize) rb.header("Authorization", "Bearer " + apiKey);
      RequestBody body = jsonBody == null
          ? (method.equals("POST") || method.equals("PUT") ? RequestBody.create(new byte[0], null) : null)
          : RequestBody.create(jsonBody, JSON);
      rb.method(method, body);
      int status;
      String text;
      try (Response response = http.newCall(rb.build()).execute()) {
        status = response.code();
        readRateLimit(response);
        ResponseBody rbody = response.body();
        text = rbody == null ? "" : rbody.string();
        if (status == 429) {
          Duration wait = rateLimitWait(response);
          if (last || wait.compareTo(policy.maxRateLimitWait()) > 0) {
            throw rejected(status, text, call + ": 429 rate limited by Render (resets in " + wait.toSeconds()
                + " s); wait and run it again, or lower the request rate", null);
          }
          LOG.info("{}: rate limited; waiting {} ms (attempt {} of {})", call, wait.toMillis(), attempt, policy.maxAttempts());
          sleep(wait);
          continue;
        }
      } catch (IOException e) {
        String what = e instanceof InterruptedIOException ? "timed out" : "lost the connection (" + IoReasons.of(e) + ")";
        if (idempotent && !last) {
          LOG.info("{}: {}; retrying (attempt {} of {})", call, what, attempt, policy.maxAttempts());
          sleep(backoff(attempt));
          continue;
        }
        String fix = idempotent ? "check the network and Render's status page, then run it again"
            : "it may have been applied: check before running it again, it is not retried automatically";
        throw new RunwayException.PlatformRejected("render", 0, null,
            call + ": " + what + " after " + attempt + " attempt" + (attempt == 1 ? "" : "s") + "; " + fix, e);
      }
      if (status >= 500 && idempotent && !last) {
        LOG.info("{}: answered {}; retrying (attempt {} of {})", call, status, attempt, policy.maxAttempts());
        sleep(backoff(attempt));
        continue;
      }
      if (status >= 400) {
        throw rejected(status, text, call + ": " + status + " " + vendorMessage(text) + "; " + fix(status, idempotent, attempt), null);
      }
      try {
        return convert.apply(new Answer(status, text));
      } catch (MalformedAnswer e) {
        if (idempotent && !last) {
          LOG.info("{}; retrying (attempt {} of {})", e.getMessage(), attempt, policy.maxAttempts());
          sleep(backoff(attempt));
          continue;
        }
        throw new RunwayException.PlatformRejected("render", status, null, e.getMessage()
            + (idempotent ? "; run it again later" : "; it was applied, but its answer was lost: check before running it again"), null);
      }
    }
  }

  private static String fix(int status, boolean idempotent, int attempts) {
    switch (status) {
      case 401: return "check RENDER_API_KEY (create a key under Account Settings → API Keys)";
      case 403: return "the API key's workspace has no access to this resource";
      case 404: return "check the id or name (list them with runway render services)";
      case 409: return "another operation is in progress on this service; wait for it and run it again";
      default:
        if (status >= 500) {
          return idempotent ? "Render failed " + attempts + " time" + (attempts == 1 ? "" : "s") + "; check status.render.com and run it again"
              : "Render failed; it was not retried to avoid applying it twice: check before running it again";
        }
        return "fix the request as the message says";
    }
  }

  private RunwayException.PlatformRejected rejected(int status, String body, String message, @Nullable Throwable cause) {
    return new RunwayException.PlatformRejected("render", status, vendorCode(body), message, cause);
  }

  private static @Nullable String vendorCode(String body) {
    try {
      JsonNode n = MAPPER.readTree(body);
      JsonNode id = n == null ? null : n.get("id");
      return id != null && id.isString() ? id.asString() : null;
    } catch (JacksonException e) {
      return null;
    }
  }

  /** Render's {"message": ...}; a body that is not JSON is summarised, never echoed at length. */
  static String vendorMessage(String body) {
    try {
      JsonNode n = MAPPER.readTree(body);
      JsonNode m = n == null ? null : n.get("message");
      if (m != null && m.isString()) return m.asString();
    } catch (JacksonException e) {
      // fall through
    }
    return body.isBlank() ? "(no message)" : "(answer of " + body.length() + " characters, not Render's error JSON)";
  }

  private void readRateLimit(Response response) {
    Integer limit = intHeader(response, "Ratelimit-Limit");
    Integer remaining = intHeader(response, "Ratelimit-Remaining");
    Integer reset = intHeader(response, "Ratelimit-Reset");
    if (limit != null && remaining != null && reset != null) {
      lastRateLimit.set(new RateLimit(limit, remaining, Duration.ofSeconds(reset)));
    }
  }

  private static Duration rateLimitWait(Response response) {
    Integer reset = intHeader(response, "Ratelimit-Reset");
    if (reset == null) reset = intHeader(response, "Retry-After");
    return Duration.ofSeconds(reset == null ? 1 : Math.max(0, reset));
  }

  private static @Nullable Integer intHeader(Response response, String name) {
    String v = response.header(name);
    if (v == null) return null;
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private Duration backoff(int attempt) {
    return policy.backoff().multipliedBy(1L << Math.min(attempt - 1, 6));
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunwayException.PlatformRejected("render", 0, null, "render: interrupted while waiting to retry", e);
    }
  }

  private static String describe(String method, HttpUrl url) {
    return "render: " + method + " " + url.encodedPath();
  }
}

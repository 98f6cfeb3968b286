package dev.runway.health.internal;

import dev.runway.health.Result;
import dev.runway.internal.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * HTTP probes over the JDK's {@link HttpClient}.
 *
 * <p>Why the JDK client and not OkHttp: core's {@code com.squareup.okhttp3:okhttp} 5 dependency is
 * the Kotlin-multiplatform umbrella, which under Maven brings an empty jar (the classes are in
 * {@code okhttp-jvm}); the JDK client needs no dependency at all, exposes the TLS session for the
 * certificate condition, and its {@code sendAsync} future can be cancelled. Its request timeout
 * stops at the response headers, so the whole exchange (body included) is bounded here by waiting
 * on the future for the probe's timeout and cancelling it; the body is read at most
 * {@link #MAX_BODY} bytes, so a dependency that answers garbage forever cannot exhaust memory.
 */
public final class HttpCheck {
  static final int MAX_BODY = 1 << 20;

  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(10))
      .executor(Pools.fixed("runway-health-http", 2, 1024))
      .build();

  private HttpCheck() {}

  /** {@code GET https://host:port/path}: what the probe is called in reports; no query, no user info. */
  public static String describe(String method, String url) {
    try {
      URI u = URI.create(url);
      int port = u.getPort() > 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
      return method + " " + u.getScheme() + "://" + u.getHost() + ":" + port + (u.getRawPath() == null ? "" : u.getRawPath());
    } catch (IllegalArgumentException e) {
      return method + " " + url.replaceAll("[?#@].*", "");
    }
  }

  public static void validate(String url) {
    URI u;
    try {
      u = URI.create(url);
    } catch (IllegalArgumentException e) {
      u = null;
    }
    String scheme = u == null || u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (u == null || u.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new IllegalArgumentException(
          "health: http probe: '" + describe("", url).trim() + "' is not an http(s) URL; write it as https://host/path");
    }
  }

  public static TimedCheck of(HttpSpec spec) {
    return timeout -> run(spec, timeout);
  }

  private static Result run(HttpSpec spec, Duration timeout) throws InterruptedException {
    HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(spec.url())).timeout(timeout);
    for (Map.Entry<String, String> h : spec.headers()) rb.header(h.getKey(), h.getValue());
    if (spec.contentType() != null) rb.header("Content-Type", spec.contentType());
    rb.method(spec.method(), spec.body() == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(spec.body(), StandardCharsets.UTF_8));
    long t0 = System.nanoTime();
    CompletableFuture<HttpResponse<byte[]>> call =
        CLIENT.sendAsync(rb.build(), info -> new BoundedBody(MAX_BODY));
    HttpResponse<byte[]> response;
    try {
      response = call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      return Result.fail("no answer within " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      call.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof HttpConnectTimeoutException) return Result.fail("connect timed out");
      if (cause instanceof HttpTimeoutException) return Result.fail("no answer within " + timeout.toMillis() + " ms");
      String msg = cause.getMessage();
      return Result.fail(cause.getClass().getSimpleName() + (msg == null || msg.isBlank() ? "" : ": " + msg));
    }
    double elapsed = Checks.ms(System.nanoTime() - t0);
    int code = response.statusCode();
    String text = new String(response.body(), StandardCharsets.UTF_8);
    return verify(spec, response, code, text, elapsed).withDetail("httpStatus", code).withObserved(elapsed, "ms");
  }

  private static Result verify(HttpSpec spec, HttpResponse<byte[]> response, int code, String text, double elapsedMs) {
    boolean statusOk = spec.expectedStatus().isEmpty() ? code >= 200 && code <= 299 : spec.expectedStatus().contains(code);
    if (!statusOk) {
      String expected = spec.expectedStatus().isEmpty() ? "2xx" : join(spec.expectedStatus());
      return Result.fail("status " + code + " (expected " + expected + ")");
    }
    if (spec.maxResponseTime() != null && elapsedMs > spec.maxResponseTime().toMillis()) {
      return Result.fail("answered in " + Math.round(elapsedMs) + " ms (expected at most "
          + spec.maxResponseTime().toMillis() + " ms)");
    }
    for (Map.Entry<String, Pattern> h : spec.expectedHeaders().entrySet()) {
      Optional<String> value = response.headers().firstValue(h.getKey());
      if (value.isEmpty()) return Result.fail("header " + h.getKey() + " missing");
      if (!h.getValue().matcher(value.get()).matches()) {
        return Result.fail("header " + h.getKey() + " does not match " + h.getValue().pattern());
      }
    }
    if (!spec.expectedJson().isEmpty()) {
      JsonNode json;
      try {
        json = Json.mapper().readTree(text);
      } catch (JacksonException e) {
        return Result.fail("body is not JSON (" + text.length() + " chars)");
      }
      for (Map.Entry<String, String> c : spec.expectedJson().entrySet()) {
        JsonNode at = json == null ? null : json.at(c.getKey());
        if (at == null || at.isMissingNode()) {
          return Result.fail("JSON " + c.getKey() + " missing (expected '" + c.getValue() + "')");
        }
        String actual = at.isValueNode() ? at.asString() : at.toString();
        if (!actual.equals(c.getValue())) {
          return Result.fail("JSON " + c.getKey() + " was '" + clip(actual) + "' (expected '" + c.getValue() + "')");
        }
      }
    }
    if (spec.minCertificateDays() > 0) {
      Optional<SSLSession> session = response.sslSession();
      if (session.isEmpty()) return Result.fail("no TLS session (certificate days need https)");
      Certificate[] chain;
      try {
        chain = session.get().getPeerCertificates();
      } catch (SSLPeerUnverifiedException e) {
        return Result.fail("TLS peer not verified");
      }
      if (chain.length == 0 || !(chain[0] instanceof X509Certificate cert)) return Result.fail("no X.509 peer certificate");
      long days = Duration.between(Instant.now(), cert.getNotAfter().toInstant()).toDays();
      if (days < spec.minCertificateDays()) {
        return Result.fail("certificate expires in " + days + " days (expected at least "
            + spec.minCertificateDays() + ")").withDetail("certificateDaysLeft", days);
      }
      return Result.pass().withDetail("certificateDaysLeft", days);
    }
    return Result.pass();
  }

  private static String join(List<Integer> codes) {
    StringBuilder sb = new StringBuilder();
    for (int c : codes) sb.append(sb.length() == 0 ? "" : ", ").append(c);
    return sb.toString();
  }

  private static String clip(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }

  /**
   * Keeps the first {@code limit} bytes of a body and cancels the rest of the stream. A body within
   * the limit is read to its end, so the connection goes back to the pool for the next run.
   */
  static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final int limit;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    BoundedBody(int limit) {
      this.limit = limit;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      this.subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer b : buffers) {
        int take = Math.min(b.remaining(), limit - out.size());
        if (take > 0) {
          byte[] chunk = new byte[take];
          b.get(chunk);
          out.write(chunk, 0, take);
        }
      }
      if (out.size() >= limit && !result.isDone()) {
        result.complete(out.toByteArray());
        subscription.cancel();
      }
    }

    @Override
    public void onError(Throwable t) {
      if (!result.isDone()) result.completeExceptionally(t instanceof IOException ? t : new IOException(t));
    }

    @Override
    public void onComplete() {
      result.complete(out.toByteArray());
    }
  }
}

package dev.runway.health.internal;

import dev.runway.health.Result;
import tools.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Handshake;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * HTTP probes over OkHttp, run on the probe's own thread.
 *
 * <p>Why OkHttp and not the JDK's {@code HttpClient}: a monitor runs thousands of these a minute,
 * and the JDK client hands every exchange through its selector thread, an executor and a chain of
 * futures: 1,000 monitors at a 10 s interval used 20 % of a core with it and 7 % with OkHttp
 * ({@code bash bench/monitor-load.sh}, docs/performance.md). OkHttp's synchronous call does the exchange on the calling
 * thread over a pooled keep-alive connection. Its call timeout bounds the whole exchange, body
 * included; the body is read at most {@link #MAX_BODY} bytes, so a dependency that answers garbage
 * forever cannot exhaust memory.
 */
public final class HttpCheck {
  static final int MAX_BODY = 1 << 20;

  private static final OkHttpClient CLIENT = new OkHttpClient.Builder()
      .followRedirects(false)
      .followSslRedirects(false)
      .connectTimeout(Duration.ofSeconds(10))
      // Many monitors share few hosts: keep enough idle connections for every concurrent check,
      // and drop them before typical load balancers (60 s and more) close them under us.
      .connectionPool(new ConnectionPool(64, 55, TimeUnit.SECONDS))
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
    Request request = request(spec);
    return timeout -> run(spec, request, timeout);
  }

  /** Built once per probe: requests are immutable and every run sends the same one. */
  private static Request request(HttpSpec spec) {
    Request.Builder rb = new Request.Builder().url(spec.url());
    boolean agent = false;
    for (Map.Entry<String, String> h : spec.headers()) {
      rb.addHeader(h.getKey(), h.getValue());
      agent |= h.getKey().equalsIgnoreCase("User-Agent");
    }
    if (!agent) rb.header("User-Agent", "runway-probe");
    MediaType type = spec.contentType() == null ? null : MediaType.parse(spec.contentType());
    RequestBody body = spec.body() != null ? RequestBody.create(spec.body(), type)
        : needsBody(spec.method()) ? RequestBody.create(new byte[0], type)
        : null;
    return rb.method(spec.method(), body).build();
  }

  /** OkHttp refuses these methods without a body; an empty one is what the JDK client sent. */
  private static boolean needsBody(String method) {
    return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
  }

  private static Result run(HttpSpec spec, Request request, Duration timeout) throws InterruptedException {
    Call call = CLIENT.newCall(request);
    call.timeout().timeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
    long t0 = System.nanoTime();
    try (Response response = call.execute()) {
      byte[] bytes = readBounded(response.body());
      double elapsed = Checks.ms(System.nanoTime() - t0);
      int code = response.code();
      return verify(spec, response, code, bytes, elapsed).withDetail("httpStatus", code).withObserved(elapsed, "ms");
    } catch (IOException e) {
      if (Thread.currentThread().isInterrupted()) throw new InterruptedException("probe interrupted");
      return failure(e, timeout);
    }
  }

  /** The body up to {@link #MAX_BODY} bytes; a longer one is cut off (its connection is then not reused). */
  private static byte[] readBounded(ResponseBody body) throws IOException {
    BufferedSource source = body.source();
    Buffer buffer = new Buffer();
    while (buffer.size() < MAX_BODY && source.read(buffer, MAX_BODY - buffer.size()) != -1) {
      // keep reading
    }
    return buffer.readByteArray(Math.min(buffer.size(), MAX_BODY));
  }

  private static Result failure(IOException e, Duration timeout) {
    // OkHttp reports its call timeout as an InterruptedIOException("timeout"), a slow connect or
    // read as a SocketTimeoutException.
    String msg = e.getMessage();
    if (e instanceof SocketTimeoutException && msg != null && msg.toLowerCase(Locale.ROOT).contains("connect")) {
      return Result.fail("connect timed out");
    }
    if (e instanceof InterruptedIOException) return Result.fail("no answer within " + timeout.toMillis() + " ms");
    return Result.fail(e.getClass().getSimpleName() + (msg == null || msg.isBlank() ? "" : ": " + msg));
  }

  private static Result verify(HttpSpec spec, Response response, int code, byte[] body, double elapsedMs) {
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
      String value = response.header(h.getKey());
      if (value == null) return Result.fail("header " + h.getKey() + " missing");
      if (!h.getValue().matcher(value).matches()) {
        return Result.fail("header " + h.getKey() + " does not match " + h.getValue().pattern());
      }
    }
    if (!spec.expectedJson().isEmpty()) {
      String text = new String(body, StandardCharsets.UTF_8); // decoded only when a condition reads it
      JsonNode json;
      try {
        json = JsonMapper.shared().readTree(text);
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
      Handshake handshake = response.handshake();
      if (handshake == null) return Result.fail("no TLS session (certificate days need https)");
      List<Certificate> chain = handshake.peerCertificates();
      if (chain.isEmpty() || !(chain.get(0) instanceof X509Certificate cert)) return Result.fail("no X.509 peer certificate");
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
}

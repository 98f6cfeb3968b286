package dev.runway.health.internal;

import dev.runway.base.Pools;

import dev.runway.health.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.jspecify.annotations.Nullable;

/**
 * HTTP probes over the JDK's {@link HttpURLConnection}, run synchronously on the probe's own thread.
 *
 * <p>Why not the JDK's {@code HttpClient}: a monitor runs thousands of these a minute, and that
 * client hands every exchange through its selector thread, an executor and a chain of futures:
 * 1,000 monitors at a 10 s interval used 20 % of a core with it and 7 % with a synchronous client
 * ({@code bash bench/monitor-load.sh}, docs/performance.md). {@code HttpURLConnection} does the
 * exchange on the calling thread too, over the JDK's keep-alive cache, and needs no library.
 *
 * <p>Bounded by the probe's deadline (start + timeout) as a whole, not per read: connect and read
 * timeouts are set to the time left; the body is read in chunks with the deadline checked between
 * them; and a watchdog disconnects the exchange when the deadline passes wherever it is blocked
 * (a server dripping its headers, a TLS handshake, a request body the peer will not take). The body
 * is read at most {@link #MAX_BODY} bytes, so a dependency that answers garbage forever cannot
 * exhaust memory. Redirects are not followed; no cookies but the JVM-wide handler's, and no
 * JVM-wide {@link Authenticator} answers a 401 for the probe.
 */
public final class HttpCheck {
  static final int MAX_BODY = 1 << 20;

  /** What {@link HttpURLConnection#setRequestMethod} accepts. */
  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "TRACE");

  private static final Pattern CHARSET = Pattern.compile(";\\s*charset\\s*=\\s*\"?([^\\s;\"]+)", Pattern.CASE_INSENSITIVE);

  /** Never answers: a 401 is the probe's result, not a prompt for the JVM's credentials. */
  private static final Authenticator NO_CREDENTIALS = new Authenticator() {};

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

  /**
   * The probe's check. Everything that can be checked once is checked here, so a bad probe fails
   * when it is built: the method must be one the JDK sends, header names tokens, header values free
   * of control characters (named by header, never shown: they may be secrets).
   */
  public static TimedCheck of(HttpSpec spec) {
    Exchange.Plan plan = plan(spec);
    return timeout -> run(spec, plan, timeout);
  }

  private static Exchange.Plan plan(HttpSpec spec) {
    if (!METHODS.contains(spec.method())) {
      throw new IllegalArgumentException("health: http probe: method " + spec.method()
          + " is not supported; use GET, HEAD, POST, PUT, DELETE, OPTIONS or TRACE");
    }
    URL url;
    try {
      url = URI.create(spec.url()).toURL();
    } catch (IllegalArgumentException | MalformedURLException e) {
      throw new IllegalArgumentException(
          "health: http probe: '" + describe("", spec.url()).trim() + "' is not an http(s) URL; write it as https://host/path");
    }
    List<String[]> headers = new ArrayList<>();
    boolean agent = false;
    boolean accept = false;
    for (Map.Entry<String, String> h : spec.headers()) {
      checkHeader(h.getKey(), h.getValue());
      headers.add(new String[] {h.getKey(), h.getValue()});
      agent |= h.getKey().equalsIgnoreCase("User-Agent");
      accept |= h.getKey().equalsIgnoreCase("Accept");
    }
    if (!agent) headers.add(new String[] {"User-Agent", "runway-probe"});
    // The JDK's default Accept ("text/html, image/gif, ...") would ask for HTML; ask for anything.
    if (!accept) headers.add(new String[] {"Accept", "*/*"});
    byte[] body = null;
    if (spec.body() != null) {
      String type = spec.contentType() == null ? "text/plain" : spec.contentType();
      Charset charset = StandardCharsets.UTF_8;
      Matcher m = CHARSET.matcher(type);
      if (m.find()) {
        try {
          charset = Charset.forName(m.group(1));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
          charset = StandardCharsets.UTF_8;
        }
      } else {
        type = type + "; charset=utf-8"; // what the request said when OkHttp encoded it
      }
      headers.add(new String[] {"Content-Type", type});
      body = spec.body().getBytes(charset);
    } else if (spec.method().equals("POST") || spec.method().equals("PUT")) {
      body = new byte[0]; // Content-Length: 0, as before; some servers answer 411 without it
    }
    return new Exchange.Plan(spec.method(), url, headers, body);
  }

  private static void checkHeader(String name, String value) {
    boolean token = !name.isEmpty();
    for (int i = 0; i < name.length() && token; i++) {
      char c = name.charAt(i);
      token = c > 0x20 && c < 0x7F && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }
    if (!token) {
      throw new IllegalArgumentException("health: http probe: header name '" + name.replaceAll("[^\\x21-\\x7E]", "?")
          + "' is not an HTTP token; use letters, digits and -");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7F) {
        throw new IllegalArgumentException("health: http probe: header " + name
            + ": its value has a control character (a line break?); remove it");
      }
    }
  }

  private static Result run(HttpSpec spec, Exchange.Plan plan, Duration timeout) throws InterruptedException {
    long t0 = System.nanoTime();
    Exchange x = new Exchange(t0 + timeout.toNanos());
    try {
      x.open(plan);
      int code = x.conn.getResponseCode();
      if (code < 0) return Result.fail("not an HTTP response (no status line)");
      @Nullable Certificate[] chain = spec.minCertificateDays() > 0 ? x.peerCertificates() : null;
      byte[] bytes = x.readBody(code);
      double elapsed = Checks.ms(System.nanoTime() - t0);
      if (!x.finish()) return Result.fail("no answer within " + timeout.toMillis() + " ms");
      return verify(spec, x.conn, code, bytes, elapsed, chain).withDetail("httpStatus", code).withObserved(elapsed, "ms");
    } catch (IOException | RuntimeException e) {
      if (Thread.currentThread().isInterrupted()) throw new InterruptedException("probe interrupted");
      // The watchdog's disconnect surfaces as whatever the blocked call made of a closed socket.
      if (!x.finish()) return Result.fail("no answer within " + timeout.toMillis() + " ms");
      if (e instanceof RuntimeException re) throw re;
      return failure((IOException) e, timeout);
    } finally {
      x.close();
    }
  }

  /**
   * One request and its answer, time-boxed: the probe thread drives it, the watchdog may end it.
   * Exactly one of them wins {@link #finish()} / {@link #expire()}; only the watchdog disconnects.
   */
  private static final class Exchange {
    record Plan(String method, URL url, List<String[]> headers, byte @Nullable [] body) {}

    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int EXPIRED = 2;

    private final long deadline;
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private @Nullable ScheduledFuture<?> watchdog;
    @SuppressWarnings("NullAway.Init")
    HttpURLConnection conn;
    private @Nullable InputStream in;
    private boolean reusable;

    Exchange(long deadline) {
      this.deadline = deadline;
    }

    void open(Plan plan) throws IOException {
      conn = (HttpURLConnection) plan.url().openConnection();
      conn.setInstanceFollowRedirects(false);
      conn.setUseCaches(false);
      conn.setAuthenticator(NO_CREDENTIALS);
      conn.setConnectTimeout(millisLeft());
      conn.setReadTimeout(millisLeft());
      conn.setRequestMethod(plan.method());
      for (String[] h : plan.headers()) conn.addRequestProperty(h[0], h[1]);
      long left = deadline - System.nanoTime();
      watchdog = Watchdog.TIMER.schedule(this::expire, Math.max(0, left), TimeUnit.NANOSECONDS);
      byte[] body = plan.body();
      if (body != null) {
        conn.setDoOutput(true);
        conn.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = conn.getOutputStream()) {
          out.write(body);
        }
      }
    }

    /** The server's chain, when the exchange ran over TLS; empty over plain HTTP. */
    @Nullable Certificate[] peerCertificates() throws IOException {
      if (!(conn instanceof HttpsURLConnection https)) return null;
      try {
        return https.getServerCertificates();
      } catch (SSLPeerUnverifiedException e) {
        return new Certificate[0];
      }
    }

    /** Reads at most {@link #MAX_BODY} bytes, checking the deadline between reads. */
    byte[] readBody(int code) throws IOException {
      in = code >= 400 ? conn.getErrorStream() : conn.getInputStream();
      if (in == null) {
        reusable = true;
        return new byte[0];
      }
      byte[] buf = new byte[8192];
      int n = 0;
      while (n < MAX_BODY) {
        if (System.nanoTime() - deadline > 0) throw new SocketTimeoutException("deadline passed");
        if (n == buf.length) buf = Arrays.copyOf(buf, Math.min(MAX_BODY, buf.length * 2));
        int r = in.read(buf, n, Math.min(buf.length, MAX_BODY) - n);
        if (r < 0) {
          reusable = true; // read to its end: the connection can go back to the keep-alive cache
          return Arrays.copyOf(buf, n);
        }
        n += r;
      }
      return buf.length == n ? buf : Arrays.copyOf(buf, n); // cut off; the rest is never read
    }

    int millisLeft() {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left));
    }

    /** The probe thread's claim: true if the watchdog has not ended the exchange. */
    boolean finish() {
      return state.compareAndSet(RUNNING, DONE) || state.get() == DONE;
    }

    /** The watchdog's: at the deadline, close the socket under whatever call is blocked on it. */
    private void expire() {
      if (state.compareAndSet(RUNNING, EXPIRED)) conn.disconnect();
    }

    /**
     * Ends the exchange: a body read to its end returns the connection to the keep-alive cache;
     * anything else (cut off, failed, timed out) closes it rather than leave it half-read.
     */
    void close() {
      ScheduledFuture<?> w = watchdog;
      if (w != null) w.cancel(false);
      if (conn == null) return;
      state.compareAndSet(RUNNING, DONE);
      if (reusable && state.get() == DONE) {
        try {
          if (in != null) in.close();
        } catch (IOException e) {
          conn.disconnect();
        }
      } else if (state.get() == DONE) {
        conn.disconnect();
      }
    }
  }

  /**
   * One daemon thread that disconnects exchanges at their deadline; cancelled entries are removed at
   * once. Shared by every check in the JVM, so no server or registry can shut it down: instead its
   * thread ends after a second with nothing scheduled (and starts again with the next check), so a
   * closed server or registry leaves no Runway thread behind.
   */
  private static final class Watchdog {
    static final ScheduledThreadPoolExecutor TIMER = Pools.timer("runway-http-deadline");

    static {
      TIMER.setKeepAliveTime(1, TimeUnit.SECONDS);
      TIMER.allowCoreThreadTimeOut(true);
    }
  }

  private static Result failure(IOException e, Duration timeout) {
    String msg = e.getMessage();
    if (e instanceof SocketTimeoutException && msg != null && msg.toLowerCase(Locale.ROOT).contains("connect")) {
      return Result.fail("connect timed out");
    }
    if (e instanceof SocketTimeoutException) return Result.fail("no answer within " + timeout.toMillis() + " ms");
    return Result.fail(e.getClass().getSimpleName() + (msg == null || msg.isBlank() ? "" : ": " + msg));
  }

  private static Result verify(
      HttpSpec spec, HttpURLConnection response, int code, byte[] body, double elapsedMs, @Nullable Certificate @Nullable [] chain) {
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
      String value = response.getHeaderField(h.getKey());
      if (value == null) return Result.fail("header " + h.getKey() + " missing");
      if (!h.getValue().matcher(value).matches()) {
        return Result.fail("header " + h.getKey() + " does not match " + h.getValue().pattern());
      }
    }
    if (!spec.expectedJson().isEmpty()) {
      String text = new String(body, StandardCharsets.UTF_8); // decoded only when a condition reads it
      Object json;
      try {
        json = JsonReader.parse(text);
      } catch (JsonReader.Malformed | RuntimeException e) {
        // The reason names a position, but not even that is shown: the count says enough.
        return Result.fail("body is not JSON (" + text.length() + " chars)");
      }
      for (Map.Entry<String, String> c : spec.expectedJson().entrySet()) {
        Object at = JsonReader.at(json, c.getKey());
        if (at == JsonReader.ABSENT) {
          return Result.fail("JSON " + c.getKey() + " missing (expected '" + c.getValue() + "')");
        }
        String actual = JsonReader.text(at);
        if (!actual.equals(c.getValue())) {
          return Result.fail("JSON " + c.getKey() + " was '" + clip(actual) + "' (expected '" + c.getValue() + "')");
        }
      }
    }
    if (spec.minCertificateDays() > 0) {
      if (chain == null) return Result.fail("no TLS session (certificate days need https)");
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
}

package dev.runway.health;

import com.sun.net.httpserver.HttpHandler;
import dev.runway.health.internal.JdkAdapter;
import dev.runway.base.JsonWriter;
import dev.runway.base.Secret;
import dev.runway.base.SecurityEvents;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The health endpoints as a framework-neutral function from a request (method, path, query,
 * headers) to a {@link Response}, so a service with its own HTTP server mounts the same endpoints
 * as {@link HealthServer}. Thread-safe.
 *
 * <p>Routes, below {@link HealthOptions#basePath()} (default {@code /api/health}):
 *
 * <ul>
 *   <li>{@code GET /api/health} — liveness; {@code /api/health/ready} — readiness;
 *       {@code /api/health/deep} — every probe.
 *   <li>{@code ?format=ietf|actuator|microprofile} picks the JSON shape (default IETF
 *       {@code application/health+json}).
 *   <li>200 for pass and warn, 503 for fail; 404 for other paths, 405 for other methods, 413/414 for
 *       oversized requests, 400 for an unknown format.
 *   <li>Details only as {@link HealthOptions#details()} allows; otherwise only the overall status.
 * </ul>
 *
 * <pre>{@code
 * HealthHandler health = HealthHandler.create(registry, options);
 * jdkServer.createContext("/api/health", health.asJdkHandler());
 * // any other server: health.handle(method, path, query, name -> Optional.ofNullable(req.header(name)), length)
 * }</pre>
 */
public final class HealthHandler {
  /** An HTTP answer: status, headers and body. Immutable. */
  public static final class Response {
    private final int status;
    private final Map<String, String> headers;
    private final byte[] body;

    Response(int status, Map<String, String> headers, byte[] body) {
      this.status = status;
      this.headers = Map.copyOf(headers);
      this.body = body;
    }

    public int status() {
      return status;
    }

    /** Content-Type, Cache-Control and the like; names as written. */
    public Map<String, String> headers() {
      return headers;
    }

    /** A copy of the body. */
    public byte[] body() {
      return body.clone();
    }

    /** Writes the body without copying it. */
    public void writeBody(java.io.OutputStream out) throws java.io.IOException {
      out.write(body);
    }

    public int bodyLength() {
      return body.length;
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return status + " " + bodyText();
    }
  }

  private final HealthRegistry registry;
  private final HealthOptions options;
  private final String base;
  private final String baseSlash;
  private final String ready;
  private final String deep;
  private final @Nullable Secret detailsToken;

  private HealthHandler(HealthRegistry registry, HealthOptions options) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.options = Objects.requireNonNull(options, "options");
    this.base = options.basePath();
    this.baseSlash = base + "/";
    this.ready = base + "/ready";
    this.deep = base + "/deep";
    this.detailsToken = options.detailsToken().orElse(null);
  }

  public static HealthHandler create(HealthRegistry registry, HealthOptions options) {
    return new HealthHandler(registry, options);
  }

  /**
   * Answers one request. The future is already complete when every probe result is cached;
   * otherwise it completes on a probe thread within the registry's deadline. Never completes
   * exceptionally.
   *
   * @param rawPath the path as received, without the query
   * @param rawQuery the query string without {@code ?}, or null
   * @param header looks up a request header by name, case-insensitively
   * @param contentLength the declared body length, or -1 when unknown
   */
  public CompletableFuture<Response> handle(
      String method, String rawPath, @Nullable String rawQuery, Function<String, Optional<String>> header,
      long contentLength) {
    int max = options.maxRequestBytes();
    if (rawPath.length() + (rawQuery == null ? 0 : rawQuery.length()) > max) {
      return done(error(414, "request target longer than " + max + " bytes"));
    }
    if (contentLength > max) return done(error(413, "request body longer than " + max + " bytes"));
    Group group;
    if (rawPath.equals(base) || rawPath.equals(baseSlash)) group = Group.LIVENESS;
    else if (rawPath.equals(ready)) group = Group.READINESS;
    else if (rawPath.equals(deep)) group = Group.DEEP;
    else return done(error(404, "not found; try " + base + ", " + ready + " or " + deep));
    boolean head = method.equals("HEAD");
    if (!head && !method.equals("GET")) {
      Map<String, String> h = new LinkedHashMap<>();
      h.put("Allow", "GET, HEAD");
      return done(error(405, "method not allowed; use GET", h));
    }
    HealthReport.Format format;
    Optional<HealthReport.Format> parsed = format(rawQuery, header);
    if (parsed.isEmpty()) return done(error(400, "unknown format; use format=ietf, actuator or microprofile"));
    format = parsed.get();
    boolean details = detailsAllowed(header);
    CompletableFuture<HealthReport> report = registry.checkAsync(group);
    if (report.isDone()) return done(render(report.join(), format, details));
    return report.thenApply(r -> render(r, format, details));
  }

  /** This handler for the JDK's {@code com.sun.net.httpserver}; answers complete on the probe thread. */
  public HttpHandler asJdkHandler() {
    return new JdkAdapter(this::handle, Runnable::run);
  }

  JdkAdapter jdkAdapter(java.util.concurrent.Executor responder) {
    return new JdkAdapter(this::handle, responder);
  }

  private boolean detailsAllowed(Function<String, Optional<String>> header) {
    return switch (options.details()) {
      case ALWAYS -> true;
      case NEVER -> false;
      case WITH_TOKEN -> {
        Optional<String> auth = header.apply("Authorization");
        boolean ok = detailsToken != null && auth
            .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7))
            .map(v -> detailsToken.matches(v.substring(7).trim()))
            .orElse(false);
        // A wrong token is worth a security event; no token at all is an ordinary status check.
        if (!ok && auth.isPresent()) SecurityEvents.tokenRejected(options.basePath());
        yield ok;
      }
    };
  }

  private static Optional<HealthReport.Format> format(@Nullable String query, Function<String, Optional<String>> header) {
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.startsWith("format=")) {
          return switch (pair.substring(7).toLowerCase(Locale.ROOT)) {
            case "ietf", "health+json" -> Optional.of(HealthReport.Format.IETF);
            case "actuator", "spring" -> Optional.of(HealthReport.Format.ACTUATOR);
            case "microprofile", "mp" -> Optional.of(HealthReport.Format.MICROPROFILE);
            default -> Optional.empty();
          };
        }
      }
    }
    String accept = header.apply("Accept").orElse("");
    if (accept.contains("application/vnd.spring-boot.actuator")) return Optional.of(HealthReport.Format.ACTUATOR);
    return Optional.of(HealthReport.Format.IETF);
  }

  private static Response render(HealthReport report, HealthReport.Format format, boolean details) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", format == HealthReport.Format.IETF ? "application/health+json" : "application/json");
    long maxAge = report.maxAge().toSeconds();
    h.put("Cache-Control", maxAge <= 0 ? "no-store" : (details ? "private, " : "") + "max-age=" + maxAge);
    h.put("X-Content-Type-Options", "nosniff");
    return new Response(report.httpStatus(), h, report.jsonBytes(format, details));
  }

  private static Response error(int status, String message) {
    return error(status, message, new LinkedHashMap<>());
  }

  private static Response error(int status, String message, Map<String, String> h) {
    h.put("Content-Type", "application/json");
    h.put("Cache-Control", "no-store");
    String json = new JsonWriter(message.length() + 16).beginObject().name("error").value(message).endObject().toString();
    return new Response(status, h, json.getBytes(StandardCharsets.UTF_8));
  }

  private static CompletableFuture<Response> done(Response r) {
    return CompletableFuture.completedFuture(r);
  }
}

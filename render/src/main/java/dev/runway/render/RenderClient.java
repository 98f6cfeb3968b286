package dev.runway.render;

import dev.runway.base.internal.IoReasons;
import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import dev.runway.render.internal.RenderHttp;
import dev.runway.render.internal.Wire;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A client of Render's public API ({@code https://api.render.com/v1}) for what a deployment tool
 * needs: services, deploys (trigger, wait, cancel, roll back), env vars, suspend and resume, custom
 * domains and deploy hooks.
 *
 * <p>Guarantees: every call runs under a timeout; a 429 waits for {@code Ratelimit-Reset} (up to
 * {@link Builder#maxRateLimitWait}) and retries; 5xx answers, lost connections and unreadable answers
 * are retried with backoff only for idempotent calls (GET, PUT, DELETE), so a deploy or rollback is
 * never triggered twice; every failure is a {@link RunwayException.PlatformRejected} carrying
 * Render's status and message. The API key never appears in a log line, an exception or
 * {@code toString()}. Thread-safe.
 *
 * <pre>{@code
 * RenderClient render = RenderClient.builder().apiKey(System.getenv("RENDER_API_KEY")).build();
 * Deploy live = render.deployAndWait("srv-abc123", Duration.ofMinutes(10));
 * // on trouble:
 * render.rollbackToPreviousLive("srv-abc123");
 * }</pre>
 */
public final class RenderClient {
  private static final Logger LOG = LoggerFactory.getLogger(RenderClient.class);
  /** Render's production API. */
  public static final String DEFAULT_BASE_URL = "https://api.render.com/v1";
  private static final int PAGE = 100;
  private static final int MAX_PAGES = 1000;

  private final RenderHttp http;
  private final Duration pollInterval;
  private final Duration maxPollInterval;

  private RenderClient(Builder b) {
    if (b.apiKey == null || b.apiKey.isBlank()) {
      throw new RunwayException("render: RENDER_API_KEY: is missing; create a key under Account Settings → API Keys"
          + " and pass it with RenderClient.builder().apiKey(...)");
    }
    OkHttpClient base = b.okHttpClient != null ? b.okHttpClient : new OkHttpClient();
    OkHttpClient client = base.newBuilder()
        .callTimeout(b.callTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .connectTimeout(Math.min(b.callTimeout.toMillis(), 10_000), TimeUnit.MILLISECONDS)
        .readTimeout(b.callTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .retryOnConnectionFailure(false)
        .build();
    HttpUrl url = HttpUrl.parse(b.baseUrl);
    if (url == null) throw new IllegalArgumentException("not an http(s) URL: " + b.baseUrl);
    this.http = new RenderHttp(client, url, b.apiKey,
        new RenderHttp.Policy(b.maxAttempts, b.retryBackoff, b.maxRateLimitWait));
    this.pollInterval = b.pollInterval;
    this.maxPollInterval = b.maxPollInterval;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The rate-limit window as Render's last answer described it. */
  public Optional<RateLimit> lastRateLimit() {
    return http.lastRateLimit();
  }

  // ---- services ----

  /** Every service of the key's workspaces, following cursors (100 per page). */
  public List<RenderService> services() {
    return pages("/services", "service", (n, call) -> Wire.service(n, call));
  }

  /** The services of a name (Render allows several). */
  public List<RenderService> servicesNamed(String name) {
    return pages("/services?name=" + enc(name), "service", (n, call) -> Wire.service(n, call));
  }

  /** One service. */
  public RenderService service(String serviceId) {
    String path = "/services/" + enc(serviceId);
    return http.call("GET", path, null, a -> Wire.service(a.json(call("GET", path)), call("GET", path)));
  }

  /** Suspends a service (it stops serving and stops billing). */
  public void suspend(String serviceId) {
    http.call("POST", "/services/" + enc(serviceId) + "/suspend", null, a -> null);
  }

  /** Resumes a suspended service; Render deploys it again. */
  public void resume(String serviceId) {
    http.call("POST", "/services/" + enc(serviceId) + "/resume", null, a -> null);
  }

  // ---- deploys ----

  /**
   * Triggers a deploy of the latest commit (or image). Render answers either 201 with the deploy
   * or 202 when it queued one without saying which; then the newest deploy is looked up.
   */
  public Deploy triggerDeploy(String serviceId) {
    return triggerDeploy(serviceId, false);
  }

  /** Triggers a deploy, clearing the build cache when asked. */
  public Deploy triggerDeploy(String serviceId, boolean clearCache) {
    String path = "/services/" + enc(serviceId) + "/deploys";
    String body = "{\"clearCache\":\"" + (clearCache ? "clear" : "do_not_clear") + "\"}";
    Optional<Deploy> created = http.call("POST", path, body, a -> a.status() == 202 || a.body().isBlank()
        ? Optional.<Deploy>empty()
        : Optional.of(Wire.deploy(a.json(call("POST", path)), serviceId, call("POST", path))));
    if (created.isPresent()) return created.get();
    LOG.info("render: deploy of {} queued (202); looking up the newest deploy", serviceId);
    return deploys(serviceId, 1).stream().findFirst().orElseThrow(() -> new RunwayException.PlatformRejected(
        "render", 202, null, call("POST", path) + ": queued a deploy but lists none; check the dashboard", null));
  }

  /** One deploy. */
  public Deploy deploy(String serviceId, String deployId) {
    String path = "/services/" + enc(serviceId) + "/deploys/" + enc(deployId);
    return http.call("GET", path, null, a -> Wire.deploy(a.json(call("GET", path)), serviceId, call("GET", path)));
  }

  /** The newest deploys first, at most {@code limit} (1 to 100). */
  public List<Deploy> deploys(String serviceId, int limit) {
    if (limit < 1 || limit > PAGE) throw new IllegalArgumentException("limit must be 1 to 100 but was " + limit);
    String path = "/services/" + enc(serviceId) + "/deploys?limit=" + limit;
    return http.call("GET", path, null, a -> {
      List<Deploy> out = new ArrayList<>();
      for (JsonNode item : array(a.json(call("GET", path)), call("GET", path))) {
        out.add(Wire.deploy(item.path("deploy"), serviceId, call("GET", path)));
      }
      return out;
    });
  }

  /** Cancels an in-progress deploy. */
  public Deploy cancelDeploy(String serviceId, String deployId) {
    String path = "/services/" + enc(serviceId) + "/deploys/" + enc(deployId) + "/cancel";
    return http.call("POST", path, null, a -> Wire.deploy(a.json(call("POST", path)), serviceId, call("POST", path)));
  }

  /** Rolls a service back to an earlier deploy; Render starts a new deploy of it (trigger {@code rollback}). */
  public Deploy rollback(String serviceId, String deployId) {
    String path = "/services/" + enc(serviceId) + "/rollback";
    String body = "{\"deployId\":" + RenderHttp.MAPPER.writeValueAsString(deployId) + "}";
    LOG.info("render: rolling {} back to {}", serviceId, deployId);
    return http.call("POST", path, body, a -> Wire.deploy(a.json(call("POST", path)), serviceId, call("POST", path)));
  }

  /**
   * Rolls back to the deploy that was live before the current one (the newest {@code deactivated}
   * deploy older than the live one) and returns the rollback deploy; wait for it with
   * {@link #awaitDeploy}.
   *
   * @throws RunwayException.UnknownName when no earlier live deploy exists among the last 100
   */
  public Deploy rollbackToPreviousLive(String serviceId) {
    List<Deploy> recent = deploys(serviceId, PAGE);
    int liveIndex = -1;
    for (int i = 0; i < recent.size(); i++) {
      if (recent.get(i).phase() == DeployStatus.Phase.LIVE) {
        liveIndex = i;
        break;
      }
    }
    for (int i = liveIndex + 1; i < recent.size(); i++) {
      if (recent.get(i).status().filter(s -> s == DeployStatus.DEACTIVATED).isPresent()) {
        return rollback(serviceId, recent.get(i).id());
      }
    }
    throw new RunwayException.UnknownName("render:" + serviceId + ": no earlier live deploy to roll back to among the last "
        + recent.size() + " deploys; pick one with rollback(serviceId, deployId)");
  }

  /** Triggers a deploy and waits until it is live; see {@link #awaitDeploy}. */
  public Deploy deployAndWait(String serviceId, Duration timeout) {
    Deploy started = triggerDeploy(serviceId);
    return awaitDeploy(serviceId, started.id(), timeout);
  }

  /**
   * Polls a deploy with backoff (from {@link Builder#pollInterval} up to
   * {@link Builder#maxPollInterval}) until it is final.
   *
   * @return the deploy, once live
   * @throws RunwayException.DeployFailed when it ends failed, canceled or deactivated, naming the status
   *     and linking the deploy
   * @throws RunwayException.Timeout when it is still in progress after {@code timeout}
   */
  public Deploy awaitDeploy(String serviceId, String deployId, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Duration interval = pollInterval;
    while (true) {
      Deploy d = deploy(serviceId, deployId);
      switch (d.phase()) {
        case LIVE:
          return d;
        case FAILED:
        case SUPERSEDED: {
          String status = d.status().map(DeployStatus::wire).orElse("unknown");
          throw new RunwayException.DeployFailed("render:" + serviceId + ": deploy " + deployId + ": ended " + status
              + (d.phase() == DeployStatus.Phase.SUPERSEDED ? " (replaced by a newer deploy)" : "")
              + "; read its logs at " + d.dashboardUrl(), Origin.of("render:" + serviceId), status);
        }
        default:
          break;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new RunwayException.Timeout("render:" + serviceId + ": deploy " + deployId + ": still "
            + d.status().map(DeployStatus::wire).orElse("in progress") + " after " + timeout.toSeconds()
            + " s, expected live; watch it at " + d.dashboardUrl() + " or wait longer", Origin.of("render:" + serviceId), timeout);
      }
      sleep(Duration.ofNanos(Math.min(interval.toNanos(), left)));
      interval = interval.multipliedBy(3).dividedBy(2);
      if (interval.compareTo(maxPollInterval) > 0) interval = maxPollInterval;
    }
  }

  // ---- env vars ----

  /** Every env var of a service with its value, following cursors. */
  public List<RenderEnvVar> envVars(String serviceId) {
    return pages("/services/" + enc(serviceId) + "/env-vars", "envVar", (n, call) -> Wire.envVar(n, call));
  }

  /** Sets one variable (creating or replacing it); the others are untouched. */
  public RenderEnvVar putEnvVar(String serviceId, String key, String value) {
    String path = "/services/" + enc(serviceId) + "/env-vars/" + enc(key);
    String body = "{\"value\":" + RenderHttp.MAPPER.writeValueAsString(value) + "}";
    return http.call("PUT", path, body, a -> Wire.envVar(a.json(call("PUT", path)), call("PUT", path)));
  }

  /** Deletes one variable. */
  public void deleteEnvVar(String serviceId, String key) {
    http.call("DELETE", "/services/" + enc(serviceId) + "/env-vars/" + enc(key), null, a -> null);
  }

  /**
   * Replaces every env var of a service with {@code vars} — variables not in the map are deleted.
   * Before writing, the current variables are saved as JSON to {@code backupFile} (owner-only
   * permissions where the file system allows), since it holds secret values.
   *
   * @return the variables Render holds afterwards
   */
  public List<RenderEnvVar> replaceAllEnvVars(String serviceId, Map<String, String> vars, Path backupFile) {
    Objects.requireNonNull(backupFile, "backupFile");
    List<RenderEnvVar> before = envVars(serviceId);
    ArrayNode backup = RenderHttp.MAPPER.createArrayNode();
    for (RenderEnvVar v : before) backup.addObject().put("key", v.key()).put("value", v.value());
    writeBackup(backupFile, RenderHttp.MAPPER.writeValueAsString(backup));
    ArrayNode body = RenderHttp.MAPPER.createArrayNode();
    vars.forEach((k, v) -> body.addObject().put("key", k).put("value", v));
    String path = "/services/" + enc(serviceId) + "/env-vars";
    LOG.info("render: replacing all {} env vars of {} with {} (backup at {})", before.size(), serviceId, vars.size(), backupFile);
    return http.call("PUT", path, RenderHttp.MAPPER.writeValueAsString(body), a -> {
      List<RenderEnvVar> out = new ArrayList<>();
      for (JsonNode item : array(a.json(call("PUT", path)), call("PUT", path))) out.add(Wire.envVar(item.path("envVar"), call("PUT", path)));
      return out;
    });
  }

  // ---- custom domains ----

  public List<CustomDomain> customDomains(String serviceId) {
    return pages("/services/" + enc(serviceId) + "/custom-domains", "customDomain", (n, call) -> Wire.customDomain(n, call));
  }

  /** Adds a custom domain; Render answers with it (and its www or apex twin, when it adds one). */
  public List<CustomDomain> addCustomDomain(String serviceId, String domain) {
    String path = "/services/" + enc(serviceId) + "/custom-domains";
    String body = "{\"name\":" + RenderHttp.MAPPER.writeValueAsString(domain) + "}";
    return http.call("POST", path, body, a -> {
      List<CustomDomain> out = new ArrayList<>();
      for (JsonNode item : array(a.json(call("POST", path)), call("POST", path))) out.add(Wire.customDomain(item, call("POST", path)));
      return out;
    });
  }

  public void deleteCustomDomain(String serviceId, String domainIdOrName) {
    http.call("DELETE", "/services/" + enc(serviceId) + "/custom-domains/" + enc(domainIdOrName), null, a -> null);
  }

  // ---- deploy hooks ----

  /**
   * Calls a service's deploy hook URL ({@code https://api.render.com/deploy/srv-...?key=...}). The
   * hook's key is a secret: it never appears in errors or logs. Not retried (it is a POST).
   */
  public void triggerDeployHook(String hookUrl) {
    HttpUrl url = HttpUrl.parse(hookUrl);
    if (url == null) throw new IllegalArgumentException("render: deploy hook: is not an http(s) URL; copy it from the service's Settings");
    http.callUrl("POST", url, a -> null);
  }

  // ---- plumbing ----

  private interface ItemReader<T> {
    T read(JsonNode item, String call);
  }

  /** Follows Render's cursors: each item carries one; an empty or short page ends the listing. */
  private <T> List<T> pages(String path, String field, ItemReader<T> reader) {
    List<T> all = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      String sep = path.contains("?") ? "&" : "?";
      String p = path + sep + "limit=" + PAGE + (cursor == null ? "" : "&cursor=" + enc(cursor));
      String call = call("GET", path);
      Function<RenderHttp.Answer, List<JsonNode>> items = a -> {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode n : array(a.json(call), call)) out.add(n);
        return out;
      };
      List<JsonNode> got = http.call("GET", p, null, items);
      for (JsonNode n : got) all.add(reader.read(n.path(field), call));
      if (got.size() < PAGE) return all;
      String next = Wire.opt(got.get(got.size() - 1), "cursor").orElse(null);
      if (next == null || next.equals(cursor)) return all;
      cursor = next;
    }
    throw new RunwayException.PlatformRejected("render", 200, null, call("GET", path) + ": more than "
        + (MAX_PAGES * PAGE) + " items; narrow the listing", null);
  }

  private static ArrayNode array(JsonNode n, String call) {
    if (n instanceof ArrayNode a) return a;
    throw new RenderHttp.MalformedAnswer(call + ": answered " + n.getNodeType() + " where a list was expected");
  }

  private String call(String method, String path) {
    int q = path.indexOf('?');
    String base = http.base().encodedPath().replaceAll("/$", "");
    return "render: " + method + " " + base + (q < 0 ? path : path.substring(0, q));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(Math.max(1, d.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunwayException("render: interrupted while waiting for a deploy", null, e);
    }
  }

  private static void writeBackup(Path file, String json) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      Files.deleteIfExists(file);
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file);
      }
      Files.writeString(file, json, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw new RunwayException.IoFailed(file + ": env var backup: cannot be written (" + IoReasons.of(e)
          + "); nothing was changed on Render; choose a writable backup path", Origin.file(file), e);
    }
  }

  @Override
  public String toString() {
    return "RenderClient[" + http.base() + ", apiKey=<redacted>]";
  }

  /** Builds a {@link RenderClient}; only the API key is required. */
  public static final class Builder {
    private @Nullable String apiKey;
    private String baseUrl = DEFAULT_BASE_URL;
    private Duration callTimeout = Duration.ofSeconds(30);
    private int maxAttempts = 4;
    private Duration retryBackoff = Duration.ofMillis(500);
    private Duration maxRateLimitWait = Duration.ofSeconds(60);
    private Duration pollInterval = Duration.ofSeconds(2);
    private Duration maxPollInterval = Duration.ofSeconds(15);
    private @Nullable OkHttpClient okHttpClient;

    private Builder() {}

    /** The API key (a secret; it is sent only in the Authorization header). */
    public Builder apiKey(String key) { this.apiKey = Objects.requireNonNull(key, "apiKey"); return this; }

    /** The API base, {@value RenderClient#DEFAULT_BASE_URL} by default; a {@link RenderSandbox}'s {@code baseUrl()} in tests. */
    public Builder baseUrl(String url) { this.baseUrl = Objects.requireNonNull(url, "baseUrl"); return this; }

    /** The time budget of one HTTP call, 30 s by default. */
    public Builder callTimeout(Duration d) { this.callTimeout = positive(d, "callTimeout"); return this; }

    /** Attempts per call including the first, 4 by default. */
    public Builder maxAttempts(int n) {
      if (n < 1) throw new IllegalArgumentException("maxAttempts must be at least 1 but was " + n);
      this.maxAttempts = n;
      return this;
    }

    /** The first wait before retrying a failed idempotent call, doubled each time; 500 ms by default. */
    public Builder retryBackoff(Duration d) { this.retryBackoff = positive(d, "retryBackoff"); return this; }

    /** The longest {@code Ratelimit-Reset} the client waits out on a 429; longer fails at once. 60 s by default. */
    public Builder maxRateLimitWait(Duration d) { this.maxRateLimitWait = Objects.requireNonNull(d); return this; }

    /** The first wait between deploy polls, growing by half each time; 2 s by default. */
    public Builder pollInterval(Duration d) { this.pollInterval = positive(d, "pollInterval"); return this; }

    /** The longest wait between deploy polls, 15 s by default. */
    public Builder maxPollInterval(Duration d) { this.maxPollInterval = positive(d, "maxPollInterval"); return this; }

    /** An OkHttp client to build on (its interceptors, pools); timeouts are set from this builder. */
    public Builder okHttpClient(OkHttpClient client) { this.okHttpClient = Objects.requireNonNull(client); return this; }

    public RenderClient build() { return new RenderClient(this); }

    private static Duration positive(Duration d, String name) {
      if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive but was " + d);
      return d;
    }

    @Override
    public String toString() {
      return "RenderClient.Builder[" + baseUrl + ", apiKey=<redacted>]";
    }
  }
}

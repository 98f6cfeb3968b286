package dev.runway.vercel;

import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.base.Problems;
import dev.runway.base.RunwayException;
import dev.runway.base.RunwayException.PlatformRejected;
import dev.runway.vercel.internal.VercelHttp;
import dev.runway.vercel.internal.Wire;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A client of the Vercel REST API for what a deployment pipeline needs: deployments (create, get,
 * list, cancel, deploy-and-wait), promotion and instant rollback, project environment variables,
 * and domain and certificate checks.
 *
 * <p>Every call sends {@code Authorization: Bearer <token>} and, when set, {@code teamId}; every
 * call has a timeout; a 429 is retried after the reset the API announces (when that is within
 * {@link Builder#maxRetryWait}), 5xx and I/O failures are retried for reads only, all within
 * {@link Builder#maxRetries}. Failures are {@link PlatformRejected} with the HTTP status and
 * Vercel's error code. The token never appears in a log line, a message or {@link #toString()}.
 *
 * <p>Thread-safe. Build one with {@link Vercel#client(String)} or {@link #builder()}:
 *
 * <pre>{@code
 * VercelClient vercel = VercelClient.builder().token(System.getenv("VERCEL_TOKEN")).teamId("team_x").build();
 * DeployOutcome out = vercel.deployAndWait(
 *     DeploymentRequest.builder("acme-web").production().gitSource("123456", "main").build(), Duration.ofMinutes(15));
 * if (!out.live()) System.err.println(out.problems().toText());
 * }</pre>
 */
public final class VercelClient {
  /** The public API. */
  public static final URI DEFAULT_BASE_URL = URI.create("https://api.vercel.com");

  private final VercelHttp http;
  private final URI baseUrl;
  private final @Nullable String teamId;
  private final Duration pollInterval;
  private final Clock clock;

  private VercelClient(Builder b, String token) {
    OkHttpClient base = b.okHttpClient == null ? new OkHttpClient() : b.okHttpClient;
    OkHttpClient http = base.newBuilder()
        .connectTimeout(b.timeout)
        .readTimeout(b.timeout)
        .writeTimeout(b.timeout)
        .callTimeout(b.timeout.multipliedBy(2))
        .build();
    HttpUrl url = HttpUrl.get(b.baseUrl.toString());
    this.http = new VercelHttp(http, url, token, b.teamId, b.maxRetries, b.maxRetryWait, b.retryBackoff, b.clock,
        d -> Thread.sleep(d.toMillis()));
    this.baseUrl = b.baseUrl;
    this.teamId = b.teamId;
    this.pollInterval = b.pollInterval;
    this.clock = b.clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  // ------------------------------------------------------------------ deployments

  /** Creates a deployment ({@code POST /v13/deployments}); it starts QUEUED. Not retried on 5xx. */
  public Deployment createDeployment(DeploymentRequest request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", request.project());
    body.put("project", request.project());
    if (request.production()) body.put("target", "production");
    request.redeployOf().ifPresent(id -> body.put("deploymentId", id));
    request.repoId().ifPresent(repo -> {
      Map<String, Object> git = new LinkedHashMap<>();
      git.put("type", "github");
      git.put("repoId", repo);
      git.put("ref", request.ref().orElseThrow());
      request.sha().ifPresent(sha -> git.put("sha", sha));
      body.put("gitSource", git);
    });
    if (!request.meta().isEmpty()) body.put("meta", request.meta());
    return read("POST /v13/deployments", http.call("POST", "/v13/deployments", Map.of(), body, false), Wire::deployment);
  }

  /** A deployment by id or URL ({@code GET /v13/deployments/{idOrUrl}}). */
  public Deployment deployment(String idOrUrl) {
    String path = "/v13/deployments/" + segment(idOrUrl);
    return read("GET " + path, http.get(path, Map.of()), Wire::deployment);
  }

  /**
   * One page of a project's deployments, newest first ({@code GET /v6/deployments}).
   *
   * @param limit page size, 1 to 100
   * @param until only deployments created before this timestamp (ms); pass the previous page's
   *     {@link DeploymentPage#next()}
   * @param productionOnly only production deployments
   */
  public DeploymentPage deployments(String projectId, int limit, @Nullable Long until, boolean productionOnly) {
    if (limit < 1 || limit > 100) throw new IllegalArgumentException("limit must be 1..100 but was " + limit);
    Map<String, String> query = new LinkedHashMap<>();
    query.put("projectId", projectId);
    query.put("limit", String.valueOf(limit));
    if (until != null) query.put("until", String.valueOf(until));
    if (productionOnly) query.put("target", "production");
    JsonNode page = http.get("/v6/deployments", query);
    List<Deployment> list = new ArrayList<>();
    for (JsonNode d : page.path("deployments")) list.add(read("GET /v6/deployments", d, Wire::deployment));
    JsonNode next = page.path("pagination").path("next");
    return new DeploymentPage(list, next.isNumber() ? Optional.of(next.asLong()) : Optional.empty());
  }

  /** Every deployment of a project (following {@code until} pages), newest first, at most {@code max}. */
  public List<Deployment> allDeployments(String projectId, int max, boolean productionOnly) {
    List<Deployment> all = new ArrayList<>();
    Long until = null;
    while (all.size() < max) {
      DeploymentPage page = deployments(projectId, Math.min(100, max - all.size()), until, productionOnly);
      all.addAll(page.deployments());
      if (page.next().isEmpty() || page.deployments().isEmpty()) break;
      until = page.next().get();
    }
    return all;
  }

  /** Cancels a queued or building deployment ({@code PATCH /v12/deployments/{id}/cancel}). */
  public Deployment cancel(String deploymentId) {
    String path = "/v12/deployments/" + segment(deploymentId) + "/cancel";
    return read("PATCH " + path, http.call("PATCH", path, Map.of(), null, false), Wire::deployment);
  }

  /**
   * Creates a deployment and polls it until it is READY.
   *
   * <p>For production, READY is not enough: the outcome says whether the deployment actually
   * serves production, and when it does not because an instant rollback paused auto-assignment,
   * its problems carry a warning with the fix.
   *
   * @throws RunwayException.DeployFailed when the build ends in ERROR or CANCELED
   * @throws RunwayException.Timeout when it is not READY within {@code timeout}
   */
  public DeployOutcome deployAndWait(DeploymentRequest request, Duration timeout) {
    Deployment created = createDeployment(request);
    return await(created, timeout);
  }

  /** Polls an existing deployment until READY; see {@link #deployAndWait}. */
  public DeployOutcome await(Deployment deployment, Duration timeout) {
    Instant deadline = clock.instant().plus(timeout);
    Deployment current = deployment;
    while (!current.readyState().isTerminal()) {
      if (!clock.instant().isBefore(deadline)) {
        throw new RunwayException.Timeout(
            "vercel:" + current.id() + ": deployment " + current.url() + " was not READY within " + human(timeout)
                + " (last state " + current.readyState() + "); raise the timeout, or inspect the build at "
                + inspector(current),
            Origin.of("vercel:" + current.id()), timeout);
      }
      sleep(pollInterval);
      current = deployment(current.id());
    }
    if (current.readyState() != ReadyState.READY) {
      String why = current.errorMessage().map(m -> " (" + m + ")").orElse("");
      throw new RunwayException.DeployFailed(
          "vercel:" + current.id() + ": deployment " + current.url() + " ended " + current.readyState() + why
              + "; read the build log at " + inspector(current) + " and fix the build, then deploy again",
          Origin.of("vercel:" + current.id()), current.readyState().name());
    }
    if (!current.isProduction()) return new DeployOutcome(current, true, Problems.none());
    if (current.isServingProduction()) return new DeployOutcome(current, true, Problems.none());
    ProjectState project = project(current.projectId().isEmpty() ? deployment.projectId() : current.projectId());
    List<Problem> problems = new ArrayList<>();
    problems.add(staged(current, project));
    return new DeployOutcome(current, false, Problems.of(problems));
  }

  private static Problem staged(Deployment d, ProjectState project) {
    if (project.isAutoAssignPaused()) {
      return Problem.warning("VERCEL_AUTO_ASSIGN_PAUSED", project.name(),
              "deployment " + d.id() + " is READY but staged: production auto-assignment is paused since an instant rollback,"
                  + " so new production deployments do not go live")
          .withOrigin(Origin.of("vercel:" + project.id()))
          .withFix("promote it (client.promote(\"" + project.id() + "\", \"" + d.id() + "\")), which also resumes auto-assignment");
    }
    return Problem.warning("VERCEL_STAGED", project.name(),
            "deployment " + d.id() + " is READY but does not serve production")
        .withOrigin(Origin.of("vercel:" + project.id()))
        .withFix("promote it (client.promote(\"" + project.id() + "\", \"" + d.id() + "\"))");
  }

  // ------------------------------------------------------------------ promote and rollback

  /**
   * Points the production domains at a READY deployment without rebuilding it
   * ({@code POST /v10/projects/{projectId}/promote/{deploymentId}}). Promoting resumes
   * auto-assignment if a rollback had paused it.
   */
  public AliasChange promote(String projectId, String deploymentId) {
    return switchProduction(projectId, deploymentId, false);
  }

  /**
   * Instant rollback to the production deployment before the current one: the newest READY
   * production deployment older than the one serving now.
   *
   * <p>Vercel then pauses auto-assignment: later pushes build but do not go live until a
   * deployment is promoted. The result says so ({@link AliasChange#autoAssignPaused()}).
   *
   * @throws RunwayException.UnknownName when there is no earlier READY production deployment
   */
  public AliasChange rollback(String projectId) {
    ProjectState state = project(projectId);
    String current = state.productionDeploymentId().orElse("");
    List<Deployment> production = allDeployments(state.id(), 100, true);
    Instant currentCreated = production.stream().filter(d -> d.id().equals(current)).map(Deployment::createdAt)
        .findFirst().orElse(Instant.MAX);
    Optional<Deployment> previous = production.stream()
        .filter(d -> d.readyState() == ReadyState.READY && !d.id().equals(current))
        .filter(d -> d.createdAt().isBefore(currentCreated))
        .max(Comparator.comparing(Deployment::createdAt));
    if (previous.isEmpty()) {
      throw new RunwayException.UnknownName(
          "vercel:" + state.id() + ": " + state.name() + ": no READY production deployment older than "
              + (current.isEmpty() ? "the current one" : current) + " to roll back to; deploy a fixed version instead");
    }
    return rollback(projectId, previous.get().id());
  }

  /** Instant rollback to a given earlier production deployment; see {@link #rollback(String)}. */
  public AliasChange rollback(String projectId, String deploymentId) {
    return switchProduction(projectId, deploymentId, true);
  }

  private AliasChange switchProduction(String projectId, String deploymentId, boolean rollback) {
    ProjectState before = project(projectId);
    String path = "/v10/projects/" + segment(before.id()) + "/promote/" + segment(deploymentId);
    http.call("POST", path, Map.of(), null, false);
    ProjectState after = project(projectId);
    List<String> warnings = new ArrayList<>();
    boolean wentBack = rollback || "rollback".equals(after.lastAliasRequest().orElse(""));
    if (after.isAutoAssignPaused()) {
      warnings.add(after.name() + ": production auto-assignment is paused after the rollback: new pushes build but do not go live;"
          + " promote a deployment (client.promote) or call client.resumeAutoAssign(\"" + after.id() + "\") when the fix is out");
    }
    if (!after.productionDeploymentId().orElse(deploymentId).equals(deploymentId)) {
      warnings.add(after.name() + ": production still serves " + after.productionDeploymentId().orElse("")
          + " after the request; the switch may still be in progress: check the project again");
    }
    return new AliasChange(before.id(), before.productionDeploymentId().orElse(""), deploymentId, wentBack,
        after.isAutoAssignPaused(), warnings);
  }

  /** The project's production state ({@code GET /v9/projects/{idOrName}}). */
  public ProjectState project(String idOrName) {
    String path = "/v9/projects/" + segment(idOrName);
    return read("GET " + path, http.get(path, Map.of()), Wire::project);
  }

  /**
   * Problems with what production serves: a warning when an instant rollback left
   * auto-assignment paused (new pushes do not go live). Reads the project once.
   */
  public Problems checkProject(String idOrName) {
    ProjectState p = project(idOrName);
    if (!p.isAutoAssignPaused()) return Problems.none();
    return Problems.of(List.of(Problem.warning("VERCEL_AUTO_ASSIGN_PAUSED", p.name(),
            "production auto-assignment is paused" + ("rollback".equals(p.lastAliasRequest().orElse("")) ? " since an instant rollback" : "")
                + ": new pushes build but do not go live")
        .withOrigin(Origin.of("vercel:" + p.id()))
        .withFix("promote the deployment that should serve production, or run client.resumeAutoAssign(\"" + p.id() + "\")")));
  }

  /** Re-enables auto-assignment of production domains ({@code PATCH /v9/projects/{idOrName}}). */
  public ProjectState resumeAutoAssign(String idOrName) {
    String path = "/v9/projects/" + segment(idOrName);
    http.call("PATCH", path, Map.of(), Map.of("autoAssignCustomDomains", true), true);
    return project(idOrName);
  }

  // ------------------------------------------------------------------ environment variables

  /** A project's variables ({@code GET /v10/projects/{idOrName}/env}); sensitive values are absent. */
  public List<EnvVar> envVars(String project) {
    String path = "/v10/projects/" + segment(project) + "/env";
    JsonNode body = http.get(path, Map.of());
    List<EnvVar> out = new ArrayList<>();
    JsonNode envs = body.has("envs") ? body.path("envs") : body;
    if (envs.isArray()) for (JsonNode e : envs) out.add(read("GET " + path, e, Wire::envVar));
    else if (envs.has("key")) out.add(read("GET " + path, envs, Wire::envVar));
    return out;
  }

  /**
   * Creates a variable; when one with the same key already exists for an overlapping target (and
   * git branch), Vercel answers 409 {@code ENV_CONFLICT}, raised as {@link PlatformRejected}.
   */
  public EnvChange createEnvVar(String project, EnvVar variable) {
    return create(project, variable, false);
  }

  /** Creates or overwrites a variable ({@code POST .../env?upsert=true}). */
  public EnvChange upsertEnvVar(String project, EnvVar variable) {
    return create(project, variable, true);
  }

  private EnvChange create(String project, EnvVar v, boolean upsert) {
    checkWritable(v);
    String path = "/v10/projects/" + segment(project) + "/env";
    Map<String, Object> body = envBody(v, true);
    JsonNode answer = http.call("POST", path, upsert ? Map.of("upsert", "true") : Map.of(), body, upsert);
    JsonNode created = answer.path("created");
    if (created.isArray()) created = created.path(0);
    Optional<String> id = Wire.text(created, "id");
    boolean existed = answer.path("failed").isArray() && !answer.path("failed").isEmpty();
    if (existed) {
      JsonNode err = answer.path("failed").path(0).path("error");
      throw new PlatformRejected(VercelHttp.PLATFORM, 409, err.path("code").asString("ENV_CONFLICT"),
          "vercel: POST " + path + ": " + v.key() + " was not created (" + err.path("code").asString("conflict")
              + "); upsert it, or edit the existing variable by id",
          null);
    }
    return EnvChange.of(EnvChange.Kind.CREATED, v.key(), id);
  }

  /** Changes a variable by id ({@code PATCH /v9/projects/{idOrName}/env/{id}}). */
  public EnvChange editEnvVar(String project, String id, EnvVar v) {
    checkWritable(v);
    String path = "/v9/projects/" + segment(project) + "/env/" + segment(id);
    http.call("PATCH", path, Map.of(), envBody(v, false), true);
    return EnvChange.of(EnvChange.Kind.UPDATED, v.key(), Optional.of(id));
  }

  /** Deletes a variable by id ({@code DELETE /v9/projects/{idOrName}/env/{id}}). */
  public EnvChange deleteEnvVar(String project, String id) {
    String path = "/v9/projects/" + segment(project) + "/env/" + segment(id);
    JsonNode answer = http.call("DELETE", path, Map.of(), null, true);
    JsonNode first = answer.isArray() ? answer.path(0) : answer;
    return EnvChange.of(EnvChange.Kind.DELETED, first.path("key").asString(""), Optional.of(id));
  }

  private static void checkWritable(EnvVar v) {
    if (v.value().isEmpty()) {
      throw new IllegalArgumentException(v.key() + " has no value; set one with EnvVar.builder(key).value(...)");
    }
    if (v.targets().isEmpty()) {
      throw new IllegalArgumentException(v.key() + " has no target; set .targets(EnvTarget.PRODUCTION, ...)");
    }
    if (v.gitBranch().isPresent() && !v.targets().equals(java.util.Set.of(EnvTarget.PREVIEW))) {
      throw new IllegalArgumentException(v.key() + ": a git branch applies to preview only; use .targets(EnvTarget.PREVIEW)");
    }
    if (v.type() == EnvType.SYSTEM || v.type() == EnvType.SECRET) {
      throw new IllegalArgumentException(v.key() + ": type " + v.type().wireName()
          + " cannot be written; use PLAIN, ENCRYPTED or SENSITIVE");
    }
  }

  private static Map<String, Object> envBody(EnvVar v, boolean create) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("key", v.key());
    body.put("value", v.value().orElseThrow());
    body.put("type", v.type().wireName());
    body.put("target", v.targets().stream().sorted().map(EnvTarget::wireName).toList());
    v.gitBranch().ifPresent(b -> body.put("gitBranch", b));
    return body;
  }

  // ------------------------------------------------------------------ domains

  /**
   * Whether a domain's DNS points at Vercel ({@code GET /v6/domains/{domain}/config}). A probe:
   * never throws; a failed check is an unhealthy result naming the failure.
   */
  public DomainStatus domainStatus(String domain) {
    long start = System.nanoTime();
    try {
      JsonNode c = http.get("/v6/domains/" + segment(domain) + "/config", Map.of());
      boolean mis = c.path("misconfigured").asBoolean(false);
      Optional<String> by = Wire.text(c, "configuredBy");
      String message = mis
          ? domain + " is misconfigured: its DNS does not point at Vercel; add the records shown in the project's Domains settings"
              + recommended(c)
          : domain + " is configured" + by.map(b -> " by " + b).orElse("");
      return new DomainStatus(domain, !mis, mis, by, message, since(start));
    } catch (RuntimeException e) {
      return new DomainStatus(domain, false, false, Optional.empty(), domain + ": check failed: " + e.getMessage(), since(start));
    }
  }

  private static String recommended(JsonNode c) {
    JsonNode cname = c.path("recommendedCNAME").path(0).path("value");
    if (cname.isString()) return " (CNAME " + cname.asString() + ")";
    JsonNode a = c.path("recommendedIPv4").path(0).path("value").path(0);
    return a.isString() ? " (A " + a.asString() + ")" : "";
  }

  /**
   * Whether a certificate stays valid for at least {@code minimumValidity}
   * ({@code GET /v8/certs/{id}}). A probe: never throws.
   */
  public CertificateStatus certificateStatus(String certId, Duration minimumValidity) {
    long start = System.nanoTime();
    try {
      JsonNode c = http.get("/v8/certs/" + segment(certId), Map.of());
      Instant expires = Instant.ofEpochMilli(c.path("expiresAt").asLong());
      List<String> names = new ArrayList<>();
      c.path("cns").forEach(n -> names.add(n.asString()));
      boolean autoRenew = c.path("autoRenew").asBoolean(false);
      Duration left = Duration.between(clock.instant(), expires);
      boolean healthy = left.compareTo(minimumValidity) >= 0;
      String message = left.isNegative()
          ? "certificate " + certId + " for " + String.join(", ", names) + " expired at " + expires + "; renew it in the Vercel dashboard"
          : "certificate " + certId + " for " + String.join(", ", names) + " expires at " + expires + " (in " + left.toDays() + " days"
              + (autoRenew ? ", auto-renewed" : ", not auto-renewed") + ")"
              + (healthy ? "" : "; renew it or turn on auto-renewal");
      return new CertificateStatus(certId, names, Optional.of(expires), autoRenew, healthy, message, since(start));
    } catch (RuntimeException e) {
      return new CertificateStatus(certId, List.of(), Optional.empty(), false, false,
          "certificate " + certId + ": check failed: " + e.getMessage(), since(start));
    }
  }

  // ------------------------------------------------------------------ plumbing

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private static <T> T read(String what, JsonNode node, Function<JsonNode, T> reader) {
    try {
      return reader.apply(node);
    } catch (RuntimeException e) {
      throw new PlatformRejected(VercelHttp.PLATFORM, 200, "malformed_response",
          "vercel: " + what + ": the response does not have the expected shape; check the client's base URL and upgrade Runway if the API changed",
          e);
    }
  }

  private static String segment(String s) {
    Objects.requireNonNull(s, "id");
    if (s.isEmpty() || s.contains("/") || s.contains("?") || s.contains("#")) {
      throw new IllegalArgumentException("'" + s + "' is not a Vercel id or name");
    }
    return s;
  }

  private String inspector(Deployment d) {
    return "https://vercel.com/deployments/" + d.url();
  }

  private static String human(Duration d) {
    return d.toSeconds() >= 60 ? d.toMinutes() + " min" : d.toMillis() >= 1000 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunwayException("vercel: interrupted while waiting for a deployment; run it again");
    }
  }

  /** The base URL and team, never the token. */
  @Override
  public String toString() {
    return "VercelClient[" + baseUrl + (teamId == null ? "" : ", team " + teamId) + ", token ****]";
  }

  /** Builds a {@link VercelClient}. Only the token is required. */
  public static final class Builder {
    private @Nullable String token;
    private @Nullable String teamId;
    private URI baseUrl = DEFAULT_BASE_URL;
    private Duration timeout = Duration.ofSeconds(30);
    private int maxRetries = 3;
    private Duration maxRetryWait = Duration.ofSeconds(60);
    private Duration retryBackoff = Duration.ofMillis(500);
    private Duration pollInterval = Duration.ofSeconds(5);
    private Clock clock = Clock.systemUTC();
    private @Nullable OkHttpClient okHttpClient;

    private Builder() {}

    /** An access token from vercel.com/account/tokens. */
    public Builder token(String value) {
      this.token = Objects.requireNonNull(value, "token");
      return this;
    }

    /** The team owning the projects; sent as {@code teamId} on every call. */
    public Builder teamId(@Nullable String value) {
      this.teamId = value;
      return this;
    }

    /** Another API root, such as a {@link VercelSandbox}'s {@code baseUrl()}. */
    public Builder baseUrl(URI value) {
      this.baseUrl = Objects.requireNonNull(value, "baseUrl");
      return this;
    }

    /** Connect, read and write timeout of each call (the whole call gets twice this). Default 30 s. */
    public Builder timeout(Duration value) {
      this.timeout = Objects.requireNonNull(value, "timeout");
      return this;
    }

    /** Retries after the first attempt; default 3. */
    public Builder maxRetries(int value) {
      if (value < 0) throw new IllegalArgumentException("maxRetries must be >= 0 but was " + value);
      this.maxRetries = value;
      return this;
    }

    /** The longest rate-limit reset worth waiting for; a later reset fails at once. Default 60 s. */
    public Builder maxRetryWait(Duration value) {
      this.maxRetryWait = Objects.requireNonNull(value, "maxRetryWait");
      return this;
    }

    /** The first pause before retrying a 5xx or I/O failure, doubled each time. Default 500 ms. */
    public Builder retryBackoff(Duration value) {
      this.retryBackoff = Objects.requireNonNull(value, "retryBackoff");
      return this;
    }

    /** How often {@link VercelClient#deployAndWait} polls. Default 5 s. */
    public Builder pollInterval(Duration value) {
      this.pollInterval = Objects.requireNonNull(value, "pollInterval");
      return this;
    }

    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** An OkHttp client to build on (interceptors, proxies); timeouts are set from this builder. */
    public Builder okHttpClient(OkHttpClient value) {
      this.okHttpClient = Objects.requireNonNull(value, "okHttpClient");
      return this;
    }

    public VercelClient build() {
      if (token == null || token.isBlank()) {
        throw new IllegalStateException("VercelClient needs a token: .token(System.getenv(\"VERCEL_TOKEN\"))"
            + " (create one at vercel.com/account/tokens)");
      }
      return new VercelClient(this, token);
    }
  }
}

package dev.runway.vercel.internal;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The state and the routes of {@code VercelSandbox}: projects, deployments that move one step per
 * read (QUEUED → BUILDING → READY, or ERROR), production aliases with promote and rollback,
 * environment variables with targets and branches, domains, certificates and rate limits. Every
 * response is shaped to the vendor's OpenAPI spec (the tests hold it to it).
 */
public final class SandboxApi {
  private static final Pattern DEPLOYMENT = Pattern.compile("/v13/deployments/([^/]+)");
  private static final Pattern CANCEL = Pattern.compile("/v12/deployments/([^/]+)/cancel");
  private static final Pattern PROMOTE = Pattern.compile("/v10/projects/([^/]+)/promote/([^/]+)");
  private static final Pattern PROJECT = Pattern.compile("/v9/projects/([^/]+)");
  private static final Pattern ENVS = Pattern.compile("/v10/projects/([^/]+)/env");
  private static final Pattern ENV = Pattern.compile("/v9/projects/([^/]+)/env/([^/]+)");
  private static final Pattern DOMAIN_CONFIG = Pattern.compile("/v6/domains/([^/]+)/config");
  private static final Pattern CERT = Pattern.compile("/v8/certs/([^/]+)");

  /** A project. */
  public static final class Project {
    final String id;
    final String name;
    boolean autoAssign = true;
    boolean failBuilds;
    @Nullable String production;
    @Nullable Map<String, Object> lastAliasRequest;
    final List<Map<String, Object>> envs = new ArrayList<>();

    Project(String id, String name) {
      this.id = id;
      this.name = name;
    }
  }

  static final class Dep {
    final String id;
    final String projectId;
    final String name;
    final long createdAt;
    final @Nullable String target;
    final Map<String, String> meta;
    String state = "QUEUED";
    @Nullable String substate;
    boolean aliasAssigned;
    @Nullable String error;

    Dep(String id, String projectId, String name, long createdAt, @Nullable String target, Map<String, String> meta) {
      this.id = id;
      this.projectId = projectId;
      this.name = name;
      this.createdAt = createdAt;
      this.target = target;
      this.meta = meta;
    }

    String url() {
      return name + "-" + id.substring(4).toLowerCase(java.util.Locale.ROOT) + ".vercel.app";
    }
  }

  private final String token;
  private final Clock clock;
  private final Map<String, Project> projects = new LinkedHashMap<>();
  private final Map<String, Dep> deployments = new LinkedHashMap<>();
  private final Map<String, Boolean> domains = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> certs = new LinkedHashMap<>();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private long lastCreated;
  private int rateLimited;
  private int failing;
  private int failingStatus;

  public SandboxApi(String token, Clock clock) {
    this.token = token;
    this.clock = clock;
  }

  // ------------------------------------------------------------------ state for the public facade

  public synchronized String createProject(String name) {
    Project p = new Project("prj_" + nextId(), name);
    projects.put(p.id, p);
    return p.id;
  }

  public synchronized void failBuilds(String project, boolean fail) {
    find(project).failBuilds = fail;
  }

  public synchronized void rateLimitNext(int requests) {
    rateLimited = requests;
  }

  public synchronized void failNext(int requests, int status) {
    failing = requests;
    failingStatus = status;
  }

  public synchronized void domain(String domain, boolean misconfigured) {
    domains.put(domain, misconfigured);
  }

  public synchronized void certificate(String id, List<String> names, long expiresAtMs, boolean autoRenew) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("id", id);
    c.put("createdAt", clock.millis());
    c.put("expiresAt", expiresAtMs);
    c.put("autoRenew", autoRenew);
    c.put("cns", List.copyOf(names));
    certs.put(id, c);
  }

  public synchronized @Nullable String productionOf(String project) {
    return find(project).production;
  }

  public synchronized boolean autoAssign(String project) {
    return find(project).autoAssign;
  }

  public synchronized List<Map<String, Object>> envs(String project) {
    return find(project).envs.stream().map(m -> (Map<String, Object>) new LinkedHashMap<>(m)).toList();
  }

  public synchronized String stateOf(String deploymentId) {
    Dep d = deployments.get(deploymentId);
    return d == null ? "" : d.state;
  }

  public List<String> requests() {
    return List.copyOf(log);
  }

  // ------------------------------------------------------------------ HTTP

  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      String path = ex.getRequestURI().getRawPath();
      Map<String, String> query = query(ex.getRequestURI().getRawQuery());
      log.add(method + " " + path + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery()));
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      if (!Objects.equals(auth, "Bearer " + token)) {
        send(ex, 403, error("forbidden", "Not authorized"));
        return;
      }
      byte[] raw;
      try (InputStream in = ex.getRequestBody()) {
        raw = in.readAllBytes();
      }
      Reply r;
      synchronized (this) {
        if (rateLimited > 0) {
          rateLimited--;
          long now = clock.millis();
          Map<String, Object> limit = new LinkedHashMap<>();
          limit.put("remaining", 0);
          limit.put("reset", now / 1000);
          limit.put("resetMs", now);
          limit.put("total", 100);
          Map<String, Object> body = error("rate_limited", "Rate limit exceeded");
          @SuppressWarnings("unchecked")
          Map<String, Object> err = (Map<String, Object>) body.get("error");
          err.put("limit", limit);
          ex.getResponseHeaders().add("X-RateLimit-Limit", "100");
          ex.getResponseHeaders().add("X-RateLimit-Remaining", "0");
          ex.getResponseHeaders().add("X-RateLimit-Reset", String.valueOf(now / 1000));
          send(ex, 429, body);
          return;
        }
        if (failing > 0) {
          failing--;
          send(ex, failingStatus, error("internal_server_error", "An unexpected internal error occurred"));
          return;
        }
        JsonNode body = null;
        if (raw.length > 0) {
          try {
            body = JsonText.mapper().readTree(raw);
          } catch (JacksonException e) {
            send(ex, 400, error("bad_request", "Invalid JSON body"));
            return;
          }
        }
        r = route(method, path, query, body);
      }
      send(ex, r.status, r.body);
    }
  }

  private record Reply(int status, @Nullable Object body) {}

  private Reply route(String method, String path, Map<String, String> q, @Nullable JsonNode body) {
    Matcher m;
    if (method.equals("POST") && path.equals("/v13/deployments")) return createDeployment(body);
    if (method.equals("GET") && path.equals("/v6/deployments")) return listDeployments(q);
    if (method.equals("GET") && (m = DEPLOYMENT.matcher(path)).matches()) return getDeployment(m.group(1));
    if (method.equals("PATCH") && (m = CANCEL.matcher(path)).matches()) return cancel(m.group(1));
    if (method.equals("POST") && (m = PROMOTE.matcher(path)).matches()) return promote(m.group(1), m.group(2));
    if ((m = ENVS.matcher(path)).matches()) {
      if (method.equals("GET")) return listEnvs(m.group(1));
      if (method.equals("POST")) return createEnv(m.group(1), body, "true".equals(q.get("upsert")));
    }
    if ((m = ENV.matcher(path)).matches()) {
      if (method.equals("PATCH")) return editEnv(m.group(1), m.group(2), body);
      if (method.equals("DELETE")) return deleteEnv(m.group(1), m.group(2));
    }
    if ((m = PROJECT.matcher(path)).matches()) {
      if (method.equals("GET")) return getProject(m.group(1));
      if (method.equals("PATCH")) return patchProject(m.group(1), body);
    }
    if (method.equals("GET") && (m = DOMAIN_CONFIG.matcher(path)).matches()) return domainConfig(m.group(1));
    if (method.equals("GET") && (m = CERT.matcher(path)).matches()) return cert(m.group(1));
    return new Reply(404, error("not_found", "The requested path does not exist in the Vercel sandbox"));
  }

  // ------------------------------------------------------------------ deployments

  private Reply createDeployment(@Nullable JsonNode body) {
    if (body == null || !body.path("name").isString()) return new Reply(400, error("bad_request", "name is required"));
    String projectName = body.path("project").isString() ? body.path("project").asString() : body.path("name").asString();
    Project p = lookup(projectName);
    if (p == null) return new Reply(404, error("not_found", "Project not found"));
    String target = body.path("target").isString() ? body.path("target").asString() : null;
    if (target != null && !target.equals("production") && !target.equals("staging")) {
      return new Reply(400, error("bad_request", "Invalid target"));
    }
    Map<String, String> meta = new LinkedHashMap<>();
    body.path("meta").properties().forEach(e -> meta.put(e.getKey(), e.getValue().asString()));
    long created = Math.max(clock.millis(), lastCreated + 1);
    lastCreated = created;
    Dep d = new Dep("dpl_" + nextId(), p.id, p.name, created, target, meta);
    deployments.put(d.id, d);
    return new Reply(200, full(d));
  }

  private Reply getDeployment(String idOrUrl) {
    Dep d = deployments.get(idOrUrl);
    if (d == null) d = deployments.values().stream().filter(x -> x.url().equals(idOrUrl)).findFirst().orElse(null);
    if (d == null) return new Reply(404, error("not_found", "Deployment not found"));
    advance(d);
    return new Reply(200, full(d));
  }

  /** One step per read, so that tests see every state without waiting on a clock. */
  private void advance(Dep d) {
    Project p = projects.get(d.projectId);
    switch (d.state) {
      case "QUEUED" -> d.state = "BUILDING";
      case "BUILDING" -> {
        if (p != null && p.failBuilds) {
          d.state = "ERROR";
          d.error = "Command \"npm run build\" exited with 1";
        } else {
          d.state = "READY";
          if ("production".equals(d.target) && p != null) {
            if (p.autoAssign) {
              p.production = d.id;
              d.substate = "PROMOTED";
              d.aliasAssigned = true;
            } else {
              d.substate = "STAGED";
            }
          }
        }
      }
      default -> { }
    }
  }

  private Reply listDeployments(Map<String, String> q) {
    int limit = q.containsKey("limit") ? Integer.parseInt(q.get("limit")) : 20;
    long until = q.containsKey("until") ? Long.parseLong(q.get("until")) : Long.MAX_VALUE;
    String projectId = q.get("projectId");
    Project p = projectId == null ? null : lookup(projectId);
    List<Dep> all = deployments.values().stream()
        .filter(d -> p == null || d.projectId.equals(p.id))
        .filter(d -> !"production".equals(q.get("target")) || "production".equals(d.target))
        .filter(d -> d.createdAt < until)
        .sorted(Comparator.comparingLong((Dep d) -> d.createdAt).reversed())
        .toList();
    List<Dep> page = all.subList(0, Math.min(limit, all.size()));
    List<Object> items = new ArrayList<>();
    for (Dep d : page) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("uid", d.id);
      m.put("name", d.name);
      m.put("projectId", d.projectId);
      m.put("url", d.url());
      m.put("created", d.createdAt);
      m.put("createdAt", d.createdAt);
      m.put("state", d.state);
      m.put("readyState", d.state);
      m.put("type", "LAMBDAS");
      m.put("creator", Map.of("uid", "usr_sandbox"));
      m.put("inspectorUrl", "https://vercel.com/sandbox/" + d.name + "/" + d.id);
      m.put("meta", d.meta);
      m.put("target", d.target);
      m.put("aliasAssigned", d.aliasAssigned);
      if (d.substate != null) m.put("readySubstate", d.substate);
      m.put("isRollbackCandidate", "READY".equals(d.state) && "production".equals(d.target));
      items.add(m);
    }
    Map<String, Object> pagination = new LinkedHashMap<>();
    pagination.put("count", page.size());
    pagination.put("next", all.size() > page.size() && !page.isEmpty() ? page.get(page.size() - 1).createdAt : null);
    pagination.put("prev", page.isEmpty() ? null : page.get(0).createdAt);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("pagination", pagination);
    out.put("deployments", items);
    return new Reply(200, out);
  }

  private Reply cancel(String id) {
    Dep d = deployments.get(id);
    if (d == null) return new Reply(404, error("not_found", "Deployment not found"));
    if (!d.state.equals("QUEUED") && !d.state.equals("BUILDING") && !d.state.equals("INITIALIZING")) {
      return new Reply(400, error("deployment_not_cancelable", "The deployment is " + d.state + " and cannot be canceled"));
    }
    d.state = "CANCELED";
    return new Reply(200, full(d));
  }

  private Map<String, Object> lite(Dep d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("aliasAssigned", d.aliasAssigned);
    m.put("alias", "production".equals(d.target) && d.aliasAssigned ? List.of(d.name + ".vercel.app") : List.of());
    m.put("aliasError", null);
    m.put("bootedAt", d.createdAt);
    m.put("buildingAt", d.createdAt);
    m.put("buildSkipped", false);
    m.put("creator", Map.of("uid", "usr_sandbox", "username", "sandbox"));
    m.put("public", false);
    m.put("status", d.state);
    m.put("id", d.id);
    m.put("createdAt", d.createdAt);
    m.put("readyState", d.state);
    if (d.substate != null) m.put("readySubstate", d.substate);
    m.put("name", d.name);
    m.put("type", "LAMBDAS");
    m.put("meta", d.meta);
    m.put("regions", List.of("iad1"));
    m.put("url", d.url());
    m.put("version", 2);
    m.put("target", d.target);
    if (d.error != null) {
      m.put("errorCode", "BUILD_FAILED");
      m.put("errorMessage", d.error);
    }
    return m;
  }

  private Map<String, Object> full(Dep d) {
    Map<String, Object> m = lite(d);
    m.put("build", Map.of("env", List.of()));
    m.put("env", List.of());
    m.put("inspectorUrl", "https://vercel.com/sandbox/" + d.name + "/" + d.id);
    m.put("isInConcurrentBuildsQueue", false);
    m.put("isInSystemBuildsQueue", false);
    m.put("projectSettings", Map.of());
    m.put("projectId", d.projectId);
    m.put("plan", "hobby");
    m.put("createdIn", "iad1");
    m.put("ownerId", "team_sandbox");
    m.put("routes", null);
    return m;
  }

  // ------------------------------------------------------------------ projects, promote, rollback

  private Reply getProject(String idOrName) {
    Project p = lookup(idOrName);
    if (p == null) return new Reply(404, error("not_found", "Project not found"));
    return new Reply(200, project(p));
  }

  private Reply patchProject(String idOrName, @Nullable JsonNode body) {
    Project p = lookup(idOrName);
    if (p == null) return new Reply(404, error("not_found", "Project not found"));
    if (body != null && body.path("autoAssignCustomDomains").isBoolean()) {
      p.autoAssign = body.path("autoAssignCustomDomains").asBoolean();
    }
    return new Reply(200, project(p));
  }

  private Map<String, Object> project(Project p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("accountId", "team_sandbox");
    m.put("directoryListing", false);
    m.put("id", p.id);
    m.put("name", p.name);
    m.put("nodeVersion", "22.x");
    m.put("resourceConfig", Map.of("functionDefaultRegions", List.of("iad1")));
    m.put("defaultResourceConfig", Map.of("functionDefaultRegions", List.of("iad1")));
    m.put("autoAssignCustomDomains", p.autoAssign);
    m.put("framework", "nextjs");
    if (p.production != null) {
      Dep d = deployments.get(p.production);
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("id", d.id);
      t.put("createdAt", d.createdAt);
      t.put("createdIn", "iad1");
      t.put("creator", Map.of("email", "sandbox@example.com", "uid", "usr_sandbox", "username", "sandbox"));
      t.put("deploymentHostname", d.url());
      t.put("name", d.name);
      t.put("plan", "hobby");
      t.put("private", false);
      t.put("readyState", d.state);
      t.put("type", "LAMBDAS");
      t.put("url", d.url());
      t.put("userId", "usr_sandbox");
      m.put("targets", Map.of("production", t));
    }
    m.put("lastAliasRequest", p.lastAliasRequest);
    return m;
  }

  private Reply promote(String projectId, String deploymentId) {
    Project p = lookup(projectId);
    if (p == null) return new Reply(404, error("not_found", "Project not found"));
    Dep d = deployments.get(deploymentId);
    if (d == null || !d.projectId.equals(p.id)) return new Reply(404, error("not_found", "Deployment not found"));
    if (!d.state.equals("READY")) {
      return new Reply(400, error("deployment_not_ready", "The deployment is " + d.state + ", only READY deployments can be promoted"));
    }
    Dep current = p.production == null ? null : deployments.get(p.production);
    boolean rollback = current != null && d.createdAt < current.createdAt;
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("fromDeploymentId", current == null ? "" : current.id);
    request.put("toDeploymentId", d.id);
    request.put("jobStatus", "succeeded");
    request.put("requestedAt", clock.millis());
    request.put("type", rollback ? "rollback" : "promote");
    p.lastAliasRequest = request;
    if (current != null) {
      current.substate = "STAGED";
      current.aliasAssigned = false;
    }
    p.production = d.id;
    d.substate = "PROMOTED";
    d.aliasAssigned = true;
    // Vercel's trap: after an instant rollback, new production deployments stop going live.
    p.autoAssign = !rollback;
    return new Reply(201, null);
  }

  // ------------------------------------------------------------------ environment variables

  private Reply listEnvs(String project) {
    Project p = lookup(project);
    if (p == null) return new Reply(404, error("not_found", "Project not found"));
    List<Object> envs = new ArrayList<>();
    for (Map<String, Object> e : p.envs) envs.add(wireEnv(e));
    return new Reply(200, Map.of("envs", envs));
  }

  private Map<String, Object> wireEnv(Map<String, Object> e) {
    Map<String, Object> m = new LinkedHashMap<>(e);
    if ("sensitive".equals(m.get("type"))) m.put("value", "");
    return m;
  }

  private Reply createEnv(String project, @Nullable JsonNode body, boolean upsert) {
    Project p = lookup(project);
    if (p == null) return new Reply(404, error("not_found", "Project not found"));
    if (body == null || !body.path("key").isString() || !body.path("value").isString() || !body.path("type").isString()
        || !body.path("target").isArray() || body.path("target").isEmpty()) {
      return new Reply(400, error("bad_request", "key, value, type and target are required"));
    }
    Map<String, Object> v = envFrom(body);
    if (v.get("gitBranch") != null && !List.of("preview").equals(v.get("target"))) {
      return new Reply(400, error("git_branch_requires_preview", "A git branch can only be set for target preview"));
    }
    Map<String, Object> clash = conflict(p, v, null);
    if (clash != null) {
      if (!upsert) {
        return new Reply(409, error("ENV_CONFLICT", "A variable with the name `" + v.get("key") + "` already exists for the target "
            + overlap(clash, v) + (v.get("gitBranch") == null ? "" : " on branch " + v.get("gitBranch"))));
      }
      if (!clash.get("target").equals(v.get("target"))) {
        return new Reply(409, error("ENV_CONFLICT", "A variable with the name `" + v.get("key")
            + "` already exists with other targets; edit it instead"));
      }
      clash.put("value", v.get("value"));
      clash.put("type", v.get("type"));
      clash.put("updatedAt", clock.millis());
      return new Reply(201, Map.of("created", wireEnv(clash), "failed", List.of()));
    }
    v.put("id", "env_" + nextId());
    v.put("createdAt", clock.millis());
    v.put("updatedAt", clock.millis());
    p.envs.add(v);
    return new Reply(201, Map.of("created", wireEnv(v), "failed", List.of()));
  }

  private Reply editEnv(String project, String id, @Nullable JsonNode body) {
    Project p = lookup(project);
    if (p == null) return new Reply(404, error("not_found", "Project not found"));
    Map<String, Object> e = p.envs.stream().filter(x -> x.get("id").equals(id)).findFirst().orElse(null);
    if (e == null) return new Reply(404, error("not_found", "Environment variable not found"));
    if (body == null) return new Reply(400, error("bad_request", "A body is required"));
    Map<String, Object> changed = new LinkedHashMap<>(e);
    Map<String, Object> in = envFrom(body);
    in.forEach((k, v) -> {
      if (v != null && body.has(k)) changed.put(k, v);
    });
    Map<String, Object> clash = conflict(p, changed, id);
    if (clash != null) {
      return new Reply(409, error("ENV_CONFLICT", "A variable with the name `" + changed.get("key") + "` already exists for the target "
          + overlap(clash, changed)));
    }
    e.putAll(changed);
    e.put("updatedAt", clock.millis());
    return new Reply(200, wireEnv(e));
  }

  private Reply deleteEnv(String project, String id) {
    Project p = lookup(project);
    if (p == null) return new Reply(404, error("not_found", "Project not found"));
    Map<String, Object> e = p.envs.stream().filter(x -> x.get("id").equals(id)).findFirst().orElse(null);
    if (e == null) return new Reply(404, error("not_found", "Environment variable not found"));
    p.envs.remove(e);
    return new Reply(200, wireEnv(e));
  }

  private static Map<String, Object> envFrom(JsonNode body) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("key", body.path("key").asString(null));
    v.put("value", body.path("value").asString(null));
    v.put("type", body.path("type").asString(null));
    List<String> targets = new ArrayList<>();
    body.path("target").forEach(t -> targets.add(t.asString()));
    targets.sort(Comparator.comparingInt(t -> List.of("production", "preview", "development").indexOf(t)));
    v.put("target", body.has("target") ? List.copyOf(targets) : null);
    v.put("gitBranch", body.path("gitBranch").isString() ? body.path("gitBranch").asString() : null);
    v.values().removeIf(Objects::isNull);
    return v;
  }

  @SuppressWarnings("unchecked")
  private static @Nullable Map<String, Object> conflict(Project p, Map<String, Object> v, @Nullable String except) {
    for (Map<String, Object> e : p.envs) {
      if (e.get("id").equals(except) || !e.get("key").equals(v.get("key"))) continue;
      if (!Objects.equals(e.get("gitBranch"), v.get("gitBranch"))) continue;
      List<String> a = (List<String>) e.get("target");
      List<String> b = (List<String>) v.get("target");
      if (a.stream().anyMatch(b::contains)) return e;
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static String overlap(Map<String, Object> a, Map<String, Object> b) {
    List<String> x = (List<String>) a.get("target");
    List<String> y = (List<String>) b.get("target");
    return String.join(", ", x.stream().filter(y::contains).toList());
  }

  // ------------------------------------------------------------------ domains

  private Reply domainConfig(String domain) {
    Boolean mis = domains.get(domain);
    if (mis == null) return new Reply(403, error("forbidden", "You don't have access to the domain " + domain));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("configuredBy", mis ? null : "CNAME");
    m.put("acceptedChallenges", List.of("http-01"));
    m.put("recommendedIPv4", List.of(Map.of("rank", 1, "value", List.of("76.76.21.21"))));
    m.put("recommendedCNAME", List.of(Map.of("rank", 1, "value", "cname.vercel-dns.com.")));
    m.put("misconfigured", mis);
    return new Reply(200, m);
  }

  private Reply cert(String id) {
    Map<String, Object> c = certs.get(id);
    if (c == null) return new Reply(404, error("not_found", "Certificate not found"));
    return new Reply(200, c);
  }

  // ------------------------------------------------------------------ plumbing

  private Project find(String idOrName) {
    Project p = lookup(idOrName);
    if (p == null) {
      throw new IllegalArgumentException("No sandbox project named '" + idOrName + "' (known: "
          + String.join(", ", projects.values().stream().map(x -> x.name).toList()) + ")");
    }
    return p;
  }

  private @Nullable Project lookup(String idOrName) {
    Project p = projects.get(idOrName);
    if (p != null) return p;
    return projects.values().stream().filter(x -> x.name.equals(idOrName)).findFirst().orElse(null);
  }

  private String nextId() {
    return String.format("%08d", ids.incrementAndGet()) + "Sbx";
  }

  private static Map<String, Object> error(String code, String message) {
    Map<String, Object> err = new LinkedHashMap<>();
    err.put("code", code);
    err.put("message", message);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", err);
    return m;
  }

  private static Map<String, String> query(@Nullable String raw) {
    Map<String, String> q = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) return q;
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      q.put(k, v);
    }
    return q;
  }

  private static void send(HttpExchange ex, int status, @Nullable Object body) throws IOException {
    if (body == null) {
      ex.sendResponseHeaders(status, -1);
      return;
    }
    byte[] bytes = JsonText.mapper().writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}

package dev.runway.render.internal;

import dev.runway.render.Deploy;
import dev.runway.render.DeployStatus;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The RenderSandbox's state and routing. Deploy statuses are computed from the clock when read, so
 * no background thread moves them: a deploy is {@code created} for the first fifth of the build
 * time, {@code build_in_progress} for the rest, then {@code update_in_progress}, then live (or its
 * injected failure). A newer deploy cancels an older one still in progress, and the newest deploy
 * that went live deactivates the ones before it, as on Render.
 */
public final class SandboxState {
  private static final Pattern SERVICE = Pattern.compile("^/v1/services/([^/]+)(/.*)?$");

  /** An answer: status, headers and JSON text ("" for none). */
  public record Reply(int status, Map<String, String> headers, String body) {}

  private static final class Svc {
    final String id;
    final String name;
    final String type;
    final Instant created = Instant.now();
    final String hookKey = UUID.randomUUID().toString().replace("-", "");
    boolean suspended;
    final Map<String, String> env = new TreeMap<>();
    final List<Dep> deploys = new ArrayList<>();   // oldest first
    final Map<String, ObjectNode> domains = new LinkedHashMap<>();
    @Nullable DeployStatus nextFailure;

    Svc(String id, String name, String type) {
      this.id = id;
      this.name = name;
      this.type = type;
    }
  }

  private static final class Dep {
    final String id;
    final String trigger;
    final String commit;
    final long startNanos = System.nanoTime();
    final Instant createdAt = Instant.now();
    final boolean skipBuild;
    final @Nullable DeployStatus failure;
    @Nullable DeployStatus canceledAs;
    @Nullable Instant finishedAt;

    Dep(String id, String trigger, String commit, boolean skipBuild, @Nullable DeployStatus failure) {
      this.id = id;
      this.trigger = trigger;
      this.commit = commit;
      this.skipBuild = skipBuild;
      this.failure = failure;
    }
  }

  private final String apiKey;
  private final Duration buildTime;
  private final Duration updateTime;
  private final int rateLimit;
  private final Duration rateWindow;
  private final Supplier<String> origin;
  private final Map<String, Svc> services = new LinkedHashMap<>();
  private final List<String> requests = new ArrayList<>();
  private int counter;
  private long windowStart = System.nanoTime();
  private int windowCount;
  private int failCount;
  private int failStatus;
  private boolean deploys202;

  public SandboxState(String apiKey, Duration buildTime, Duration updateTime, int rateLimit, Duration rateWindow,
      Supplier<String> origin) {
    this.apiKey = apiKey;
    this.buildTime = buildTime;
    this.updateTime = updateTime;
    this.rateLimit = rateLimit;
    this.rateWindow = rateWindow;
    this.origin = origin;
  }

  public String origin() {
    return origin.get();
  }

  public synchronized String addService(String name, String type) {
    String id = "srv-" + String.format("%020x", ++counter + 0xd0c0000L);
    Svc s = new Svc(id, name, type);
    services.put(id, s);
    // A service starts with one live deploy, as a service created from a Blueprint would.
    Dep first = new Dep(nextDeployId(), "blueprint_sync", commit(), false, null);
    s.deploys.add(first);
    return id;
  }

  public synchronized String deployHookUrl(String serviceId) {
    Svc s = svc(serviceId);
    return origin.get() + "/deploy/" + s.id + "?key=" + s.hookKey;
  }

  public synchronized void failNextDeploy(String serviceId, DeployStatus failure) {
    svc(serviceId).nextFailure = failure;
  }

  public synchronized void failNextRequests(int count, int status) {
    failCount = count;
    failStatus = status;
  }

  public synchronized void answerDeploysWith202(boolean on) {
    deploys202 = on;
  }

  public synchronized Map<String, String> envVars(String serviceId) {
    return Collections.unmodifiableMap(new TreeMap<>(svc(serviceId).env));
  }

  public synchronized void putEnvVar(String serviceId, String key, String value) {
    svc(serviceId).env.put(key, value);
  }

  public synchronized List<Deploy> deploys(String serviceId) {
    Svc s = svc(serviceId);
    Map<String, String> statuses = statuses(s);
    List<Deploy> out = new ArrayList<>();
    for (int i = s.deploys.size() - 1; i >= 0; i--) {
      Dep d = s.deploys.get(i);
      out.add(new Deploy(d.id, s.id, DeployStatus.fromWire(statuses.get(d.id)), Optional.of(d.trigger),
          Optional.of(d.commit), Optional.of(d.createdAt), Optional.ofNullable(d.finishedAt)));
    }
    return out;
  }

  public synchronized boolean isSuspended(String serviceId) {
    return svc(serviceId).suspended;
  }

  public synchronized int requestCount() {
    return requests.size();
  }

  public synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  private Svc svc(String id) {
    Svc s = services.get(id);
    if (s == null) throw new IllegalArgumentException("no sandbox service " + id + " (known: " + services.keySet() + ")");
    return s;
  }

  // ---- deploy clock ----

  /** Each deploy's status now; also stamps finishedAt once final. */
  private Map<String, String> statuses(Svc s) {
    long now = System.nanoTime();
    Map<String, String> out = new HashMap<>();
    String live = null;
    for (Dep d : s.deploys) {
      String st = raw(d, now);
      if (st.equals("live")) live = d.id;
      out.put(d.id, st);
    }
    for (Dep d : s.deploys) {
      String st = out.get(d.id);
      if (st.equals("live") && !d.id.equals(live)) out.put(d.id, "deactivated");
      DeployStatus status = DeployStatus.fromWire(out.get(d.id)).orElseThrow();
      if (status.isFinal() && d.finishedAt == null) d.finishedAt = Instant.now();
    }
    return out;
  }

  private String raw(Dep d, long now) {
    if (d.canceledAs != null) return d.canceledAs.wire();
    long t = now - d.startNanos;
    long build = d.skipBuild ? 0 : buildTime.toNanos();
    long update = updateTime.toNanos();
    if (d.trigger.equals("blueprint_sync") && d.failure == null) return "live";
    if (t < build / 5) return "created";
    if (t < build) return "build_in_progress";
    if (d.failure == DeployStatus.BUILD_FAILED) return "build_failed";
    if (d.failure == DeployStatus.PRE_DEPLOY_FAILED) return "pre_deploy_failed";
    if (d.failure == DeployStatus.CANCELED) return "canceled";
    if (t < build + update) return "update_in_progress";
    if (d.failure == DeployStatus.UPDATE_FAILED) return "update_failed";
    return "live";
  }

  private Dep newDeploy(Svc s, String trigger, String commit, boolean skipBuild) {
    Map<String, String> st = statuses(s);
    for (Dep d : s.deploys) {
      if (!DeployStatus.fromWire(st.get(d.id)).orElseThrow().isFinal()) d.canceledAs = DeployStatus.CANCELED;
    }
    Dep d = new Dep(nextDeployId(), trigger, commit, skipBuild, s.nextFailure);
    s.nextFailure = null;
    s.deploys.add(d);
    return d;
  }

  private String nextDeployId() {
    return "dep-" + String.format("%020x", ++counter + 0xde90000L);
  }

  private String commit() {
    return String.format("%040x", ++counter * 2654435761L);
  }

  // ---- HTTP ----

  public synchronized Reply handle(String method, String path, @Nullable String rawQuery, @Nullable String authorization,
      String body) {
    requests.add(method + " " + path);
    Map<String, String> headers = new LinkedHashMap<>();
    long now = System.nanoTime();
    if (now - windowStart >= rateWindow.toNanos()) {
      windowStart = now;
      windowCount = 0;
    }
    windowCount++;
    long resetNanos = rateWindow.toNanos() - (now - windowStart);
    headers.put("Ratelimit-Limit", String.valueOf(rateLimit));
    headers.put("Ratelimit-Remaining", String.valueOf(Math.max(0, rateLimit - windowCount)));
    headers.put("Ratelimit-Reset", String.valueOf(Math.max(1, (resetNanos + 999_999_999L) / 1_000_000_000L)));
    if (windowCount > rateLimit) return error(429, headers, "rate limit exceeded");
    if (path.startsWith("/deploy/")) return hook(path.substring("/deploy/".length()), query(rawQuery), headers);
    if (authorization == null || !authorization.equals("Bearer " + apiKey)) return error(401, headers, "unauthorized");
    if (failCount > 0) {
      failCount--;
      return error(failStatus, headers, "internal server error");
    }
    Map<String, List<String>> q = query(rawQuery);
    if (path.equals("/v1/services") && method.equals("GET")) return listServices(q, headers);
    Matcher m = SERVICE.matcher(path);
    if (!m.matches()) return error(404, headers, "not found");
    Svc s = services.get(decode(m.group(1)));
    if (s == null) return error(404, headers, "service not found");
    String rest = m.group(2) == null ? "" : m.group(2);
    JsonNode json;
    try {
      json = body.isBlank() ? RenderHttp.MAPPER.createObjectNode() : RenderHttp.MAPPER.readTree(body);
    } catch (JacksonException e) {
      return error(400, headers, "invalid JSON body");
    }
    String route = method + " " + rest.replaceAll("^/deploys/[^/]+/cancel$", "/deploys/{id}/cancel")
        .replaceAll("^/deploys/[^/]+$", "/deploys/{id}").replaceAll("^/env-vars/[^/]+$", "/env-vars/{key}")
        .replaceAll("^/custom-domains/[^/]+$", "/custom-domains/{name}");
    String last = decode(rest.substring(rest.lastIndexOf('/') + 1));
    switch (route) {
      case "GET ":
        return ok(200, headers, service(s));
      case "POST /suspend":
        s.suspended = true;
        return new Reply(202, headers, "");
      case "POST /resume":
        s.suspended = false;
        newDeploy(s, "service_resumed", s.deploys.get(s.deploys.size() - 1).commit, false);
        return new Reply(202, headers, "");
      case "POST /deploys": {
        if (s.suspended) return error(400, headers, "service is suspended; resume it first");
        Dep d = newDeploy(s, "api", commit(), false);
        if (deploys202) return new Reply(202, headers, "");
        return ok(201, headers, deploy(s, d));
      }
      case "GET /deploys": {
        ArrayNode out = RenderHttp.MAPPER.createArrayNode();
        int limit = limit(q);
        List<Dep> newestFirst = new ArrayList<>(s.deploys);
        Collections.reverse(newestFirst);
        for (Dep d : page(newestFirst, q, limit, x -> x.id)) {
          ObjectNode item = out.addObject();
          item.set("deploy", deploy(s, d));
          item.put("cursor", d.id);
        }
        return ok(200, headers, out);
      }
      case "GET /deploys/{id}": {
        Dep d = find(s, last);
        return d == null ? error(404, headers, "deploy not found") : ok(200, headers, deploy(s, d));
      }
      case "POST /deploys/{id}/cancel": {
        String id = rest.split("/")[2];
        Dep d = find(s, id);
        if (d == null) return error(404, headers, "deploy not found");
        if (DeployStatus.fromWire(statuses(s).get(d.id)).orElseThrow().isFinal()) {
          return error(400, headers, "deploy is not in progress");
        }
        d.canceledAs = DeployStatus.CANCELED;
        return ok(200, headers, deploy(s, d));
      }
      case "POST /rollback": {
        String target = json.path("deployId").asString("");
        Dep d = find(s, target);
        if (d == null) return error(404, headers, "deploy not found");
        String st = statuses(s).get(d.id);
        if (!st.equals("deactivated") && !st.equals("live")) {
          return error(400, headers, "can only roll back to a deploy that was live (this one is " + st + ")");
        }
        return ok(201, headers, deploy(s, newDeploy(s, "rollback", d.commit, true)));
      }
      case "GET /env-vars": {
        ArrayNode out = RenderHttp.MAPPER.createArrayNode();
        for (String key : page(new ArrayList<>(s.env.keySet()), q, limit(q), k -> k)) {
          ObjectNode item = out.addObject();
          item.putObject("envVar").put("key", key).put("value", s.env.get(key));
          item.put("cursor", key);
        }
        return ok(200, headers, out);
      }
      case "PUT /env-vars": {
        if (!json.isArray()) return error(400, headers, "expected a list of env vars");
        Map<String, String> next = new TreeMap<>();
        for (JsonNode v : json) {
          String key = v.path("key").asString("");
          if (key.isEmpty()) return error(400, headers, "every env var needs a key");
          next.put(key, v.path("generateValue").asBoolean(false) ? UUID.randomUUID().toString() : v.path("value").asString(""));
        }
        s.env.clear();
        s.env.putAll(next);
        ArrayNode out = RenderHttp.MAPPER.createArrayNode();
        s.env.forEach((k, v) -> {
          ObjectNode item = out.addObject();
          item.putObject("envVar").put("key", k).put("value", v);
          item.put("cursor", k);
        });
        return ok(200, headers, out);
      }
      case "PUT /env-vars/{key}": {
        String value = json.path("generateValue").asBoolean(false) ? UUID.randomUUID().toString()
            : json.path("value").asString(null);
        if (value == null) return error(400, headers, "value is required");
        s.env.put(last, value);
        return ok(200, headers, RenderHttp.MAPPER.createObjectNode().put("key", last).put("value", value));
      }
      case "DELETE /env-vars/{key}":
        if (s.env.remove(last) == null) return error(404, headers, "env var not found");
        return new Reply(204, headers, "");
      case "GET /custom-domains": {
        ArrayNode out = RenderHttp.MAPPER.createArrayNode();
        for (ObjectNode d : s.domains.values()) {
          ObjectNode item = out.addObject();
          item.set("customDomain", d);
          item.put("cursor", d.path("id").asString());
        }
        return ok(200, headers, out);
      }
      case "POST /custom-domains": {
        String name = json.path("name").asString("");
        if (name.isBlank()) return error(400, headers, "name is required");
        if (s.domains.containsKey(name)) return error(409, headers, "custom domain already exists");
        ObjectNode d = RenderHttp.MAPPER.createObjectNode();
        d.put("id", "cdm-" + String.format("%020x", ++counter));
        d.put("name", name);
        d.put("domainType", name.chars().filter(c -> c == '.').count() > 1 ? "subdomain" : "apex");
        d.put("publicSuffix", name.substring(name.lastIndexOf('.') + 1));
        d.put("redirectForName", "");
        d.put("verificationStatus", "unverified");
        d.put("createdAt", Instant.now().toString());
        d.putObject("server").put("id", s.id).put("name", s.name);
        s.domains.put(name, d);
        ArrayNode out = RenderHttp.MAPPER.createArrayNode();
        out.add(d);
        return ok(201, headers, out);
      }
      case "DELETE /custom-domains/{name}": {
        boolean removed = s.domains.remove(last) != null
            || s.domains.values().removeIf(d -> d.path("id").asString("").equals(last));
        return removed ? new Reply(204, headers, "") : error(404, headers, "custom domain not found");
      }
      default:
        return error(404, headers, "not found");
    }
  }

  private Reply hook(String serviceId, Map<String, List<String>> q, Map<String, String> headers) {
    Svc s = services.get(decode(serviceId));
    String key = q.getOrDefault("key", List.of("")).get(0);
    if (s == null || !s.hookKey.equals(key)) return error(404, headers, "not found");
    Dep d = newDeploy(s, "deploy_hook", commit(), false);
    ObjectNode out = RenderHttp.MAPPER.createObjectNode();
    out.putObject("deploy").put("id", d.id);
    return ok(200, headers, out);
  }

  private Reply listServices(Map<String, List<String>> q, Map<String, String> headers) {
    List<String> names = new ArrayList<>();
    for (String n : q.getOrDefault("name", List.of())) names.addAll(List.of(n.split(",")));
    List<Svc> matching = new ArrayList<>();
    for (Svc s : services.values()) if (names.isEmpty() || names.contains(s.name)) matching.add(s);
    ArrayNode out = RenderHttp.MAPPER.createArrayNode();
    for (Svc s : page(matching, q, limit(q), x -> x.id)) {
      ObjectNode item = out.addObject();
      item.set("service", service(s));
      item.put("cursor", s.id);
    }
    return ok(200, headers, out);
  }

  private static <T> List<T> page(List<T> all, Map<String, List<String>> q, int limit, java.util.function.Function<T, String> cursorOf) {
    int start = 0;
    String cursor = q.getOrDefault("cursor", List.of("")).get(0);
    if (!cursor.isEmpty()) {
      for (int i = 0; i < all.size(); i++) if (cursorOf.apply(all.get(i)).equals(cursor)) start = i + 1;
    }
    return all.subList(Math.min(start, all.size()), Math.min(all.size(), start + limit));
  }

  private static int limit(Map<String, List<String>> q) {
    try {
      return Math.max(1, Math.min(100, Integer.parseInt(q.getOrDefault("limit", List.of("20")).get(0))));
    } catch (NumberFormatException e) {
      return 20;
    }
  }

  private @Nullable Dep find(Svc s, String id) {
    for (Dep d : s.deploys) if (d.id.equals(id)) return d;
    return null;
  }

  private ObjectNode deploy(Svc s, Dep d) {
    String status = statuses(s).get(d.id);
    ObjectNode n = RenderHttp.MAPPER.createObjectNode();
    n.put("id", d.id);
    ObjectNode c = n.putObject("commit");
    c.put("id", d.commit);
    c.put("message", "sandbox commit");
    c.put("createdAt", d.createdAt.toString());
    n.put("status", status);
    n.put("trigger", d.trigger);
    n.put("createdAt", d.createdAt.toString());
    n.put("updatedAt", Instant.now().toString());
    if (!status.equals("created")) n.put("startedAt", d.createdAt.toString());
    if (d.finishedAt != null) n.put("finishedAt", d.finishedAt.toString());
    return n;
  }

  private ObjectNode service(Svc s) {
    ObjectNode n = RenderHttp.MAPPER.createObjectNode();
    n.put("id", s.id);
    n.put("autoDeploy", "yes");
    n.put("branch", "main");
    n.put("createdAt", s.created.toString());
    n.put("dashboardUrl", origin.get() + "/dashboard/" + s.id);
    n.put("name", s.name);
    n.put("notifyOnFail", "default");
    n.put("ownerId", "tea-sandbox");
    n.put("repo", "https://github.com/acme/" + s.name);
    n.put("rootDir", "");
    n.put("slug", s.name);
    n.put("suspended", s.suspended ? "suspended" : "not_suspended");
    ArrayNode suspenders = n.putArray("suspenders");
    if (s.suspended) suspenders.add("user");
    n.put("type", s.type);
    n.put("updatedAt", Instant.now().toString());
    ObjectNode d = n.putObject("serviceDetails");
    d.put("env", "docker");
    d.put("runtime", "docker");
    ObjectNode docker = d.putObject("envSpecificDetails");
    docker.put("dockerCommand", "");
    docker.put("dockerContext", ".");
    docker.put("dockerfilePath", "./Dockerfile");
    d.put("plan", "free");
    d.put("region", "frankfurt");
    d.put("numInstances", 1);
    d.put("buildPlan", "starter");
    if (s.type.equals("web_service") || s.type.equals("private_service")) {
      d.putArray("openPorts").addObject().put("port", 10000).put("protocol", "TCP");
      d.put("url", s.type.equals("web_service") ? "https://" + s.name + ".onrender.com" : s.name + ":10000");
    }
    if (s.type.equals("web_service")) d.put("healthCheckPath", "/api/health");
    return n;
  }

  private static Reply ok(int status, Map<String, String> headers, JsonNode body) {
    return new Reply(status, headers, RenderHttp.MAPPER.writeValueAsString(body));
  }

  private static Reply error(int status, Map<String, String> headers, String message) {
    ObjectNode n = RenderHttp.MAPPER.createObjectNode();
    n.put("id", UUID.randomUUID().toString());
    n.put("message", message);
    return new Reply(status, headers, RenderHttp.MAPPER.writeValueAsString(n));
  }

  private static Map<String, List<String>> query(@Nullable String raw) {
    Map<String, List<String>> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) return out;
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = decode(eq < 0 ? pair : pair.substring(0, eq));
      String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return out;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}

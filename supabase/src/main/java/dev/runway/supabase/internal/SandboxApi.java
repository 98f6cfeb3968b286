package dev.runway.supabase.internal;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * State and routes of {@code SupabaseSandbox}: projects with their keys, status (paused = INACTIVE),
 * per-service health, quota and gateway faults, pooler configuration and backups; the project
 * endpoints under {@code /p/<ref>/...} and the Management API under {@code /v1/...}, shaped to the
 * vendor's OpenAPI spec.
 */
public final class SandboxApi {
  private static final Pattern PROJECT_API = Pattern.compile("/v1/projects/([^/]+)(/.*)?");
  private static final Pattern PROJECT_HTTP = Pattern.compile("/p/([^/]+)(/.*)");
  private static final List<String> SERVICES = List.of("auth", "db", "pooler", "realtime", "rest", "storage");

  /** One project. */
  public static final class Project {
    final String ref;
    final String name;
    final String region;
    final String plan;
    volatile String status = "ACTIVE_HEALTHY";
    volatile boolean overQuota;
    final Map<String, String> serviceStatus = new ConcurrentHashMap<>();
    final List<Map<String, Object>> backups = new CopyOnWriteArrayList<>();
    volatile boolean pitr;
    final AtomicInteger gatewayTimeouts = new AtomicInteger();
    final String anonKey;
    final String serviceRoleKey;
    final String publishableKey;
    final String secretKey;
    final AtomicInteger restCalls = new AtomicInteger();

    Project(String ref, String name, String region, String plan) {
      this.ref = ref;
      this.name = name;
      this.region = region;
      this.plan = plan;
      for (String s : SERVICES) serviceStatus.put(s, "ACTIVE_HEALTHY");
      this.anonKey = jwt(ref, "anon");
      this.serviceRoleKey = jwt(ref, "service_role");
      this.publishableKey = "sb_publishable_sandbox" + ref;
      this.secretKey = "sb_secret_sandbox" + ref;
    }
  }

  private final String token;
  private final Map<String, Project> projects = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger rateLimited = new AtomicInteger();

  public SandboxApi(String token) {
    this.token = token;
  }

  static String jwt(String ref, String role) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String payload = b64.encodeToString(("{\"iss\":\"supabase\",\"ref\":\"" + ref + "\",\"role\":\"" + role
        + "\",\"iat\":1700000000,\"exp\":2000000000}").getBytes(StandardCharsets.UTF_8));
    return header + "." + payload + ".sandbox-signature-" + role;
  }

  public Project create(String ref, String name, String region, String plan) {
    Project p = new Project(ref, name, region, plan);
    if (projects.putIfAbsent(ref, p) != null) {
      throw new IllegalArgumentException("supabase sandbox: a project with ref '" + ref + "' already exists");
    }
    return p;
  }

  public Project project(String ref) {
    Project p = projects.get(ref);
    if (p == null) throw new IllegalArgumentException("supabase sandbox: no project '" + ref + "' (known: " + projects.keySet() + ")");
    return p;
  }

  public static String ref(Project p) {
    return p.ref;
  }

  public static String anonKey(Project p) {
    return p.anonKey;
  }

  public static String serviceRoleKey(Project p) {
    return p.serviceRoleKey;
  }

  public static String publishableKey(Project p) {
    return p.publishableKey;
  }

  public static String secretKey(Project p) {
    return p.secretKey;
  }

  public static void status(Project p, String status) {
    p.status = status;
  }

  public static String status(Project p) {
    return p.status;
  }

  public static void service(Project p, String service, String status) {
    if (!SERVICES.contains(service)) throw new IllegalArgumentException("supabase sandbox: no service '" + service + "' (known: " + SERVICES + ")");
    p.serviceStatus.put(service, status);
  }

  public static void overQuota(Project p, boolean over) {
    p.overQuota = over;
  }

  public static void gatewayTimeouts(Project p, int next) {
    p.gatewayTimeouts.set(next);
  }

  public static void backup(Project p, Instant at, String status) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("id", p.backups.size() + 1);
    b.put("is_physical_backup", false);
    b.put("status", status);
    b.put("inserted_at", at.toString());
    p.backups.add(b);
  }

  public static void pitr(Project p, boolean on) {
    p.pitr = on;
  }

  public static int restCalls(Project p) {
    return p.restCalls.get();
  }

  public void rateLimitNext(int n) {
    rateLimited.set(n);
  }

  public List<String> requests() {
    return List.copyOf(requests);
  }

  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath();
      String query = ex.getRequestURI().getRawQuery();
      requests.add(ex.getRequestMethod() + " " + path + (query == null ? "" : "?" + query));
      Matcher api = PROJECT_API.matcher(path);
      Matcher http = PROJECT_HTTP.matcher(path);
      if (api.matches()) managementApi(ex, api.group(1), api.group(2) == null ? "" : api.group(2), query);
      else if (http.matches()) projectHttp(ex, http.group(1), http.group(2));
      else send(ex, 404, "{\"message\":\"Not found\"}");
    }
  }

  // --- Management API ----------------------------------------------------------------------

  private void managementApi(HttpExchange ex, String ref, String rest, @Nullable String query) throws IOException {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth == null || !auth.equals("Bearer " + token)) {
      sendEmpty(ex, 401); // the spec gives the 401 no body
      return;
    }
    if (rateLimited.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      ex.getResponseHeaders().set("Retry-After", "1");
      sendEmpty(ex, 429);
      return;
    }
    Project p = projects.get(ref);
    if (p == null) {
      send(ex, 404, "{\"message\":\"Project not found\"}");
      return;
    }
    String method = ex.getRequestMethod();
    if (method.equals("GET") && rest.isEmpty()) {
      send(ex, 200, projectJson(p));
    } else if (method.equals("GET") && rest.equals("/health")) {
      List<String> wanted = queryValues(query, "services");
      ArrayNode array = JsonMapper.shared().createArrayNode();
      for (String s : wanted) {
        if (!SERVICES.contains(s)) continue;
        String status = p.status.equals("INACTIVE") ? "UNHEALTHY" : p.serviceStatus.get(s);
        ObjectNode n = array.addObject();
        n.put("name", s);
        n.put("healthy", status.equals("ACTIVE_HEALTHY"));
        n.put("status", status);
        if (status.equals("UNHEALTHY")) n.put("error", p.status.equals("INACTIVE") ? "project is paused" : s + " is not responding");
      }
      send(ex, 200, JsonMapper.shared().writeValueAsString(array));
    } else if (method.equals("GET") && rest.equals("/config/database/pooler")) {
      ArrayNode array = JsonMapper.shared().createArrayNode();
      ObjectNode n = array.addObject();
      String host = "aws-0-" + p.region + ".pooler.supabase.com";
      String cs = "postgresql://postgres." + p.ref + ":[YOUR-PASSWORD]@" + host + ":6543/postgres";
      n.put("identifier", p.ref);
      n.put("database_type", "PRIMARY");
      n.put("is_using_scram_auth", true);
      n.put("db_user", "postgres");
      n.put("db_host", host);
      n.put("db_port", 6543);
      n.put("db_name", "postgres");
      n.put("connection_string", cs);
      n.put("connectionString", cs);
      n.put("default_pool_size", 15);
      n.put("max_client_conn", 200);
      n.put("pool_mode", "transaction");
      send(ex, 200, JsonMapper.shared().writeValueAsString(array));
    } else if (method.equals("GET") && rest.equals("/database/backups")) {
      ObjectNode n = JsonMapper.shared().createObjectNode();
      n.put("region", p.region);
      n.put("walg_enabled", !p.plan.equals("free"));
      n.put("pitr_enabled", p.pitr);
      ArrayNode list = n.putArray("backups");
      for (Map<String, Object> b : p.backups) list.add(JsonMapper.shared().valueToTree(b));
      n.putObject("physical_backup_data");
      send(ex, 200, JsonMapper.shared().writeValueAsString(n));
    } else if (method.equals("POST") && rest.equals("/pause")) {
      p.status = "INACTIVE";
      sendEmpty(ex, 200);
    } else {
      send(ex, 404, "{\"message\":\"Not found\"}");
    }
  }

  private static String projectJson(Project p) {
    ObjectNode n = JsonMapper.shared().createObjectNode();
    n.put("id", p.ref);
    n.put("ref", p.ref);
    n.put("organization_id", "sandboxorganization");
    n.put("organization_slug", "sandboxorganization");
    n.put("name", p.name);
    n.put("region", p.region);
    n.put("created_at", "2025-01-01T00:00:00.000Z");
    n.put("status", p.status);
    ObjectNode db = n.putObject("database");
    db.put("host", "db." + p.ref + ".supabase.co");
    db.put("version", "15.8.1.085");
    db.put("postgres_engine", "15");
    db.put("release_channel", "ga");
    return JsonMapper.shared().writeValueAsString(n);
  }

  // --- the project's own endpoints ----------------------------------------------------------

  private void projectHttp(HttpExchange ex, String ref, String rest) throws IOException {
    Project p = projects.get(ref);
    if (p == null) {
      send(ex, 404, "{\"message\":\"no project\"}");
      return;
    }
    if (p.status.equals("INACTIVE")) {
      sendText(ex, 540, "Project paused. Restore it from the dashboard.");
      return;
    }
    if (p.gatewayTimeouts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      sendText(ex, 544, "Gateway timeout");
      return;
    }
    if (p.overQuota) {
      send(ex, 402, "{\"message\":\"Service for this project is restricted due to the exceeded usage quota\"}");
      return;
    }
    String role = role(p, ex.getRequestHeaders().getFirst("apikey"), ex.getRequestHeaders().getFirst("Authorization"));
    if (role == null) {
      send(ex, 401, "{\"message\":\"Invalid API key\",\"hint\":\"Double check your Supabase `anon` or `service_role` API key.\"}");
      return;
    }
    String service = rest.startsWith("/auth/") ? "auth" : rest.startsWith("/rest/") ? "rest"
        : rest.startsWith("/storage/") ? "storage" : rest.startsWith("/realtime/") ? "realtime" : "";
    if (service.isEmpty()) {
      send(ex, 404, "{\"message\":\"no Route matched with those values\"}");
      return;
    }
    if (!p.serviceStatus.get(service).equals("ACTIVE_HEALTHY")) {
      send(ex, 503, "{\"message\":\"" + service + " is unavailable\"}");
      return;
    }
    switch (rest) {
      case "/auth/v1/health" -> send(ex, 200,
          "{\"version\":\"v2.170.0\",\"name\":\"GoTrue\",\"description\":\"GoTrue is a user registration and authentication API\"}");
      case "/rest/v1/" -> {
        p.restCalls.incrementAndGet();
        if (role.equals("service_role")) send(ex, 200, "{\"swagger\":\"2.0\",\"info\":{\"title\":\"PostgREST API\"},\"paths\":{}}");
        else send(ex, 401, "{\"message\":\"Access to schema is forbidden\",\"hint\":\"Accessing the schema via the Data API"
            + " is only allowed using a secret API key.\"}");
      }
      case "/storage/v1/status" -> sendEmpty(ex, 200);
      case "/realtime/v1/api/ping" -> send(ex, 200, "{\"message\":\"Success\"}");
      default -> send(ex, 404, "{\"message\":\"no Route matched with those values\"}");
    }
  }

  /**
   * The key's role as the gateway decides it: a legacy JWT must be in {@code apikey}, and a bearer,
   * if any, must be a JWT; an {@code sb_} key goes in {@code apikey} and is refused as a bearer.
   */
  private static @Nullable String role(Project p, @Nullable String apikey, @Nullable String authorization) {
    if (apikey == null) return null;
    if (authorization != null) {
      String bearer = authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
      if (!bearer.equals(p.anonKey) && !bearer.equals(p.serviceRoleKey)) return null;
    }
    if (apikey.equals(p.anonKey) || apikey.equals(p.publishableKey)) return "anon";
    if (apikey.equals(p.serviceRoleKey) || apikey.equals(p.secretKey)) return "service_role";
    return null;
  }

  private static List<String> queryValues(@Nullable String query, String name) {
    List<String> out = new ArrayList<>();
    if (query == null) return out;
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq < 0) continue;
      if (URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
        for (String v : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).split(",")) out.add(v.trim());
      }
    }
    return out;
  }

  private static void send(HttpExchange ex, int status, String json) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/json");
    write(ex, status, json);
  }

  private static void sendText(HttpExchange ex, int status, String text) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "text/plain");
    write(ex, status, text);
  }

  private static void sendEmpty(HttpExchange ex, int status) throws IOException {
    ex.sendResponseHeaders(status, -1);
  }

  private static void write(HttpExchange ex, int status, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}

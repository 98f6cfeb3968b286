package dev.runway.dockersim.internal;

import dev.runway.App;
import dev.runway.Service;
import dev.runway.env.Environment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model and its blueprint to a docker-compose.yml for one environment. Secrets (and variables
 * with no default in that environment) come from {@code env_file} and never appear in the file;
 * compose gives {@code environment} precedence over {@code env_file}, as Render gives the
 * blueprint's {@code value:} precedence over nothing.
 */
public final class ComposeGenerator {
  /** The local stand-in for Supabase's Postgres: pinned, as the Dockerfile checks ask of users. */
  public static final String POSTGRES_IMAGE = "postgres:15.8-alpine";
  static final String LOCAL_DB_USER = "postgres";

  private ComposeGenerator() {}

  /** The compose tree (plain values) and the Render services it could not simulate. */
  public record Generated(Map<String, Object> tree, List<String> skipped) {}

  public static Generated generate(App app, Environment environment) {
    Map<String, Object> services = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>();
    Optional<String> localDb = localDatabase(app);
    int nextHostPort = -1;
    for (String name : Target.renderServices(app)) {
      Target probe = Target.of(app, name, environment, 0);
      if (!probe.runsInDocker()) {
        skipped.add(name + " (runtime " + probe.runtime() + ")");
        continue;
      }
      int hostPort = nextHostPort < 0 ? probe.port() : nextHostPort;
      nextHostPort = hostPort + 1;
      services.put(name, service(Target.of(app, name, environment, hostPort), environment, hostPort, localDb));
    }
    localDb.ifPresent(db -> services.put(db, postgres()));
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("name", app.name() + "-" + environment.name());
    root.put("services", services);
    return new Generated(root, List.copyOf(skipped));
  }

  /** The compose service name of the local Postgres, when the model has a Supabase database. */
  public static Optional<String> localDatabase(App app) {
    List<Service> supabase = app.servicesOn("supabase");
    if (supabase.isEmpty()) return Optional.empty();
    String name = supabase.get(0).name();
    boolean clash = app.servicesOn("render").stream().anyMatch(s -> s.name().equals(name));
    return Optional.of(clash ? name + "-postgres" : name);
  }

  /** The URL of the local Postgres from inside the compose network: no password, no secret. */
  public static String localDatabaseUrl(String db) {
    return "postgresql://" + LOCAL_DB_USER + "@" + db + ":5432/postgres?sslmode=disable";
  }

  private static Map<String, Object> service(Target t, Environment environment, int hostPort, Optional<String> localDb) {
    Map<String, Object> s = new LinkedHashMap<>();
    Map<String, Object> build = new LinkedHashMap<>();
    String context = t.dockerContext().orElse(".");
    build.put("context", context);
    build.put("dockerfile", dockerfileInContext(context, t.dockerfilePath().orElse("./Dockerfile")));
    s.put("build", build);
    t.dockerCommand().ifPresent(c -> s.put("command", c));
    List<Object> envFiles = new ArrayList<>();
    Map<String, Object> base = new LinkedHashMap<>();
    base.put("path", ".env");
    base.put("required", false);
    envFiles.add(base);
    envFiles.add(".env." + environment.name());
    s.put("env_file", envFiles);
    Map<String, Object> env = new LinkedHashMap<>(t.inline());
    if (localDb.isPresent()) {
      // The local URL has no password, so it may be written even for a variable the model calls secret.
      for (String key : t.postgresUrls()) env.put(key, localDatabaseUrl(localDb.get()));
    }
    env.putAll(t.injected());
    s.put("environment", env);
    // The long syntax: "10000:10000" unquoted reads as a base-60 number to YAML 1.1 parsers.
    Map<String, Object> port = new LinkedHashMap<>();
    port.put("target", t.port());
    port.put("published", String.valueOf(hostPort));
    port.put("protocol", "tcp");
    s.put("ports", List.of(port));
    t.healthCheckPath().ifPresent(path -> s.put("healthcheck", healthcheck(t)));
    Map<String, Object> limits = new LinkedHashMap<>();
    limits.put("cpus", t.cpuLimit());
    limits.put("memory", t.memoryLimit());
    s.put("deploy", Map.of("resources", Map.of("limits", limits)));
    localDb.filter(db -> !t.postgresUrls().isEmpty())
        .ifPresent(db -> s.put("depends_on", Map.of(db, Map.of("condition", "service_healthy"))));
    return s;
  }

  /**
   * Render's check, in the container: the path answers 2xx or 3xx within 5 s ({@code curl -f}
   * fails on 4xx/5xx and does not follow redirects). Images without curl can use wget.
   */
  static Map<String, Object> healthcheck(Target t) {
    String url = t.healthUrl("localhost", t.port()).orElseThrow();
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("test", List.of("CMD-SHELL", healthCommand(url)));
    h.put("interval", "10s");
    h.put("timeout", Target.HEALTH_TIMEOUT_SECONDS + "s");
    h.put("retries", 3);
    h.put("start_period", "60s");
    return h;
  }

  public static String healthCommand(String url) {
    int t = Target.HEALTH_TIMEOUT_SECONDS;
    return "curl -fsS -o /dev/null --max-time " + t + " " + url + " || wget -q -O /dev/null -T " + t + " " + url
        + " || exit 1";
  }

  private static Map<String, Object> postgres() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("image", POSTGRES_IMAGE);
    // Trust auth on the compose network only (no port is published): no password to leak.
    s.put("environment", Map.of("POSTGRES_HOST_AUTH_METHOD", "trust"));
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("test", List.of("CMD-SHELL", "pg_isready -U " + LOCAL_DB_USER));
    h.put("interval", "2s");
    h.put("timeout", "5s");
    h.put("retries", 30);
    s.put("healthcheck", h);
    return s;
  }

  /** Render's dockerfilePath is relative to the repository; compose's dockerfile to the context. */
  static String dockerfileInContext(String context, String dockerfilePath) {
    Path rel = Path.of(context).normalize().relativize(Path.of(dockerfilePath).normalize());
    return rel.toString().replace('\\', '/');
  }
}

package dev.runway.dockersim.internal;

import dev.runway.App;
import dev.runway.Service;
import dev.runway.env.Environment;
import dev.runway.env.Var;
import dev.runway.render.BlueprintEnvVar;
import dev.runway.render.BlueprintService;
import dev.runway.render.Render;
import dev.runway.render.RenderBlueprint;
import dev.runway.render.RenderPlan;
import dev.runway.render.RenderRuntime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What Render would run for one service of the model in one environment, derived from the
 * blueprint ({@link Render#blueprint}) and the model: the variables set inline (the blueprint's
 * {@code value:} entries, with the environment's defaults), those whose values come from the
 * dashboard ({@code sync: false}; locally from an env file), {@code PORT}, the variables Render
 * injects, the health check path, the plan's limits and the start command.
 */
public record Target(
    String service,
    String type,
    String runtime,
    RenderPlan plan,
    Environment environment,
    int port,
    Optional<String> healthCheckPath,
    Optional<String> dockerCommand,
    Optional<String> startCommand,
    Optional<String> dockerfilePath,
    Optional<String> dockerContext,
    Map<String, String> inline,
    List<String> fromEnvFile,
    Set<String> secrets,
    Set<String> postgresUrls,
    Map<String, String> injected) {

  /** Render's default plan, when the blueprint names none. */
  static final RenderPlan DEFAULT_PLAN = RenderPlan.STARTER;
  /** Render's health check: the path answers 2xx or 3xx within this many seconds. */
  public static final int HEALTH_TIMEOUT_SECONDS = 5;

  /** The Render services of the model, in declaration order. */
  public static List<String> renderServices(App app) {
    return app.servicesOn("render").stream().map(Service::name).toList();
  }

  /**
   * The target of one Render service.
   *
   * @throws dev.runway.base.RunwayException.UnknownName when the model has no Render service of that name
   */
  public static Target of(App app, String serviceName, Environment environment, int hostPort) {
    Service model = app.service(serviceName);
    if (!model.platform().equals("render")) {
      throw new dev.runway.base.RunwayException.UnknownName("No Render service named '" + serviceName + "' (render services: "
          + String.join(", ", renderServices(app)) + "); '" + serviceName + "' runs on " + model.platform());
    }
    RenderBlueprint blueprint = Render.blueprint(app);
    BlueprintService s = blueprint.service(serviceName).orElseThrow();
    RenderPlan plan = s.plan().flatMap(RenderPlan::of).orElse(DEFAULT_PLAN);
    Map<String, String> inline = new LinkedHashMap<>();
    List<String> fromEnvFile = new ArrayList<>();
    Set<String> secrets = new LinkedHashSet<>();
    Set<String> postgresUrls = new LinkedHashSet<>();
    for (BlueprintEnvVar v : s.envVars()) {
      String key = v.key().orElse(null);
      if (key == null) continue;
      Optional<Var<?>> var = app.schema().variable(key);
      if (var.isPresent() && var.get().isSecret()) secrets.add(key);
      if (var.isPresent() && var.get().typeName().equals("postgres-url")) postgresUrls.add(key);
      // The blueprint describes production; other environments take the model's own defaults.
      Optional<String> value = environment.equals(Environment.PRODUCTION) && v instanceof BlueprintEnvVar.Value bv
          ? Optional.of(bv.value())
          : var.filter(x -> !x.isSecret()).flatMap(x -> x.defaultTextIn(environment));
      if (value.isPresent() && !secrets.contains(key)) inline.put(key, value.get());
      else fromEnvFile.add(key);
    }
    int port = RenderRuntime.DEFAULT_PORT;
    String portText = inline.get("PORT");
    if (portText != null) {
      try {
        port = Integer.parseInt(portText.trim());
      } catch (NumberFormatException e) {
        port = RenderRuntime.DEFAULT_PORT;
      }
    }
    inline.put("PORT", String.valueOf(port));
    fromEnvFile.remove("PORT");
    return new Target(serviceName, s.type(), s.runtime().orElse("docker"), plan, environment, port,
        s.healthCheckPath(), s.dockerCommand(), s.startCommand(), s.dockerfilePath(), s.dockerContext(),
        inline, fromEnvFile, secrets, postgresUrls, injected(serviceName, s.type(), environment, hostPort));
  }

  /**
   * What Render injects into every instance, as {@link RenderRuntime#detect} reads it back: {@code RENDER},
   * {@code IS_PULL_REQUEST} (true in a preview), the service's name and type, and its external URL
   * (here the local one).
   */
  static Map<String, String> injected(String service, String type, Environment environment, int hostPort) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("RENDER", "true");
    env.put("IS_PULL_REQUEST", String.valueOf(environment.equals(Environment.PREVIEW)));
    env.put("RENDER_SERVICE_NAME", service);
    env.put("RENDER_SERVICE_TYPE", type);
    env.put("RENDER_EXTERNAL_HOSTNAME", "localhost");
    env.put("RENDER_EXTERNAL_URL", "http://localhost:" + hostPort);
    return env;
  }

  /** Whether compose can run it: a Docker (or prebuilt image) web service, worker or private service. */
  public boolean runsInDocker() {
    return runtime.equals("docker") || runtime.equals("image");
  }

  /** The plan's memory limit as compose writes it ({@code 512M}). */
  public String memoryLimit() {
    return plan.memoryMb() + "M";
  }

  /** The plan's CPU limit as compose writes it ({@code 0.1}). */
  public String cpuLimit() {
    double cpu = plan.cpu();
    return cpu == Math.rint(cpu) ? String.valueOf((long) cpu) : String.valueOf(cpu);
  }

  /** The health check URL inside the container or on loopback. */
  public Optional<String> healthUrl(String host, int atPort) {
    return healthCheckPath.map(p -> "http://" + host + ":" + atPort + (p.startsWith("/") ? p : "/" + p));
  }
}

///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.runway:runway-sync:0.1.0-SNAPSHOT
//DEPS dev.runway:runway-render:0.1.0-SNAPSHOT
//DEPS org.slf4j:slf4j-simple:2.0.20

import dev.runway.App;
import dev.runway.Runway;
import dev.runway.base.RunwayException;
import dev.runway.Service;
import dev.runway.env.Environment;
import dev.runway.render.RenderClient;
import dev.runway.render.RenderEnvVar;
import dev.runway.render.RenderSandbox;
import dev.runway.render.RenderService;
import dev.runway.sync.EnvStore;
import dev.runway.sync.EnvStores;
import dev.runway.sync.Sync;
import dev.runway.sync.SyncPlan;
import dev.runway.sync.SyncResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Syncs a Render service's env vars with the environment's file (.env.production beside runway.conf),
 * for the variables the model sends to that service. Nothing is destructive by default: it prints the
 * plan (names and fingerprints, never a value) and changes nothing; --apply writes key by key after a
 * snapshot and restores the snapshot if a write fails; --prune also deletes variables the file lacks.
 *
 * With RENDER_API_KEY set it talks to Render (or RENDER_API_URL); without it, to an in-process
 * RenderSandbox seeded with some drift, offline, so you can try it safely.
 *
 * Exit codes: 0 in sync or applied, 1 drift found with --check, or the apply failed (and was undone),
 * 2 usage error, unreadable model or the API refused the call.
 */
class sync_environments {
  static final String USAGE = "usage: sync-environments.java [--config runway.conf] [--env production]"
      + " [--service <model service>] [--render-name <name>] [--check | --apply [--prune]]";

  public static void main(String... args) {
    Path config = Path.of("runway.conf");
    String env = "production";
    String serviceName = null;
    String renderName = null;
    boolean apply = false;
    boolean prune = false;
    boolean check = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> config = Path.of(value(args, ++i));
        case "--env" -> env = value(args, ++i);
        case "--service" -> serviceName = value(args, ++i);
        case "--render-name" -> renderName = value(args, ++i);
        case "--apply" -> apply = true;
        case "--prune" -> prune = true;
        case "--check" -> check = true;
        case "-h", "--help" -> { System.out.println(USAGE); System.exit(0); }
        default -> usage("unknown argument '" + args[i] + "'");
      }
    }
    if (apply && check) usage("--check and --apply exclude each other");
    if (prune && !apply) usage("--prune needs --apply");
    if (!Files.isRegularFile(config)) usage(config + ": no such file; pass --config <path to runway.conf>");

    RenderSandbox sandbox = null;
    try {
      App app = Runway.load(config);
      Environment environment = app.environment(env);
      List<Service> render = app.servicesOn("render");
      if (render.isEmpty()) usage("the model has no Render service");
      Service service = serviceName == null ? render.get(0) : app.service(serviceName);
      if (renderName == null) renderName = service.name();
      Path file = config.toAbsolutePath().getParent().resolve(".env." + environment.name());
      List<String> keys = app.schema().variablesFor(service.name()).stream().map(v -> v.name()).toList();

      RenderClient client;
      String serviceId;
      String key = System.getenv("RENDER_API_KEY");
      if (key == null || key.isBlank()) {
        sandbox = RenderSandbox.start();
        System.out.println("RENDER_API_KEY is not set: syncing with a Render sandbox at " + sandbox.baseUrl());
        client = RenderClient.builder().apiKey(sandbox.apiKey()).baseUrl(sandbox.baseUrl()).build();
        serviceId = sandbox.addService(renderName);
        // Drift, as a dashboard edit would leave it: one value changed, one variable nobody declared.
        sandbox.putEnvVar(serviceId, "LOG_LEVEL", "debug");
        sandbox.putEnvVar(serviceId, "OLD_FEATURE_FLAG", "on");
      } else {
        RenderClient.Builder builder = RenderClient.builder().apiKey(key);
        String url = System.getenv("RENDER_API_URL");
        if (url != null && !url.isBlank()) builder.baseUrl(url);
        client = builder.build();
        List<RenderService> found = client.servicesNamed(renderName);
        if (found.size() != 1) usage(found.size() + " Render services are named '" + renderName + "'; pass --render-name");
        serviceId = found.get(0).id();
      }

      EnvStore target = new RenderStore(client, serviceId, renderName);
      SyncPlan plan = Sync.plan(EnvStores.dotenv(file), target, keys);
      System.out.println(plan.toText());
      if (check) System.exit(plan.hasChanges(false) ? 1 : 0);
      if (!apply) {
        if (plan.hasChanges(prune)) System.out.println("dry run: nothing changed; run again with --apply to write");
        System.exit(0);
      }
      SyncResult result = Sync.apply(plan, target, Sync.options().prune(prune));
      System.out.println(result.toText());
      if (!result.isComplete()) {
        Sync.restore(result.snapshot(), target);
        System.out.println("the failed apply was undone: " + target.name() + " holds its variables from before");
        System.exit(1);
      }
      System.exit(0);
    } catch (RunwayException e) {
      System.err.println("sync-environments: " + e.getMessage());
      System.exit(2);
    } finally {
      if (sandbox != null) sandbox.close();
    }
  }

  /** A Render service's env vars as a sync target; never logs or shows a value. */
  static final class RenderStore implements EnvStore {
    private final RenderClient client;
    private final String serviceId;
    private final String name;

    RenderStore(RenderClient client, String serviceId, String name) {
      this.client = client;
      this.serviceId = serviceId;
      this.name = name;
    }

    @Override public String name() { return "render:" + name; }

    @Override public Map<String, String> readAll() {
      Map<String, String> all = new LinkedHashMap<>();
      for (RenderEnvVar v : client.envVars(serviceId)) all.put(v.key(), v.value());
      return all;
    }

    @Override public void write(String key, String value) { client.putEnvVar(serviceId, key, value); }

    @Override public void delete(String key) { client.deleteEnvVar(serviceId, key); }

    @Override public String toString() { return name(); }
  }

  static String value(String[] args, int i) {
    if (i >= args.length) usage(args[i - 1] + " needs a value");
    return args[i];
  }

  static void usage(String problem) {
    System.err.println("sync-environments: " + problem);
    System.err.println(USAGE);
    System.exit(2);
  }
}

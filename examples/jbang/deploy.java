///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.runway:runway-render:0.1.0-SNAPSHOT
//DEPS org.slf4j:slf4j-simple:2.0.20

import dev.runway.base.RunwayException;
import dev.runway.env.Var;
import dev.runway.render.Deploy;
import dev.runway.render.DeployStatus;
import dev.runway.render.RenderClient;
import dev.runway.render.RenderSandbox;
import dev.runway.render.RenderService;
import java.time.Duration;
import java.util.List;

/**
 * Deploys a Render service and waits until it is live; with --rollback, a failed deploy rolls the
 * service back to the deploy that was live before.
 *
 * With RENDER_API_KEY set it talks to Render (or to RENDER_API_URL, e.g. a sandbox or a proxy).
 * Without it, it deploys to an in-process RenderSandbox, offline, so you can try it safely;
 * --fail <build_failed|update_failed|canceled> makes the sandbox's deploy fail.
 *
 * Exit codes: 0 live, 1 the deploy failed or timed out, 2 usage error or the API refused the call.
 * The API key is never printed.
 */
class deploy {
  static final String USAGE = "usage: deploy.java [--service acme-api] [--timeout 10m] [--rollback] [--fail <status>]";

  public static void main(String... args) {
    String serviceName = "acme-api";
    Duration timeout = Duration.ofMinutes(10);
    boolean rollback = false;
    DeployStatus fail = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--service" -> serviceName = value(args, ++i);
        case "--timeout" -> timeout = duration(value(args, ++i), "--timeout");
        case "--rollback" -> rollback = true;
        case "--fail" -> fail = failure(value(args, ++i));
        case "-h", "--help" -> { System.out.println(USAGE); System.exit(0); }
        default -> usage("unknown argument '" + args[i] + "'");
      }
    }
    String key = System.getenv("RENDER_API_KEY");
    if (key != null && fail != null) usage("--fail works only on the sandbox (unset RENDER_API_KEY)");

    RenderSandbox sandbox = null;
    try {
      RenderClient client;
      String serviceId;
      if (key == null || key.isBlank()) {
        sandbox = RenderSandbox.builder().buildTime(Duration.ofMillis(300)).updateTime(Duration.ofMillis(200)).start();
        System.out.println("RENDER_API_KEY is not set: deploying to a Render sandbox at " + sandbox.baseUrl());
        client = RenderClient.builder().apiKey(sandbox.apiKey()).baseUrl(sandbox.baseUrl())
            .pollInterval(Duration.ofMillis(50)).build();
        serviceId = sandbox.addService(serviceName);
        client.deployAndWait(serviceId, timeout);                        // a first live deploy to roll back to
        if (fail != null) sandbox.failNextDeploy(serviceId, fail);
      } else {
        RenderClient.Builder builder = RenderClient.builder().apiKey(key);
        String url = System.getenv("RENDER_API_URL");
        if (url != null && !url.isBlank()) builder.baseUrl(url).pollInterval(Duration.ofMillis(100));
        client = builder.build();
        serviceId = serviceId(client, serviceName);
      }

      System.out.println("deploying " + serviceName + " (" + serviceId + ")");
      Deploy started = client.triggerDeploy(serviceId);
      try {
        Deploy live = client.awaitDeploy(serviceId, started.id(), timeout);
        System.out.println("live: " + live.id() + " " + live.dashboardUrl());
        System.exit(0);
      } catch (RunwayException.DeployFailed | RunwayException.Timeout e) {
        System.out.println("deploy failed: " + e.getMessage());
        if (rollback) {
          Deploy back = client.rollbackToPreviousLive(serviceId);
          Deploy restored = client.awaitDeploy(serviceId, back.id(), timeout);
          System.out.println("rolled back: " + restored.id() + " is live");
        }
        System.exit(1);
      }
    } catch (RunwayException e) {
      System.err.println("deploy: " + e.getMessage());
      System.exit(2);
    } finally {
      if (sandbox != null) sandbox.close();
    }
  }

  /** The id of the one service with this name. */
  static String serviceId(RenderClient client, String name) {
    List<RenderService> found = client.servicesNamed(name);
    if (found.size() != 1) {
      usage(found.isEmpty() ? "no Render service is named '" + name + "'; pass --service <name>"
          : found.size() + " Render services are named '" + name + "'; rename one");
    }
    return found.get(0).id();
  }

  static DeployStatus failure(String wire) {
    for (DeployStatus s : DeployStatus.values()) {
      if (s.wire().equals(wire) && s.phase() == DeployStatus.Phase.FAILED) return s;
    }
    usage("--fail " + wire + ": not a failure; use build_failed, update_failed, pre_deploy_failed or canceled");
    return null;
  }

  /** 500ms, 90s, 10m, 1h30m: read by Runway's own duration type, as runway.conf reads them. */
  static Duration duration(String text, String option) {
    try {
      Duration d = Var.duration("DURATION").parse(text);
      if (d.compareTo(Duration.ZERO) > 0) return d;
    } catch (IllegalArgumentException e) {
      // named below, with the fix
    }
    usage(option + " " + text + ": not a duration; write 500ms, 90s, 10m or 1h");
    return null;
  }

  static String value(String[] args, int i) {
    if (i >= args.length) usage(args[i - 1] + " needs a value");
    return args[i];
  }

  static void usage(String problem) {
    System.err.println("deploy: " + problem);
    System.err.println(USAGE);
    System.exit(2);
  }
}

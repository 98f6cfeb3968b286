package dev.runway.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.runway.Service;
import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import dev.runway.pipeline.DeployTarget;
import dev.runway.pipeline.Deployment;
import dev.runway.pipeline.PipelineConfig;
import dev.runway.pipeline.StepContext;
import dev.runway.render.Render;
import dev.runway.render.RenderClient;
import dev.runway.render.RenderSandbox;
import dev.runway.vercel.DeploymentRequest;
import dev.runway.vercel.Vercel;
import dev.runway.vercel.VercelClient;
import dev.runway.vercel.VercelSandbox;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How the services named in runway.conf's pipelines reach Render and Vercel: for real (keys read
 * from the run's environment when a deploy step runs, never before), or the sandboxes started in
 * this process.
 */
final class PipelineWiring {
  private PipelineWiring() {}

  static PipelineConfig.Wiring real() {
    return new PipelineConfig.Wiring() {
      @Override
      public DeployTarget deployTarget(Service service, String platformName) {
        return switch (service.platform()) {
          case "render" -> new Lazy("render:" + platformName, ctx -> Render.deployTarget(
              RenderClient.builder().apiKey(required(ctx, "RENDER_API_KEY", "render:" + platformName,
                  "create a key under Render's Account Settings → API Keys")).build(),
              ctx.variable("RENDER_SERVICE_ID").orElse(platformName)));
          case "vercel" -> new Lazy("vercel:" + platformName, ctx -> {
            VercelClient client = VercelClient.builder()
                .token(required(ctx, "VERCEL_TOKEN", "vercel:" + platformName, "create a token at vercel.com/account/tokens"))
                .teamId(ctx.variable("VERCEL_TEAM_ID").orElse(null)).build();
            Optional<String> repo = ctx.variable("VERCEL_GIT_REPO_ID");
            return repo.isPresent() ? Vercel.deployTarget(client, platformName, repo.get())
                : Vercel.deployTarget(client, platformName);
          });
          default -> throw notDeployable(service);
        };
      }

      @Override
      public URI url(Service service, String platformName) {
        return switch (service.platform()) {
          case "render" -> URI.create("https://" + platformName + ".onrender.com");
          case "vercel" -> URI.create("https://" + platformName + ".vercel.app");
          default -> throw notDeployable(service);
        };
      }

      @Override
      public List<String> secrets(Service service) {
        return secretsOf(service);
      }
    };
  }

  static List<String> secretsOf(Service service) {
    return switch (service.platform()) {
      case "render" -> List.of("RENDER_API_KEY");
      case "vercel" -> List.of("VERCEL_TOKEN");
      default -> List.of();
    };
  }

  static IllegalArgumentException notDeployable(Service service) {
    return new IllegalArgumentException("service '" + service.name() + "' is on " + service.platform()
        + ", which a pipeline cannot deploy; name a render or vercel service");
  }

  private static String required(StepContext ctx, String variable, String target, String how) {
    return ctx.variable(variable).filter(v -> !v.isBlank()).orElseThrow(() -> new RunwayException(target + ": " + variable
        + ": is not set; " + how + " and export " + variable + " (a GitHub secret in CI), or run with --sandbox",
        Origin.processEnv(), null));
  }

  /**
   * The Render and Vercel sandboxes, started on first use, with each deployed service or project
   * created in them (Vercel's with one production deployment live, so a first run can roll back),
   * and a stand-in for the services on loopback answering their health check paths: 200, or 503 when
   * {@code RUNWAY_SMOKE_FAIL=true} (or {@code -Drunway.smoke.fail=true}) asks to watch a rollback.
   */
  static final class Sandboxes implements PipelineConfig.Wiring, AutoCloseable {
    private @Nullable RenderSandbox render;
    private @Nullable RenderClient renderClient;
    private @Nullable VercelSandbox vercel;
    private @Nullable VercelClient vercelClient;
    private @Nullable HttpServer standIn;
    private final boolean failing = setting("runway.smoke.fail", "RUNWAY_SMOKE_FAIL")
        .map(v -> v.equals("true") || v.equals("1")).orElse(false);

    @Override
    public boolean sandbox() {
      return true;
    }

    @Override
    public List<String> secrets(Service service) {
      return secretsOf(service);
    }

    @Override
    public synchronized DeployTarget deployTarget(Service service, String platformName) {
      switch (service.platform()) {
        case "render" -> {
          if (render == null) {
            // Slow enough to watch in the live progress, quick enough for tests (as the acme sandbox).
            render = daemon(() -> RenderSandbox.builder().buildTime(Duration.ofMillis(800))
                .updateTime(Duration.ofMillis(400)).start());
            renderClient = RenderClient.builder().apiKey(render.apiKey()).baseUrl(render.baseUrl())
                .pollInterval(Duration.ofMillis(100)).maxPollInterval(Duration.ofMillis(250)).build();
          }
          render.addService(platformName);
          return Render.deployTarget(renderClient, platformName);
        }
        case "vercel" -> {
          if (vercel == null) {
            vercel = daemon(VercelSandbox::start);
            vercelClient = vercel.clientBuilder().pollInterval(Duration.ofMillis(200)).build();
          }
          vercel.createProject(platformName);
          vercel.client().deployAndWait(DeploymentRequest.builder(platformName).production().gitSource("1", "main").build(),
              Duration.ofSeconds(30));
          return Vercel.deployTarget(vercelClient, platformName, "1");
        }
        default -> throw notDeployable(service);
      }
    }

    @Override
    public synchronized URI url(Service service, String platformName) {
      if (standIn == null) {
        standIn = daemon(() -> {
          HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
          s.createContext("/", this::answer);
          s.start();
          return s;
        });
      }
      return URI.create("http://" + standIn.getAddress().getHostString() + ":" + standIn.getAddress().getPort());
    }

    private void answer(HttpExchange exchange) throws IOException {
      try (exchange) {
        int status = failing ? 503 : 200;
        byte[] body = (failing ? "{\"status\":\"DOWN\"}" : "{\"status\":\"UP\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }

    @Override
    public synchronized void close() {
      if (standIn != null) standIn.stop(0);
      if (render != null) render.close();
      if (vercel != null) vercel.close();
    }

    interface Start<T> {
      T start() throws Exception;
    }

    /** Started from a daemon thread, so the servers' threads are daemons and never keep the CLI alive. */
    private static <T> T daemon(Start<T> start) {
      FutureTask<T> task = new FutureTask<>(start::start);
      Thread t = new Thread(task, "runway-sandbox-start");
      t.setDaemon(true);
      t.start();
      try {
        return task.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) throw r;
        throw new RunwayException("pipeline: sandbox: could not start (" + e.getCause()
            + "); check that a loopback port is free");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RunwayException("pipeline: sandbox: interrupted while starting");
      }
    }

    private static Optional<String> setting(String property, String variable) {
      String v = System.getProperty(property);
      if (v == null || v.isBlank()) v = System.getenv(variable);
      return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }
  }

  /** A deploy target made when a step first needs it, so plan and export never need a key. */
  static final class Lazy implements DeployTarget {
    private final String name;
    private final Function<StepContext, DeployTarget> make;
    private volatile @Nullable DeployTarget made;

    Lazy(String name, Function<StepContext, DeployTarget> make) {
      this.name = name;
      this.make = make;
    }

    private synchronized DeployTarget target(StepContext ctx) {
      if (made == null) made = make.apply(ctx);
      return made;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Deployment deploy(StepContext context) throws Exception {
      return target(context).deploy(context);
    }

    @Override
    public void rollback(Deployment deployment, StepContext context) throws Exception {
      target(context).rollback(deployment, context);
    }

    @Override
    public String toString() {
      return name;
    }
  }
}

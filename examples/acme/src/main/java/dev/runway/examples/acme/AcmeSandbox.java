package dev.runway.examples.acme;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.runway.base.RunwayException;
import dev.runway.pipeline.DeployTarget;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Everything the acme production pipeline talks to, in this process and on loopback: a Render
 * sandbox with the service {@code acme-api}, a Vercel sandbox with the project {@code acme-web}
 * (one production deployment already live, so the first run has something to roll back to), and a
 * tiny health endpoint for the smoke step: {@code /api/health} answers 200,
 * {@code /api/health/failing} answers 503.
 *
 * <p>Every server is started from a daemon thread, so their threads are daemons too: a script or
 * CLI that forgets to {@link #close()} them still exits.
 */
final class AcmeSandbox implements AutoCloseable {
  static final String SERVICE = "acme-api";
  static final String PROJECT = "acme-web";

  private final RenderSandbox render;
  private final VercelSandbox vercel;
  private final HttpServer health;
  private final String serviceId;
  private final RenderClient renderClient;
  private final VercelClient vercelClient;

  private AcmeSandbox() {
    // Builds and updates slow enough to watch in the live progress, quick enough for tests.
    this.render = RenderSandbox.builder().buildTime(Duration.ofMillis(800)).updateTime(Duration.ofMillis(400)).start();
    this.vercel = VercelSandbox.start();
    this.serviceId = render.addService(SERVICE);
    vercel.createProject(PROJECT);
    this.renderClient = RenderClient.builder().apiKey(render.apiKey()).baseUrl(render.baseUrl())
        .pollInterval(Duration.ofMillis(100)).maxPollInterval(Duration.ofMillis(250)).build();
    this.vercelClient = vercel.clientBuilder().pollInterval(Duration.ofMillis(200)).build();
    vercel.client().deployAndWait(DeploymentRequest.builder(PROJECT).production().gitSource("1", "main").build(),
        Duration.ofSeconds(30));
    try {
      health = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      close();
      throw new RunwayException("acme sandbox: health endpoint: cannot listen on loopback (" + e.getMessage()
          + "); check that a local port is free");
    }
    health.createContext("/api/health", ex -> answer(ex, 200, "{\"status\":\"UP\"}"));
    health.createContext("/api/health/failing", ex -> answer(ex, 503, "{\"status\":\"DOWN\"}"));
    health.start();
  }

  /** Starts the sandboxes and the health endpoint on free loopback ports, from a daemon thread. */
  static AcmeSandbox start() {
    FutureTask<AcmeSandbox> task = new FutureTask<>(AcmeSandbox::new);
    Thread starter = new Thread(task, "acme-sandbox-start");
    starter.setDaemon(true);   // threads inherit it: the servers' dispatchers become daemons
    starter.start();
    try {
      return task.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new RunwayException("acme sandbox: could not start (" + e.getCause() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunwayException("acme sandbox: interrupted while starting");
    }
  }

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    try (exchange) {
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** The Render service {@code acme-api} as a deploy target. */
  DeployTarget api() {
    return Render.deployTarget(renderClient, SERVICE);
  }

  /** The Vercel project {@code acme-web} as a deploy target (its git source is the sandbox's). */
  DeployTarget web() {
    return Vercel.deployTarget(vercelClient, PROJECT, "1");
  }

  /** The health endpoint that answers 200, or with {@code failing} the one that answers 503. */
  URI health(boolean failing) {
    return URI.create("http://" + health.getAddress().getHostString() + ":" + health.getAddress().getPort()
        + (failing ? "/api/health/failing" : "/api/health"));
  }

  RenderSandbox render() {
    return render;
  }

  String serviceId() {
    return serviceId;
  }

  VercelSandbox vercel() {
    return vercel;
  }

  @Override
  public void close() {
    if (health != null) health.stop(0);
    render.close();
    vercel.close();
  }

  @Override
  public String toString() {
    return "AcmeSandbox[" + render + ", " + vercel + "]";
  }
}

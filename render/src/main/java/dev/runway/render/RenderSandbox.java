package dev.runway.render;

import com.sun.net.httpserver.HttpExchange;
import dev.runway.platform.LoopbackServer;
import dev.runway.render.internal.SandboxState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An in-process stand-in for Render's API on loopback, with state: services and their env vars,
 * deploys that move {@code created → build_in_progress → update_in_progress → live} on a
 * configurable clock, injectable failures ({@code build_failed}, {@code update_failed},
 * {@code canceled}, HTTP errors), and rate limiting with Render's {@code Ratelimit-*} headers. Its
 * answers follow Render's OpenAPI spec (Runway's tests hold it to the spec).
 *
 * <p>Use it in your own tests the way LocalStack is used for AWS:
 *
 * <pre>{@code
 * try (RenderSandbox render = RenderSandbox.builder().buildTime(Duration.ofMillis(50)).start()) {
 *   String api = render.addService("acme-api");
 *   RenderClient client = RenderClient.builder().apiKey(render.apiKey()).baseUrl(render.baseUrl())
 *       .pollInterval(Duration.ofMillis(20)).build();
 *   client.deployAndWait(api, Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * Thread-safe; {@link #close()} stops the server.
 */
public final class RenderSandbox implements AutoCloseable {
  private final LoopbackServer server;
  private final SandboxState state;
  private final String apiKey;

  private RenderSandbox(Builder b) {
    this.apiKey = b.apiKey;
    this.state = new SandboxState(b.apiKey, b.buildTime, b.updateTime, b.rateLimit, b.rateWindow, this::origin);
    this.server = LoopbackServer.start("render sandbox", this::handle);
  }

  private String origin() {
    return server.baseUrl();
  }

  /** A sandbox with defaults: 200 ms builds and updates, 1000 requests a minute, key {@code rnd_sandbox}. */
  public static RenderSandbox start() {
    return builder().start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The API base to give {@link RenderClient.Builder#baseUrl}: {@code http://127.0.0.1:<port>/v1}. */
  public String baseUrl() {
    return state.origin() + "/v1";
  }

  /** The API key the sandbox accepts (any other gets 401). */
  public String apiKey() {
    return apiKey;
  }

  /** Adds a Docker web service and returns its id ({@code srv-...}). */
  public String addService(String name) {
    return state.addService(name, "web_service");
  }

  /** Adds a service of an API type ({@code web_service}, {@code background_worker}, {@code private_service}). */
  public String addService(String name, String type) {
    return state.addService(name, type);
  }

  /** The service's deploy hook URL; its {@code key} query parameter is a secret like Render's. */
  public String deployHookUrl(String serviceId) {
    return state.deployHookUrl(serviceId);
  }

  /**
   * Makes the service's next deploy end in a failure: {@link DeployStatus#BUILD_FAILED},
   * {@link DeployStatus#UPDATE_FAILED}, {@link DeployStatus#PRE_DEPLOY_FAILED} or
   * {@link DeployStatus#CANCELED}.
   */
  public void failNextDeploy(String serviceId, DeployStatus failure) {
    if (failure.phase() != DeployStatus.Phase.FAILED) {
      throw new IllegalArgumentException(failure.wire() + " is not a failure; use build_failed, update_failed,"
          + " pre_deploy_failed or canceled");
    }
    state.failNextDeploy(serviceId, failure);
  }

  /** Answers the next {@code count} requests with an HTTP error status (500, 503, ...) and Render's error JSON. */
  public void failNextRequests(int count, int status) {
    state.failNextRequests(count, status);
  }

  /** Answers deploy triggers with 202 and no body (Render does so when it queues a deploy). */
  public void answerDeploysWith202(boolean on) {
    state.answerDeploysWith202(on);
  }

  /** The service's env vars, in key order. */
  public Map<String, String> envVars(String serviceId) {
    return state.envVars(serviceId);
  }

  /** Sets an env var directly, as if from the dashboard. */
  public void putEnvVar(String serviceId, String key, String value) {
    state.putEnvVar(serviceId, key, value);
  }

  /** The service's deploys, newest first, with their current status. */
  public List<Deploy> deploys(String serviceId) {
    return state.deploys(serviceId);
  }

  /** The deploy serving traffic now. */
  public Optional<Deploy> liveDeploy(String serviceId) {
    return deploys(serviceId).stream().filter(d -> d.phase() == DeployStatus.Phase.LIVE).findFirst();
  }

  public boolean isSuspended(String serviceId) {
    return state.isSuspended(serviceId);
  }

  /** Requests answered so far, including refused ones. */
  public int requestCount() {
    return state.requestCount();
  }

  /** Every request line seen so far ({@code POST /v1/services/srv-1/deploys}), oldest first. */
  public List<String> requests() {
    return state.requests();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      SandboxState.Reply reply = state.handle(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
          exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Authorization"),
          new String(body, StandardCharsets.UTF_8));
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
      if (out.length > 0) exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream os = exchange.getResponseBody()) {
          os.write(out);
        }
      }
    }
  }

  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return "RenderSandbox[" + baseUrl() + "]";
  }

  /** Builds a {@link RenderSandbox}. */
  public static final class Builder {
    private String apiKey = "rnd_sandbox";
    private Duration buildTime = Duration.ofMillis(200);
    private Duration updateTime = Duration.ofMillis(200);
    private int rateLimit = 1000;
    private Duration rateWindow = Duration.ofMinutes(1);

    private Builder() {}

    public Builder apiKey(String key) { this.apiKey = Objects.requireNonNull(key); return this; }

    /** How long a deploy spends in {@code created} and {@code build_in_progress}. */
    public Builder buildTime(Duration d) { this.buildTime = Objects.requireNonNull(d); return this; }

    /** How long a deploy spends in {@code update_in_progress} before it is live. */
    public Builder updateTime(Duration d) { this.updateTime = Objects.requireNonNull(d); return this; }

    /** Requests allowed per window before answering 429 (Render's headers are sent either way). */
    public Builder rateLimit(int requests, Duration window) {
      if (requests < 1) throw new IllegalArgumentException("requests must be at least 1 but was " + requests);
      this.rateLimit = requests;
      this.rateWindow = Objects.requireNonNull(window);
      return this;
    }

    /** Starts the server on a free loopback port. */
    public RenderSandbox start() {
      return new RenderSandbox(this);
    }
  }
}

package dev.runway.vercel;

import dev.runway.platform.LoopbackServer;
import dev.runway.vercel.internal.SandboxApi;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-process stand-in for the Vercel REST API, on loopback, for tests and demos that must not
 * need an account or the network — the way LocalStack stands in for AWS.
 *
 * <p>It keeps state for every call {@link VercelClient} makes: projects; deployments that move
 * one step per read ({@code QUEUED → BUILDING → READY}, or {@code ERROR} when
 * {@link #failBuilds} is on); production aliases, promotion and instant rollback, including
 * Vercel's trap that a rollback pauses auto-assignment; environment variables with targets, git
 * branches and {@code ENV_CONFLICT}; domains and certificates; and rate limits answered with
 * Vercel's 429 body and headers. Its responses follow the vendor's OpenAPI spec.
 *
 * <pre>{@code
 * try (VercelSandbox sandbox = VercelSandbox.start()) {
 *   sandbox.createProject("acme-web");
 *   VercelClient client = sandbox.client();
 *   client.deployAndWait(DeploymentRequest.builder("acme-web").production().gitSource("1", "main").build(),
 *       Duration.ofSeconds(10));
 * }
 * }</pre>
 */
public final class VercelSandbox implements AutoCloseable {
  private final LoopbackServer server;
  private final SandboxApi api;
  private final String token;

  private VercelSandbox(LoopbackServer server, SandboxApi api, String token) {
    this.server = server;
    this.api = api;
    this.token = token;
  }

  /** Starts a sandbox on a free loopback port that accepts the token {@code "sandbox-token"}. */
  public static VercelSandbox start() {
    return start("sandbox-token");
  }

  /** Starts a sandbox that accepts only {@code token}. */
  public static VercelSandbox start(String token) {
    SandboxApi api = new SandboxApi(token, Clock.systemUTC());
    return new VercelSandbox(LoopbackServer.start("vercel sandbox", api::handle), api, token);
  }

  /** {@code http://127.0.0.1:<port>}, for {@link VercelClient.Builder#baseUrl}. */
  public URI baseUrl() {
    return URI.create(server.baseUrl());
  }

  /** The token the sandbox accepts. */
  public String token() {
    return token;
  }

  /** A client for this sandbox with quick polling and no back-off. */
  public VercelClient client() {
    return clientBuilder().build();
  }

  /** A client builder preset for this sandbox (base URL, token, quick polling), to adjust further. */
  public VercelClient.Builder clientBuilder() {
    return VercelClient.builder().baseUrl(baseUrl()).token(token)
        .pollInterval(java.time.Duration.ofMillis(5)).retryBackoff(java.time.Duration.ZERO);
  }

  /** Creates a project (production auto-assignment on); returns its id. */
  public String createProject(String name) {
    return api.createProject(name);
  }

  /** Makes the project's next builds end in ERROR (or succeed again). */
  public void failBuilds(String project, boolean fail) {
    api.failBuilds(project, fail);
  }

  /** Answers the next {@code requests} calls with 429 and a reset of "now". */
  public void rateLimitNext(int requests) {
    api.rateLimitNext(requests);
  }

  /** Answers the next {@code requests} calls with {@code status} (a 5xx, say). */
  public void failNext(int requests, int status) {
    api.failNext(requests, status);
  }

  /** Registers a domain whose DNS does or does not point at Vercel. */
  public void domain(String domain, boolean misconfigured) {
    api.domain(domain, misconfigured);
  }

  /** Registers a certificate. */
  public void certificate(String id, List<String> names, Instant expiresAt, boolean autoRenew) {
    api.certificate(id, names, expiresAt.toEpochMilli(), autoRenew);
  }

  /** The deployment serving the project's production domains. */
  public Optional<String> productionDeployment(String project) {
    return Optional.ofNullable(api.productionOf(project));
  }

  /** Whether new production deployments go live when READY. */
  public boolean autoAssign(String project) {
    return api.autoAssign(project);
  }

  /** The project's variables as stored, values included: the sandbox is for tests. */
  public List<Map<String, Object>> envVars(String project) {
    return api.envs(project);
  }

  /** Every request received, as {@code METHOD /path?query} (never headers). */
  public List<String> requests() {
    return api.requests();
  }

  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return "VercelSandbox[" + baseUrl() + "]";
  }
}

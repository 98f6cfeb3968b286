package dev.runway.supabase;

import dev.runway.platform.LoopbackServer;
import dev.runway.supabase.internal.SandboxApi;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * An in-process stand-in for Supabase, on loopback, for tests and demos that must not need an
 * account or the network. It answers a project's probe endpoints (auth, REST, storage, realtime,
 * under {@link Project#url()}) and the Management API calls {@link ManagementClient} makes, with
 * state: a project can be paused (the endpoints answer 540, the API says {@code INACTIVE}), its
 * services made unhealthy, its organization put over quota (402), its gateway made to time out
 * (544); backups can be added; the API can be rate limited (429 with {@code Retry-After}). Its
 * Management API responses follow the vendor's OpenAPI spec (the tests hold them to it).
 *
 * <pre>{@code
 * try (SupabaseSandbox sandbox = SupabaseSandbox.start()) {
 *   SupabaseSandbox.Project project = sandbox.createProject("abcdefghijklmnopqrst");
 *   ProjectProbes probes = Supabase.project(project.url(), project.anonKey()).build();
 *   project.pause();
 * }
 * }</pre>
 */
public final class SupabaseSandbox implements AutoCloseable {
  private final LoopbackServer server;
  private final SandboxApi api;
  private final String token;

  private SupabaseSandbox(LoopbackServer server, SandboxApi api, String token) {
    this.server = server;
    this.api = api;
    this.token = token;
  }

  /** Starts a sandbox on a free loopback port whose Management API accepts {@code "sbp_sandbox..."}. */
  public static SupabaseSandbox start() {
    return start("sbp_sandbox0000000000000000000000000000");
  }

  /** Starts a sandbox whose Management API accepts only {@code token}. */
  public static SupabaseSandbox start(String token) {
    SandboxApi api = new SandboxApi(token);
    return new SupabaseSandbox(LoopbackServer.start("supabase sandbox", api::handle), api, token);
  }

  /** {@code http://127.0.0.1:<port>}: the Management API's base URL. */
  public URI baseUrl() {
    return URI.create(server.baseUrl());
  }

  /** The access token the Management API accepts. */
  public String token() {
    return token;
  }

  /** A client builder preset for this sandbox (base URL and token), to adjust further. */
  public ManagementClient.Builder clientBuilder() {
    return ManagementClient.builder().baseUrl(baseUrl()).token(token);
  }

  /** A client for this sandbox. */
  public ManagementClient client() {
    return clientBuilder().build();
  }

  /** Creates an ACTIVE_HEALTHY free project in us-west-1. */
  public Project createProject(String ref) {
    return createProject(ref, "us-west-1", "free");
  }

  /** Creates an ACTIVE_HEALTHY project. */
  public Project createProject(String ref, String region, String plan) {
    if (!ref.matches("[a-z]{20}")) throw new IllegalArgumentException("supabase sandbox: ref must be 20 lower-case letters but was '" + ref + "'");
    return new Project(api.create(ref, ref, region, plan));
  }

  /** An existing project. */
  public Project project(String ref) {
    return new Project(api.project(ref));
  }

  /** Answers the next {@code n} Management API calls with 429 and {@code Retry-After: 1}. */
  public void rateLimitNext(int n) {
    api.rateLimitNext(n);
  }

  /** Every request received, as {@code METHOD /path?query} (never headers, so never keys). */
  public List<String> requests() {
    return api.requests();
  }

  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return "SupabaseSandbox[" + baseUrl() + "]";
  }

  /** One sandbox project: its URL, its keys, and switches for the states it can be in. */
  public final class Project {
    private final SandboxApi.Project state;

    private Project(SandboxApi.Project state) {
      this.state = state;
    }

    public String ref() {
      return SandboxApi.ref(state);
    }

    /** The project's URL, the sandbox's stand-in for {@code https://<ref>.supabase.co}. */
    public URI url() {
      return URI.create(baseUrl() + "/p/" + ref());
    }

    /** A legacy anon JWT key. */
    public String anonKey() {
      return SandboxApi.anonKey(state);
    }

    /** A legacy service_role JWT key. */
    public String serviceRoleKey() {
      return SandboxApi.serviceRoleKey(state);
    }

    /** An {@code sb_publishable_} key. */
    public String publishableKey() {
      return SandboxApi.publishableKey(state);
    }

    /** An {@code sb_secret_} key. */
    public String secretKey() {
      return SandboxApi.secretKey(state);
    }

    /** Pauses the project: endpoints answer 540, the API reports INACTIVE. */
    public Project pause() {
      SandboxApi.status(state, "INACTIVE");
      return this;
    }

    /** Restores a paused project to ACTIVE_HEALTHY. */
    public Project resume() {
      SandboxApi.status(state, "ACTIVE_HEALTHY");
      return this;
    }

    /** Sets the status the API reports (COMING_UP, ACTIVE_UNHEALTHY, ...). */
    public Project status(ProjectStatus status) {
      SandboxApi.status(state, status.name());
      return this;
    }

    public ProjectStatus status() {
      return ProjectStatus.of(SandboxApi.status(state));
    }

    /** Makes one service (auth, db, pooler, realtime, rest, storage) healthy or not. */
    public Project healthy(String service, boolean healthy) {
      SandboxApi.service(state, service, healthy ? "ACTIVE_HEALTHY" : "UNHEALTHY");
      return this;
    }

    /** Puts the organization over its quota: endpoints answer 402. */
    public Project overQuota(boolean over) {
      SandboxApi.overQuota(state, over);
      return this;
    }

    /** Answers the next {@code n} endpoint calls with 544 (gateway timeout). */
    public Project gatewayTimeouts(int n) {
      SandboxApi.gatewayTimeouts(state, n);
      return this;
    }

    /** Adds a backup taken at {@code at} with status COMPLETED, FAILED, ... */
    public Project backup(Instant at, String status) {
      SandboxApi.backup(state, at, status);
      return this;
    }

    /** Turns point-in-time recovery on or off. */
    public Project pitr(boolean on) {
      SandboxApi.pitr(state, on);
      return this;
    }

    /** How many calls reached {@code /rest/v1/}: what a keep-alive test counts. */
    public int restCalls() {
      return SandboxApi.restCalls(state);
    }

    @Override
    public String toString() {
      return "SupabaseSandbox.Project[" + ref() + "]";
    }
  }
}

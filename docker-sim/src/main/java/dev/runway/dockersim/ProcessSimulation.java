package dev.runway.dockersim;

import dev.runway.base.internal.IoReasons;
import dev.runway.App;
import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import dev.runway.dockersim.internal.Dockerfile;
import dev.runway.dockersim.internal.LogPump;
import dev.runway.dockersim.internal.Target;
import dev.runway.env.Env;
import dev.runway.env.EnvSources;
import dev.runway.env.Environment;
import dev.runway.env.Var;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One service of the model run as a plain child process, the way Render runs it, with no Docker:
 * the environment's variables for that service (validated first, as a fail-fast service would),
 * {@code PORT}, and the variables Render injects ({@code RENDER=true}, {@code RENDER_SERVICE_NAME},
 * {@code RENDER_EXTERNAL_URL}, ...), in a minimal process environment so that nothing from the
 * developer's shell leaks in. {@link Builder#start()} returns once the health check path answers
 * 2xx/3xx — the gate Render puts before a deploy goes live — or, without one, once the port opens.
 *
 * <p>Its output is streamed line by line to a sink, with every secret value of the environment
 * masked ({@code ****}); the last lines are kept for {@link #logs()}. {@link #close()} stops it as
 * Render does: SIGTERM, a grace period, then a kill. Thread-safe.
 *
 * <pre>{@code
 * try (ProcessSimulation api = DockerSim.process(app, "api")
 *     .root(Path.of("examples/acme")).environment(Environment.PRODUCTION)
 *     .port(0).logs(System.out::println).start()) {
 *   HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.url().resolve("/api/health")).build(), ofString());
 * }
 * }</pre>
 */
public final class ProcessSimulation implements AutoCloseable {
  private static final List<String> INHERITED = List.of(
      "PATH", "HOME", "USER", "LANG", "LC_ALL", "TZ", "TMPDIR", "JAVA_HOME", "SYSTEMROOT", "TEMP", "TMP");

  private final String service;
  private final Process process;
  private final int port;
  private final @Nullable URI healthUrl;
  private final LogPump pump;
  private final Set<String> variables;
  private final Duration stopTimeout;
  private final List<String> command;

  private ProcessSimulation(String service, Process process, int port, @Nullable URI healthUrl, LogPump pump,
      Set<String> variables, Duration stopTimeout, List<String> command) {
    this.service = service;
    this.process = process;
    this.port = port;
    this.healthUrl = healthUrl;
    this.pump = pump;
    this.variables = variables;
    this.stopTimeout = stopTimeout;
    this.command = command;
  }

  static Builder builder(App app, String service) {
    return new Builder(app, service);
  }

  public String service() { return service; }

  /** The port the process listens on ({@code PORT}). */
  public int port() { return port; }

  /** {@code http://127.0.0.1:<port>}. */
  public URI url() { return URI.create("http://127.0.0.1:" + port); }

  /** The health check URL, when the model sets a health check path. */
  public Optional<URI> healthUrl() { return Optional.ofNullable(healthUrl); }

  public long pid() { return process.pid(); }

  public boolean isAlive() { return process.isAlive(); }

  /** The command that runs, as words. */
  public List<String> command() { return command; }

  /** The names of the variables the process received (never their values), sorted. */
  public Set<String> variables() { return variables; }

  /** The last lines the process wrote (stdout and stderr), secrets masked; at most 1,000. */
  public List<String> logs() { return pump.lines(); }

  /**
   * Stops the process: SIGTERM to it and its children, then, after the stop timeout, a kill.
   *
   * @return its exit code
   */
  public int stop() {
    if (process.isAlive()) {
      List<ProcessHandle> children = process.descendants().toList();
      children.forEach(ProcessHandle::destroy);
      // Through the handle: Process.destroy() also closes our end of the pipes, losing the last lines.
      process.toHandle().destroy();
      try {
        if (!process.waitFor(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.toHandle().destroyForcibly();
          process.waitFor(stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
      children.forEach(ProcessHandle::destroyForcibly);
    }
    pump.await(Duration.ofSeconds(2));
    return process.isAlive() ? -1 : process.exitValue();
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "ProcessSimulation[" + service + " pid " + process.pid() + " on port " + port + "]";
  }

  /**
   * Configures a {@link ProcessSimulation}. Defaults: production, the {@code .env} files in the root
   * folder (not the developer's shell), Render's port (from the model, else 10000), 60 s to become
   * healthy, 10 s to stop, and the start command from the model ({@code start-command},
   * {@code docker-command}) or the Dockerfile's {@code ENTRYPOINT}/{@code CMD}, run in the Docker
   * context folder.
   */
  public static final class Builder {
    private final App app;
    private final String service;
    private Environment environment = Environment.PRODUCTION;
    private @Nullable EnvSources sources;
    private Path root = Path.of(".");
    private @Nullable List<String> command;
    private @Nullable Integer port;
    private Duration healthTimeout = Duration.ofSeconds(60);
    private Duration stopTimeout = Duration.ofSeconds(10);
    private Consumer<String> logs = line -> { };
    private final Map<String, String> extra = new LinkedHashMap<>();

    private Builder(App app, String service) {
      this.app = Objects.requireNonNull(app, "app");
      this.service = Objects.requireNonNull(service, "service");
    }

    public Builder environment(Environment e) { this.environment = Objects.requireNonNull(e); return this; }

    /** Where the values come from (default: {@code EnvSources.files(root)}). */
    public Builder sources(EnvSources s) { this.sources = Objects.requireNonNull(s); return this; }

    /** The folder paths in the model are relative to (runway.conf's folder). */
    public Builder root(Path dir) { this.root = Objects.requireNonNull(dir); return this; }

    /** The command to run instead of the model's or the Dockerfile's; words, not a shell line. */
    public Builder command(List<String> words) { this.command = List.copyOf(words); return this; }

    public Builder command(String... words) { return command(List.of(words)); }

    /** The port to listen on instead of Render's; 0 picks a free one (for tests). */
    public Builder port(int p) {
      if (p < 0 || p > 65535) throw new IllegalArgumentException("port must be 0..65535 but was " + p);
      this.port = p;
      return this;
    }

    public Builder healthTimeout(Duration d) { this.healthTimeout = Objects.requireNonNull(d); return this; }

    public Builder stopTimeout(Duration d) { this.stopTimeout = Objects.requireNonNull(d); return this; }

    /** Receives each line the process writes, secrets masked; called from a reader thread. */
    public Builder logs(Consumer<String> sink) { this.logs = Objects.requireNonNull(sink); return this; }

    /** One more variable for the process (not a secret: it is not masked), e.g. {@code RENDER_GIT_COMMIT}. */
    public Builder variable(String name, String value) { extra.put(name, value); return this; }

    /**
     * Starts the process and waits until it is healthy.
     *
     * @throws RunwayException.ValidationFailed when the environment's values are invalid (nothing starts)
     * @throws RunwayException.DeployFailed (status {@code exited}) when the process ends before it is healthy
     * @throws RunwayException.Timeout when it is not healthy in time (it is stopped)
     * @throws RunwayException when there is no start command, or it cannot be started
     */
    public ProcessSimulation start() {
      EnvSources src = sources != null ? sources : EnvSources.files(root);
      Env env = app.schema().load(environment, src);
      Target probe = Target.of(app, service, environment, 0);
      int listen = port == null ? probe.port() : port == 0 ? freePort() : port;
      Target t = Target.of(app, service, environment, listen);
      Origin origin = Origin.of("process:" + service);

      Map<String, String> vars = new LinkedHashMap<>();
      for (String name : INHERITED) {
        String v = System.getenv(name);
        if (v != null) vars.put(name, v);
      }
      vars.putAll(env.textsFor(service));
      vars.putAll(t.injected());
      vars.putAll(extra);
      vars.put("PORT", String.valueOf(listen));
      List<String> secrets = new ArrayList<>();
      for (Var<?> v : app.schema().variablesFor(service)) {
        if (v.isSecret()) env.text(v.name()).ifPresent(secrets::add);
      }

      Path workDir = root.resolve(t.dockerContext().orElse(".")).normalize();
      List<String> words = command != null ? command : startCommand(t, origin);
      ProcessBuilder pb = new ProcessBuilder(words).directory(workDir.toFile());
      pb.environment().clear();
      pb.environment().putAll(vars);
      Process process;
      try {
        process = pb.start();
      } catch (IOException e) {
        throw new RunwayException(origin + ": start command: '" + String.join(" ", words) + "' cannot be started in "
            + workDir + " (" + e.getMessage() + "); check that the program is installed and on PATH", origin, e);
      }
      try {
        process.getOutputStream().close();
      } catch (IOException e) {
        // Nothing to write to it anyway.
      }
      LogPump pump = LogPump.start(service, process, secrets, logs);
      URI health = t.healthUrl("127.0.0.1", listen).map(URI::create).orElse(null);
      ProcessSimulation sim = new ProcessSimulation(service, process, listen, health, pump,
          java.util.Collections.unmodifiableSet(new TreeSet<>(vars.keySet())), stopTimeout, words);
      try {
        waitHealthy(sim, t, origin);
      } catch (RuntimeException e) {
        sim.stop();
        throw e;
      }
      return sim;
    }

    private void waitHealthy(ProcessSimulation sim, Target t, Origin origin) {
      long deadline = System.nanoTime() + healthTimeout.toNanos();
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1))
          .followRedirects(HttpClient.Redirect.NEVER).build();
      String what = sim.healthUrl != null ? "GET " + sim.healthUrl : "port " + sim.port;
      String last = "no answer yet";
      while (true) {
        if (!sim.process.isAlive()) {
          sim.pump.await(Duration.ofSeconds(2));
          throw new RunwayException.DeployFailed(origin + ": " + service + ": exited with code " + sim.process.exitValue()
              + " before " + what + " answered" + tail(sim.logs()) + "; run it by hand to see why, or read the logs above",
              origin, "exited");
        }
        if (sim.healthUrl != null) {
          try {
            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(sim.healthUrl)
                .timeout(Duration.ofSeconds(Target.HEALTH_TIMEOUT_SECONDS)).GET().build(), HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() >= 200 && r.statusCode() < 400) return;
            last = "HTTP " + r.statusCode();
          } catch (IOException e) {
            last = IoReasons.of(e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunwayException.Timeout(origin + ": " + service + ": interrupted while waiting for " + what, origin,
                healthTimeout);
          }
        } else {
          try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", sim.port), 500);
            return;
          } catch (IOException e) {
            last = "port closed";
          }
        }
        if (System.nanoTime() > deadline) {
          throw new RunwayException.Timeout(origin + ": " + service + ": " + what + " did not answer 2xx/3xx within "
              + human(healthTimeout) + " (last: " + last + "); Render would fail this deploy: make the service listen"
              + " on 0.0.0.0:$PORT and answer " + t.healthCheckPath().orElse("on its port") + " quickly", origin, healthTimeout);
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new RunwayException.Timeout(origin + ": " + service + ": interrupted while waiting for " + what, origin,
              healthTimeout);
        }
      }
    }

    private static String human(Duration d) {
      return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String tail(List<String> lines) {
      if (lines.isEmpty()) return " (it wrote nothing)";
      List<String> last = lines.subList(Math.max(0, lines.size() - 3), lines.size());
      return " (last output: " + String.join(" | ", last) + ")";
    }

    private List<String> startCommand(Target t, Origin origin) {
      Optional<String> line = t.startCommand().or(t::dockerCommand);
      if (line.isPresent()) return List.of("sh", "-c", line.get());
      if (t.dockerfilePath().isPresent() || t.runtime().equals("docker")) {
        Path dockerfile = root.resolve(t.dockerfilePath().orElse("./Dockerfile")).normalize();
        String text;
        try {
          text = Files.readString(dockerfile, StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new RunwayException.IoFailed(dockerfile + ": Dockerfile: cannot be read to find the start command ("
              + IoReasons.of(e) + "); fix dockerfile-path in the model, or pass a command", Origin.file(dockerfile), e);
        }
        Optional<List<String>> fromFile = dockerCommand(Dockerfile.parse(text));
        if (fromFile.isPresent()) return fromFile.get();
      }
      throw new RunwayException(origin + ": start command: the model sets none and no Dockerfile CMD was found;"
          + " set start-command (or docker-command) on " + service + " in the model, or pass one with --command", origin, null);
    }
  }

  /** ENTRYPOINT and CMD of the final stage, as Docker combines them. */
  static Optional<List<String>> dockerCommand(List<Dockerfile.Instruction> instructions) {
    List<String> entrypoint = List.of();
    List<String> cmd = List.of();
    for (Dockerfile.Instruction in : instructions) {
      switch (in.keyword()) {
        case "FROM" -> {
          entrypoint = List.of();
          cmd = List.of();
        }
        case "ENTRYPOINT" -> {
          entrypoint = words(in);
          cmd = List.of();
        }
        case "CMD" -> cmd = words(in);
        default -> { }
      }
    }
    if (entrypoint.isEmpty() && cmd.isEmpty()) return Optional.empty();
    if (!entrypoint.isEmpty() && entrypoint.get(0).equals("sh") && entrypoint.size() >= 2
        && entrypoint.get(1).equals("-c") && entrypoint.size() == 3) {
      return Optional.of(entrypoint);
    }
    List<String> all = new ArrayList<>(entrypoint);
    all.addAll(cmd);
    return Optional.of(List.copyOf(all));
  }

  private static List<String> words(Dockerfile.Instruction in) {
    return in.execForm().orElseGet(() -> List.of("/bin/sh", "-c", in.arguments()));
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new RunwayException("process: port: no free local port (" + e.getMessage() + "); pass a port explicitly");
    }
  }
}

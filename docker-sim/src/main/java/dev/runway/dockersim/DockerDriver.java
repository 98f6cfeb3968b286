package dev.runway.dockersim;

import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import dev.runway.dockersim.internal.CommandRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Runs a compose file through the {@code docker} CLI: {@link #build()}, {@link #up(Duration)} (which
 * waits until every health check passes, as Render waits before a deploy goes live),
 * {@link #logs(String)} and {@link #down()}.
 *
 * <p>Each call first makes sure an engine answers ({@code docker version}); when none does — Docker
 * not started, not installed, no Compose plugin — it throws {@link RunwayException.PlatformRejected}
 * (platform {@code docker}, status 0) whose message says what to start or install, and that process
 * mode ({@link DockerSim#process}) runs without Docker. Thread-safe; holds no resources.
 *
 * <pre>{@code
 * DockerDriver docker = DockerSim.docker(Path.of("docker-compose.yml"));
 * docker.build();
 * docker.up(Duration.ofMinutes(2));
 * System.out.println(docker.logs("api"));
 * docker.down();
 * }</pre>
 */
public final class DockerDriver {
  /** The vendor code of a {@link RunwayException.PlatformRejected} when no engine answers. */
  public static final String ENGINE_UNREACHABLE = "ENGINE_UNREACHABLE";
  /** The vendor code when the {@code docker} command itself cannot be run. */
  public static final String CLI_MISSING = "CLI_MISSING";
  /** The vendor code when {@code docker compose} is not available. */
  public static final String COMPOSE_MISSING = "COMPOSE_MISSING";

  private static final Duration ENGINE_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(30);
  private static final Duration SHORT_TIMEOUT = Duration.ofMinutes(2);
  private static final Origin ORIGIN = Origin.of("docker");

  private final Path composeFile;
  private final String executable;
  private final CommandRunner runner;
  private volatile boolean engineSeen;

  private DockerDriver(Path composeFile, String executable, CommandRunner runner) {
    this.composeFile = composeFile.toAbsolutePath().normalize();
    this.executable = executable;
    this.runner = runner;
  }

  static DockerDriver of(Path composeFile) {
    return new DockerDriver(composeFile, "docker", CommandRunner.system());
  }

  /** For tests: another executable or a recording runner. */
  static DockerDriver of(Path composeFile, String executable, CommandRunner runner) {
    return new DockerDriver(composeFile, executable, runner);
  }

  /** The compose file, absolute. */
  public Path composeFile() {
    return composeFile;
  }

  /**
   * Makes sure a Docker engine answers.
   *
   * @throws RunwayException.PlatformRejected with {@link #ENGINE_UNREACHABLE} or {@link #CLI_MISSING}
   */
  public void checkEngine() {
    if (engineSeen) return;
    CommandRunner.Result r = run(List.of(executable, "version", "--format", "{{.Server.Version}}"), ENGINE_TIMEOUT);
    if (r.exitCode() != 0 || r.stdout().isBlank()) {
      String reason = r.timedOut() ? "docker version did not answer within " + ENGINE_TIMEOUT.toSeconds() + " s"
          : lastLine(r.stderr()).orElse("docker version exited with " + r.exitCode());
      throw new RunwayException.PlatformRejected("docker", 0, ENGINE_UNREACHABLE, "docker: engine: no Docker engine is"
          + " reachable (" + reason + "); start Docker (Docker Desktop, or sudo systemctl start docker) and retry,"
          + " or simulate without Docker in process mode: runway simulate up", null);
    }
    engineSeen = true;
  }

  /** {@code docker compose build}: builds every image the file builds. */
  public void build() {
    compose(BUILD_TIMEOUT, "build_failed", "build");
  }

  /**
   * {@code docker compose up --detach --wait}: starts the services and returns once every health
   * check passes.
   *
   * @throws RunwayException.Timeout when they are not healthy within the timeout
   * @throws RunwayException.DeployFailed (status {@code unhealthy}) when a service exits or fails its check
   */
  public void up(Duration timeout) {
    long seconds = Math.max(1, timeout.toSeconds());
    compose(timeout.plus(Duration.ofSeconds(30)), "unhealthy", "up", "--detach", "--wait", "--wait-timeout",
        String.valueOf(seconds));
  }

  /** {@code docker compose logs} of one service, without colours, with timestamps. */
  public String logs(String service) {
    return compose(SHORT_TIMEOUT, "logs_failed", "logs", "--no-color", "--timestamps", service).stdout();
  }

  /** {@code docker compose down}: stops and removes the containers, networks and volumes. */
  public void down() {
    compose(SHORT_TIMEOUT, "down_failed", "down", "--volumes", "--remove-orphans");
  }

  private CommandRunner.Result compose(Duration timeout, String failedStatus, String... args) {
    checkEngine();
    List<String> command = new ArrayList<>(List.of(executable, "compose", "--file", composeFile.toString()));
    command.addAll(List.of(args));
    CommandRunner.Result r = run(command, timeout);
    String what = "docker compose " + args[0];
    if (r.timedOut()) {
      throw new RunwayException.Timeout("docker: " + what + ": did not finish within " + timeout.toSeconds() + " s; see"
          + " docker compose --file " + composeFile + " logs", ORIGIN, timeout);
    }
    if (r.exitCode() != 0) {
      String err = r.stderr().toLowerCase(Locale.ROOT);
      if (err.contains("unknown command") || err.contains("is not a docker command") || err.contains("unknown shorthand flag")) {
        throw new RunwayException.PlatformRejected("docker", 0, COMPOSE_MISSING, "docker: compose: the Docker Compose"
            + " plugin is not installed; install it (https://docs.docker.com/compose/install/), or simulate without"
            + " Docker in process mode: runway simulate up", null);
      }
      throw new RunwayException.DeployFailed("docker: " + what + ": failed with exit code " + r.exitCode() + " ("
          + lastLine(r.stderr()).orElse("no output") + "); see docker compose --file " + composeFile + " logs",
          ORIGIN, failedStatus);
    }
    return r;
  }

  private CommandRunner.Result run(List<String> command, Duration timeout) {
    try {
      return runner.run(command, composeFile.getParent() == null ? Path.of(".") : composeFile.getParent(), timeout);
    } catch (IOException e) {
      throw new RunwayException.PlatformRejected("docker", 0, CLI_MISSING, "docker: cli: the " + executable
          + " command cannot be run (" + Objects.toString(e.getMessage(), e.getClass().getSimpleName()) + "); install"
          + " Docker (https://docs.docker.com/get-docker/), or simulate without Docker in process mode: runway simulate up",
          e);
    }
  }

  private static java.util.Optional<String> lastLine(String text) {
    String[] lines = text.strip().split("\r?\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      if (!lines[i].isBlank()) return java.util.Optional.of(lines[i].strip());
    }
    return java.util.Optional.empty();
  }

  @Override
  public String toString() {
    return "DockerDriver[" + composeFile + "]";
  }
}

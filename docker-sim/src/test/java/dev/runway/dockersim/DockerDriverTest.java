package dev.runway.dockersim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.runway.testkit.TestTools.onPath;

import dev.runway.base.RunwayException;
import dev.runway.dockersim.internal.CommandRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerDriverTest {
  private static final String UNREACHABLE = "Cannot connect to the Docker daemon at unix:///var/run/docker.sock."
      + " Is the docker daemon running?";

  @TempDir Path dir;

  /** Records every command; answers docker version as an engine would, and everything else with success. */
  private static final class Recorder implements CommandRunner {
    final List<String> lines = new ArrayList<>();
    final List<Path> dirs = new ArrayList<>();
    Result version = new Result(0, "28.2.2\n", "", false);
    Result compose = new Result(0, "", "", false);

    @Override
    public Result run(List<String> command, Path directory, Duration timeout) {
      lines.add(String.join(" ", command));
      dirs.add(directory);
      return command.get(1).equals("version") ? version : compose;
    }
  }

  private Path file() {
    return dir.resolve("docker-compose.yml").toAbsolutePath();
  }

  @Test
  void issuesTheExactDockerCommandLines() {
    Recorder r = new Recorder();
    r.compose = new CommandRunner.Result(0, "api-1  | acme-api: listening\n", "", false);
    DockerDriver docker = DockerDriver.of(file(), "docker", r);
    docker.build();
    docker.up(Duration.ofSeconds(90));
    String logs = docker.logs("api");
    docker.down();
    String f = file().toString();
    assertThat(r.lines).containsExactly(
        "docker version --format {{.Server.Version}}",
        "docker compose --file " + f + " build",
        "docker compose --file " + f + " up --detach --wait --wait-timeout 90",
        "docker compose --file " + f + " logs --no-color --timestamps api",
        "docker compose --file " + f + " down --volumes --remove-orphans");
    assertThat(r.dirs).containsOnly(dir.toAbsolutePath());
    assertThat(logs).isEqualTo("api-1  | acme-api: listening\n");
  }

  private static CommandRunner.Result result(int code, String out, String err) {
    return new CommandRunner.Result(code, out, err, false);
  }

  @Test
  void noReachableEngineIsAClearErrorAndNothingElseRuns() {
    Recorder r = new Recorder();
    r.version = result(1, "\n", UNREACHABLE + "\n");
    DockerDriver docker = DockerDriver.of(file(), "docker", r);
    assertThatThrownBy(docker::build).isInstanceOf(RunwayException.PlatformRejected.class)
        .hasMessage("docker: engine: no Docker engine is reachable (" + UNREACHABLE + "); start Docker (Docker Desktop,"
            + " or sudo systemctl start docker) and retry, or simulate without Docker in process mode: runway simulate up")
        .satisfies(e -> {
          RunwayException.PlatformRejected p = (RunwayException.PlatformRejected) e;
          assertThat(p.platform()).isEqualTo("docker");
          assertThat(p.status()).isZero();
          assertThat(p.vendorCode()).contains(DockerDriver.ENGINE_UNREACHABLE);
        });
    assertThat(r.lines).containsExactly("docker version --format {{.Server.Version}}");
  }

  @Test
  void aMissingDockerCommandIsAClearError() {
    DockerDriver docker = DockerDriver.of(file(), "docker-not-installed-here", CommandRunner.system());
    assertThatThrownBy(docker::checkEngine).isInstanceOf(RunwayException.PlatformRejected.class)
        .hasMessageStartingWith("docker: cli: the docker-not-installed-here command cannot be run (")
        .hasMessageEndingWith("); install Docker (https://docs.docker.com/get-docker/), or simulate without Docker in"
            + " process mode: runway simulate up")
        .satisfies(e -> assertThat(((RunwayException.PlatformRejected) e).vendorCode()).contains(DockerDriver.CLI_MISSING));
  }

  @Test
  void theRealDockerCliWithoutAnEngineSaysSo() {
    Assumptions.assumeTrue(onPath("docker"), "no docker CLI on PATH: the recorded-runner test covers the message");
    CommandRunner.Result probe;
    try {
      probe = CommandRunner.system().run(List.of("docker", "version", "--format", "{{.Server.Version}}"), dir, Duration.ofSeconds(20));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    Assumptions.assumeTrue(probe.exitCode() != 0, "a Docker engine answers here; this test is about its absence");
    assertThatThrownBy(DockerSim.docker(file())::build).isInstanceOf(RunwayException.PlatformRejected.class)
        .hasMessageStartingWith("docker: engine: no Docker engine is reachable (")
        .hasMessageContaining("runway simulate up");
  }

  @Test
  void aMissingComposePluginIsNamed() {
    Recorder r = new Recorder();
    r.compose = result(1, "", "docker: unknown command: docker compose\n");
    assertThatThrownBy(DockerDriver.of(file(), "docker", r)::build).isInstanceOf(RunwayException.PlatformRejected.class)
        .hasMessage("docker: compose: the Docker Compose plugin is not installed; install it"
            + " (https://docs.docker.com/compose/install/), or simulate without Docker in process mode: runway simulate up");
  }

  @Test
  void anUnhealthyUpIsADeployFailureWithComposesLastWord() {
    Recorder r = new Recorder();
    r.compose = result(1, "", " Container acme-production-api-1  Waiting\ndependency failed to start: container"
        + " acme-production-api-1 is unhealthy\n");
    assertThatThrownBy(() -> DockerDriver.of(file(), "docker", r).up(Duration.ofMinutes(2)))
        .isInstanceOf(RunwayException.DeployFailed.class)
        .hasMessage("docker: docker compose up: failed with exit code 1 (dependency failed to start: container"
            + " acme-production-api-1 is unhealthy); see docker compose --file " + file() + " logs")
        .satisfies(e -> assertThat(((RunwayException.DeployFailed) e).status()).isEqualTo("unhealthy"));
  }

  @Test
  void aCommandThatOutlivesItsTimeoutIsATimeout() {
    Recorder r = new Recorder();
    r.compose = new CommandRunner.Result(-1, "", "", true);
    assertThatThrownBy(() -> DockerDriver.of(file(), "docker", r).up(Duration.ofSeconds(10)))
        .isInstanceOf(RunwayException.Timeout.class)
        .hasMessage("docker: docker compose up: did not finish within 40 s; see docker compose --file " + file() + " logs");
  }

  @Test
  void theEngineIsAskedOnlyOnce() {
    Recorder r = new Recorder();
    DockerDriver docker = DockerDriver.of(file(), "docker", r);
    docker.build();
    docker.down();
    assertThat(r.lines).filteredOn(l -> l.contains(" version ")).hasSize(1);
  }

}

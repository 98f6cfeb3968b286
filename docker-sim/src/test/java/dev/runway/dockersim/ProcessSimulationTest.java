package dev.runway.dockersim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.App;
import dev.runway.base.RunwayException;
import dev.runway.env.EnvSources;
import dev.runway.env.Environment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Runs real child processes on loopback; every one is stopped by try-with-resources or by start() failing. */
class ProcessSimulationTest {
  private static final App ACME = Acme.app();
  private static final String OPENAI_KEY = "sk-proj-EXAMPLEproductionKEYnotREAL000000";

  @Test
  void theExampleServiceStartsFromItsDockerfileAndAnswersItsHealthPath() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    ProcessSimulation api;
    try (ProcessSimulation sim = DockerSim.process(ACME, "api").root(Acme.root()).environment(Environment.PRODUCTION)
        .port(0).logs(lines::add).start()) {
      api = sim;
      assertThat(sim.command()).containsExactly("java", "Server.java");
      assertThat(sim.isAlive()).isTrue();
      assertThat(sim.healthUrl()).contains(URI.create("http://127.0.0.1:" + sim.port() + "/api/health"));
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(sim.healthUrl().orElseThrow())
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("{\"status\":\"UP\"}");
      // Render's injected variables and the production values reached the process.
      assertThat(sim.logs()).contains("acme-api: listening on 0.0.0.0:" + sim.port()
          + " (RENDER=true, RENDER_SERVICE_NAME=api, LOG_LEVEL=info)");
      assertThat(sim.variables()).contains("PORT", "RENDER", "IS_PULL_REQUEST", "RENDER_EXTERNAL_URL", "OPENAI_API_KEY",
          "LOG_LEVEL").doesNotContain("NEXT_PUBLIC_API_URL", "MAVEN_OPTS", "MAVEN_PROJECTBASEDIR");
      assertThat(sim.toString()).doesNotContain(OPENAI_KEY);
    }
    assertThat(api.isAlive()).isFalse();
    assertThat(lines).contains("acme-api: stopping");
  }

  @Test
  void theEnvironmentIsRendersNotTheDevelopersShellAndSecretsAreMaskedInLogs() {
    List<String> lines = new CopyOnWriteArrayList<>();
    assertThatThrownBy(() -> DockerSim.process(ACME, "api").root(Acme.root()).port(0).logs(lines::add)
        .command("sh", "-c", "env | sort; echo key=$OPENAI_API_KEY; exit 3").start())
        .isInstanceOf(RunwayException.DeployFailed.class)
        .hasMessageContaining("process:api: api: exited with code 3 before GET http://127.0.0.1:")
        .hasMessageContaining("key=****")
        .hasMessageNotContaining(OPENAI_KEY)
        .satisfies(e -> assertThat(((RunwayException.DeployFailed) e).status()).isEqualTo("exited"));
    assertThat(lines).contains("RENDER=true", "RENDER_SERVICE_NAME=api", "RENDER_SERVICE_TYPE=web", "IS_PULL_REQUEST=false",
        "OPENAI_API_KEY=****", "LOG_LEVEL=info", "key=****");
    assertThat(lines).noneMatch(l -> l.contains(OPENAI_KEY));
    assertThat(lines).noneMatch(l -> l.startsWith("MAVEN_") || l.startsWith("NEXT_PUBLIC_"));
  }

  @Test
  void aServiceThatNeverAnswersTimesOutAndIsStopped() {
    assertThatThrownBy(() -> DockerSim.process(ACME, "api").root(Acme.root()).port(0)
        .command("sh", "-c", "echo started; exec sleep 60").healthTimeout(Duration.ofMillis(500))
        .stopTimeout(Duration.ofSeconds(5)).start())
        .isInstanceOf(RunwayException.Timeout.class)
        .hasMessageMatching("process:api: api: GET http://127\\.0\\.0\\.1:\\d+/api/health did not answer 2xx/3xx within 500 ms"
            + " \\(last: the connection was refused\\); Render would fail this deploy: make the service listen on 0\\.0\\.0\\.0:\\$PORT"
            + " and answer /api/health quickly");
  }

  @Test
  void invalidValuesStopEverythingBeforeAProcessStarts() {
    assertThatThrownBy(() -> DockerSim.process(ACME, "api").root(Acme.root())
        .sources(EnvSources.files(Acme.root()).withOverrides(Map.of("OPENAI_API_KEY", "not-a-key")))
        .command("sh", "-c", "echo must not run").start())
        .isInstanceOf(RunwayException.ValidationFailed.class)
        .hasMessageContaining("OPENAI_API_KEY");
  }

  @Test
  void aProgramThatCannotStartIsNamed() {
    assertThatThrownBy(() -> DockerSim.process(ACME, "api").root(Acme.root()).port(0)
        .command("no-such-program-here").start())
        .isInstanceOf(RunwayException.class)
        .hasMessageStartingWith("process:api: start command: 'no-such-program-here' cannot be started in "
            + Acme.root().resolve("backend"))
        .hasMessageEndingWith("; check that the program is installed and on PATH");
  }

  @Test
  void dockerCommandCombinesEntrypointAndCmdOfTheFinalStage() {
    var parsed = dev.runway.dockersim.internal.Dockerfile.parse("FROM a:1 AS b\nCMD [\"x\"]\nFROM c:2\n"
        + "ENTRYPOINT [\"python\", \"-m\"]\nCMD [\"app\", \"--port\", \"1\"]\n");
    assertThat(ProcessSimulation.dockerCommand(parsed)).contains(List.of("python", "-m", "app", "--port", "1"));
    assertThat(ProcessSimulation.dockerCommand(dev.runway.dockersim.internal.Dockerfile.parse("FROM c:2\nCMD run it $PORT\n")))
        .contains(List.of("/bin/sh", "-c", "run it $PORT"));
    assertThat(ProcessSimulation.dockerCommand(dev.runway.dockersim.internal.Dockerfile.parse("FROM c:2\n"))).isEmpty();
  }
}

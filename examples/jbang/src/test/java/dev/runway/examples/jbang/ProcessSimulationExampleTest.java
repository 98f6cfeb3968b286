package dev.runway.examples.jbang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.Runway;
import dev.runway.dockersim.DockerSim;
import dev.runway.dockersim.ProcessSimulation;
import dev.runway.junit.RunwayExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A user's test against their service run as Render would (process mode, no Docker) (docs/testing.md). */
class ProcessSimulationExampleTest {
  static final Path ACME = Path.of(System.getProperty("runway.examples", "..")).resolve("acme").toAbsolutePath().normalize();

  @RegisterExtension
  static final RunwayExtension.Resource<ProcessSimulation> api = RunwayExtension.start(() ->
      DockerSim.process(Runway.load(ACME.resolve("runway.conf")), "api")
          .root(ACME).port(0).healthTimeout(Duration.ofSeconds(60)).start());

  @Test
  void answersItsHealthCheckWithRendersEnvironment(ProcessSimulation simulation) throws Exception {
    URI health = simulation.healthUrl().orElseThrow();

    HttpResponse<String> answer = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(simulation.variables()).contains("RENDER", "PORT", "OPENAI_API_KEY");
    assertThat(simulation.isAlive()).isTrue();
  }
}

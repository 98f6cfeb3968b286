package dev.runway.examples.jbang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.Runway;
import dev.runway.dockersim.DockerSim;
import dev.runway.dockersim.ProcessSimulation;
import dev.runway.junit.RunwayExtension;
import dev.runway.junit.Sandbox;
import dev.runway.render.Deploy;
import dev.runway.render.DeployStatus;
import dev.runway.render.RenderClient;
import dev.runway.render.RenderSandbox;
import dev.runway.vercel.DeploymentRequest;
import dev.runway.vercel.VercelSandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How users write tests against the sandboxes and the local simulation with RunwayExtension (docs/testing.md). */
class SandboxExtensionExamplesTest {
  static final Path ACME = Path.of(System.getProperty("runway.examples", "..")).resolve("acme").toAbsolutePath().normalize();

  @Nested
  class RenderWithASandboxField {
    @Sandbox static RenderSandbox render;   // RenderSandbox.start() before the class, close() after it

    @Test
    void aDeployGoesLive(RenderSandbox sandbox) {
      String api = sandbox.addService("acme-api");
      RenderClient client = RenderClient.builder().apiKey(sandbox.apiKey()).baseUrl(sandbox.baseUrl())
          .pollInterval(Duration.ofMillis(20)).build();

      Deploy live = client.deployAndWait(api, Duration.ofSeconds(30));

      assertThat(live.status()).contains(DeployStatus.LIVE);
      assertThat(sandbox).isSameAs(render);
    }
  }

  @Nested
  class VercelWithALambda {
    @RegisterExtension
    static final RunwayExtension.Resource<VercelSandbox> vercel = RunwayExtension.start(VercelSandbox::start);

    @Test
    void aProductionDeploymentServesTheDomain() {
      vercel.get().createProject("acme-web");

      var outcome = vercel.get().client().deployAndWait(
          DeploymentRequest.builder("acme-web").production().gitSource("1", "main").build(), Duration.ofSeconds(30));

      assertThat(outcome.live()).isTrue();
      assertThat(vercel.get().productionDeployment("acme-web")).contains(outcome.deployment().id());
    }
  }

  @Nested
  class TheAcmeServiceInProcessMode {
    @RegisterExtension
    static final RunwayExtension.Resource<ProcessSimulation> api = RunwayExtension.start(() ->
        DockerSim.process(Runway.load(ACME.resolve("runway.conf")), "api")
            .root(ACME).port(0).healthTimeout(Duration.ofSeconds(60)).start());

    @Test
    void answersItsHealthCheck(ProcessSimulation simulation) throws Exception {
      URI health = simulation.healthUrl().orElseThrow();

      HttpResponse<String> answer = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(simulation.variables()).contains("RENDER", "PORT", "OPENAI_API_KEY");
    }
  }
}

package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.App;
import dev.runway.Runway;
import dev.runway.dockersim.DockerSim;
import dev.runway.env.Environment;
import dev.runway.render.Render;
import dev.runway.testkit.JsonSchemas;
import dev.runway.vercel.Vercel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The example's committed platform files are exactly what the model generates, and each validates
 * against its vendor's schema. When the model changes, regenerate them with
 * {@code ./runway render generate}, {@code vercel generate} and {@code simulate compose} in examples/acme.
 */
class ExampleFilesTest {
  private static final Path EXAMPLE = Path.of("..", "examples", "acme").toAbsolutePath().normalize();
  private static final App APP = Runway.load(EXAMPLE.resolve("runway.conf"));

  @Test
  void renderYamlIsGeneratedFromTheModelAndValidates() throws IOException {
    String committed = Files.readString(EXAMPLE.resolve("render.yaml"));
    assertThat(committed).isEqualTo(Render.blueprint(APP).toYaml());
    assertThat(JsonSchemas.validateYaml("render/render-yaml.schema.json", committed)).isEmpty();
  }

  @Test
  void vercelJsonIsGeneratedFromTheModelAndValidates() throws IOException {
    String committed = Files.readString(EXAMPLE.resolve("vercel.json"));
    assertThat(committed.strip()).isEqualTo(Vercel.config(APP).toJson().strip());
    assertThat(JsonSchemas.validateJson("vercel/vercel.json.schema.json", committed)).isEmpty();
  }

  @Test
  void dockerComposeIsGeneratedFromTheModelAndValidates() throws IOException {
    String committed = Files.readString(EXAMPLE.resolve("docker-compose.yml"));
    assertThat(committed).isEqualTo(DockerSim.compose(APP, Environment.PRODUCTION).toYaml());
    assertThat(JsonSchemas.validateYaml("compose/compose-spec.json", committed)).isEmpty();
  }
}

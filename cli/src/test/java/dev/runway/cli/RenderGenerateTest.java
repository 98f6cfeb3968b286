package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.Runway;
import dev.runway.render.Render;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** runway render generate never drops what only the committed render.yaml holds, unless told to. */
class RenderGenerateTest {
  private static final Path SHOP = Path.of("..", "render", "src", "test", "resources", "blueprints", "shop")
      .toAbsolutePath().normalize();

  private static Path copyShop(Path dir) throws IOException {
    Files.copy(SHOP.resolve("runway.conf"), dir.resolve("runway.conf"));
    Files.copy(SHOP.resolve("render.yaml"), dir.resolve("render.yaml"));
    return dir.resolve("runway.conf");
  }

  @Test
  void generatingOverAFileTheModelDescribesWritesIt(@TempDir Path dir) throws IOException {
    Path conf = copyShop(dir);
    MainTest.Result r = MainTest.run("render", "generate", "--config", conf.toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(Files.readString(dir.resolve("render.yaml"))).isEqualTo(Render.blueprint(Runway.load(conf)).toYaml());
    assertThat(MainTest.run("render", "check", "--config", conf.toString()).code()).isZero();
  }

  @Test
  void refusesToDropAFieldAddedByHandAndWritesWithForce(@TempDir Path dir) throws IOException {
    Path conf = copyShop(dir);
    Path yaml = dir.resolve("render.yaml");
    String edited = Files.readString(yaml).replace("    healthCheckPath: /healthz\n",
        "    healthCheckPath: /healthz\n    maxShutdownDelaySeconds: 60\n");
    Files.writeString(yaml, edited);

    MainTest.Result refused = MainTest.run("render", "generate", "--config", conf.toString());
    // :7 is the service's line; TODO: the field's own line once BlueprintService.origin(field) exists
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.out()).isEqualTo(yaml + ": problems found (1 error, 0 warnings)\n"
        + "  error   DROPPED " + yaml + ":7: services.shop-api.maxShutdownDelaySeconds: is in render.yaml but not in"
        + " the model, so runway render generate would drop it; keep it with services.api.max-shutdown-delay-seconds"
        + " = 60 in runway.conf, or run runway render generate --force to drop it\n"
        + "nothing written: keep these in runway.conf, or run runway render generate --force to drop them\n");
    assertThat(Files.readString(yaml)).isEqualTo(edited);

    MainTest.Result drift = MainTest.run("render", "check", "--config", conf.toString());
    assertThat(drift.out()).contains("services.shop-api.maxShutdownDelaySeconds: is set in render.yaml ('60') but not"
        + " in the model; add services.api.max-shutdown-delay-seconds = 60 to runway.conf");

    MainTest.Result forced = MainTest.run("render", "generate", "--config", conf.toString(), "--force");
    assertThat(forced.code()).as(forced.out() + forced.err()).isZero();
    assertThat(Files.readString(yaml)).doesNotContain("maxShutdownDelaySeconds");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("runway.conf", "render.yaml");
    }
  }

  @Test
  void keepingTheFieldInTheModelLetsGenerateWriteAgain(@TempDir Path dir) throws IOException {
    Path conf = copyShop(dir);
    Path yaml = dir.resolve("render.yaml");
    Files.writeString(yaml, Files.readString(yaml).replace("    healthCheckPath: /healthz\n",
        "    healthCheckPath: /healthz\n    maxShutdownDelaySeconds: 60\n"));
    Files.writeString(conf, Files.readString(conf) + "\nservices.api.max-shutdown-delay-seconds = 60\n");
    MainTest.Result r = MainTest.run("render", "generate", "--config", conf.toString());
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(Files.readString(yaml)).contains("    maxShutdownDelaySeconds: 60\n");
  }

  @Test
  void aFileThatDoesNotParseIsNotOverwrittenWithoutForce(@TempDir Path dir) throws IOException {
    Path conf = copyShop(dir);
    Path yaml = dir.resolve("render.yaml");
    Files.writeString(yaml, "services: [\n");
    MainTest.Result r = MainTest.run("render", "generate", "--config", conf.toString());
    assertThat(r.code()).isEqualTo(2);   // input it cannot read
    assertThat(r.err()).startsWith("runway: " + yaml + ":2: does not parse, so Runway cannot tell what writing over it"
        + " would drop").contains("runway render generate --force");
    assertThat(Files.readString(yaml)).isEqualTo("services: [\n");
    assertThat(MainTest.run("render", "generate", "--config", conf.toString(), "--force").code()).isZero();
  }
}

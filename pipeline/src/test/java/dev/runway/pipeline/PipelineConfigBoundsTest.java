package dev.runway.pipeline;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runway.App;
import dev.runway.Runway;
import dev.runway.base.RunwayException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The pipelines block is read as boundedly as the model: hostile files are refused in one line, fast. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class PipelineConfigBoundsTest {
  @TempDir Path dir;

  private App app() throws Exception {
    return Runway.load(Files.writeString(dir.resolve("model.conf"), PipelineConfigTest.MODEL));
  }

  @Test
  void includingDevZeroIsRefusedAtOnce() throws Exception {
    assumeTrue(Files.exists(Path.of("/dev/zero")));
    Path conf = Files.writeString(dir.resolve("runway.conf"), "include \"file:///dev/zero\"\n" + PipelineConfigTest.MODEL);
    App app = app();
    assertThatThrownBy(() -> PipelineConfig.load(conf, app, PipelineConfigTest.FAKE))
        .isInstanceOf(RunwayException.IoFailed.class)
        .hasMessage("/dev/zero: included file is not a regular file (a device, pipe or socket); Runway reads only"
            + " regular files, so point at the file itself");
  }

  @Test
  void aFifoOrAnExpansionBombIsRefusedAtOnce() throws Exception {
    App app = app();
    StringBuilder bomb = new StringBuilder("pipelines {\n  b0 = \"xxxxxxxxxxxxxxxx\"\n");
    for (int i = 1; i <= 40; i++) bomb.append("  b").append(i).append(" = ${pipelines.b").append(i - 1)
        .append("}${pipelines.b").append(i - 1).append("}\n");
    Path conf = Files.writeString(dir.resolve("runway.conf"), bomb.append("}\n").toString());
    assertThatThrownBy(() -> PipelineConfig.load(conf, app, PipelineConfigTest.FAKE))
        .isInstanceOf(RunwayException.ParseFailed.class)
        .hasMessageContaining("substitutions expand past 16 MB of text (the limit for runway.conf)");
    Path fifo = dir.resolve("fifo.conf");
    assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo");
    assertThatThrownBy(() -> PipelineConfig.load(fifo, app, PipelineConfigTest.FAKE))
        .hasMessage(fifo + ": runway.conf is not a regular file (a device, pipe or socket); Runway reads only regular"
            + " files, so point at the file itself");
  }
}

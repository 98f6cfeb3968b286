package dev.runway.monitor;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runway.base.RunwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The monitor block is read as boundedly as the model: hostile files are refused in one line, fast. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class MonitorConfigBoundsTest {
  @TempDir Path dir;

  private Path conf(String text) throws IOException {
    return Files.writeString(dir.resolve("runway.conf"), text);
  }

  @Test
  void includingDevZeroIsRefusedAtOnce() throws IOException {
    assumeTrue(Files.exists(Path.of("/dev/zero")));
    Path conf = conf("include \"file:///dev/zero\"\nmonitor { endpoints { api { url = \"https://x.example\" } } }\n");
    assertThatThrownBy(() -> MonitorConfig.load(conf)).isInstanceOf(RunwayException.IoFailed.class)
        .hasMessage("/dev/zero: included file is not a regular file (a device, pipe or socket); Runway reads only"
            + " regular files, so point at the file itself");
  }

  @Test
  void aConfLinkedToDevZeroOrAFifoIsRefusedAtOnce() throws Exception {
    assumeTrue(Files.exists(Path.of("/dev/zero")));
    Path link = Files.createSymbolicLink(dir.resolve("runway.conf"), Path.of("/dev/zero"));
    assertThatThrownBy(() -> MonitorConfig.load(link)).isInstanceOf(RunwayException.IoFailed.class)
        .hasMessage(link + ": runway.conf is not a regular file (a device, pipe or socket); Runway reads only regular"
            + " files, so point at the file itself");
    Path fifo = dir.resolve("fifo.conf");
    assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo");
    assertThatThrownBy(() -> MonitorConfig.load(fifo)).hasMessageContaining("runway.conf is not a regular file");
  }

  @Test
  void aConfOver5MbOrNested3000DeepIsRefusedNamingTheLimit() throws IOException {
    Path big = conf("monitor {}\n# " + "x".repeat(6 * 1024 * 1024) + "\n");
    assertThatThrownBy(() -> MonitorConfig.load(big)).hasMessage(big + ": runway.conf is larger than 5 MB (6.0 MB),"
        + " the limit for an input file; check that this is the right file");
    Path deep = conf("monitor {\n  x = " + "{ a = ".repeat(3000) + "1" + " }".repeat(3000) + "\n}\n");
    assertThatThrownBy(() -> MonitorConfig.load(deep)).isInstanceOf(RunwayException.ParseFailed.class)
        .hasMessage(deep + ":2: nests more than 64 levels of { } and [ ] (the limit for runway.conf); flatten the"
            + " structure");
  }
}

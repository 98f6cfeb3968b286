package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorRunCommandTest {
  @Test
  void runningWithNoEndpointsSaysWhatIsMissingAndExitsTwo(@TempDir Path dir) throws IOException {
    Path conf = dir.resolve("runway.conf");
    Files.writeString(conf, "app = shop\nservices { api { platform = render } }\n");
    MainTest.Result r = MainTest.run("monitor", "run", "--once", "--config", conf.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("runway: " + conf + ": monitor: no endpoints; add monitor { endpoints { api { url ="
        + " \"https://.../api/health\" } } }\n");
  }
}

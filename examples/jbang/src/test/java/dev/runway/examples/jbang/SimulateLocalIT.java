package dev.runway.examples.jbang;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** simulate-local.java, run through JBang on the acme example's service (process mode, no Docker). */
class SimulateLocalIT {

  @Test
  void startsTheAcmeServiceAsRenderWouldAndStopsItOnceHealthy() {
    JBang.Run run = JBang.run(JBang.ACME, Map.of(), Duration.ofSeconds(120), "simulate-local.java",
        "--port", "0", "--once");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("simulate-local: starting api (production) as Render would")
        .containsPattern("simulate-local: api is healthy at http://127\\.0\\.0\\.1:\\d+/api/health \\(pid \\d+\\)")
        .contains("  | acme-api: listening on 0.0.0.0:").contains("RENDER=true")
        .contains("simulate-local: stopped");
    assertThat(run.all()).doesNotContain("sk-proj-EXAMPLEproductionKEYnotREAL000000");
  }

  @Test
  void refusesToStartWithAnInvalidEnvironmentAndExitsWithOne(@TempDir Path dir) throws IOException {
    Files.copy(JBang.ACME.resolve("runway.conf"), dir.resolve("runway.conf"));
    Files.writeString(dir.resolve(".env.production"), Files.readString(JBang.ACME.resolve(".env.production"))
        .replaceFirst("(?m)^OPENAI_API_KEY=.*$", ""));
    Files.createDirectories(dir.resolve("backend"));
    for (String f : new String[] {"Dockerfile", "Server.java", ".dockerignore"}) {
      Files.copy(JBang.ACME.resolve("backend").resolve(f), dir.resolve("backend").resolve(f));
    }

    JBang.Run run = JBang.run(dir, Map.of(), Duration.ofSeconds(60), "simulate-local.java", "--port", "0", "--once");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).startsWith("simulate-local: ").contains("OPENAI_API_KEY");
    assertThat(run.out()).doesNotContain("is healthy");
  }
}

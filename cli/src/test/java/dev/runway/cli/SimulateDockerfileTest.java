package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateDockerfileTest {
  private static final String DOCKERFILE = """
      FROM python:3.12-slim
      WORKDIR /app
      COPY . .
      USER app
      CMD gunicorn app:app --bind 0.0.0.0:$PORT
      """;

  @Test
  void aDockerfileNamedWithFileCountsTheModelsHealthCheckPath(@TempDir Path dir) throws IOException {
    Path dockerfile = dir.resolve("Dockerfile");
    Files.writeString(dockerfile, DOCKERFILE);
    Files.writeString(dir.resolve(".dockerignore"), ".env*\n");
    Path conf = dir.resolve("runway.conf");
    Files.writeString(conf, "app = shop\nservices { api { platform = render, runtime = docker, health-check-path = /healthz } }\n");

    MainTest.Result withModel = MainTest.run("simulate", "dockerfile", "--config", conf.toString(), "--file", dockerfile.toString());
    assertThat(withModel.out()).as(withModel.err()).doesNotContain("NO_HEALTH_CHECK");

    MainTest.Result alone = MainTest.run("simulate", "dockerfile", "--file", dockerfile.toString());
    assertThat(alone.out()).contains("NO_HEALTH_CHECK").contains("no health-check-path is set for the service")
        .doesNotContain("the model sets");
  }
}

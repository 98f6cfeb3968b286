package dev.runway.dockersim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.base.Problem;
import dev.runway.base.Problems;
import dev.runway.base.RunwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerfileChecksTest {
  @TempDir Path dir;

  private Problems check(String dockerfile) throws IOException {
    return check(dockerfile, ".env*\n");
  }

  private Problems check(String dockerfile, String dockerignore) throws IOException {
    Files.writeString(dir.resolve("Dockerfile"), dockerfile);
    if (dockerignore != null) Files.writeString(dir.resolve(".dockerignore"), dockerignore);
    return DockerSim.checkDockerfile(dir.resolve("Dockerfile"));
  }

  private static List<String> codes(Problems p) {
    return p.all().stream().map(Problem::code).toList();
  }

  private static final String GOOD = "FROM python:3.12-slim\n"
      + "WORKDIR /app\n"
      + "COPY . .\n"
      + "USER 10001\n"
      + "HEALTHCHECK CMD curl -f http://localhost:$PORT/api/health\n"
      + "CMD uvicorn main:app --host 0.0.0.0 --port ${PORT:-10000}\n";

  @Test
  void aGoodDockerfileHasNoProblem() throws IOException {
    assertThat(check(GOOD).all()).isEmpty();
  }

  @Test
  void theExampleBackendPassesEveryCheck() {
    assertThat(DockerSim.checkDockerfile(Acme.app(), "api", Acme.root()).all()).isEmpty();
  }

  @Test
  void aHardCodedPortIsAnErrorAtItsLine() throws IOException {
    Problems p = check(GOOD.replace("--port ${PORT:-10000}", "--port 8000"));
    assertThat(p.all()).singleElement().satisfies(x -> assertThat(x.text()).isEqualTo(dir.resolve("Dockerfile")
        + ":6: CMD: listens on port 8000, hard-coded; Render sends traffic to $PORT (10000 unless set); read the port"
        + " from the environment in the shell form, e.g. --port ${PORT:-10000}"));
  }

  @Test
  void hardCodedPortsAreFoundInTheUsualServers() throws IOException {
    for (String cmd : List.of("CMD [\"gunicorn\", \"-b\", \"0.0.0.0:8000\", \"app:app\"]",
        "CMD java -Dserver.port=8080 -jar app.jar", "ENTRYPOINT node server.js --port=3000",
        "CMD [\"uvicorn\", \"main:app\", \"--host\", \"0.0.0.0\", \"--port\", \"8000\"]")) {
      assertThat(codes(check(GOOD.replace("CMD uvicorn main:app --host 0.0.0.0 --port ${PORT:-10000}", cmd))))
          .as(cmd).contains(DockerSim.HARD_CODED_PORT);
    }
  }

  @Test
  void port10000HardCodedIsOnlyAWarning() throws IOException {
    Problems p = check(GOOD.replace("${PORT:-10000}", "10000"));
    assertThat(p.hasErrors()).isFalse();
    assertThat(codes(p)).containsExactly(DockerSim.HARD_CODED_PORT);
  }

  @Test
  void execFormDoesNotExpandPort() throws IOException {
    Problems p = check(GOOD.replace("CMD uvicorn main:app --host 0.0.0.0 --port ${PORT:-10000}",
        "CMD [\"uvicorn\", \"main:app\", \"--host\", \"0.0.0.0\", \"--port\", \"$PORT\"]"));
    assertThat(p.all()).singleElement().satisfies(x -> assertThat(x.text()).isEqualTo(dir.resolve("Dockerfile")
        + ":6: CMD: is in exec form (a JSON array), which does not expand variables: the app receives the literal text"
        + " '$PORT'; use the shell form (CMD uvicorn main:app --host 0.0.0.0 --port $PORT) or"
        + " [\"sh\", \"-c\", \"uvicorn main:app --host 0.0.0.0 --port $PORT\"]"));
    assertThat(check(GOOD.replace("CMD uvicorn main:app --host 0.0.0.0 --port ${PORT:-10000}",
        "CMD [\"sh\", \"-c\", \"uvicorn main:app --host 0.0.0.0 --port $PORT\"]")).all()).isEmpty();
  }

  @Test
  void bindingToLocalhostIsAnError() throws IOException {
    Problems p = check(GOOD.replace("--host 0.0.0.0", "--host 127.0.0.1"));
    assertThat(p.all()).singleElement().satisfies(x -> {
      assertThat(x.code()).isEqualTo(DockerSim.LOCALHOST_BIND);
      assertThat(x.message()).isEqualTo("binds to 127.0.0.1, which Render's router cannot reach");
    });
  }

  @Test
  void rootIsAWarningWhetherImplicitOrExplicit() throws IOException {
    assertThat(check(GOOD.replace("USER 10001\n", "")).all()).singleElement().satisfies(x -> assertThat(x.text())
        .isEqualTo(dir.resolve("Dockerfile") + ":1: USER: is never set, so the service runs as root; create and switch"
            + " to an unprivileged user before CMD: RUN useradd --system --uid 10001 app, then USER 10001"));
    assertThat(check(GOOD.replace("USER 10001", "USER root")).all()).singleElement()
        .satisfies(x -> assertThat(x.origin().orElseThrow().line()).isEqualTo(4));
  }

  @Test
  void onlyTheFinalStageCountsForUserAndCommand() throws IOException {
    String multi = "FROM node:20.11-alpine AS build\nRUN npm ci\nCMD node --port 9999\n" + GOOD.replace("FROM python:3.12-slim",
        "FROM python:3.12-slim\nCOPY --from=build /out /out");
    assertThat(check(multi).all()).isEmpty();
  }

  @Test
  void unpinnedBaseImagesAreWarnings() throws IOException {
    Problems p = check(GOOD.replace("python:3.12-slim", "python") + "FROM ghcr.io/acme/tools:latest AS t\n");
    assertThat(p.all()).extracting(Problem::subject).contains("FROM python", "FROM ghcr.io/acme/tools:latest");
    assertThat(p.all()).filteredOn(x -> x.subject().equals("FROM python")).singleElement().satisfies(x ->
        assertThat(x.text()).isEqualTo(dir.resolve("Dockerfile") + ":1: FROM python: has no tag, which means :latest,"
            + " so the next build may get another base image; pin a version, e.g. FROM python:<version>, or a digest"
            + " (python@sha256:...)"));
    assertThat(check(GOOD.replace("python:3.12-slim", "python@sha256:abc")).all()).isEmpty();
    assertThat(check(GOOD.replace("python:3.12-slim", "localhost:5000/py:3.12")).all()).isEmpty();
  }

  @Test
  void secretsInEnvOrArgAreLeaksAndTheirValuesAreNeverShown() throws IOException {
    String value = "sk-proj-PLANTEDsecretVALUE000000";
    Problems p = check(GOOD.replace("WORKDIR /app\n", "WORKDIR /app\nENV OPENAI_API_KEY=" + value + " LOG_LEVEL=info\n"
        + "ARG GITHUB_TOKEN\nENV SOME_ID \"" + value + "\"\nENV EMPTY_TOKEN=\"\"\n"));
    assertThat(p.all()).extracting(Problem::code).containsOnly(Problem.LEAK);
    assertThat(p.all()).extracting(Problem::subject).containsExactly("ENV OPENAI_API_KEY", "ARG GITHUB_TOKEN", "ENV SOME_ID");
    assertThat(p.all().get(0).text()).isEqualTo(dir.resolve("Dockerfile") + ":3: ENV OPENAI_API_KEY: bakes a secret"
        + " value into the image, where every layer keeps it; remove it from the Dockerfile and set OPENAI_API_KEY on"
        + " Render (sync: false); locally it comes from the env file");
    assertThat(p.toText() + p.toJson()).doesNotContain(value);
  }

  @Test
  void dockerignoreMustExistAndExcludeEnvFiles() throws IOException {
    Problems missing = check(GOOD, null);
    assertThat(missing.all()).singleElement().satisfies(x -> assertThat(x.text()).isEqualTo(dir.resolve(".dockerignore")
        + ": .dockerignore: is missing, so docker build sends every .env file (and its secrets) into the build context;"
        + " create " + dir.resolve(".dockerignore") + " with the lines .env* and .git"));
    Problems partial = check(GOOD, ".env\nnode_modules\n");
    assertThat(partial.all()).singleElement().satisfies(x -> {
      assertThat(x.code()).isEqualTo(Problem.LEAK);
      assertThat(x.message()).startsWith("does not exclude .env.production");
    });
    assertThat(check(GOOD, "**/.env*\n!.env.example\n").all()).isEmpty();
    assertThat(codes(check(GOOD, ".env*\n!.env.production\n"))).containsExactly(Problem.LEAK);
  }

  @Test
  void noHealthCheckIsAWarningUnlessTheModelSetsAPath() throws IOException {
    Problems p = check(GOOD.replace("HEALTHCHECK CMD curl -f http://localhost:$PORT/api/health\n", ""));
    assertThat(codes(p)).containsExactly(DockerSim.NO_HEALTH_CHECK);
    assertThat(p.hasErrors()).isFalse();
  }

  @Test
  void continuationsAndCommentsKeepTheFirstLine() throws IOException {
    Problems p = check("FROM python:3.12-slim\nUSER 10001\n# start\nCMD uvicorn main:app \\\n  # a comment\n"
        + "  --host 0.0.0.0 \\\n  --port 8000\nHEALTHCHECK NONE\n");
    assertThat(p.all()).extracting(x -> x.origin().orElseThrow().line() + " " + x.code())
        .containsExactly("0 NO_HEALTH_CHECK", "4 HARD_CODED_PORT");
  }

  @Test
  void aMissingDockerfileIsAProblemNotAnException() {
    Problems p = DockerSim.checkDockerfile(dir.resolve("Dockerfile"));
    assertThat(p.all()).singleElement().satisfies(x -> assertThat(x.code()).isEqualTo(Problem.MISSING));
  }

  @Test
  void anUnknownServiceIsNamedWithTheKnownOnes() {
    assertThatThrownBy(() -> DockerSim.checkDockerfile(Acme.app(), "apii", Acme.root()))
        .isInstanceOf(RunwayException.UnknownName.class)
        .hasMessage("No service named 'apii' (known: api, db, web); did you mean api?");
    assertThatThrownBy(() -> DockerSim.checkDockerfile(Acme.app(), "web", Acme.root()))
        .isInstanceOf(RunwayException.UnknownName.class)
        .hasMessage("No Render service named 'web' (render services: api); 'web' runs on vercel");
  }
}

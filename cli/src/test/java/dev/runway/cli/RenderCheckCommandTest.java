package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** runway render check without a model (no runway.conf in the working directory, or --no-model). */
class RenderCheckCommandTest {
  private static final Path EXAMPLE = Path.of("..", "examples", "acme").toAbsolutePath().normalize();
  private static final String NL = System.lineSeparator();

  /** A fake OpenAI key of the right shape, built at run time: no key-shaped literal in the source. */
  private static String fakeKey() {
    return "sk-" + "proj-" + "Fake0Key1For2Tests3".repeat(3);
  }

  private static final String FOUR_PROBLEMS = """
      services:
        - type: web
          name: api
          runtime: docker
          plan: free
          disk:
            name: data
            mountPath: /data
          envVars:
            - key: OPENAI_API_KEY
              value: %s
            - key: WORKER_HOST
              fromService:
                type: worker
                name: jobs
                property: host
      """;

  @Test
  void withoutRunwayConfNamesTheFourProblemsEachOnItsOwnLineWithTheLineOfItsField(@TempDir Path dir)
      throws IOException {
    assertThat(Path.of("runway.conf")).as("the test needs a working directory without runway.conf").doesNotExist();
    Path file = dir.resolve("render.yaml");
    Files.writeString(file, FOUR_PROBLEMS.formatted(fakeKey()));
    MainTest.Result r = MainTest.run("render", "check", "--file", file.toString());
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo(file + ": problems found (3 errors, 1 warning)" + NL
        + "  warning MISSING " + file + ":2: services.api.healthCheckPath: is not set, so Render switches traffic to a"
        + " new deploy as soon as its port is open, healthy or not; to keep the previous deploy serving when a new one"
        + " is broken, set healthCheckPath: to a path your app answers with 2xx or 3xx" + NL
        + "  error   NOT_ALLOWED " + file + ":6: services.api.disk: the free plan has no persistent disk; remove disk:"
        + " or use plan: starter" + NL
        + "  error   LEAK " + file + ":11: services.api.envVars.OPENAI_API_KEY: carries a credential in value: (it"
        + " looks like an OpenAI API key (sk-... or sk-proj-...)); revoke it and create a new one, then replace"
        + " value: with sync: false and set the new value in the Render dashboard (or runway sync)" + NL
        + "  error   UNKNOWN " + file + ":15: services.api.envVars.WORKER_HOST.fromService: names no service 'jobs'"
        + " (expected one of api); add the service or fix the name" + NL);
    assertThat(r.out() + r.err()).doesNotContain(fakeKey()).doesNotContain("Fake0Key");
  }

  @Test
  void jsonOutputCarriesFileAndLineAndNeverTheSecret(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("render.yaml");
    Files.writeString(file, FOUR_PROBLEMS.formatted(fakeKey()));
    MainTest.Result r = MainTest.run("render", "check", "--file", file.toString(), "--format", "json");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("\"valid\" : false").contains("\"code\" : \"LEAK\"").contains("\"line\" : 11")
        .contains("\"file\" : \"" + file + "\"").doesNotContain(fakeKey()).doesNotContain("Fake0Key");
  }

  @Test
  void warningsAloneExitZero(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("render.yaml");
    Files.writeString(file, """
        services:
          - type: web
            name: web
            env: node
            startCommand: node server.js
        """);
    MainTest.Result r = MainTest.run("render", "check", "--file", file.toString());
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.out()).startsWith(file + ": ok (0 errors, 2 warnings)")
        .contains("rename env: node to runtime: node");
  }

  @Test
  void aMissingFileExitsTwoNamingItOnce(@TempDir Path dir) {
    Path file = dir.resolve("render.yaml");
    MainTest.Result r = MainTest.run("render", "check", "--file", file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("runway: " + file + ": does not exist; check the path, or write one with runway"
        + " render generate" + NL);
  }

  @Test
  void noModelSkipsDriftEvenWhenAConfigIsGiven(@TempDir Path dir) throws IOException {
    Path conf = dir.resolve("runway.conf");
    Files.copy(EXAMPLE.resolve("runway.conf"), conf);
    Path yaml = dir.resolve("render.yaml");
    Files.writeString(yaml, Files.readString(EXAMPLE.resolve("render.yaml")).replace("plan: free", "plan: starter"));
    MainTest.Result drift = MainTest.run("render", "check", "--config", conf.toString());
    assertThat(drift.code()).isEqualTo(1);
    assertThat(drift.out()).contains("services.api.plan: render.yaml says 'starter', the model says 'free'");
    MainTest.Result lint = MainTest.run("render", "check", "--config", conf.toString(), "--no-model");
    assertThat(lint.code()).as(lint.out()).isZero();
    assertThat(lint.out()).isEqualTo(yaml + ": ok (0 errors, 0 warnings)" + NL);
  }
}

package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LintCommandTest {
  /** Built at run time so no secret-shaped literal sits in the source. */
  private static final String TOKEN_VALUE = "tok" + "en-value-" + "9f8e7d6c5b4a";

  private static final String RENDER_YAML = """
      services:
        - type: web
          name: api
          runtime: python
          plan: starter
          healthCheckPath: /healthz
          startCommand: gunicorn app:app
          envVars:
            - key: API_TOKEN
              value: %s
      """.formatted(TOKEN_VALUE);

  /** An app folder: a render.yaml with a committed token, a clean vercel.json, a .env, and a vendored copy to skip. */
  private static Path app(Path dir) throws IOException {
    Files.writeString(dir.resolve("render.yaml"), RENDER_YAML);
    Files.createDirectories(dir.resolve("frontend"));
    Files.writeString(dir.resolve("frontend/vercel.json"), "{\n  \"cleanUrls\": true\n}\n");
    Files.writeString(dir.resolve(".env.example"), "PORT=10000\nDEBUG=false\n");
    Files.createDirectories(dir.resolve("frontend/node_modules/some-lib"));
    Files.writeString(dir.resolve("frontend/node_modules/some-lib/render.yaml"), "not: [valid");
    return dir;
  }

  @Test
  void findsEachKindOfFileUnderAFolderSkippingDependenciesAndFailsOnAnError(@TempDir Path dir) throws IOException {
    MainTest.Result r = MainTest.run("lint", app(dir).toString());
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains(dir.resolve("render.yaml") + ": problems found (1 error")
        .contains("services.api.envVars.API_TOKEN")
        .contains(dir.resolve("frontend/vercel.json") + ": ok")
        .contains(dir.resolve(".env.example") + ": ok")
        .contains("3 files checked: 1 error")
        .doesNotContain("node_modules")
        .doesNotContain(TOKEN_VALUE);
  }

  @Test
  void aCleanFolderExitsZero(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve(".env"), "PORT=3000\n");
    MainTest.Result r = MainTest.run("lint", dir.toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).endsWith("1 file checked: 0 errors, 0 warnings\n");
  }

  @Test
  void aPathThatDoesNotExistIsAUsageError(@TempDir Path dir) {
    MainTest.Result r = MainTest.run("lint", dir.resolve("nope").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(dir.resolve("nope") + ": no such file or folder");
  }

  @Test
  void jsonListsEveryFileWithItsKindAndProblems(@TempDir Path dir) throws IOException {
    MainTest.Result r = MainTest.run("lint", "--format", "json", app(dir).toString());
    assertThat(r.code()).isEqualTo(1);
    JsonNode root = JsonMapper.shared().readTree(r.out());
    List<String> kinds = new ArrayList<>();
    root.get("files").forEach(f -> kinds.add(f.get("kind").asString()));
    assertThat(kinds).containsExactlyInAnyOrder("render", "vercel", "dotenv");
    assertThat(root.get("errors").asInt()).isEqualTo(1);
    JsonNode render = null;
    for (JsonNode f : root.get("files")) if (f.get("kind").asString().equals("render")) render = f;
    assertThat(render.get("valid").asBoolean()).isFalse();
    assertThat(render.get("problems").get(0).get("code").asString()).isEqualTo("LEAK");
    assertThat(r.out()).doesNotContain(TOKEN_VALUE);
  }

  @Test
  void sarifCarriesTheSameFindingsWithRelativeUrisAndLines() throws IOException {
    // Code scanning resolves URIs against the checkout, so the files sit under the working folder.
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "lint-sarif");
    app(dir);
    MainTest.Result text = MainTest.run("lint", "--format", "json", dir.toString());
    MainTest.Result r = MainTest.run("lint", "--format", "sarif", dir.toString());
    assertThat(r.code()).isEqualTo(1);
    JsonNode sarif = JsonMapper.shared().readTree(r.out());
    assertThat(sarif.get("version").asString()).isEqualTo("2.1.0");
    JsonNode run = sarif.get("runs").get(0);
    assertThat(run.get("tool").get("driver").get("name").asString()).isEqualTo("runway");
    JsonNode results = run.get("results");
    assertThat(results).hasSize(JsonMapper.shared().readTree(text.out()).get("errors").asInt()
        + JsonMapper.shared().readTree(text.out()).get("warnings").asInt());
    JsonNode result = results.get(0);
    assertThat(result.get("ruleId").asString()).isEqualTo("LEAK");
    assertThat(result.get("level").asString()).isEqualTo("error");
    JsonNode rule = run.get("tool").get("driver").get("rules").get(result.get("ruleIndex").asInt());
    assertThat(rule.get("id").asString()).isEqualTo("LEAK");
    JsonNode location = result.get("locations").get(0).get("physicalLocation");
    String uri = location.get("artifactLocation").get("uri").asString();
    assertThat(uri).isEqualTo(Path.of("").toAbsolutePath().relativize(dir.toAbsolutePath()).toString().replace('\\', '/')
        + "/render.yaml");
    assertThat(location.get("artifactLocation").get("uriBaseId").asString()).isEqualTo("%SRCROOT%");
    assertThat(location.get("region").get("startLine").asInt()).isPositive();
    assertThat(result.get("message").get("text").asString()).startsWith("services.api.envVars.API_TOKEN: ");
    assertThat(r.out()).doesNotContain(TOKEN_VALUE);
  }

  @Test
  void withAModelBesideTheFilesRenderYamlIsAlsoComparedWithIt(@TempDir Path dir) throws IOException {
    app(dir);
    Files.writeString(dir.resolve("runway.conf"), """
        app = shop
        services { api { platform = render, runtime = python, plan = starter, health-check-path = /healthz } }
        variables { API_TOKEN { type = secret, targets = [api] } }
        """);
    MainTest.Result withModel = MainTest.run("lint", "--config", dir.resolve("runway.conf").toString(), dir.toString());
    assertThat(withModel.out()).contains("services.api.startCommand");   // in render.yaml, not in the model
    MainTest.Result without = MainTest.run("lint", "--config", dir.resolve("runway.conf").toString(), "--no-model",
        dir.toString());
    assertThat(without.out()).doesNotContain("services.api.startCommand");
  }
}

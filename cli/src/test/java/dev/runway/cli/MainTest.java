package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  private static final Path EXAMPLE = Path.of("..", "examples", "acme").toAbsolutePath().normalize();

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  private static Path copyExample(Path dir) throws IOException {
    for (String name : DemoCommand.EXAMPLE_FILES) {
      Files.createDirectories(dir.resolve(name).getParent());
      Files.copy(EXAMPLE.resolve(name), dir.resolve(name));
    }
    return dir.resolve("runway.conf");
  }

  @Test
  void validatesTheExampleProductionEnvironment() {
    Result r = run("validate", "--config", EXAMPLE.resolve("runway.conf").toString(), "--env", "production");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).startsWith("production: valid (18 variables, 0 errors, 0 warnings)");
  }

  @Test
  void aPlantedMistakeExitsOneNamingTheVariableTheFileLineAndTheFix(@TempDir Path dir) throws IOException {
    Path conf = copyExample(dir);
    Path production = dir.resolve(".env.production");
    Files.writeString(production, Files.readString(production)
        .replaceFirst("(?m)^OPENAI_API_KEY=.*$", "OPENAI_API_KEY=sk-ant-api03-EXAMPLEpastedINTOtheWRONGvariable00"));
    Result r = run("validate", "--config", conf.toString(), "--env", "production");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("production: invalid (18 variables, 1 error, 0 warnings)")
        .contains("error   MALFORMED " + production + ":11: OPENAI_API_KEY: is not an OpenAI API key "
            + "(sk-... or sk-proj-...); create one at platform.openai.com/api-keys")
        .doesNotContain("EXAMPLEpastedINTOtheWRONGvariable");
  }

  @Test
  void validatesEveryEnvironmentAsJson() {
    Result r = run("validate", "--config", EXAMPLE.resolve("runway.conf").toString(), "--all", "--format", "json");
    // preview has no .env.preview in the example, so its required keys are missing: exit 1, three reports
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("\"environment\" : \"development\"").contains("\"environment\" : \"preview\"")
        .contains("\"environment\" : \"production\"").contains("\"code\" : \"MISSING\"");
  }

  @Test
  void anUnknownEnvironmentIsAUsageError() {
    Result r = run("validate", "--config", EXAMPLE.resolve("runway.conf").toString(), "--env", "prod");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("runway: No environment named 'prod' (known: development, preview, production)"
        + System.lineSeparator());
  }

  @Test
  void malformedHoconNamesTheLineWithoutAStackTrace(@TempDir Path dir) throws IOException {
    Path conf = dir.resolve("runway.conf");
    Files.writeString(conf, "app = acme\nvariables {\n  PORT { type = port\n");
    Result r = run("validate", "--config", conf.toString(), "--env", "production");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("runway: " + conf + ":").doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  void aMissingConfigSaysHowToFixIt(@TempDir Path dir) {
    Result r = run("validate", "--config", dir.resolve("nope.conf").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("runway: " + dir.resolve("nope.conf")
        + ": no such file; create runway.conf or pass --config <file>" + System.lineSeparator());
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    Result r = run("validate", "--evn", "production");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Unknown options: '--evn', 'production'").contains("runway validate --help");
  }

  @Test
  void everyLevelHasHelp() {
    assertThat(run("--help").out()).contains("validate").contains("demo");
    Result r = run("validate", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("--config").contains("--env").contains("--env-dir").contains("--format");
  }

  @Test
  void theDemoRunsOfflineAndCatchesItsPlantedMistake(@TempDir Path dir) {
    Result r = run("demo", "--out", dir.toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("production: invalid").contains("OPENAI_API_KEY: is not an OpenAI API key")
        .contains("Demo finished: every step behaved as expected.")
        .doesNotContain("EXAMPLEpastedINTOtheWRONGvariable");
  }

  @Test
  void renderAndVercelFilesOfTheExampleMatchTheModel() {
    String conf = EXAMPLE.resolve("runway.conf").toString();
    Result render = run("render", "check", "--config", conf);
    Result vercel = run("vercel", "check", "--config", conf);
    assertThat(render.code()).as(render.out()).isZero();
    assertThat(vercel.code()).as(vercel.out()).isZero();
  }

  @Test
  void aHandEditedRenderYamlIsDrift(@TempDir Path dir) throws IOException {
    Path conf = copyExample(dir);
    Path yaml = dir.resolve("render.yaml");
    assertThat(run("render", "generate", "--config", conf.toString()).code()).isZero();
    Files.writeString(yaml, Files.readString(yaml).replace("plan: free", "plan: starter"));
    Result r = run("render", "check", "--config", conf.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("services.api.plan: render.yaml says 'starter', the model says 'free'");
  }
}

package dev.runway.examples.jbang;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** validate-environment.java, run through JBang on the acme example. */
class ValidateEnvironmentIT {

  @Test
  void passesTheAcmeExampleInProduction() {
    JBang.Run run = JBang.run("validate-environment.java", "--env", "production");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).isEqualTo("production: valid (18 variables, 0 errors, 0 warnings)\n");
  }

  @Test
  void validatesEveryDeclaredEnvironmentAndFailsOnTheOneWithoutValues() {
    JBang.Run run = JBang.run("validate-environment.java", "--all");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).contains("development: valid", "production: valid", "preview: invalid")
        .contains("error   MISSING OPENAI_API_KEY: is missing in preview (expected a secret value); add"
            + " OPENAI_API_KEY=<a secret value> to .env.preview or the process environment");
  }

  @Test
  void reportsAPlantedMistakeWithItsFileAndLineAndExitsWithOne(@TempDir Path dir) throws IOException {
    Files.copy(JBang.ACME.resolve("runway.conf"), dir.resolve("runway.conf"));
    String production = Files.readString(JBang.ACME.resolve(".env.production"));
    String pasted = "sk-ant-api03-EXAMPLEpastedINTOtheWRONGvariable00";
    Files.writeString(dir.resolve(".env.production"),
        production.replaceFirst("(?m)^OPENAI_API_KEY=.*$", "OPENAI_API_KEY=" + pasted));

    JBang.Run run = JBang.run(dir, Map.of(), Duration.ofSeconds(60), "validate-environment.java", "--env", "production");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).contains("production: invalid")
        .contains("MALFORMED " + dir.resolve(".env.production") + ":")
        .contains("OPENAI_API_KEY: is not an OpenAI API key");
    assertThat(run.all()).doesNotContain(pasted);
  }

  @Test
  void detectsTheEnvironmentFromTheProcessEnvironment() {
    JBang.Run run = JBang.run(JBang.ACME, Map.of("RUNWAY_ENV", "production"), Duration.ofSeconds(60),
        "validate-environment.java");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).startsWith("production: valid");
  }

  @Test
  void exitsWithTwoAndTheUsageOnAnUnknownArgument() {
    JBang.Run run = JBang.run("validate-environment.java", "--environment", "production");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("""
        validate-environment: unknown argument '--environment'
        usage: validate-environment.java [--config runway.conf] [--env <name> | --all] [--json]
        """);
  }

  @Test
  void exitsWithTwoWhenTheModelIsMissing(@TempDir Path empty) {
    JBang.Run run = JBang.run(empty, Map.of(), Duration.ofSeconds(60), "validate-environment.java");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("validate-environment: runway.conf: no such file; pass --config <path to runway.conf>");
  }
}

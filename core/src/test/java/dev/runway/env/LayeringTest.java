package dev.runway.env;

import static dev.runway.env.Environment.PRODUCTION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.base.Origin;
import dev.runway.base.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayeringTest {
  private static final Var<String> A = Var.string("A").defaultValue("default");
  private static final Var<String> B = Var.string("B").defaultValue("default");
  private static final Var<String> C = Var.string("C").defaultValue("default");
  private static final Var<String> D = Var.string("D").defaultValue("default");
  private static final Var<String> E = Var.string("E").defaultValue("default");
  private static final EnvSchema SCHEMA = EnvSchema.of(A, B, C, D, E);

  @TempDir Path dir;

  private EnvSources fiveLayers() throws IOException {
    Files.writeString(dir.resolve(".env"), "B=dotenv\nC=dotenv\nD=dotenv\nE=dotenv\n");
    Files.writeString(dir.resolve(".env.production"), "# production\nC=production\nD=production\nE=production\n");
    Files.writeString(dir.resolve(".env.development"), "A=development\nB=development\nC=development\n");
    return EnvSources.files(dir)
        .with(EnvSources.map(Map.of("D", "process", "E", "process"), Origin.processEnv(), false))
        .withOverrides(Map.of("E", "override"));
  }

  @Test
  void laterLayersWinDefaultsThenDotenvThenEnvironmentFileThenProcessThenOverrides() throws IOException {
    Env env = SCHEMA.load(PRODUCTION, fiveLayers());
    assertThat(env.get(A)).isEqualTo("default");
    assertThat(env.get(B)).isEqualTo("dotenv");
    assertThat(env.get(C)).isEqualTo("production");
    assertThat(env.get(D)).isEqualTo("process");
    assertThat(env.get(E)).isEqualTo("override");
  }

  @Test
  void everyValueRemembersItsOrigin() throws IOException {
    Env env = SCHEMA.load(PRODUCTION, fiveLayers());
    assertThat(env.origin("A")).contains(Origin.of("default"));
    assertThat(env.origin("B")).contains(Origin.file(dir.resolve(".env"), 1));
    assertThat(env.origin("C")).contains(Origin.file(dir.resolve(".env.production"), 2));
    assertThat(env.origin("D")).contains(Origin.processEnv());
    assertThat(env.origin("E")).contains(Origin.of("override"));
    assertThat(env.origin("C").orElseThrow()).hasToString(dir.resolve(".env.production") + ":2");
    assertThat(env.origin("D").orElseThrow()).hasToString("process env");
  }

  @Test
  void onlyTheFileOfTheEnvironmentBeingLoadedIsRead() throws IOException {
    Env env = SCHEMA.load(Environment.DEVELOPMENT, fiveLayers());
    assertThat(env.get(A)).isEqualTo("development");
    assertThat(env.get(C)).isEqualTo("development");
    assertThat(env.origin("A")).contains(Origin.file(dir.resolve(".env.development"), 1));
  }

  @Test
  void absentFilesAreSkipped() {
    Env env = SCHEMA.load(PRODUCTION, EnvSources.files(dir));
    assertThat(env.get(A)).isEqualTo("default");
  }

  @Test
  void aMissingRequiredFileIsAProblemNamingTheFile() {
    Path file = dir.resolve(".env.staging");
    Validation v = SCHEMA.validate(PRODUCTION, EnvSources.of(EnvSources.dotenv(file)));
    assertThat(v.problems().all()).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo(Problem.MALFORMED);
      assertThat(p.origin()).contains(Origin.file(file));
      assertThat(p.text()).isEqualTo(file + ": .env.staging: file not found; create it or pass the right --env-dir");
    });
  }

  @Test
  void aProblemNamesTheLineOfTheWinningValue() throws IOException {
    Var<Integer> port = Var.port("PORT");
    Files.writeString(dir.resolve(".env"), "PORT=8080\n");
    Files.writeString(dir.resolve(".env.production"), "\n\nPORT=eighty\n");
    Validation v = EnvSchema.of(port).validate(PRODUCTION, EnvSources.files(dir));
    assertThat(v.problems().all()).singleElement().satisfies(p -> {
      assertThat(p.origin()).contains(Origin.file(dir.resolve(".env.production"), 3));
      assertThat(p.text()).isEqualTo(dir.resolve(".env.production") + ":3: PORT: is not a port number: 'eighty' "
          + "(expected a port number from 1 to 65535); set PORT to a port number from 1 to 65535");
    });
  }

  @Test
  void theProcessEnvironmentLayerReadsProcessVariables() {
    // PATH is set in every process that runs the build; it is not declared, so it only proves the layer is wired.
    Var<String> path = Var.string("PATH").optional();
    Env env = EnvSchema.of(path).load(PRODUCTION, EnvSources.standard(dir));
    assertThat(env.find(path)).isEqualTo(java.util.Optional.ofNullable(System.getenv("PATH")));
    if (System.getenv("PATH") != null) assertThat(env.origin("PATH")).contains(Origin.processEnv());
  }

  @Test
  void aParseErrorInTheEnvironmentsFileNamesTheActualFileNotItsPattern() throws IOException {
    Files.writeString(dir.resolve(".env.production"), "A=1\nB=2\nC=\"unterminated\n");
    Validation v = SCHEMA.validate(PRODUCTION, EnvSources.files(dir));
    assertThat(v.problems().errors()).singleElement().satisfies(p -> assertThat(p.text()).isEqualTo(
        dir.resolve(".env.production") + ":3: .env.production: unterminated double-quoted value for C; add the"
            + " closing \" (the value is not shown)"));
  }
}

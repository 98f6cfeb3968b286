package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.security.EnvKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One rule for every subcommand that reads a file (docs/cli.md): input that cannot be read — a
 * malformed or missing file, an --env-dir that is missing — is exit 2 with one line naming it;
 * problems found in input that reads are exit 1 (the other tests cover those).
 */
class ExitCodesTest {
  private static final Path EXAMPLE = Path.of("..", "examples", "acme").toAbsolutePath().normalize();
  private static final String BAD_CONF = "app = acme\nvariables {\n  PORT { type = port\n";
  private static final String BAD_ENV = "PORT=8080\nOPENAI_API_KEY=\"unterminated\n";
  private static final String BAD_YAML = "services:\n  - name: [api\n";
  private static final String BAD_JSON = "{\n  \"regions\": [\"iad1\",]\n}\n";

  @TempDir Path dir;
  @TempDir Path keys;

  /**
   * A command, the file it reads (relative to the app folder) and what to put there to break it;
   * {@code missing} is what the command is given when the file is not there (the same path, or
   * --env-dir naming a folder that does not exist for the env files).
   */
  record Case(String name, String file, String bad, Function<Ctx, List<String>> args, boolean missingToo) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Paths of one run: the app folder, the key folder, and whether the env dir should be missing. */
  record Ctx(Path dir, Path keys, boolean missingEnvDir) {
    String conf() {
      return dir.resolve("runway.conf").toString();
    }

    String at(String name) {
      return dir.resolve(name).toString();
    }

    List<String> envDir() {
      return List.of("--env-dir", missingEnvDir ? dir.resolve("nope").toString() : dir.toString());
    }
  }

  private static Case conf(String name, String... args) {
    return new Case(name + " (runway.conf)", "runway.conf", BAD_CONF, c -> {
      List<String> out = new ArrayList<>(List.of(args));
      out.add("--config");
      out.add(c.conf());
      return out;
    }, true);
  }

  private static Case envFile(String name, String... args) {
    return new Case(name + " (env files)", ".env.production", BAD_ENV, c -> {
      List<String> out = new ArrayList<>(List.of(args));
      out.addAll(List.of("--config", c.conf(), "--env", "production"));
      out.addAll(c.envDir());
      return out;
    }, true);
  }

  private static Case file(String name, String file, String bad, boolean missingToo, Function<Ctx, List<String>> args) {
    return new Case(name + " (" + file + ")", file, bad, args, missingToo);
  }

  static Stream<Case> cases() {
    return Stream.of(
        conf("validate", "validate"), conf("config", "config"), conf("audit", "audit", "--no-git"),
        new Case("lint (runway.conf)", "runway.conf", BAD_CONF, c -> List.of("lint", "--config", c.conf(), c.dir().toString()),
            true),
        conf("sync plan", "sync", "plan", "--to", "out.env"), conf("sync apply", "sync", "apply", "--to", "out.env"),
        conf("render generate", "render", "generate", "--out", "-"), conf("render check", "render", "check"),
        conf("vercel generate", "vercel", "generate", "--out", "-"), conf("vercel check", "vercel", "check"),
        conf("pipeline plan", "pipeline", "plan"), conf("pipeline run", "pipeline", "run", "deploy"),
        conf("pipeline export", "pipeline", "export", "--stdout"), conf("pipeline stats", "pipeline", "stats"),
        conf("pipeline step", "pipeline", "step", "deploy", "build"),
        conf("simulate compose", "simulate", "compose", "--out", "-"), conf("simulate parity", "simulate", "parity"),
        conf("simulate dockerfile", "simulate", "dockerfile"), conf("simulate up", "simulate", "up", "--once"),
        conf("supabase check", "supabase", "check"), conf("monitor run", "monitor", "run", "--once"),
        conf("monitor export", "monitor", "export", "--out", "-"), conf("keep-warm plan", "keep-warm", "plan"),
        conf("keep-warm run", "keep-warm", "run", "--once"), conf("keep-warm report", "keep-warm", "report"),
        conf("status-page", "status-page", "--out", "page.html"),
        conf("keygen", "keygen", "--env", "production", "--out", "/nonexistent-runway-test/k.key"),
        conf("encrypt", "encrypt", "--env", "production"),
        envFile("validate", "validate"), envFile("audit", "audit", "--no-git"), envFile("supabase check", "supabase", "check"),
        envFile("sync plan", "sync", "plan", "--to", "out.env"), envFile("simulate up", "simulate", "up", "--once"),
        file("render check --file", "render.yaml", BAD_YAML, true,
            c -> List.of("render", "check", "--no-model", "--file", c.at("render.yaml"))),
        file("render generate over", "render.yaml", BAD_YAML, false,
            c -> List.of("render", "generate", "--config", c.conf())),
        file("vercel check --file", "vercel.json", BAD_JSON, true,
            c -> List.of("vercel", "check", "--no-model", "--file", c.at("vercel.json"))),
        file("vercel check", "vercel.json", BAD_JSON, false, c -> List.of("vercel", "check", "--config", c.conf())),
        file("vercel generate over", "vercel.json", BAD_JSON, false,
            c -> List.of("vercel", "generate", "--config", c.conf())),
        file("simulate parity --file", "docker-compose.yml", BAD_YAML, true,
            c -> List.of("simulate", "parity", "--config", c.conf(), "--file", c.at("docker-compose.yml"))),
        file("lint", "render.yaml", BAD_YAML, true, c -> List.of("lint", "--no-model", c.at("render.yaml"))),
        file("lint .env", ".env.production", BAD_ENV, false, c -> List.of("lint", "--no-model", c.at(".env.production"))),
        file("encrypt", ".env.production", BAD_ENV, true, c -> List.of("encrypt", "--env", "production", "--env-dir",
            c.dir().toString(), "--key-file", c.keys().resolve("production.key").toString())),
        file("decrypt", ".env.production.enc", "not an encrypted file\n", true, c -> List.of("decrypt", "--env",
            "production", "--env-dir", c.dir().toString(), "--key-file", c.keys().resolve("production.key").toString())),
        file("rotate", ".env.production.enc", "not an encrypted file\n", true, c -> List.of("rotate", "--env",
            "production", "--env-dir", c.dir().toString(), "--key-file", c.keys().resolve("production.key").toString())),
        new Case("encrypt --key-file (key file)", "../keyfile", "not a key\n",
            c -> List.of("encrypt", "--env", "production", "--env-dir", c.dir().toString(), "--key-file",
                c.dir().resolve("../keyfile").normalize().toString()), true));
  }

  private Ctx setUp(boolean missingEnvDir) throws IOException {
    for (String name : List.of("runway.conf", ".env.development", ".env.production", "render.yaml", "vercel.json",
        "docker-compose.yml", "backend/Dockerfile", "backend/.dockerignore", "backend/Server.java")) {
      Files.createDirectories(dir.resolve(name).getParent());
      Files.copy(EXAMPLE.resolve(name), dir.resolve(name));
    }
    Files.writeString(keys.resolve("production.key"), EnvKey.generate().encoded() + "\n");
    return new Ctx(dir, keys, missingEnvDir);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aMalformedFileIsExitTwoWithOneLineNamingIt(Case c) throws IOException {
    Ctx ctx = setUp(false);
    Path file = dir.resolve(c.file()).normalize();
    Files.writeString(file, c.bad());
    MainTest.Result r = MainTest.run(c.args().apply(ctx).toArray(String[]::new));
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
    assertOneLineNaming(r, file.toString());
  }

  static Stream<Case> missingCases() {
    return cases().filter(Case::missingToo);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("missingCases")
  void aMissingFileIsExitTwoWithOneLineNamingIt(Case c) throws IOException {
    boolean envFile = c.name().endsWith("(env files)");
    Ctx ctx = setUp(envFile);
    Path file = dir.resolve(c.file()).normalize();
    if (!envFile) Files.deleteIfExists(file);
    MainTest.Result r = MainTest.run(c.args().apply(ctx).toArray(String[]::new));
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
    assertOneLineNaming(r, envFile ? dir.resolve("nope").toString() : file.toString());
  }

  private static void assertOneLineNaming(MainTest.Result r, String file) {
    String err = r.err().strip();
    List<String> lines = err.lines().filter(l -> !l.startsWith("note: ")).toList();
    assertThat(lines).as(r.err()).hasSize(1);
    assertThat(lines.get(0)).startsWith("runway: ").contains(file).doesNotContain("internal error")
        .doesNotContain("Exception");
  }

  @Test
  void anEnvironmentNameThatIsAPathIsAUsageErrorNotAnInternalOne() {
    MainTest.Result r = MainTest.run("keygen", "--env", "../x");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("runway: --env: environment name '../x' must start with a letter and hold only"
        + " letters, digits and '-'; for example --env production" + System.lineSeparator());
  }

  @Test
  void anEnvironmentTheModelDoesNotDeclareIsExitTwoForTheCryptoCommandsToo() throws IOException {
    Ctx ctx = setUp(false);
    MainTest.Result r = MainTest.run("encrypt", "--config", ctx.conf(), "--env", "prod", "--key-file",
        keys.resolve("production.key").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("runway: No environment named 'prod' (known: development, preview, production)"
        + System.lineSeparator());
  }

  @Test
  void theCryptoCommandsRequireEnv() {
    MainTest.Result r = MainTest.run("keygen");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("runway: --env: required: a key belongs to one environment; for example --env"
        + " production" + System.lineSeparator());
  }

  @Test
  void aPipelineNamedWhereThereAreNoneSaysWhereTheyComeFrom() throws IOException {
    Path conf = Files.writeString(dir.resolve("runway.conf"), "app = shop\n");
    MainTest.Result r = MainTest.run("pipeline", "run", "production-deploy", "--config", conf.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("runway: pipeline: no pipeline named 'production-deploy': no pipelines found here:"
        + " declare one in runway.conf").contains("--config <file>", "--from <jar-or-dir>");
  }
}

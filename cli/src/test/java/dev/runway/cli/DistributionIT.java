package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution as a user gets it: cli/target/runway-&lt;version&gt;.zip and .tar.gz, unpacked into
 * a temporary folder outside the checkout (with a space in its path), run on a copy of the example
 * app with a clean environment (no RUNWAY_HOME, only a JDK). Runs in failsafe after {@code package}
 * ({@code ./mvnw -pl cli -am verify}); skips when the archives were not built (an IDE run), but fails
 * under {@code CI=true}.
 */
@Tag("distribution")
@DisabledOnOs(OS.WINDOWS)
class DistributionIT {
  private static final Path ROOT = Path.of(System.getProperty("runway.root", "..")).toAbsolutePath().normalize();
  private static final Path EXAMPLE = ROOT.resolve("examples/acme");
  private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));
  private static final String VALID = "production: valid (18 variables, 0 errors, 0 warnings)";

  private static Path zip;
  private static Path tarGz;

  record Run(int code, String out, String err) {}

  @BeforeAll
  static void findTheArchives() throws IOException {
    Optional<Path> base = Optional.ofNullable(System.getProperty("runway.distribution")).map(Path::of)
        .or(() -> newest(Path.of("target").toAbsolutePath(), ".zip").map(z -> Path.of(z.toString().replaceFirst("\\.zip$", ""))));
    zip = base.map(b -> Path.of(b + ".zip")).filter(Files::isRegularFile).orElse(null);
    tarGz = base.map(b -> Path.of(b + ".tar.gz")).filter(Files::isRegularFile).orElse(null);
    if (zip == null || tarGz == null) {
      String message = "the distribution archives are not built (looked for " + base.map(b -> b + ".zip and .tar.gz")
          .orElse("cli/target/runway-*.zip") + "); build them with ./mvnw -pl cli -am package -DskipTests";
      if ("true".equals(System.getenv("CI"))) fail("CI=true: " + message);
      Assumptions.abort("skipped: " + message);
    }
  }

  private static Optional<Path> newest(Path dir, String suffix) {
    if (!Files.isDirectory(dir)) return Optional.empty();
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("runway-") && p.getFileName().toString().endsWith(suffix))
          .max((a, b) -> a.toFile().lastModified() < b.toFile().lastModified() ? -1 : 1);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Unzips with the system's unzip where there is one (it keeps the file modes the archive holds). */
  private static Path unzip(Path into) throws IOException, InterruptedException {
    Files.createDirectories(into);
    if (onPath("unzip")) {
      Run r = exec(List.of("unzip", "-q", zip.toString(), "-d", into.toString()), into, Map.of("PATH", "/usr/bin:/bin"));
      assertThat(r.code()).as(r.err()).isZero();
    } else {
      try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
        for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
          Path target = into.resolve(e.getName()).normalize();
          assertThat(target).startsWith(into);
          if (e.isDirectory()) Files.createDirectories(target);
          else { Files.createDirectories(target.getParent()); Files.copy(in, target); }
        }
      }
      try (Stream<Path> s = Files.list(into)) {
        s.forEach(d -> d.resolve("bin/runway").toFile().setExecutable(true));
      }
    }
    return onlyChild(into);
  }

  private static Path onlyChild(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> children = s.toList();
      assertThat(children).as("the archive's one top folder").hasSize(1);
      return children.get(0);
    }
  }

  private static boolean onPath(String tool) {
    return Stream.of("/usr/bin", "/bin").anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
  }

  private static Path copyExample(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (String name : List.of("runway.conf", ".env.development", ".env.production", "render.yaml")) {
      Files.copy(EXAMPLE.resolve(name), dir.resolve(name));
    }
    return dir;
  }

  /** A clean environment: PATH with the JDK's bin first, a HOME of the test's own, nothing else. */
  private static Map<String, String> cleanEnv(Path home) {
    return Map.of("PATH", JAVA_HOME.resolve("bin") + ":/usr/bin:/bin", "HOME", home.toString());
  }

  private static Run exec(List<String> command, Path dir, Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p = pb.start();
    // Output is small; read stderr on its own thread so neither pipe can fill and block the process.
    StringBuilder err = new StringBuilder();
    Thread errReader = new Thread(() -> err.append(read(p.getErrorStream())));
    errReader.start();
    String out = read(p.getInputStream());
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("timed out after 120 s: " + command);
    }
    errReader.join();
    return new Run(p.exitValue(), out, err.toString());
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "<" + e + ">";
    }
  }

  private static List<String> runway(Path dist, String... args) {
    List<String> command = new ArrayList<>();
    command.add(dist.resolve("bin/runway").toString());
    command.addAll(List.of(args));
    return command;
  }

  private static List<Path> archives(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".jsa")).toList();
    }
  }

  @Test
  void theZipRunsValidateAndRenderCheckOnTheExampleFromAnotherFolder(@TempDir Path tmp) throws Exception {
    Path dist = unzip(tmp.resolve("unpacked here"));
    Path app = copyExample(tmp.resolve("my app"));
    Map<String, String> env = cleanEnv(Files.createDirectories(tmp.resolve("home")));
    assertThat(Files.isExecutable(dist.resolve("bin/runway"))).as("bin/runway is executable").isTrue();
    assertThat(dist.resolve("bin/runway.cmd")).isRegularFile();
    try (Stream<Path> s = Files.list(dist.resolve("lib"))) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.matches("runway-cli-.*\\.jar")).anyMatch(n -> n.matches("runway-core-.*\\.jar"))
          .anyMatch(n -> n.matches("picocli-.*\\.jar")).noneMatch(n -> n.equals("runway.jar"));
    }

    Run first = exec(runway(dist, "validate", "--config", "runway.conf", "--env", "production"), app, env);
    assertThat(first.code()).as(first.out() + first.err()).isZero();
    assertThat(first.out()).startsWith(VALID);
    assertThat(first.err()).isEmpty();
    // The first run recorded the start-up archive inside the (writable) distribution, named for the JDK.
    List<Path> recorded = archives(dist.resolve("lib/cds"));
    assertThat(recorded).singleElement().satisfies(a ->
        assertThat(a.getFileName().toString()).startsWith("runway-" + Runtime.version().feature()));
    assertThat(archives(tmp.resolve("home"))).as("nothing written under HOME when the distribution is writable").isEmpty();

    Run again = exec(runway(dist, "validate", "--config", "runway.conf", "--env", "production"), app, env);
    assertThat(again.code()).isZero();
    assertThat(again.out()).startsWith(VALID);
    assertThat(again.err()).isEmpty();

    Run check = exec(runway(dist, "render", "check"), app, env);
    assertThat(check.code()).as(check.out() + check.err()).isZero();
    assertThat(check.out()).isEqualTo("render.yaml: ok (0 errors, 0 warnings)\n");

    Run version = exec(runway(dist, "--version"), app, env);
    assertThat(version.out().trim()).matches("runway \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    assertThat(version.out().trim()).isNotEqualTo("runway dev");
  }

  @Test
  void exitCodesAreTheCommandsAndAPlantedMistakeNamesItsFileAndLine(@TempDir Path tmp) throws Exception {
    Path dist = unzip(tmp.resolve("dist"));
    Path app = copyExample(tmp.resolve("app"));
    Map<String, String> env = cleanEnv(Files.createDirectories(tmp.resolve("home")));
    Path production = app.resolve(".env.production");
    Files.writeString(production, Files.readString(production)
        .replaceFirst("(?m)^OPENAI_API_KEY=.*$", "OPENAI_API_KEY=sk-ant-api03-EXAMPLEpastedINTOtheWRONGvariable00"));

    Run invalid = exec(runway(dist, "validate", "--env", "production"), app, env);
    assertThat(invalid.code()).isEqualTo(1);
    assertThat(invalid.out()).contains("production: invalid (18 variables, 1 error, 0 warnings)")
        .contains("error   MALFORMED .env.production:11: OPENAI_API_KEY: is not an OpenAI API key")
        .doesNotContain("EXAMPLEpastedINTOtheWRONGvariable");

    Run usage = exec(runway(dist, "validate", "--no-such-option"), app, env);
    assertThat(usage.code()).isEqualTo(2);
    assertThat(usage.err()).startsWith("runway: Unknown option: '--no-such-option'");

    Run unknown = exec(runway(dist, "valdate"), app, env);
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("Unmatched argument at index 0: 'valdate'");
  }

  @Test
  void keysGoUnderHomeAsTheShellsTildeDoesEvenWhereJavasUserHomeDiffers(@TempDir Path tmp) throws Exception {
    // HOME is the test's own folder, not this account's home in the account database (what Java reads).
    Path dist = unzip(tmp.resolve("dist"));
    Path app = copyExample(tmp.resolve("app"));
    Path home = Files.createDirectories(tmp.resolve("home"));
    Run keygen = exec(runway(dist, "keygen", "--env", "production"), app, cleanEnv(home));
    assertThat(keygen.code()).as(keygen.err()).isZero();
    assertThat(home.resolve(".config/runway/keys/production.key")).isRegularFile();
  }

  @Test
  void theTarGzKeepsTheScriptExecutableAndHonoursJavaHomeAndRunwayJavaOpts(@TempDir Path tmp) throws Exception {
    Path into = Files.createDirectories(tmp.resolve("with space"));
    Run untar = exec(List.of("tar", "-xzf", tarGz.toString(), "-C", into.toString()), into, Map.of("PATH", "/usr/bin:/bin"));
    assertThat(untar.code()).as(untar.err()).isZero();
    Path dist = onlyChild(into);
    assertThat(Files.getPosixFilePermissions(dist.resolve("bin/runway")))
        .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
    Path app = copyExample(tmp.resolve("app"));

    // JAVA_HOME wins over PATH: a JDK whose java leaves a mark, then runs the real one.
    Path jdk = Files.createDirectories(tmp.resolve("a jdk/bin")).getParent();
    Path marks = tmp.resolve("java-calls");
    Path java = jdk.resolve("bin/java");
    Files.writeString(java, "#!/bin/sh\necho called >> '" + marks + "'\nexec '" + JAVA_HOME.resolve("bin/java") + "' \"$@\"\n");
    assertThat(java.toFile().setExecutable(true)).isTrue();
    Map<String, String> env = Map.of("PATH", "/usr/bin:/bin", "HOME", Files.createDirectories(tmp.resolve("home")).toString(),
        "JAVA_HOME", jdk.toString(), "RUNWAY_JAVA_OPTS", "-Drunway.probe=from-opts -XshowSettings:properties");

    Run r = exec(runway(dist, "validate", "--config", app.resolve("runway.conf").toString(), "--env", "production"), tmp, env);
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).startsWith(VALID);
    assertThat(r.err()).contains("runway.probe = from-opts");
    assertThat(Files.readAllLines(marks)).as("the training run and the command, both through JAVA_HOME").hasSize(2);
  }

  @Test
  void aBrokenArchiveOrNoArchiveFallsBackSilently(@TempDir Path tmp) throws Exception {
    Path dist = unzip(tmp.resolve("dist"));
    Path app = copyExample(tmp.resolve("app"));
    Map<String, String> env = cleanEnv(Files.createDirectories(tmp.resolve("home")));
    List<String> validate = runway(dist, "validate", "--env", "production");
    assertThat(exec(validate, app, env).code()).isZero();
    Path archive = archives(dist.resolve("lib/cds")).get(0);

    // Corrupt it, newer than the jars so that it is not re-recorded: the JVM drops it without a word.
    assertThat(archive.toFile().setWritable(true)).isTrue();
    Files.writeString(archive, "not an archive");
    assertThat(archive.toFile().setLastModified(System.currentTimeMillis() + 60_000)).isTrue();
    Run broken = exec(validate, app, env);
    assertThat(broken.code()).isZero();
    assertThat(broken.out()).startsWith(VALID);
    assertThat(broken.err()).isEmpty();

    Map<String, String> off = new java.util.HashMap<>(env);
    off.put("RUNWAY_CDS", "off");
    Run none = exec(validate, app, off);
    assertThat(none.code()).isZero();
    assertThat(none.out()).startsWith(VALID);
    assertThat(none.err()).isEmpty();
  }

  @Test
  void aReadOnlyDistributionKeepsItsArchiveInTheUsersCache(@TempDir Path tmp) throws Exception {
    Path dist = unzip(tmp.resolve("dist"));
    assertThat(dist.resolve("lib").toFile().setWritable(false, false)).isTrue();
    try {
      Assumptions.assumeFalse(Files.isWritable(dist.resolve("lib")),
          "skipped: this user (root?) can write to a read-only folder, so the cache fallback cannot be shown");
      Path app = copyExample(tmp.resolve("app"));
      Path cache = tmp.resolve("cache");
      Map<String, String> env = Map.of("PATH", JAVA_HOME.resolve("bin") + ":/usr/bin:/bin",
          "HOME", Files.createDirectories(tmp.resolve("home")).toString(), "XDG_CACHE_HOME", cache.toString());
      Run r = exec(runway(dist, "validate", "--env", "production"), app, env);
      assertThat(r.code()).as(r.out() + r.err()).isZero();
      assertThat(r.out()).startsWith(VALID);
      assertThat(archives(cache)).singleElement()
          .satisfies(a -> assertThat(a.getParent().getParent()).isEqualTo(cache.resolve("runway")));
      assertThat(archives(dist)).isEmpty();
    } finally {
      Set<PosixFilePermission> rwx = Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
      Files.setPosixFilePermissions(dist.resolve("lib"), rwx);
    }
  }
}

package dev.runway.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/fetch-specs run for real, in its --from mode, against the specs folder the tests use. */
class FetchSpecsTest {
  static Path script;

  @TempDir Path dir;

  @BeforeAll
  static void needsBashAndTheScript() {
    assumeTrue(TestTools.onPath("bash"), "bash is not on the PATH: scripts/fetch-specs is not tried");
    script = checkoutRoot().resolve("scripts/fetch-specs");
    assertThat(script).as("the script in the checkout").isRegularFile();
  }

  @Test
  void copiesEveryPinnedFileFromAFolderAndVerifiesIt() throws Exception {
    Path specs = Specs.root();
    Path to = dir.resolve("specs");
    Result r = run("--from", specs.toString(), "--to", to.toString());

    assertThat(r.exit).as(r.toString()).isZero();
    List<String> pinned = manifestFiles();
    assertThat(pinned).hasSizeGreaterThanOrEqualTo(50)
        .contains("render/render-public-api-openapi.json", "compose/compose-spec.json", "dotenv/compose-go/plain.env");
    assertThat(r.stdout).isEqualTo("fetch-specs: " + pinned.size() + " files verified into " + to + "\n");
    for (String f : pinned) {
      assertThat(Files.readAllBytes(to.resolve(f))).as(f).isEqualTo(Files.readAllBytes(specs.resolve(f)));
    }
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void refusesAFileWithOneByteChangedNamingItAndBothHashesAndWritesNothing() throws Exception {
    Path copy = dir.resolve("copy");
    copyTree(Specs.root(), copy);
    String file = "render/render-yaml.schema.json";
    Path changed = copy.resolve(file);
    byte[] bytes = Files.readAllBytes(changed);
    String want = sha256(bytes);
    bytes[10] ^= 1;
    Files.write(changed, bytes);
    String got = sha256(bytes);
    Path to = dir.resolve("specs");
    Files.createDirectories(to);
    Files.writeString(to.resolve("older.txt"), "an older fetch");

    Result r = run("--from", copy.toString(), "--to", to.toString());

    assertThat(r.exit).as(r.toString()).isEqualTo(1);
    assertThat(r.stderr).isEqualTo(
        "fetch-specs: " + file + ": sha256 mismatch: expected " + want + ", got " + got + " (from " + changed + "); refusing it\n"
            + "fetch-specs: 1 of " + manifestFiles().size() + " files refused; nothing written to " + to + "; it is left as it was\n");
    assertThat(r.stdout).isEmpty();
    try (Stream<Path> s = Files.list(to)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("older.txt");
    }
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void refusesAFolderThatLacksAPinnedFile() throws Exception {
    Path copy = dir.resolve("copy");
    copyTree(Specs.root(), copy);
    Files.delete(copy.resolve("vercel/vercel.json.schema.json"));
    Path to = dir.resolve("specs");

    Result r = run("--from", copy.toString(), "--to", to.toString());

    assertThat(r.exit).isEqualTo(1);
    assertThat(r.stderr).startsWith("fetch-specs: vercel/vercel.json.schema.json: could not get "
        + copy.resolve("vercel/vercel.json.schema.json") + ": ");
    assertThat(to).doesNotExist();
    assertThat(leftovers()).isEmpty();
  }

  private List<String> leftovers() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".fetch-specs")).toList();
    }
  }

  static List<String> manifestFiles() throws Exception {
    Result r = run("--list");
    assertThat(r.exit).isZero();
    return r.stdout.lines().map(l -> l.split("\\s+")[1]).toList();
  }

  static Path checkoutRoot() {
    String root = System.getProperty("runway.root");
    if (root != null && !root.isBlank()) return Path.of(root);
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.exists(d.resolve("mvnw"))) return d;
    }
    throw new IllegalStateException("no checkout root (mvnw) at or above " + Path.of("").toAbsolutePath());
  }

  record Result(int exit, String stdout, String stderr) {}

  static Result run(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("fetch-specs", ".out");
    Path err = Files.createTempFile("fetch-specs", ".err");
    try {
      Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("scripts/fetch-specs took more than 60 s");
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else {
          Files.copy(p, target);
          assertThat(target.toFile().setWritable(true)).isTrue();
        }
      }
    }
  }

  private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}

package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory cases of {@link BoundedInputTest} in a JVM with a small heap (-Xmx256m), as a user's
 * {@code runway} runs: a bomb that slipped past a limit would end in an OutOfMemoryError here.
 */
class BoundedMemoryTest {
  private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

  record Run(int code, String err) {}

  private static Run runway(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-Xmx256m", "-cp",
        System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    Path err = dir.resolve("stderr.txt");
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("runway " + String.join(" ", args) + " ran past 90 s");
    }
    return new Run(p.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
  }

  private static String refused(Path dir, String... args) throws IOException, InterruptedException {
    Run r = runway(dir, args);
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).startsWith("runway: ").doesNotContain("\tat ").doesNotContain("OutOfMemoryError")
        .doesNotContain("StackOverflowError");
    assertThat(r.err().strip()).doesNotContain("\n");
    return r.err();
  }

  private static String validate(Path dir, String conf) throws IOException, InterruptedException {
    Files.writeString(dir.resolve("runway.conf"), conf);
    return refused(dir, "validate", "--config", dir.resolve("runway.conf").toString(), "--env", "production");
  }

  private static String doubling(String first, String ref, String separator) {
    StringBuilder text = new StringBuilder(first);
    for (int i = 1; i <= 40; i++) {
      text.append(ref).append(i).append(" = ${").append(ref).append(i - 1).append('}').append(separator)
          .append("${").append(ref).append(i - 1).append("}\n");
    }
    return text.toString();
  }

  @Test
  void aHoconDoublingBombIsOneLine(@TempDir Path dir) throws Exception {
    assertThat(validate(dir, "app = acme\n" + doubling("b0 = xxxxxxxxxxxxxxxx\n", "b", "")))
        .contains("substitutions expand past 16 MB of text (the limit for runway.conf)");
  }

  @Test
  void aHoconListConcatenationBombIsOneLine(@TempDir Path dir) throws Exception {
    assertThat(validate(dir, "app = acme\n" + doubling("l0 = [1, 2, 3, 4, 5, 6, 7, 8]\n", "l", " ")))
        .contains("substitutions expand past 16 MB of text (the limit for runway.conf)");
  }

  @Test
  void aBombSpreadOverAnIncludeIsCaughtAsOneLine(@TempDir Path dir) throws Exception {
    // Each file alone looks harmless to the scan; Typesafe Config runs out of memory, HoconModel says so.
    Files.writeString(dir.resolve("seed.conf"), "b0 = xxxxxxxxxxxxxxxx\n");
    Files.writeString(dir.resolve("bomb.conf"), doubling("", "b", "").replace("b1 = ${b0}${b0}", "b1 = ${b0}${b0}"));
    String err = validate(dir, "app = acme\ninclude \"seed.conf\"\ninclude \"bomb.conf\"\n");
    assertThat(err).isEqualTo("runway: " + dir.resolve("runway.conf") + ": expands past the memory when its includes"
        + " and substitutions are read; flatten it, and refer to each value fewer times\n");
  }

  @Test
  void includingDevZeroIsOneLine(@TempDir Path dir) throws Exception {
    assertThat(validate(dir, "include \"file:///dev/zero\"\napp = acme\n")).contains("is not a regular file");
  }

  @Test
  void aHundredThousandVariablesAreRead(@TempDir Path dir) throws Exception {
    StringBuilder text = new StringBuilder("app = acme\nvariables {\n");
    for (int i = 0; i < 100_000; i++) text.append("  V").append(i).append(" { required = false }\n");
    Files.writeString(dir.resolve("runway.conf"), text.append("}\n"));
    Run r = runway(dir, "validate", "--config", dir.resolve("runway.conf").toString(), "--env", "production");
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("OutOfMemoryError");
    assertThat(r.code()).as(r.err()).isIn(0, 2);
  }

  @Test
  void aDotenvExpansionBombIsOneLine(@TempDir Path dir) throws Exception {
    StringBuilder env = new StringBuilder("A0=xxxxxxxxxxxxxxxx\n");
    for (int i = 1; i <= 60; i++) env.append('A').append(i).append("=${A").append(i - 1).append("}${A").append(i - 1)
        .append("}\n");
    Files.writeString(dir.resolve(".env.production"), env);
    assertThat(validate(dir, "app = acme\nvariables { PORT { type = port, required = false } }\n"))
        .contains("expands past 16 MB of text (the limit for a dotenv file's values)");
  }

  @Test
  void a50MbVercelJsonIsOneLine(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("vercel.json");
    try (RandomAccessFile f = new RandomAccessFile(json.toFile(), "rw")) {
      f.setLength(50L * 1024 * 1024);
    }
    assertThat(refused(dir, "vercel", "check", "--file", json.toString())).contains("vercel.json is larger than 5 MB");
  }
}

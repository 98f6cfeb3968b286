package dev.runway.examples.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ops/Pipelines.java, compiled and run the way JBang runs it (its //SOURCES are this module's
 * classes, its //DEPS the test class path), in its own JVM against the sandboxes.
 */
class AcmeScriptTest {
  static final Path SCRIPT = Path.of("ops", "Pipelines.java").toAbsolutePath();

  @TempDir Path dir;
  Path classes;

  @BeforeEach
  void compile() throws Exception {
    classes = Files.createDirectories(dir.resolve("script-classes"));
    int code = ToolProvider.getSystemJavaCompiler().run(null, null, null,
        "-d", classes.toString(), "-cp", System.getProperty("java.class.path"), "--release", "17", SCRIPT.toString());
    assertThat(code).isZero();
  }

  private Process script(boolean failSmoke, String... args) throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(javaBin, "-cp",
        classes + File.pathSeparator + System.getProperty("java.class.path"), "Pipelines"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("out.txt").toFile());
    pb.environment().remove("RUNWAY_SMOKE_URL");
    if (failSmoke) pb.environment().put("RUNWAY_SMOKE_FAIL", "true");
    else pb.environment().remove("RUNWAY_SMOKE_FAIL");
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the script did not end").isTrue();
    return p;
  }

  @Test
  void theScriptRunsTheProductionPipelineAgainstTheSandboxes() throws Exception {
    Process p = script(false, "production-deploy", "--sandbox", "--approve", "production");
    String out = Files.readString(dir.resolve("out.txt"));

    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("pipeline production-deploy succeeded in ");
  }

  @Test
  void withRunwaySmokeFailTheScriptRollsBothDeploysBackAndExitsOne() throws Exception {
    Process p = script(true, "--sandbox", "--approve", "production");
    String out = Files.readString(dir.resolve("out.txt"));

    assertThat(p.exitValue()).as(out).isEqualTo(1);
    assertThat(out).contains("/api/health/failing answered 503, expected 200 (after 2 attempts)")
        .contains("  rolled back deploy-api (render:acme-api) from dep-")
        .contains("  rolled back deploy-web (vercel:acme-web) from dpl_");
  }
}

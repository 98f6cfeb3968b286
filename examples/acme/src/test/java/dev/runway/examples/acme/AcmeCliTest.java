package dev.runway.examples.acme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.cli.Main;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runway pipeline ...} finding the acme pipelines, and other providers, through --from. */
class AcmeCliTest {
  static final Path CLASSES = Path.of("target", "classes").toAbsolutePath();

  @TempDir Path dir;

  record Result(int code, String out, String err) {}

  private static Result runway(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void theProductionPipelineRunsAgainstTheSandboxesFromTheModulesClasses() {
    Result r = runway("pipeline", "run", "production-deploy", "--sandbox", "--approve", "production",
        "--from", CLASSES.toString(), "--state-dir", dir.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("pipeline production-deploy succeeded in ");
    assertThat(dir.resolve("pipeline-history.jsonl")).exists();
  }

  @Test
  void aFailingSmokeTestExitsOneAndSaysBothDeploysWereRolledBack() {
    System.setProperty("runway.smoke.fail", "true");
    Result r;
    try {
      r = runway("pipeline", "run", "production-deploy", "--sandbox", "--approve", "production",
          "--from", CLASSES.toString(), "--state-dir", dir.toString());
    } finally {
      System.clearProperty("runway.smoke.fail");
    }

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("pipeline production-deploy FAILED: api-health: GET http://127.0.0.1:")
        .containsPattern("\n  rolled back deploy-(api|web) \\((render:acme-api|vercel:acme-web)\\) from \\S+ to \\S+\n"
            + "  rolled back deploy-(api|web) \\((render:acme-api|vercel:acme-web)\\) from \\S+ to \\S+\n")
        .contains("rolled back deploy-api (render:acme-api) from dep-")
        .contains("rolled back deploy-web (vercel:acme-web) from dpl_");
  }

  @Test
  void providersAreLoadedFromAClassesFolderGivenWithFrom() throws Exception {
    Path classes = compileHelloProvider();

    Result without = runway("pipeline", "plan", "hello");
    Result with = runway("pipeline", "plan", "hello", "--from", classes.toString());

    assertThat(without.code()).isEqualTo(2);
    assertThat(without.err()).startsWith("runway: pipeline: no pipeline named 'hello' (known: ");
    assertThat(with.code()).as(with.err()).isZero();
    assertThat(with.out()).contains("hello").contains("greet");
  }

  @Test
  void providersAreLoadedFromThePathsInRunwayPipelines() throws Exception {
    Path classes = compileHelloProvider();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "pipeline", "plan", "hello").redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
    pb.environment().put("RUNWAY_PIPELINES", dir.resolve("missing") + File.pathSeparator + classes);
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = Files.readString(dir.resolve("out.txt"));

    // The missing entry is named: RUNWAY_PIPELINES is read, every entry of it.
    assertThat(p.exitValue()).as(out).isEqualTo(2);
    assertThat(out).contains("runway: pipeline: --from " + dir.resolve("missing") + ": no such jar or folder;"
        + " build it first (for a Maven module: ./mvnw -pl <module> -am package -DskipTests) or fix the path");

    pb.environment().put("RUNWAY_PIPELINES", classes.toString());
    Process ok = pb.start();
    assertThat(ok.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String plan = Files.readString(dir.resolve("out.txt"));
    assertThat(ok.exitValue()).as(plan).isZero();
    assertThat(plan).contains("greet");
  }

  @Test
  void aMissingFromPathIsAUsageError() {
    Result r = runway("pipeline", "plan", "--from", dir.resolve("nope.jar").toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("runway: pipeline: --from " + dir.resolve("nope.jar") + ": no such jar or folder;"
        + " build it first (for a Maven module: ./mvnw -pl <module> -am package -DskipTests) or fix the path\n");
  }

  /** A provider that is not on the test class path: compiled here into its own folder. */
  private Path compileHelloProvider() throws Exception {
    Path src = dir.resolve("src/hello/HelloProvider.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, """
        package hello;
        import dev.runway.pipeline.*;
        import java.util.List;
        public final class HelloProvider implements PipelineProvider {
          public List<Pipeline> pipelines(boolean sandbox) {
            return List.of(Pipeline.named("hello").stage("greet", s -> s.step(Step.java("greet", ctx -> ctx.log("hi")))).build());
          }
        }
        """);
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes.resolve("META-INF/services"));
    Files.writeString(classes.resolve("META-INF/services/dev.runway.pipeline.PipelineProvider"), "hello.HelloProvider\n");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
        "--release", "17", src.toString()));
    StringWriter log = new StringWriter();
    int code = javac.run(null, null, null, args.toArray(String[]::new));
    assertThat(code).as(log.toString()).isZero();
    return classes;
  }
}

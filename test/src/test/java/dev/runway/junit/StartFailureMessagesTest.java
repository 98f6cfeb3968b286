package dev.runway.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * A user's test class compiled against a sandbox module and run without it (or without what the
 * sandbox needs): the extension says which module to add. The classes are compiled here, then the
 * missing module's classes are deleted, the way a test class path without that jar looks.
 */
class StartFailureMessagesTest {
  @TempDir Path dir;

  /** Compiles {@code sources} (path -> text) into dir/classes, then deletes the classes of {@code absent} packages. */
  private ClassLoader compile(Map<String, String> sources, String... absentPackages) throws Exception {
    Path src = dir.resolve("src");
    Path out = dir.resolve("classes");
    Files.createDirectories(out);
    List<String> files = new ArrayList<>();
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path file = src.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue());
      files.add(file.toString());
    }
    String classPath = String.join(File.pathSeparator, codeSource(Sandbox.class), codeSource(Test.class),
        codeSource(org.junit.jupiter.api.extension.ExtendWith.class), codeSource(org.apiguardian.api.API.class));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-cp", classPath, "-proc:none"));
    args.addAll(files);
    assertThat(javac.run(null, null, null, args.toArray(String[]::new))).as("javac").isZero();
    for (String pkg : absentPackages) {
      Path gone = out.resolve(pkg.replace('.', '/'));
      try (var walk = Files.walk(gone)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
      }
    }
    return new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader());
  }

  private static String codeSource(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  private static String failure(Events events) {
    Event failed = events.failed().stream().findFirst().orElseThrow(() -> new AssertionError("nothing failed"));
    return failed.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow().getMessage();
  }

  private static Events run(Class<?> testClass) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().allEvents();
  }

  private static final String USERS_TEST = """
      package acme;

      import dev.runway.junit.Sandbox;
      import dev.runway.render.RenderSandbox;
      import org.junit.jupiter.api.Test;

      class DeployTest {
        @Sandbox static RenderSandbox render;

        @Test
        void deploys() {}
      }
      """;

  @Test
  void aSandboxWhoseStartNeedsAnAbsentModuleNamesTheModuleToAdd() throws Exception {
    ClassLoader loader = compile(Map.of(
        "acme/DeployTest.java", USERS_TEST,
        "dev/runway/render/RenderSandbox.java", """
            package dev.runway.render;

            public final class RenderSandbox implements AutoCloseable {
              public static RenderSandbox start() {
                dev.runway.base.Secret key = new dev.runway.base.Secret();
                return new RenderSandbox();
              }

              @Override
              public void close() {}
            }
            """,
        "dev/runway/base/Secret.java", "package dev.runway.base; public final class Secret {}"),
        "dev.runway.base");

    assertThat(failure(run(loader.loadClass("acme.DeployTest")))).isEqualTo("RunwayExtension: field DeployTest.render:"
        + " cannot start RenderSandbox: class dev.runway.base.Secret is not on the test class path; add"
        + " dev.runway:runway-base to your test dependencies (RenderSandbox is in dev.runway:runway-render: depend on"
        + " it through Maven or Gradle and what it needs comes with it)");
  }

  /**
   * When the field's own type is absent, JUnit fails the class while reading its fields, before any
   * extension runs: its error names the missing class, which docs/testing.md maps to a module.
   */
  @Test
  void aSandboxFieldWhoseTypeIsAbsentFailsInJUnitNamingTheMissingClass() throws Exception {
    ClassLoader loader = compile(Map.of(
        "acme/DeployTest.java", USERS_TEST,
        "dev/runway/render/RenderSandbox.java", """
            package dev.runway.render;

            public final class RenderSandbox implements AutoCloseable {
              public static RenderSandbox start() {
                return new RenderSandbox();
              }

              @Override
              public void close() {}
            }
            """),
        "dev.runway.render");

    assertThat(failure(run(loader.loadClass("acme.DeployTest")))).isEqualTo("dev/runway/render/RenderSandbox");
  }

  static class AutoCloseableField {
    @Sandbox static AutoCloseable render;

    @Test
    void never() {}
  }

  @Test
  void aFieldOfAnInterfaceTypeListsTheSandboxTypesThatStartThemselvesAndTheirModules() {
    assertThat(failure(run(AutoCloseableField.class))).isEqualTo("RunwayExtension: field AutoCloseableField.render:"
        + " AutoCloseable has no public static start() method; declare it as a sandbox type that starts itself,"
        + " RenderSandbox (dev.runway:runway-render), VercelSandbox (dev.runway:runway-vercel) or SupabaseSandbox"
        + " (dev.runway:runway-supabase), or assign the field yourself (@Sandbox static AutoCloseable render = ...;)");
  }

  @Test
  void aProcessSimulationFieldSaysHowToStartItWithALambda() throws Exception {
    ClassLoader loader = compile(Map.of(
        "acme/SimulationTest.java", """
            package acme;

            import dev.runway.dockersim.ProcessSimulation;
            import dev.runway.junit.Sandbox;
            import org.junit.jupiter.api.Test;

            class SimulationTest {
              @Sandbox static ProcessSimulation api;

              @Test
              void answers() {}
            }
            """,
        "dev/runway/dockersim/ProcessSimulation.java", """
            package dev.runway.dockersim;

            public final class ProcessSimulation implements AutoCloseable {
              @Override
              public void close() {}
            }
            """));

    assertThat(failure(run(loader.loadClass("acme.SimulationTest")))).isEqualTo("RunwayExtension: field"
        + " SimulationTest.api: ProcessSimulation has no public static start() method; it needs a model and a service,"
        + " so start it with a lambda: @RegisterExtension static final RunwayExtension.Resource<ProcessSimulation> api"
        + " = RunwayExtension.start(() -> DockerSim.process(Runway.load(Path.of(\"runway.conf\")), \"api\").port(0)"
        + ".start());");
  }

  @Test
  void namesTheArtifactOfEachRunwayPackage() {
    assertThat(RunwayExtension.artifactOf("dev.runway.render.RenderSandbox")).isEqualTo("dev.runway:runway-render");
    assertThat(RunwayExtension.artifactOf("dev.runway.dockersim.DockerSim")).isEqualTo("dev.runway:runway-docker-sim");
    assertThat(RunwayExtension.artifactOf("dev.runway.env.Env")).isEqualTo("dev.runway:runway-core");
    assertThat(RunwayExtension.artifactOf("dev.runway.Runway")).isEqualTo("dev.runway:runway-core");
    assertThat(RunwayExtension.artifactOf("dev.runway.base.Secret")).isEqualTo("dev.runway:runway-base");
    assertThat(RunwayExtension.artifactOf("okhttp3.OkHttpClient")).isNull();
  }
}

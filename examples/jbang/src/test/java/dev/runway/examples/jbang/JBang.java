package dev.runway.examples.jbang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs the example scripts through JBang from Maven Central ({@code dev.jbang:jbang-cli}), the way the
 * {@code jbang} launcher script does: {@code java -cp jbang.jar dev.jbang.Main run ...} resolves the
 * script's {@code //DEPS}, compiles it and, with exit code 255, prints the {@code java} command line to
 * run on stdout, which the launcher {@code exec}s through bash ({@code eval "exec $output"}). This class
 * does the same, so each script runs exactly as a user's {@code jbang deploy.java} would.
 *
 * <p>Offline and isolated, with everything under {@code target/}:
 *
 * <ul>
 *   <li>{@code JBANG_DIR=target/jbang}: JBang's cache (the dependency cache, compiled script jars);
 *   <li>{@code JBANG_REPO=target/jbang-repo}: JBang's local Maven repository, into which the build placed
 *       the reactor's own Runway jars and poms, so {@code //DEPS dev.runway:*:0.1.0-SNAPSHOT} resolve
 *       to this build's jars and never to ~/.m2;
 *   <li>{@code --repos build=file://<Maven's local repository>}: the only remote repository (it
 *       replaces Maven Central), read for third-party artifacts the build already downloaded;
 *       {@code --itr} ignores repositories declared in poms;
 *   <li>{@code --java 17 --jdk-providers javahome} with {@code JAVA_HOME} = the running JDK: JBang uses
 *       it or fails; it never downloads one. {@code JBANG_NO_VERSION_CHECK=true} stops its update check.
 * </ul>
 */
final class JBang {
  static final Path EXAMPLES = Path.of(required("runway.examples")).toAbsolutePath().normalize();
  static final Path SCRIPTS = EXAMPLES.resolve("jbang");
  static final Path ACME = EXAMPLES.resolve("acme");
  static final Path REPO = Path.of(required("runway.jbang.repo")).toAbsolutePath().normalize();
  private static final Path JBANG_DIR = Path.of(required("runway.jbang.dir")).toAbsolutePath().normalize();
  private static final Path MAVEN_REPO = Path.of(required("runway.maven.repo")).toAbsolutePath().normalize();
  private static final String JBANG_CLASSPATH = readClasspath();
  /** Resolving and compiling a script the first time takes a few seconds; a generous bound for 2 busy cores. */
  private static final Duration PREPARE_TIMEOUT = Duration.ofSeconds(90);

  private JBang() {}

  /** A finished script run. */
  record Run(int exitCode, String out, String err, List<String> command) {
    String all() {
      return out + err;
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** Runs a script to its end in {@code workDir}, with {@code env} on top of a minimal environment. */
  static Run run(Path workDir, Map<String, String> env, Duration timeout, String script, String... args) {
    Started started = start(workDir, env, script, args);
    try {
      if (!started.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        started.process.destroyForcibly();
        fail(script + " did not finish within " + timeout + "\n" + started.drain());
      }
      return new Run(started.process.exitValue(), started.out.drain(), started.err.drain(), started.command);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static Run run(String script, String... args) {
    return run(ACME, Map.of(), Duration.ofSeconds(60), script, args);
  }

  /** A script started through JBang and still running: its output is collected line by line. */
  static final class Started implements AutoCloseable {
    final Process process;
    final List<String> command;
    final Pump out;
    final Pump err;

    private Started(Process process, List<String> command) {
      this.process = process;
      this.command = command;
      this.out = new Pump(process.getInputStream());
      this.err = new Pump(process.getErrorStream());
    }

    /** Waits (bounded) for a stdout line matching {@code test}. */
    String awaitLine(Predicate<String> test, Duration timeout) {
      return out.await(test, timeout, this);
    }

    String drain() {
      return "--- stdout\n" + out.drain() + "--- stderr\n" + err.drain();
    }

    /** Stops the script as a terminal's Ctrl-C would (SIGTERM; shutdown hooks run) and waits for it. */
    int stop() {
      // Through the handle: Process.destroy() also closes our ends of its pipes, losing its last lines.
      process.toHandle().destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          fail("the script did not stop within 20 s of SIGTERM\n" + drain());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      return process.exitValue();
    }

    @Override
    public void close() {
      if (process.isAlive()) process.destroyForcibly();
    }
  }

  /**
   * Resolves and builds the script through JBang's Main, checks that every Runway jar on its class
   * path comes from this build, then starts the printed java command as the launcher would.
   */
  static Started start(Path workDir, Map<String, String> env, String script, String... args) {
    Map<String, String> environment = environment(env);
    List<String> jbang = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", JBANG_CLASSPATH, "dev.jbang.Main",
        "run", "--java", "17", "--jdk-providers", "javahome", "--itr",
        "--repos", "build=" + MAVEN_REPO.toUri(),
        SCRIPTS.resolve(script).toString()));
    jbang.addAll(Arrays.asList(args));
    try {
      ProcessBuilder pb = new ProcessBuilder(jbang).directory(workDir.toFile());
      pb.environment().clear();
      pb.environment().putAll(environment);
      Process prepare = pb.start();
      Pump out = new Pump(prepare.getInputStream());
      Pump err = new Pump(prepare.getErrorStream());
      if (!prepare.waitFor(PREPARE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        prepare.destroyForcibly();
        fail("JBang did not prepare " + script + " within " + PREPARE_TIMEOUT + "\n" + err.drain());
      }
      String commandLine = out.drain().strip();
      if (prepare.exitValue() != 255) {
        fail("JBang could not prepare " + script + " (exit " + prepare.exitValue() + ")\n" + commandLine + "\n"
            + err.drain());
      }
      List<String> command = List.of("bash", "-c", "exec " + commandLine);
      assertRunwayJarsComeFromThisBuild(commandLine);
      ProcessBuilder run = new ProcessBuilder(command).directory(workDir.toFile());
      run.environment().clear();
      run.environment().putAll(environment);
      return new Started(run.start(), command);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The class path JBang printed names Runway jars only from target/jbang-repo, never ~/.m2. */
  private static void assertRunwayJarsComeFromThisBuild(String commandLine) {
    String[] words = commandLine.split(" ");
    int cp = Arrays.asList(words).indexOf("-classpath");
    assertThat(cp).as("JBang's java command has a class path: %s", commandLine).isPositive();
    List<String> runway = Arrays.stream(words[cp + 1].replace("'", "").split(java.io.File.pathSeparator))
        .filter(e -> e.contains("/dev/runway/")).toList();
    assertThat(runway).as("the Runway jars on the script's class path").isNotEmpty()
        .allSatisfy(entry -> assertThat(Path.of(entry)).startsWith(REPO));
  }

  /** What the scripts see: no variable from the developer's shell except PATH and HOME, so tests are repeatable. */
  private static Map<String, String> environment(Map<String, String> extra) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + java.io.File.pathSeparator
        + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", System.getProperty("user.home"));
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("JBANG_DIR", JBANG_DIR.toString());
    env.put("JBANG_REPO", REPO.toString());
    env.put("JBANG_NO_VERSION_CHECK", "true");
    env.put("JBANG_DEFAULT_JAVA_VERSION", "17");
    env.put("NO_COLOR", "1");
    env.putAll(extra);
    return env;
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException("system property " + property + " is not set; run these tests through"
          + " Maven: ./mvnw verify -pl examples/jbang -am");
    }
    return value;
  }

  private static String readClasspath() {
    try {
      return Files.readString(Path.of(required("runway.jbang.classpath"))).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a stream on a daemon thread into a queue of lines. */
  static final class Pump {
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuilder seen = new StringBuilder();
    private final Thread thread;

    Pump(java.io.InputStream in) {
      thread = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) lines.add(line);
        } catch (IOException ignored) {
          // the process ended
        }
      }, "jbang-pump");
      thread.setDaemon(true);
      thread.start();
    }

    /** Everything read so far and, once the stream ends, everything. */
    synchronized String drain() {
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      List<String> rest = new ArrayList<>();
      lines.drainTo(rest);
      rest.forEach(l -> seen.append(l).append('\n'));
      return seen.toString();
    }

    String await(Predicate<String> test, Duration timeout, Started owner) {
      long deadline = System.nanoTime() + timeout.toNanos();
      try {
        while (true) {
          long left = deadline - System.nanoTime();
          String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
          if (line == null) {
            fail("no matching line within " + timeout + "\n" + owner.drain());
          }
          synchronized (this) {
            seen.append(line).append('\n');
          }
          if (test.test(line)) return line;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}

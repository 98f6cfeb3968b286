package dev.runway.pipeline.internal;

import dev.runway.pipeline.StepContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Runs a command with bash, streaming its merged output into the step log line by line. */
public final class Shell {
  private Shell() {}

  public static void run(StepContext ctx, String command, @Nullable Path dir, Map<String, String> env,
      List<String> secrets) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true);
    Path base = ctx instanceof Engine.Context ec ? ec.workDir() : Path.of(".");
    pb.directory((dir == null ? base : base.resolve(dir)).toFile());
    pb.environment().putAll(env);
    for (String name : secrets) {
      String value = ctx.variable(name).orElseThrow(() -> new StepFailed("secret " + name
          + " is not set; export " + name + "=... before the run (on GitHub: add it to the repository secrets)"));
      pb.environment().put(name, value);
    }
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new StepFailed("could not start bash (" + e.getMessage() + "); install bash or run on Linux/macOS");
    }
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) ctx.log(line);
      } catch (IOException ignored) {
        // the process was destroyed; its output ends here
      }
    }, "runway-shell-output");
    reader.setDaemon(true);
    reader.start();
    try {
      int code = process.waitFor();
      reader.join(2000);
      if (code != 0) throw new StepFailed("exit code " + code);
    } catch (InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw e;
    }
  }
}

package dev.runway.dockersim.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command to completion. The Docker driver issues every {@code docker} call through it,
 * so tests can check the exact command lines without an engine.
 */
@FunctionalInterface
public interface CommandRunner {
  /** What a finished (or timed-out, then killed) command left. */
  record Result(int exitCode, String stdout, String stderr, boolean timedOut) {}

  /**
   * Runs a command in a directory, bounded by a timeout.
   *
   * @throws IOException when the executable cannot be started (not installed, not on PATH)
   */
  Result run(List<String> command, Path directory, Duration timeout) throws IOException;

  /** The real thing: a child process, its output captured, killed when the timeout passes. */
  static CommandRunner system() {
    return (command, directory, timeout) -> {
      Process p = new ProcessBuilder(command).directory(directory.toFile()).start();
      p.getOutputStream().close();
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
      boolean finished;
      try {
        finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        finished = false;
      }
      if (!finished) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
      int code = finished ? p.exitValue() : -1;
      return new Result(code, out.join(), err.join(), !finished);
    };
  }

  private static String drain(InputStream in) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (in) {
      in.transferTo(buf);
    } catch (IOException e) {
      // The process was killed mid-write: keep what arrived.
    }
    return buf.toString(StandardCharsets.UTF_8);
  }
}

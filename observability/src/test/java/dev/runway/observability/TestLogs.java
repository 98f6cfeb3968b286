package dev.runway.observability;

import ch.qos.logback.classic.LoggerContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A private Logback context writing to memory, and helpers to wait for and read its lines. */
final class TestLogs implements AutoCloseable {
  final LoggerContext context = new LoggerContext();
  final ByteArrayOutputStream out = new SyncBuffer();

  TestLogs() {
    context.setName("test-" + System.nanoTime());
    context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
    context.start();
  }

  Logging.Builder logging() {
    return Observability.logging().context(context).stream(out).platformVariables(java.util.Map.of());
  }

  org.slf4j.Logger logger(String name) {
    return context.getLogger(name);
  }

  String text() {
    synchronized (out) {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  List<String> lines() {
    return text().lines().toList();
  }

  List<JsonNode> json() {
    return lines().stream().map(l -> JsonMapper.shared().readTree(l)).toList();
  }

  /** Waits (bounded) until {@code n} lines are written. */
  List<String> awaitLines(int n) {
    await(() -> lines().size() >= n, "at least " + n + " lines, have:\n" + text() + "\nlogback status:\n" + status());
    return lines();
  }

  /** Logback's own warnings and errors about this context (an appender or encoder that failed says so here). */
  String status() {
    StringBuilder b = new StringBuilder();
    for (ch.qos.logback.core.status.Status s : context.getStatusManager().getCopyOfStatusList()) {
      if (s.getLevel() < ch.qos.logback.core.status.Status.WARN) continue;
      b.append(s).append('\n');
      for (Throwable t = s.getThrowable(); t != null; t = t.getCause()) b.append("  ").append(t).append('\n');
    }
    return b.toString();
  }

  static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
      Thread.onSpinWait();
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Override
  public void close() {
    context.stop();
  }

  private static final class SyncBuffer extends ByteArrayOutputStream {
    @Override
    public synchronized void write(byte[] b, int off, int len) {
      super.write(b, off, len);
    }

    @Override
    public synchronized void write(int b) {
      super.write(b);
    }

    @Override
    public synchronized String toString(java.nio.charset.Charset charset) {
      return super.toString(charset);
    }
  }
}

package dev.runway.dockersim.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a child process's stdout and stderr line by line on two daemon threads, masks every secret
 * value, hands each line to a sink and keeps the last {@value #KEEP} lines.
 */
public final class LogPump {
  static final int KEEP = 1000;
  /** Values shorter than this are not masked: they would blank out ordinary words. */
  static final int MIN_SECRET_LENGTH = 6;
  private static final Logger LOG = LoggerFactory.getLogger(LogPump.class);

  private final Deque<String> lines = new ArrayDeque<>();
  private final List<String> secrets;
  private final Consumer<String> sink;
  private final CountDownLatch done = new CountDownLatch(2);

  private LogPump(List<String> secrets, Consumer<String> sink) {
    List<String> s = new ArrayList<>();
    for (String v : secrets) if (v.length() >= MIN_SECRET_LENGTH) s.add(v);
    // Longest first, so that a secret containing another is masked whole.
    s.sort(Comparator.comparingInt(String::length).reversed());
    this.secrets = List.copyOf(s);
    this.sink = sink;
  }

  public static LogPump start(String name, Process process, List<String> secrets, Consumer<String> sink) {
    LogPump pump = new LogPump(secrets, sink);
    pump.thread(name + "-stdout", process.getInputStream());
    pump.thread(name + "-stderr", process.getErrorStream());
    return pump;
  }

  private void thread(String name, InputStream in) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) accept(line);
      } catch (IOException e) {
        // The process is gone and its pipe closed: nothing more to read.
      } finally {
        done.countDown();
      }
    }, "runway-" + name);
    t.setDaemon(true);
    t.start();
  }

  private void accept(String raw) {
    String line = mask(raw);
    synchronized (lines) {
      lines.addLast(line);
      if (lines.size() > KEEP) lines.removeFirst();
    }
    try {
      sink.accept(line);
    } catch (RuntimeException e) {
      LOG.warn("log sink failed ({}); the line is kept in logs()", e.getClass().getSimpleName());
    }
  }

  /** A pump that reads nothing, for its {@link #mask}. */
  public static LogPump forMasking(List<String> secrets) {
    return new LogPump(secrets, line -> { });
  }

  public String mask(String line) {
    String out = line;
    for (String s : secrets) out = out.replace(s, "****");
    return out;
  }

  public List<String> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  /** Waits (bounded) until both streams are read to their end. */
  public boolean await(Duration timeout) {
    try {
      return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}

package dev.runway.pipeline.internal;

import dev.runway.base.Pools;
import dev.runway.pipeline.PipelineRun.StepResult;
import dev.runway.pipeline.StepStatus;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Live progress. On a terminal: finished steps scroll, and below them one line per running step
 * is redrawn in place (elapsed time and last output line). Otherwise: plain timestamped lines, one
 * per event and output line, which read well in CI logs.
 */
public final class Progress implements AutoCloseable {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);
  private static final String[] SPIN = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};

  private final @Nullable PrintStream out;
  private final boolean tty;
  private final Map<String, Running> running = new LinkedHashMap<>();
  private final List<String> pending = new ArrayList<>();
  private int drawn;
  private int frame;
  private @Nullable ScheduledExecutorService ticker;

  private static final class Running {
    final long start = System.nanoTime();
    String last = "";
  }

  public Progress(@Nullable PrintStream out, boolean tty) {
    this.out = out;
    this.tty = tty && out != null;
    if (this.tty) {
      ticker = Pools.timer("runway-progress");
      ticker.scheduleAtFixedRate(this::tick, 250, 250, TimeUnit.MILLISECONDS);
    }
  }

  private synchronized void tick() {
    if (!running.isEmpty()) redraw();
  }

  public synchronized void note(String text) {
    if (out == null) return;
    if (tty) {
      pending.add(text);
      redraw();
    } else {
      out.println(LocalTime.now().format(TIME) + " " + text);
    }
  }

  public synchronized void started(String stage, String step) {
    if (out == null) return;
    if (tty) {
      running.put(step, new Running());
      redraw();
    } else {
      out.println(LocalTime.now().format(TIME) + " [" + step + "] started (stage " + stage + ")");
    }
  }

  public synchronized void line(String step, String line) {
    if (out == null) return;
    if (tty) {
      Running r = running.get(step);
      if (r != null) r.last = line;
    } else {
      out.println(LocalTime.now().format(TIME) + " [" + step + "] | " + line);
    }
  }

  public synchronized void retry(String step, int attempt, int max, String reason) {
    note("[" + step + "] attempt " + (attempt - 1) + " of " + max + " failed: " + reason + "; retrying");
  }

  public synchronized void finished(StepResult r) {
    if (out == null) return;
    String text = symbol(r.status()) + " " + r.step() + " " + r.status().name().toLowerCase(Locale.ROOT)
        + " in " + Plans.human(r.duration()) + (r.attempts() > 1 ? " (" + r.attempts() + " attempts)" : "")
        + (r.message().isEmpty() ? "" : ": " + r.message());
    if (tty) {
      running.remove(r.step());
      pending.add(text);
      redraw();
    } else {
      out.println(LocalTime.now().format(TIME) + " [" + r.step() + "] " + text.substring(2));
    }
  }

  private static String symbol(StepStatus s) {
    return switch (s) {
      case SUCCEEDED -> "✔";
      case SKIPPED, NOT_RUN -> "-";
      case CANCELLED -> "⊘";
      default -> "✖";
    };
  }

  private void redraw() {
    if (out == null) return;
    StringBuilder sb = new StringBuilder();
    if (drawn > 0) sb.append("\033[").append(drawn).append('F');
    for (String p : pending) sb.append("\r\033[2K").append(p).append('\n');
    pending.clear();
    frame++;
    for (Map.Entry<String, Running> e : running.entrySet()) {
      long ms = (System.nanoTime() - e.getValue().start) / 1_000_000;
      String last = e.getValue().last;
      if (last.length() > 80) last = last.substring(0, 79) + "…";
      sb.append("\r\033[2K").append(SPIN[frame % SPIN.length]).append(' ').append(e.getKey())
          .append(String.format(Locale.ROOT, " %5.1fs ", ms / 1000.0)).append(last).append('\n');
    }
    sb.append("\033[J");
    drawn = running.size();
    out.print(sb);
    out.flush();
  }

  @Override
  public synchronized void close() {
    if (ticker != null) ticker.shutdownNow();
    if (tty && out != null) {
      running.clear();
      redraw();
    }
  }
}

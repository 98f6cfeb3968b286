package dev.runway.observability.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Hands events to its children on one writer thread through a bounded queue. A full queue never
 * blocks the logging thread: the event is dropped and counted, and the writer reports the drops
 * as one WARN line ({@code "N log events dropped ..."}) once the queue has room again. Output
 * streams with {@code immediateFlush=false} are flushed whenever the queue runs empty, so a quiet
 * application's lines are on disk at once and a busy one's are written in large blocks.
 */
public final class BoundedAsyncAppender extends ForwardingAppender {
  public static final String LOGGER_NAME = "dev.runway.observability";

  private final LongAdder dropped = new LongAdder();
  private int capacity = 8192;
  private long stopTimeoutMillis = 2000;
  private long reported;
  private volatile ArrayBlockingQueue<ILoggingEvent> queue = new ArrayBlockingQueue<>(1);
  private Thread writer = new Thread(() -> {});

  public BoundedAsyncAppender() {
    setName("RUNWAY_ASYNC");
  }

  public void setCapacity(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1 but was " + capacity);
    this.capacity = capacity;
  }

  public int getCapacity() {
    return capacity;
  }

  /** Events dropped because the queue was full, since start. */
  public long dropped() {
    return dropped.sum();
  }

  /** Events waiting to be written. */
  public int queued() {
    return queue.size();
  }

  @Override
  public void start() {
    if (isStarted()) return;
    queue = new ArrayBlockingQueue<>(capacity);
    writer = new Thread(this::drain, "runway-log-writer");
    writer.setDaemon(true);
    super.start();
    writer.start();
  }

  @Override
  protected void append(ILoggingEvent event) {
    // A MaskedEvent holds copies only; anything else must capture its thread-bound parts now.
    if (!(event instanceof MaskedEvent)) event.prepareForDeferredProcessing();
    if (!queue.offer(event)) dropped.increment();
  }

  private void drain() {
    List<ILoggingEvent> batch = new ArrayList<>(256);
    while (isStarted() || !queue.isEmpty()) {
      try {
        ILoggingEvent first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) continue;
        batch.add(first);
        queue.drainTo(batch, 255);
        for (ILoggingEvent e : batch) children.appendLoopOnAppenders(e);
        batch.clear();
        reportDrops();
        if (queue.isEmpty()) flush();
      } catch (InterruptedException e) {
        if (!isStarted()) break;
      } catch (RuntimeException e) {
        addError("writing log events failed", e);
      }
    }
    reportDrops();
    flush();
  }

  private void reportDrops() {
    long now = dropped.sum();
    if (now == reported) return;
    long count = now - reported;
    reported = now;
    LoggingEvent warn = new LoggingEvent();
    warn.setLoggerName(LOGGER_NAME);
    warn.setLevel(Level.WARN);
    warn.setThreadName("runway-log-writer");
    warn.setTimeStamp(System.currentTimeMillis());
    warn.setMessage(count + " log events dropped (the log queue of " + capacity
        + " was full; the application was not slowed); fewer lines or a larger queue avoid it");
    if (context instanceof ch.qos.logback.classic.LoggerContext lc) warn.setLoggerContext(lc);
    children.appendLoopOnAppenders(warn);
  }

  private void flush() {
    Iterator<Appender<ILoggingEvent>> it = children.iteratorForAppenders();
    while (it.hasNext()) {
      if (it.next() instanceof OutputStreamAppender<ILoggingEvent> out && !out.isImmediateFlush()
          && out.getOutputStream() != null) {
        try {
          out.getOutputStream().flush();
        } catch (IOException e) {
          addError("flushing " + out.getName() + " failed", e);
        }
      }
    }
  }

  @Override
  public void stop() {
    if (!isStarted()) return;
    super.stop();
    try {
      writer.join(stopTimeoutMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    children.detachAndStopAllAppenders();
  }
}

package dev.runway.monitor;

import dev.runway.base.RunwayException;
import dev.runway.notify.Notification;
import dev.runway.notify.Notifier;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Keeps what it is sent; can fail the first N attempts. */
final class RecordingNotifier implements Notifier {
  final List<Notification> sent = new CopyOnWriteArrayList<>();
  final AtomicInteger attempts = new AtomicInteger();
  private final int failFirst;

  RecordingNotifier(int failFirst) {
    this.failFirst = failFirst;
  }

  @Override
  public void send(Notification n) {
    if (attempts.incrementAndGet() <= failFirst) {
      throw new RunwayException.PlatformRejected("webhook", 502, null, "notify: webhook: answered 502; retry later", null);
    }
    sent.add(n);
  }

  /** Polls until {@code n} notifications arrived or 10 s passed. */
  List<Notification> await(int n) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (sent.size() < n && System.nanoTime() < deadline) Thread.sleep(10);
    return List.copyOf(sent);
  }
}

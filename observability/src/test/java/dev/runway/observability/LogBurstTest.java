package dev.runway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.runway.observability.internal.BoundedAsyncAppender;
import dev.runway.observability.internal.MaskingAppender;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class LogBurstTest {
  /** An output that hangs until released, as a full disk or a stuck pipe would. */
  static final class Stuck extends AppenderBase<ILoggingEvent> {
    final CountDownLatch release = new CountDownLatch(1);
    final List<String> written = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent e) {
      try {
        release.await();
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
      }
      written.add(e.getFormattedMessage());
    }
  }

  @Test
  void aBurstOf100kErrorsDoesNotBlockTheApplicationAndTheDropsAreCountedAndReported() throws Exception {
    try (TestLogs logs = new TestLogs()) {
      Logging logging = logs.logging().queueCapacity(1000).install();
      MaskingAppender masking = (MaskingAppender) logs.context.getLogger("ROOT").getAppender("RUNWAY_MASK");
      BoundedAsyncAppender async = (BoundedAsyncAppender) masking.getAppender("RUNWAY_ASYNC");
      Stuck stuck = new Stuck();
      stuck.setContext(logs.context);
      stuck.start();
      async.addAppender(stuck);

      Logger log = logs.logger("com.acme.Burst");
      Thread[] threads = new Thread[4];
      for (int t = 0; t < threads.length; t++) {
        int id = t;
        threads[t] = new Thread(() -> {
          for (int i = 0; i < 25_000; i++) log.error("burst {} {}", id, i);
        });
        threads[t].start();
      }
      // the output is stuck the whole time: if logging blocked, these threads would never end
      for (Thread t : threads) t.join(TimeUnit.SECONDS.toMillis(60));
      for (Thread t : threads) assertThat(t.isAlive()).as("logging thread still blocked").isFalse();
      long dropped = logging.dropped();
      // at most the queue and one batch the writer took before it got stuck were accepted
      assertThat(dropped).isGreaterThanOrEqualTo(100_000 - 1000 - 256);
      assertThat(logging.errors()).isEqualTo(100_000);

      stuck.release.countDown();
      TestLogs.await(() -> stuck.written.stream().anyMatch(l -> l.contains("log events dropped")), "the drop report");
      String report = stuck.written.stream().filter(l -> l.contains("log events dropped")).findFirst().orElseThrow();
      assertThat(report).isEqualTo(dropped + " log events dropped (the log queue of 1000 was full; the application"
          + " was not slowed); fewer lines or a larger queue avoid it");
      TestLogs.await(() -> stuck.written.size() == 100_000 - dropped + 1, "every accepted event written");
      logging.close();
    }
  }
}

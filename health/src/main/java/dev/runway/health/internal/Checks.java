package dev.runway.health.internal;

import dev.runway.health.Result;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** The in-process and socket-level probe kinds. Each bounds its blocking calls by the timeout. */
public final class Checks {
  private Checks() {}

  public static TimedCheck tcp(String host, int port) {
    return timeout -> {
      long t0 = System.nanoTime();
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), millis(timeout));
      }
      return Result.pass().withObserved(ms(System.nanoTime() - t0), "ms");
    };
  }

  /** Borrows a connection and runs the validity query (or {@code Connection.isValid}). */
  public static TimedCheck jdbc(DataSource dataSource, @Nullable String query) {
    return timeout -> {
      long t0 = System.nanoTime();
      int seconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
      try (Connection c = dataSource.getConnection()) {
        if (query == null) {
          if (!c.isValid(seconds)) return Result.fail("connection is not valid");
        } else {
          try (Statement st = c.createStatement()) {
            st.setQueryTimeout(seconds);
            try (ResultSet rs = st.executeQuery(query)) {
              if (!rs.next()) return Result.fail("validity query returned no row");
            }
          }
        }
      }
      return Result.pass().withObserved(ms(System.nanoTime() - t0), "ms");
    };
  }

  /** Heap used as a percentage of max (or committed, when max is undefined). */
  public static TimedCheck heap(double warnPercent, double failPercent) {
    return timeout -> {
      MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
      long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
      double used = Math.round(1000.0 * heap.getUsed() / max) / 10.0;
      Result r = used >= failPercent
          ? Result.fail("heap " + used + "% used (fail at " + failPercent + "%)")
          : used >= warnPercent ? Result.warn("heap " + used + "% used (warn at " + warnPercent + "%)") : Result.pass();
      return r.withDetail("heapUsedBytes", heap.getUsed()).withDetail("heapMaxBytes", max).withObserved(used, "%");
    };
  }

  public static TimedCheck diskFree(Path path, long minFreeBytes) {
    return timeout -> {
      FileStore store = Files.getFileStore(path);
      long free = store.getUsableSpace();
      Result r = free < minFreeBytes
          ? Result.fail(mib(free) + " MiB free on " + path + " (need " + mib(minFreeBytes) + " MiB)")
          : Result.pass();
      return r.withDetail("freeBytes", free).withObserved(mib(free), "MiB");
    };
  }

  private static long mib(long bytes) {
    return bytes / (1024 * 1024);
  }

  static int millis(Duration d) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
  }

  static double ms(long nanos) {
    return Math.round(nanos / 1000.0) / 1000.0;
  }
}

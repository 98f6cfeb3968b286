package dev.runway.bench.observability;

import ch.qos.logback.classic.LoggerContext;
import dev.runway.observability.Logging;
import dev.runway.observability.Masker;
import dev.runway.observability.Observability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Sustained events per second through Runway's whole JSON path (masking with 20 secrets and the key
 * formats, error grouping, bounded queue, logstash JSON encoding) into a file appender. Logs
 * {@code N} events from one thread, closes (which drains the queue), and reports written events
 * over the elapsed time; dropped events are reported and not counted. Target: ≥ 200k events/s.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.runway.bench.observability.JsonLogThroughput [events] [rounds]</pre>
 */
public final class JsonLogThroughput {
  private JsonLogThroughput() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path dir = Files.createTempDirectory("runway-log-bench");
    Masker.Builder secrets = Masker.builder();
    for (int i = 0; i < 20; i++) secrets.secret("secret-value-" + i + "-Zq8xW2mN4pR7tY1u");
    Masker masker = secrets.build();
    for (int round = 0; round < rounds; round++) {
      Path file = dir.resolve("app-" + round + ".log");
      LoggerContext ctx = new LoggerContext();
      ctx.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
      ctx.start();
      Logging logging = Observability.logging().context(ctx).file(file).format(Logging.Format.JSON)
          .service("bench").environment("production").version("0000000").masker(masker)
          .queueCapacity(65_536).platformVariables(Map.of()).install();
      Logger log = ctx.getLogger("com.acme.Api");
      long start = System.nanoTime();
      for (int i = 0; i < events; i++) {
        log.info("GET /api/orders/{} answered 200 in {} ms for user {} region oregon cache miss items 17", i, i % 50, 42);
      }
      logging.close();
      long elapsed = System.nanoTime() - start;
      long dropped = logging.dropped();
      long lines;
      try (var s = Files.lines(file)) {
        lines = s.count();
      }
      double perSecond = (events - dropped) / (elapsed / 1e9);
      System.out.printf("round %d: %,d events in %.0f ms, %,d written (%,d lines in file), %,d dropped: %,.0f events/s%n",
          round, events, elapsed / 1e6, events - dropped, lines, dropped, perSecond);
      Files.delete(file);
      ctx.stop();
    }
  }
}

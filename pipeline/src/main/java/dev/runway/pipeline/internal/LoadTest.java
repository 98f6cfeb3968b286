package dev.runway.pipeline.internal;

import dev.runway.base.Pools;
import tools.jackson.databind.json.JsonMapper;
import dev.runway.pipeline.PerformanceBudget;
import dev.runway.pipeline.StepContext;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A short, bounded open-loop load test and its comparison with a stored p95 baseline. */
public final class LoadTest {
  static final int MAX_IN_FLIGHT = 64;

  private LoadTest() {}

  /** Latency percentiles in milliseconds, and how many requests failed. */
  public record Percentiles(double p50, double p95, double p99, int requests, int errors) {}

  public static Percentiles measure(URI url, int rps, Duration duration) throws InterruptedException {
    int total = (int) Math.max(1, rps * duration.toMillis() / 1000);
    List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger errors = new AtomicInteger();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger sent = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(total);
    ScheduledExecutorService timer = Pools.timer("runway-load");
    HttpRequest request = HttpRequest.newBuilder(url).GET().timeout(Duration.ofSeconds(5)).build();
    try {
      timer.scheduleAtFixedRate(() -> {
        if (sent.getAndIncrement() >= total) return;
        if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) { // the server is drowning: count, do not pile on
          inFlight.decrementAndGet();
          errors.incrementAndGet();
          done.countDown();
          return;
        }
        long start = System.nanoTime();
        Checks.HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
          inFlight.decrementAndGet();
          if (e != null || r.statusCode() >= 500) errors.incrementAndGet();
          else latencies.add((System.nanoTime() - start) / 1e6);
          done.countDown();
        });
      }, 0, 1_000_000_000L / rps, TimeUnit.NANOSECONDS);
      if (!done.await(duration.toMillis() + 10_000, TimeUnit.MILLISECONDS)) {
        errors.addAndGet((int) done.getCount());
      }
    } finally {
      timer.shutdownNow();
    }
    List<Double> sorted;
    synchronized (latencies) {
      sorted = new ArrayList<>(latencies);
    }
    Collections.sort(sorted);
    return new Percentiles(pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), total, errors.get());
  }

  static double pct(List<Double> sorted, int p) {
    if (sorted.isEmpty()) return 0;
    int rank = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank)));
  }

  /** The verdict; empty when within budget, else the reason. */
  public static String judge(double p95, double baselineP95, double maxRegression) {
    if (baselineP95 <= 0) return "";
    double regression = p95 / baselineP95 - 1;
    if (regression <= maxRegression) return "";
    return String.format(Locale.ROOT, "p95 %.1f ms is %.0f%% above the baseline %.1f ms (allowed +%.0f%%)",
        p95, regression * 100, baselineP95, maxRegression * 100);
  }

  public static void gate(StepContext ctx, URI url, PerformanceBudget budget) throws Exception {
    Path base = ctx instanceof Engine.Context ec ? ec.workDir() : Path.of(".");
    Path file = base.resolve(budget.baseline());
    Percentiles m = measure(url, budget.requestsPerSecond(), budget.duration());
    ctx.log(String.format(Locale.ROOT, "%d requests, %d errors, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms",
        m.requests(), m.errors(), m.p50(), m.p95(), m.p99()));
    if (m.errors() * 100 > m.requests()) {
      throw new StepFailed(m.errors() + " of " + m.requests() + " requests to " + Checks.safe(url)
          + " failed (more than 1%); fix the errors before judging latency");
    }
    if (!Files.exists(file)) {
      ObjectNode node = JsonMapper.shared().createObjectNode();
      node.put("url", Checks.safe(url));
      node.put("p50", m.p50());
      node.put("p95", m.p95());
      node.put("p99", m.p99());
      node.put("recordedAt", Instant.now().toString());
      if (file.getParent() != null) Files.createDirectories(file.getParent());
      Files.writeString(file, JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(node));
      ctx.log("no baseline yet: recorded " + budget.baseline());
      return;
    }
    JsonNode baseline = JsonMapper.shared().readTree(Files.readString(file));
    String verdict = judge(m.p95(), baseline.path("p95").asDouble(0), budget.maxP95Regression());
    if (!verdict.isEmpty()) {
      throw new StepFailed(verdict + "; find the slowdown, or accept it by deleting " + budget.baseline());
    }
  }
}

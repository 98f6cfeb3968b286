package dev.runway.bench.monitor;

import com.sun.management.OperatingSystemMXBean;
import com.sun.net.httpserver.HttpServer;
import dev.runway.health.HttpProbe;
import dev.runway.monitor.Endpoint;
import dev.runway.monitor.History;
import dev.runway.monitor.Monitor;
import dev.runway.monitor.MonitorStats;
import dev.runway.monitor.Observation;
import dev.runway.monitor.State;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * 1,000 HTTP monitors at a 10 s interval against a local server in a separate process (so its CPU
 * is not counted), history in SQLite. Measures, after a warm-up: scheduling lag (due to started)
 * p50/p99/max, checks run against checks due, the monitor process's CPU as a share of one core,
 * and heap (run it with -Xmx128m: finishing at all proves the bound; the peak is printed too).
 *
 * <pre>
 *   bash bench/monitor-load.sh        # or:
 *   java -Xmx128m -cp bench/target/benchmarks.jar dev.runway.bench.monitor.MonitorLoad [monitors] [interval-s] [warmup-s] [measure-s] [jitter|stagger|burst]
 * </pre>
 */
public final class MonitorLoad {
  private MonitorLoad() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("server")) {
      serve(Integer.parseInt(args[1]));
      return;
    }
    int monitors = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    Duration interval = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 10);
    Duration warmup = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 30);
    Duration measure = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 120);
    String mode = args.length > 4 ? args[4] : "jitter";
    boolean burst = mode.equals("burst");
    boolean noJitter = burst || mode.equals("stagger");

    int port = freePort();
    Process server = new ProcessBuilder(javaBin(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        MonitorLoad.class.getName(), "server", String.valueOf(port)).inheritIO().start();
    Path dir = Files.createTempDirectory("runway-monitor-load");
    try {
      waitForServer(port);
      List<Endpoint> endpoints = new ArrayList<>();
      for (int i = 0; i < monitors; i++) {
        endpoints.add(Endpoint.builder("svc-" + i,
                HttpProbe.get("http://127.0.0.1:" + port + "/svc/" + i + "/health").expectStatus(200).build()
                    .timeout(Duration.ofSeconds(2)))
            .interval(interval).jitter(noJitter ? Duration.ZERO : interval.minusMillis(100)).build());
      }
      OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      try (Monitor monitor = Monitor.builder().endpoints(endpoints).history(History.sqlite(dir.resolve("monitor.db")))
          .stagger(!burst).build()) {
        System.out.printf(Locale.ROOT, "monitor load: %d HTTP monitors every %d s (%s), history SQLite, max heap %d MB,"
                + " %d CPUs%n", monitors, interval.toSeconds(), burst ? "no jitter, stagger off: all due at once" : noJitter ? "no jitter, staggered by name (the default)"
                : "spread by a random jitter below the interval",
            Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        monitor.start();
        Thread.sleep(warmup.toMillis());
        MonitorStats before = monitor.stats();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
        java.util.Map<String, Long> threads0 = threadCpu();
        long gc0 = gcMillis();
        long jit0 = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        Instant from = Instant.now();
        long maxUsed = 0;
        long end = wall0 + measure.toNanos();
        while (System.nanoTime() < end) {
          Thread.sleep(1000);
          Runtime rt = Runtime.getRuntime();
          maxUsed = Math.max(maxUsed, rt.totalMemory() - rt.freeMemory());
        }
        long cpu1 = os.getProcessCpuTime();
        java.util.Map<String, Long> threads1 = threadCpu();
        long gc1 = gcMillis();
        long jit1 = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long wall1 = System.nanoTime();
        Instant to = Instant.now();
        MonitorStats after = monitor.stats();
        long peakHeap = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
          if (p.getType() == MemoryType.HEAP) peakHeap += p.getPeakUsage().getUsed();
        }
        double seconds = (wall1 - wall0) / 1e9;
        long checks = after.checks() - before.checks();
        double due = monitors * seconds / interval.toSeconds();
        long up = 0;
        long down = 0;
        for (int i = 0; i < monitors; i += 50) { // a sample of the history, to show the checks really ran
          for (Observation o : monitor.history().observations("svc-" + i, from, to)) {
            if (o.state() == State.UP) up++;
            else down++;
          }
        }
        System.out.printf(Locale.ROOT, "window            %.0f s after %d s warm-up%n", seconds, warmup.toSeconds());
        System.out.printf(Locale.ROOT, "checks            %d run, %.0f due (%.1f%%), %d skipped, %d missed slots%n",
            checks, due, 100.0 * checks / due, after.skipped() - before.skipped(), after.missed() - before.missed());
        System.out.printf(Locale.ROOT, "lag (due->start)  p50 %.1f ms, p99 %.1f ms, max %.1f ms (last %d checks, warm-up included)%n",
            after.lagP50().toNanos() / 1e6, after.lagP99().toNanos() / 1e6, after.lagMax().toNanos() / 1e6,
            Math.min(after.checks(), 65536));
        System.out.printf(Locale.ROOT, "cpu               %.1f%% of one core (process CPU time / wall time)%n",
            100.0 * (cpu1 - cpu0) / (wall1 - wall0));
        StringBuilder byThread = new StringBuilder();
        java.util.Map<String, Long> delta = new java.util.HashMap<>();
        threads1.forEach((k, v) -> delta.put(k, v - threads0.getOrDefault(k, 0L)));
        delta.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
            .forEach(e -> byThread.append(String.format(Locale.ROOT, " %s %.1f%%,", e.getKey(),
                100.0 * e.getValue() / (wall1 - wall0))));
        System.out.println("cpu by thread    " + byThread.substring(0, Math.max(0, byThread.length() - 1))
            + " (threads alive at both ends)");
        System.out.printf(Locale.ROOT, "gc, jit           GC %.1f%% of wall time (collection time), JIT compiling %d ms in the window%n",
            100.0 * (gc1 - gc0) / ((wall1 - wall0) / 1e6), jit1 - jit0);
        System.out.printf(Locale.ROOT, "heap              peak %.1f MB (pools), max sampled used %.1f MB, limit %d MB%n",
            peakHeap / 1048576.0, maxUsed / 1048576.0, Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "history sample    %d up, %d not up (every 50th monitor, in SQLite)%n", up, down);
        monitor.historyProblem().ifPresent(p -> System.out.println("history problem   " + p));
        boolean ok = after.lagP99().toMillis() <= 1000 && 100.0 * (cpu1 - cpu0) / (wall1 - wall0) <= 10.0;
        System.out.println("targets           lag p99 <= 1000 ms, cpu <= 10% of one core, heap <= 128 MB: "
            + (ok && Runtime.getRuntime().maxMemory() <= 128L << 20 ? "met" : "see numbers above"));
      }
    } finally {
      server.destroy();
      server.waitFor(5, TimeUnit.SECONDS);
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void serve(int port) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
    server.setExecutor(Executors.newFixedThreadPool(4));
    byte[] body = "{\"status\":\"pass\"}".getBytes(StandardCharsets.UTF_8);
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().set("Content-Type", "application/health+json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    Thread.currentThread().join(); // until the harness destroys this process
  }

  private static long gcMillis() {
    long sum = 0;
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) sum += Math.max(0, gc.getCollectionTime());
    return sum;
  }

  /** CPU time by thread name with the trailing number removed (pools summed). */
  private static java.util.Map<String, Long> threadCpu() {
    java.lang.management.ThreadMXBean t = ManagementFactory.getThreadMXBean();
    java.util.Map<String, Long> out = new java.util.HashMap<>();
    for (long id : t.getAllThreadIds()) {
      java.lang.management.ThreadInfo info = t.getThreadInfo(id);
      long cpu = t.getThreadCpuTime(id);
      if (info == null || cpu < 0) continue;
      out.merge(info.getThreadName().replaceAll("[-#]?\\d+$", ""), cpu, Long::sum);
    }
    return out;
  }

  private static int freePort() throws Exception {
    try (var s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void waitForServer(int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try (var s = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (java.io.IOException e) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("bench: target server did not start on port " + port + " within 30 s");
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}

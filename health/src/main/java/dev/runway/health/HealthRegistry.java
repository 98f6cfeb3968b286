package dev.runway.health;

import dev.runway.base.RunwayException;
import dev.runway.base.Pools;
import dev.runway.health.internal.ProbeRunner;
import dev.runway.health.internal.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The probes of one service, grouped into liveness, readiness and deep, and the machinery that runs
 * them. Build one with {@link Health#registry()}; close it when the service stops.
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>The probes of a request run in parallel, each under its own timeout, and the request under
 *       an overall deadline ({@link Builder#deadline(Duration)}, default 5 s).
 *   <li>A probe's result is reused for its cache TTL; concurrent requests share one in-flight run;
 *       a probe whose previous run hangs past its timeout is not started again until that run
 *       returns. So N requests per second cost at most one dependency call per probe per TTL.
 *   <li>Liveness probes run on their own threads, apart from dependency probes: a hanging
 *       dependency cannot delay liveness.
 *   <li>With {@link Builder#backgroundRefresh(boolean)} probes are refreshed every TTL by a
 *       timer and requests never call a dependency at all.
 * </ul>
 *
 * <pre>{@code
 * HealthRegistry health = Health.registry()
 *     .liveness("process", Probes.up())
 *     .deep("db", Probes.jdbc(dataSource).timeout(Duration.ofSeconds(2)))
 *     .build();
 * HealthReport deep = health.check(Group.DEEP);
 * }</pre>
 */
public final class HealthRegistry implements AutoCloseable {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  /** Collects probes and settings; {@link #build()} starts nothing until a request or refresh. */
  public static final class Builder {
    private final Map<String, Probe> probes = new LinkedHashMap<>();
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private Duration defaultTtl = Duration.ofSeconds(1);
    private Duration deadline = Duration.ofSeconds(5);
    private Duration startupGrace = Duration.ZERO;
    private boolean backgroundRefresh;

    Builder() {}

    /** A probe of the process itself; it must never touch a dependency. */
    public Builder liveness(String name, Probe probe) {
      return add(name, probe, Group.LIVENESS);
    }

    /** A probe that decides whether the service should receive traffic. */
    public Builder readiness(String name, Probe probe) {
      return add(name, probe, Group.READINESS);
    }

    /** A dependency probe, run only by the deep endpoint. */
    public Builder deep(String name, Probe probe) {
      return add(name, probe, Group.DEEP);
    }

    private Builder add(String name, Probe probe, Group group) {
      if (!NAME.matcher(name).matches()) {
        throw new RunwayException.ModelInvalid(
            "health: probe '" + name + "': not a valid name; use 1-64 letters, digits, '_', '.' or '-'", null);
      }
      if (probes.containsKey(name)) {
        throw new RunwayException.ModelInvalid(
            "health: probe '" + name + "': registered twice (in " + groupName(groups.get(name)) + " and "
                + groupName(group) + "); give each probe its own name", null);
      }
      probes.put(name, probe);
      groups.put(name, group);
      return this;
    }

    /** The TTL of probes that set none with {@link Probe#cacheFor(Duration)}; default 1 s. */
    public Builder defaultCacheTtl(Duration ttl) {
      if (ttl.isNegative()) throw new IllegalArgumentException("health: default cache TTL: must be >= 0 but was " + ttl);
      this.defaultTtl = ttl;
      return this;
    }

    /** The longest a request waits for all its probes; default 5 s. */
    public Builder deadline(Duration overall) {
      if (overall.isZero() || overall.isNegative()) {
        throw new IllegalArgumentException("health: deadline: must be positive but was " + overall);
      }
      this.deadline = overall;
      return this;
    }

    /**
     * For this long after {@link #build()}, failing probes report {@code warn} instead of
     * {@code fail}, so a platform does not kill a service that is still warming up; default 0.
     */
    public Builder startupGrace(Duration grace) {
      if (grace.isNegative()) throw new IllegalArgumentException("health: startup grace: must be >= 0 but was " + grace);
      this.startupGrace = grace;
      return this;
    }

    /** Refresh every probe every TTL on a timer, so requests only read memory; default off. */
    public Builder backgroundRefresh(boolean enabled) {
      this.backgroundRefresh = enabled;
      return this;
    }

    public HealthRegistry build() {
      return new HealthRegistry(this);
    }
  }

  private static String groupName(Group g) {
    return g.name().toLowerCase(java.util.Locale.ROOT);
  }

  private record Registered(String name, Probe probe, Group group, ProbeRunner runner) {}

  private final List<Registered> registered = new ArrayList<>();
  private final Map<Group, List<Registered>> byGroup = new EnumMap<>(Group.class);
  private final Map<Group, Duration> maxAge = new EnumMap<>(Group.class);
  private final ThreadPoolExecutor livenessPool;
  private final ThreadPoolExecutor dependencyPool;
  private final ScheduledThreadPoolExecutor timer;
  private final Duration deadline;
  private final long graceEndsNanos;
  /** Per group: the last report built wholly from cached samples, reused while they stay the same. */
  private final Map<Group, CachedReport> lastReports = new java.util.concurrent.ConcurrentHashMap<>();

  private record CachedReport(Sample[] samples, boolean inGrace, HealthReport report) {}

  private HealthRegistry(Builder b) {
    long live = b.groups.values().stream().filter(g -> g == Group.LIVENESS).count();
    int deps = b.probes.size() - (int) live;
    // One thread per probe: with single flight a probe never needs two, so no probe waits for a thread.
    livenessPool = Pools.fixed("runway-health-liveness", Math.max(1, (int) live), Math.max(1, (int) live));
    dependencyPool = Pools.fixed("runway-health-probe", Math.max(1, deps), Math.max(1, deps));
    timer = Pools.timer("runway-health-timer");
    deadline = b.deadline;
    graceEndsNanos = System.nanoTime() + b.startupGrace.toNanos();
    for (Map.Entry<String, Probe> e : b.probes.entrySet()) {
      Group group = b.groups.get(e.getKey());
      Probe probe = e.getValue();
      Duration ttl = probe.cacheTtl().orElse(b.defaultTtl);
      ProbeRunner runner = new ProbeRunner(
          e.getKey(), probe.check(), probe.timeout(), ttl, b.backgroundRefresh && !ttl.isZero(),
          group == Group.LIVENESS ? livenessPool : dependencyPool, timer);
      registered.add(new Registered(e.getKey(), probe, group, runner));
    }
    for (Group g : Group.values()) {
      List<Registered> members = registered.stream().filter(r -> includes(g, r.group())).toList();
      byGroup.put(g, members);
      maxAge.put(g, members.stream().map(r -> r.runner().ttl()).min(Duration::compareTo).orElse(Duration.ZERO));
    }
    if (b.backgroundRefresh) {
      for (Registered r : registered) {
        long ttl = r.runner().ttl().toNanos();
        if (ttl > 0) timer.scheduleAtFixedRate(r.runner()::refresh, 0, ttl, TimeUnit.NANOSECONDS);
      }
    }
  }

  private static boolean includes(Group request, Group member) {
    return switch (request) {
      case LIVENESS -> member == Group.LIVENESS;
      case READINESS -> member != Group.DEEP;
      case DEEP -> true;
    };
  }

  /** The names of the probes a request of {@code group} runs, in registration order. */
  public List<String> names(Group group) {
    return byGroup.get(group).stream().map(Registered::name).toList();
  }

  /** Runs (or reuses) the group's probes and waits for the report, at most the deadline. */
  public HealthReport check(Group group) {
    try {
      return checkAsync(group).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunwayException.Timeout("health: " + groupName(group) + ": interrupted while waiting for probes; "
          + "retry the request", null, deadline);
    } catch (ExecutionException e) {
      throw new IllegalStateException("health: report failed unexpectedly", e.getCause());
    }
  }

  /**
   * The report of {@code group}, completed when every probe has answered or the deadline has
   * passed, whichever is first. Already complete when every result is cached. Never completes
   * exceptionally.
   */
  public CompletableFuture<HealthReport> checkAsync(Group group) {
    List<Registered> members = byGroup.get(group);
    @SuppressWarnings("unchecked")
    CompletableFuture<Sample>[] futures = new CompletableFuture[members.size()];
    boolean allDone = true;
    for (int i = 0; i < futures.length; i++) {
      futures[i] = members.get(i).runner().sample();
      allDone &= futures[i].isDone();
    }
    if (allDone) return CompletableFuture.completedFuture(reuseOrReport(group, members, futures));
    return CompletableFuture.allOf(futures)
        .completeOnTimeout(null, deadline.toNanos(), TimeUnit.NANOSECONDS)
        .handle((v, e) -> report(group, members, futures));
  }

  /**
   * When every sample is the very one the previous report was built from, that report (and the
   * JSON it has already rendered) is returned again: a cached request allocates almost nothing.
   */
  private HealthReport reuseOrReport(Group group, List<Registered> members, CompletableFuture<Sample>[] futures) {
    boolean inGrace = System.nanoTime() - graceEndsNanos < 0;
    Sample[] samples = new Sample[futures.length];
    for (int i = 0; i < samples.length; i++) samples[i] = futures[i].getNow(null);
    CachedReport last = lastReports.get(group);
    if (last != null && last.inGrace() == inGrace && sameSamples(last.samples(), samples)) return last.report();
    HealthReport report = report(group, members, futures);
    boolean allCached = true;
    for (Sample s : samples) allCached &= s != null && s.cached();
    if (allCached) lastReports.put(group, new CachedReport(samples, inGrace, report));
    return report;
  }

  private static boolean sameSamples(Sample[] a, Sample[] b) {
    if (a.length != b.length) return false;
    for (int i = 0; i < a.length; i++) if (a[i] != b[i]) return false;
    return true;
  }

  private HealthReport report(Group group, List<Registered> members, CompletableFuture<Sample>[] futures) {
    boolean inGrace = System.nanoTime() - graceEndsNanos < 0;
    Status overall = Status.PASS;
    List<HealthReport.Entry> entries = new ArrayList<>(members.size());
    for (int i = 0; i < futures.length; i++) {
      Registered r = members.get(i);
      Sample s = futures[i].getNow(null);
      if (s == null) {
        s = new Sample(Result.fail("overall deadline of " + deadline.toMillis() + " ms passed before it answered"),
            deadline.toNanos(), Instant.now(), System.nanoTime(), false);
      }
      Result result = s.result();
      if (inGrace && result.status() == Status.FAIL) {
        result = result.withStatus(Status.WARN, "in startup grace: " + result.message()).withDetail("startupGrace", true);
      }
      Status own = result.status();
      Status counted = own == Status.FAIL && !r.probe().critical() ? Status.WARN : own;
      overall = overall.and(counted);
      entries.add(new HealthReport.Entry(
          r.name(), r.probe(), own, result, Duration.ofNanos(s.durationNanos()), s.checkedAt(), s.cached()));
    }
    return new HealthReport(group, overall, entries, maxAge.get(group));
  }

  /** Stops the timer and the probe threads (interrupting running probes). Idempotent. */
  @Override
  public void close() {
    timer.shutdownNow();
    livenessPool.shutdownNow();
    dependencyPool.shutdownNow();
  }

  @Override
  public String toString() {
    return "HealthRegistry" + registered.stream().map(r -> groupName(r.group()) + ":" + r.name()).toList();
  }
}

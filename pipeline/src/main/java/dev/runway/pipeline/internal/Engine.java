package dev.runway.pipeline.internal;

import dev.runway.base.RunwayException;
import dev.runway.base.Pools;
import dev.runway.notify.Notification;
import dev.runway.notify.Notifier;
import dev.runway.pipeline.Approval;
import dev.runway.pipeline.Approver;
import dev.runway.pipeline.DeployTarget;
import dev.runway.pipeline.Deployment;
import dev.runway.pipeline.Pipeline;
import dev.runway.pipeline.PipelineRun;
import dev.runway.pipeline.PipelineRun.RollbackResult;
import dev.runway.pipeline.PipelineRun.StepResult;
import dev.runway.pipeline.Stage;
import dev.runway.pipeline.Step;
import dev.runway.pipeline.StepContext;
import dev.runway.pipeline.StepStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** One run of one pipeline; see {@link dev.runway.pipeline.LocalExecutor} for the guarantees. */
public final class Engine {
  /** The executor's settings. */
  public record Settings(int parallelism, Approver approver, @Nullable PrintStream progress, boolean tty, String branch,
      String environment, Function<String, Optional<String>> variables, Path workDir, Path stateDir,
      @Nullable Instant commitTime, @Nullable URI link, List<String> masked, boolean sendNotifications) {}

  static final int TAIL = 40;
  private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", java.util.Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  // Step bodies run here so that a runner can stop waiting on timeout: daemon threads, never a leak
  // that keeps the JVM alive when a Java step ignores its interrupt.
  private static final ExecutorService BODIES = Executors.newCachedThreadPool(Pools.daemon("runway-step"));
  private static final ExecutorService RUNNERS = Executors.newCachedThreadPool(Pools.daemon("runway-runner"));

  private final Settings s;
  private final String runId;
  private final Masker masker;
  private Progress progress;
  private long t0;
  private final Map<String, StepResult> results = Collections.synchronizedMap(new LinkedHashMap<>());
  private final List<Deployed> deployed = Collections.synchronizedList(new ArrayList<>());

  private record Deployed(Step step, Deployment deployment) {}

  public Engine(Settings settings) {
    this(settings, new Masker(List.of()));
  }

  private Engine(Settings settings, Masker masker) {
    this.s = settings;
    this.runId = ID.format(Instant.now()) + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    this.masker = masker;
    this.progress = new Progress(null, false);
  }

  private static Masker maskerFor(Pipeline p, Settings s) {
    List<String> values = new ArrayList<>(s.masked());
    List<Step> all = new ArrayList<>(p.steps());
    all.addAll(p.onFailure());
    all.addAll(p.always());
    for (Step step : all) for (String name : step.secrets()) s.variables().apply(name).ifPresent(values::add);
    return new Masker(values);
  }

  public PipelineRun run(Pipeline p) {
    Engine e = new Engine(s, maskerFor(p, s));
    return e.runAll(p);
  }

  public PipelineRun runStep(Pipeline p, Step step) {
    Engine e = new Engine(s, maskerFor(p, s));
    e.t0 = System.nanoTime();
    Instant started = Instant.now();
    e.progress = new Progress(s.progress(), s.tty());
    StepResult r;
    try {
      r = e.runOne("step", step, new AtomicBoolean());
    } finally {
      e.progress.close();
    }
    return new PipelineRun(p.name(), e.runId, !r.status().isFailure() && r.status() != StepStatus.CANCELLED,
        s.branch(), s.environment(), started, Instant.now(), List.of(r), List.of(), List.of(), "");
  }

  public RollbackResult rollbackOne(Pipeline p, Step step, String from, String to) {
    Engine e = new Engine(s, maskerFor(p, s));
    e.t0 = System.nanoTime();
    DeployTarget target = step.target().orElseThrow(() -> new RunwayException.UnknownName(
        "pipeline " + p.name() + ": step '" + step.id() + "': is not a deploy step; name a deploy step to roll back"));
    return e.rollback(step, target, Deployment.of(from).previous(to));
  }

  // ------------------------------------------------------------------ the run

  private PipelineRun runAll(Pipeline p) {
    t0 = System.nanoTime();
    Instant startedAt = Instant.now();
    Path record = s.stateDir().resolve("runs").resolve(p.name() + "-" + runId + ".json");
    String link = s.link() != null ? s.link() + runId : record.toAbsolutePath().toUri().toString();
    List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    try (Lock lock = lock(p)) {
      progress = new Progress(s.progress(), s.tty());
      for (Stage stage : p.stages()) for (Step step : stage.steps()) results.put(step.id(), notRun(stage.name(), step));
      for (Step step : p.onFailure()) results.put(step.id(), notRun("onFailure", step));
      for (Step step : p.always()) results.put(step.id(), notRun("always", step));
      progress.note("pipeline " + p.name() + " run " + runId + " (branch " + s.branch() + ", environment "
          + s.environment() + ")");
      announce(p, warnings, Notification.of("pipeline.started", Notification.Severity.INFO,
          p.name() + " started").field("run", runId).field("branch", s.branch())
          .field("environment", s.environment()), link);

      boolean failed = false;
      for (Stage stage : p.stages()) {
        for (List<Step> group : stage.groups()) {
          if (!runGroup(stage.name(), group)) {
            failed = true;
            break;
          }
        }
        if (failed) break;
      }

      List<RollbackResult> rollbacks = new ArrayList<>();
      if (failed && p.rollback() && !deployed.isEmpty()) {
        List<Deployed> reverse;
        synchronized (deployed) {
          reverse = new ArrayList<>(deployed);
        }
        Collections.reverse(reverse);
        progress.note("a step failed after " + reverse.size() + " deploy(s): rolling back in reverse order");
        for (Deployed d : reverse) rollbacks.add(rollback(d.step(), d.step().target().orElseThrow(), d.deployment()));
      }
      if (failed) for (Step step : p.onFailure()) runOne("onFailure", step, new AtomicBoolean());
      for (Step step : p.always()) {
        StepResult r = runOne("always", step, new AtomicBoolean());
        if (r.status().isFailure()) failed = true;
      }
      progress.close();

      List<StepResult> steps;
      synchronized (results) {
        steps = new ArrayList<>(results.values());
      }
      PipelineRun run = new PipelineRun(p.name(), runId, !failed, s.branch(), s.environment(), startedAt, Instant.now(),
          steps, rollbacks, List.of(), link);
      if (failed) {
        announce(p, warnings, Notification.of("pipeline.failed", Notification.Severity.FAILURE,
            p.name() + " failed").text(masker.mask(run.failure())).field("run", runId).field("branch", s.branch()), link);
      } else {
        announce(p, warnings, Notification.of("pipeline.succeeded", Notification.Severity.SUCCESS,
            p.name() + " succeeded").field("run", runId).field("branch", s.branch())
            .field("duration", Plans.human(Duration.between(startedAt, run.finishedAt()))), link);
      }
      if (!rollbacks.isEmpty()) {
        boolean ok = rollbacks.stream().allMatch(RollbackResult::succeeded);
        StringBuilder text = new StringBuilder();
        for (RollbackResult r : rollbacks) {
          text.append(r.succeeded() ? r.step() + ": " + r.from() + " -> " + r.to()
              : r.step() + ": ROLLBACK FAILED, " + r.from() + " still live: " + r.message()).append('\n');
        }
        announce(p, warnings, Notification.of(ok ? "pipeline.rolled_back" : "pipeline.rollback_failed",
            ok ? Notification.Severity.WARNING : Notification.Severity.FAILURE,
            p.name() + (ok ? " rolled back " + rollbacks.size() + " deploy(s)" : " ROLLBACK FAILED"))
            .text(masker.mask(text.toString().trim())).field("run", runId), link);
      }
      run = new PipelineRun(run.pipeline(), run.runId(), run.succeeded(), run.branch(), run.environment(),
          run.startedAt(), run.finishedAt(), run.steps(), run.rollbacks(), List.copyOf(warnings), run.link());
      try {
        Files.createDirectories(record.getParent());
        Files.writeString(record, run.toJson());
        History.append(s.stateDir(), run, s.commitTime());
      } catch (IOException | RuntimeException ex) {
        List<String> w = new ArrayList<>(warnings);
        w.add("could not write the run record under " + s.stateDir() + " (" + ex.getClass().getSimpleName() + ")");
        run = new PipelineRun(run.pipeline(), run.runId(), run.succeeded(), run.branch(), run.environment(),
            run.startedAt(), run.finishedAt(), run.steps(), run.rollbacks(), w, "");
      }
      return run;
    } finally {
      progress.close();
    }
  }

  private void announce(Pipeline p, List<String> warnings, Notification n, String link) {
    if (!s.sendNotifications()) return;
    Notification withLink = link.isEmpty() ? n : n.link(URI.create(link));
    for (Notifier notifier : p.notifiers()) {
      try {
        notifier.send(withLink);
      } catch (RuntimeException e) {
        warnings.add(masker.mask("notification " + n.event() + " to " + notifier + " not sent: " + e.getMessage()));
      }
    }
  }

  private StepResult notRun(String stage, Step step) {
    return new StepResult(stage, step.id(), step.kind(), StepStatus.NOT_RUN, 0, Duration.ZERO, Duration.ZERO,
        "", List.of(), "", "");
  }

  /** Runs a group; false when a step failed (its siblings are then cancelled). */
  private boolean runGroup(String stage, List<Step> group) {
    if (group.size() == 1) {
      StepResult r = runOne(stage, group.get(0), new AtomicBoolean());
      return !r.status().isFailure();
    }
    AtomicBoolean cancelled = new AtomicBoolean();
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    Semaphore slots = new Semaphore(s.parallelism());
    CountDownLatch done = new CountDownLatch(group.size());
    AtomicBoolean failed = new AtomicBoolean();
    List<Future<?>> futures = new ArrayList<>();
    for (Step step : group) {
      futures.add(RUNNERS.submit(() -> {
        threads.add(Thread.currentThread());
        try {
          if (cancelled.get()) {
            results.put(step.id(), cancelledBeforeStart(stage, step));
            return;
          }
          try {
            slots.acquire();
          } catch (InterruptedException e) {
            results.put(step.id(), cancelledBeforeStart(stage, step));
            return;
          }
          try {
            StepResult r = runOne(stage, step, cancelled);
            if (r.status().isFailure() && failed.compareAndSet(false, true)) {
              cancelled.set(true);
              for (Thread t : threads) if (t != Thread.currentThread()) t.interrupt();
            }
          } finally {
            slots.release();
          }
        } finally {
          threads.remove(Thread.currentThread());
          Thread.interrupted(); // do not leak an interrupt into the pool
          done.countDown();
        }
      }));
    }
    try {
      done.await();
    } catch (InterruptedException e) {
      cancelled.set(true);
      for (Thread t : threads) t.interrupt();
      Thread.currentThread().interrupt();
      return false;
    }
    return !failed.get();
  }

  private StepResult cancelledBeforeStart(String stage, Step step) {
    StepResult r = new StepResult(stage, step.id(), step.kind(), StepStatus.CANCELLED, 0, offset(), Duration.ZERO,
        "cancelled before it started: a parallel step failed", List.of(), "", "");
    progress.finished(r);
    return r;
  }

  private Duration offset() {
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  /** Runs one step with its condition, attempts, timeout and backoff; records and returns its result. */
  StepResult runOne(String stage, Step step, AtomicBoolean cancelled) {
    Duration start = offset();
    long begin = System.nanoTime();
    Context ctx = new Context(step);
    if (!step.condition().holds(s.branch(), s.environment())) {
      StepResult r = new StepResult(stage, step.id(), step.kind(), StepStatus.SKIPPED, 0, start, Duration.ZERO,
          "condition " + step.condition() + " does not hold (branch " + s.branch() + ", environment "
              + s.environment() + ")", List.of(), "", "");
      results.put(step.id(), r);
      progress.finished(r);
      return r;
    }
    progress.started(stage, step.id());
    StepStatus status = StepStatus.FAILED;
    String message = "";
    String version = "";
    String previous = "";
    int attempts = 0;
    int max = step.retries() + 1;
    for (int attempt = 1; attempt <= max; attempt++) {
      if (cancelled.get() || Thread.currentThread().isInterrupted()) {
        status = StepStatus.CANCELLED;
        message = "cancelled: a parallel step failed";
        break;
      }
      if (attempt > 1) {
        progress.retry(step.id(), attempt, max, message);
        try {
          long wait = step.backoff().toMillis() << Math.min(attempt - 2, 20);
          if (wait > 0) Thread.sleep(wait);
        } catch (InterruptedException e) {
          status = StepStatus.CANCELLED;
          message = "cancelled: a parallel step failed";
          break;
        }
      }
      attempts = attempt;
      Outcome o = attempt(step, ctx);
      status = o.status;
      message = o.message;
      if (o.deployment != null) {
        deployed.add(new Deployed(step, o.deployment));
        version = o.deployment.version();
        previous = o.deployment.previousVersion().orElse("");
        message = "deployed " + o.deployment.version() + " to " + step.target().orElseThrow().name()
            + o.deployment.previousVersion().map(v -> " (previous " + v + ")").orElse("")
            + o.deployment.link().map(l -> " " + l).orElse("");
      }
      if (status == StepStatus.SUCCEEDED || status == StepStatus.CANCELLED || step.kind() == Step.Kind.APPROVAL) break;
    }
    if (status.isFailure() && attempts > 1) message = message + " (after " + attempts + " attempts)";
    StepResult r = new StepResult(stage, step.id(), step.kind(), status, attempts, start,
        Duration.ofNanos(System.nanoTime() - begin), masker.mask(message), ctx.tail(), version, previous);
    results.put(step.id(), r);
    progress.finished(r);
    return r;
  }

  private record Outcome(StepStatus status, String message, @Nullable Deployment deployment) {}

  private Outcome attempt(Step step, Context ctx) {
    if (step.kind() == Step.Kind.APPROVAL) return approve(step.approval().orElseThrow());
    Future<Optional<Deployment>> f = BODIES.submit(() -> {
      if (step.kind() == Step.Kind.DEPLOY) {
        Deployment d = step.target().orElseThrow().deploy(ctx);
        if (d == null) throw new StepFailed("the deploy target returned no deployment; this is a bug in the platform module");
        return Optional.of(d);
      }
      step.action().orElseThrow().run(ctx);
      return Optional.empty();
    });
    long deadline = System.nanoTime() + step.timeout().toNanos();
    try {
      Optional<Deployment> d = f.get(step.timeout().toNanos(), TimeUnit.NANOSECONDS);
      return new Outcome(StepStatus.SUCCEEDED, "", d.orElse(null));
    } catch (TimeoutException e) {
      return new Outcome(StepStatus.TIMED_OUT, "timed out after " + Plans.human(step.timeout()), finishedAnyway(f));
    } catch (ExecutionException e) {
      return new Outcome(StepStatus.FAILED, describe(e.getCause()), null);
    } catch (InterruptedException e) {
      if (step.kind() == Step.Kind.DEPLOY) {
        // A deploy in flight is left to finish (within its own timeout) rather than interrupted half-way:
        // a live deploy can be rolled back, a deploy in an unknown state cannot.
        Deployment d = awaitUninterruptibly(f, deadline);
        Thread.currentThread().interrupt();
        return new Outcome(StepStatus.CANCELLED, "cancelled: a parallel step failed", d);
      }
      return new Outcome(StepStatus.CANCELLED, "cancelled: a parallel step failed", finishedAnyway(f));
    }
  }

  private static @Nullable Deployment awaitUninterruptibly(Future<Optional<Deployment>> f, long deadline) {
    while (true) {
      try {
        return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS).orElse(null);
      } catch (InterruptedException again) {
        // keep waiting: the deploy's own timeout bounds this
      } catch (TimeoutException | ExecutionException | java.util.concurrent.CancellationException e) {
        f.cancel(true);
        return null;
      }
    }
  }

  /**
   * Cancels a step's body; when it had already finished (a deploy that went live in the instant its
   * sibling failed), returns its deployment so that the run still rolls it back.
   */
  private static @Nullable Deployment finishedAnyway(Future<Optional<Deployment>> f) {
    if (f.cancel(true)) return null;
    try {
      return f.get(0, TimeUnit.NANOSECONDS).orElse(null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException | TimeoutException | java.util.concurrent.CancellationException e) {
      return null;
    }
  }

  private Outcome approve(Approval gate) {
    progress.note("waiting for approval '" + gate.name() + "' (within " + Plans.human(gate.within()) + ")");
    Future<Approver.Decision> f = BODIES.submit(() -> s.approver().decide(gate));
    try {
      Approver.Decision d = f.get(gate.within().toNanos(), TimeUnit.NANOSECONDS);
      if (d.verdict() != Approver.Verdict.ABSTAINED) {
        dev.runway.base.SecurityEvents.approval(d.by(), gate.name(), d.verdict() == Approver.Verdict.APPROVED);
      }
      return switch (d.verdict()) {
        case APPROVED -> new Outcome(StepStatus.SUCCEEDED, "approved by " + d.by() + " (" + d.reason() + ")", null);
        case REFUSED -> new Outcome(StepStatus.FAILED,
            "approval '" + gate.name() + "' refused by " + d.by() + ": " + d.reason(), null);
        case ABSTAINED -> new Outcome(StepStatus.FAILED, "approval '" + gate.name()
            + "' refused: nobody approved it; pass --approve " + gate.name(), null);
      };
    } catch (TimeoutException e) {
      f.cancel(true);
      return new Outcome(StepStatus.TIMED_OUT, "approval '" + gate.name() + "' got no answer within "
          + Plans.human(gate.within()) + "; approve up front with --approve " + gate.name(), null);
    } catch (ExecutionException e) {
      return new Outcome(StepStatus.FAILED, "approval '" + gate.name() + "' could not be asked: " + describe(e.getCause()), null);
    } catch (InterruptedException e) {
      f.cancel(true);
      return new Outcome(StepStatus.CANCELLED, "cancelled while waiting for approval", null);
    }
  }

  static String describe(@Nullable Throwable t) {
    if (t == null) return "failed";
    if (t instanceof StepFailed || t instanceof RunwayException) return String.valueOf(t.getMessage());
    if (t instanceof InterruptedException) return "interrupted";
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  private RollbackResult rollback(Step step, DeployTarget target, Deployment d) {
    String from = d.version();
    Optional<String> to = d.previousVersion();
    if (to.isEmpty()) {
      RollbackResult r = new RollbackResult(step.id(), target.name(), from, "", false,
          "no previous version to return to (first deploy of " + target.name() + "); take it down or fix it by hand");
      progress.note("✖ ROLLBACK FAILED " + step.id() + ": " + r.message());
      return r;
    }
    Context ctx = new Context(step);
    Future<?> f = BODIES.submit(() -> {
      target.rollback(d, ctx);
      return null;
    });
    RollbackResult r;
    try {
      f.get(step.timeout().toNanos(), TimeUnit.NANOSECONDS);
      r = new RollbackResult(step.id(), target.name(), from, to.get(), true, "");
      dev.runway.base.SecurityEvents.rollback(target.name(), from, to.get(), true);
      progress.note("↩ rolled back " + step.id() + " (" + target.name() + ") from " + from + " to " + to.get());
    } catch (TimeoutException e) {
      f.cancel(true);
      r = new RollbackResult(step.id(), target.name(), from, to.get(), false,
          "timed out after " + Plans.human(step.timeout()));
    } catch (ExecutionException e) {
      r = new RollbackResult(step.id(), target.name(), from, to.get(), false, masker.mask(describe(e.getCause())));
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      r = new RollbackResult(step.id(), target.name(), from, to.get(), false, "interrupted");
    }
    if (!r.succeeded()) {
      progress.note("✖ ROLLBACK FAILED " + step.id() + " (" + target.name() + "): " + r.message() + "; " + from
          + " is still live, roll it back by hand");
    }
    return r;
  }

  // ------------------------------------------------------------------ concurrency lock

  private interface Lock extends AutoCloseable {
    @Override
    void close();
  }

  private Lock lock(Pipeline p) {
    if (p.concurrency().isEmpty()) return () -> {};
    String key = p.concurrency().get();
    Path file = s.stateDir().resolve("locks").resolve(key + ".lock");
    String busy = "pipeline " + p.name() + ": concurrency '" + key + "': another run holds it (" + file
        + "); wait for it to finish";
    try {
      Files.createDirectories(file.getParent());
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock held;
      try {
        held = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        held = null;
      }
      if (held == null) {
        channel.close();
        throw new RunwayException(busy);
      }
      FileLock fl = held;
      return () -> {
        try {
          fl.release();
          channel.close();
        } catch (IOException ignored) {
          // the lock goes with the process anyway
        }
      };
    } catch (IOException e) {
      throw new RunwayException.IoFailed("pipeline " + p.name() + ": concurrency '" + key + "': cannot create "
          + file + " (" + e.getClass().getSimpleName() + "); make " + s.stateDir() + " writable",
          dev.runway.base.Origin.file(file), e);
    }
  }

  // ------------------------------------------------------------------ step context

  /** The context a step sees; output is masked and kept as a bounded tail. */
  public final class Context implements StepContext {
    private final Step step;
    private final Deque<String> tail = new ArrayDeque<>();

    Context(Step step) {
      this.step = step;
    }

    @Override
    public String stepId() {
      return step.id();
    }

    @Override
    public String runId() {
      return runId;
    }

    @Override
    public String branch() {
      return s.branch();
    }

    @Override
    public String environment() {
      return s.environment();
    }

    public Path workDir() {
      return s.workDir();
    }

    @Override
    public void log(String line) {
      String masked = masker.mask(line);
      synchronized (tail) {
        tail.addLast(masked);
        while (tail.size() > TAIL) tail.removeFirst();
      }
      progress.line(step.id(), masked);
    }

    @Override
    public Optional<String> variable(String name) {
      return s.variables().apply(name);
    }

    List<String> tail() {
      synchronized (tail) {
        return List.copyOf(tail);
      }
    }
  }
}

package dev.runway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.base.RunwayException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalExecutorTest {
  @TempDir Path dir;

  private LocalExecutor.Builder executor() {
    return LocalExecutor.builder().quiet().workDir(dir).variables(Map.of());
  }

  private static StepAction ok() {
    return ctx -> {};
  }

  @Test
  void runsParallelStepsTogetherAndStagesInOrder() {
    CountDownLatch both = new CountDownLatch(2);
    StepAction meet = ctx -> {
      both.countDown();
      if (!both.await(5, TimeUnit.SECONDS)) throw new IllegalStateException("the other step never ran alongside");
    };
    Pipeline p = Pipeline.named("p")
        .stage("verify", s -> s.parallel(Step.java("a", meet), Step.java("b", meet)))
        .stage("after", s -> s.step(Step.java("c", ok())))
        .build();
    PipelineRun run = executor().build().run(p);
    assertThat(run.succeeded()).isTrue();
    assertThat(run.exitCode()).isZero();
    assertThat(run.steps()).extracting(PipelineRun.StepResult::status)
        .containsExactly(StepStatus.SUCCEEDED, StepStatus.SUCCEEDED, StepStatus.SUCCEEDED);
    assertThat(run.step("c").start()).isGreaterThanOrEqualTo(run.step("a").start().plus(run.step("a").duration()));
  }

  @Test
  void boundsParallelismToTheConfiguredNumberOfSteps() {
    AtomicInteger now = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    StepAction count = ctx -> {
      peak.accumulateAndGet(now.incrementAndGet(), Math::max);
      Thread.sleep(20); // lets overlapping steps overlap; the assertion does not depend on timing
      now.decrementAndGet();
    };
    Pipeline p = Pipeline.named("p").stage("s", s -> s.parallel(Step.java("a", count), Step.java("b", count),
        Step.java("c", count), Step.java("d", count))).build();
    assertThat(executor().parallelism(1).build().run(p).succeeded()).isTrue();
    assertThat(peak.get()).isEqualTo(1);
  }

  @Test
  void timesOutAHangingStepAndReportsIt() {
    CountDownLatch never = new CountDownLatch(1);
    Pipeline p = Pipeline.named("p")
        .stage("s", s -> s.step(Step.java("hang", ctx -> never.await()).timeout(Duration.ofMillis(200))))
        .stage("next", s -> s.step(Step.java("after", ok())))
        .build();
    PipelineRun run = executor().build().run(p);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.step("hang").status()).isEqualTo(StepStatus.TIMED_OUT);
    assertThat(run.step("hang").message()).isEqualTo("timed out after 200 ms");
    assertThat(run.step("after").status()).isEqualTo(StepStatus.NOT_RUN);
  }

  @Test
  void killsTheProcessesOfATimedOutShellStep() throws Exception {
    Pipeline p = Pipeline.named("p").stage("s", s -> s.step(
        Step.shell("sleepy", "sleep 60 & echo $! > child.pid; wait").timeout(Duration.ofMillis(500)))).build();
    PipelineRun run = executor().build().run(p);
    assertThat(run.step("sleepy").status()).isEqualTo(StepStatus.TIMED_OUT);
    long pid = Long.parseLong(Files.readString(dir.resolve("child.pid")).trim());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("child process alive").isFalse();
  }

  @Test
  void retriesAFailingStepWithBackoffUntilItPasses() {
    AtomicInteger calls = new AtomicInteger();
    Pipeline p = Pipeline.named("p").stage("s", s -> s.step(Step.java("flaky", ctx -> {
      if (calls.incrementAndGet() < 3) throw new IllegalStateException("boom " + calls.get());
    }).retries(2, Duration.ofMillis(1)))).build();
    PipelineRun run = executor().build().run(p);
    assertThat(run.succeeded()).isTrue();
    assertThat(run.step("flaky").attempts()).isEqualTo(3);
  }

  @Test
  void reportsTheLastErrorAndTheAttemptsWhenRetriesRunOut() {
    Pipeline p = Pipeline.named("p").stage("s", s -> s.step(Step.java("bad", ctx -> {
      throw new IllegalStateException("boom");
    }).retries(1, Duration.ZERO))).build();
    PipelineRun run = executor().build().run(p);
    assertThat(run.step("bad").message()).isEqualTo("IllegalStateException: boom (after 2 attempts)");
    assertThat(run.failure()).isEqualTo("bad: IllegalStateException: boom (after 2 attempts)");
  }

  @Test
  void aCrashingStepCancelsItsParallelSiblingAndStopsTheRun() {
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch siblingStarted = new CountDownLatch(1);
    Pipeline p = Pipeline.named("p")
        .stage("s", s -> s.parallel(
            Step.java("crash", ctx -> {
              siblingStarted.await(5, TimeUnit.SECONDS);
              throw new IllegalStateException("crashed");
            }),
            Step.java("long", ctx -> {
              siblingStarted.countDown();
              never.await();
            })))
        .stage("later", s -> s.step(Step.java("later", ok())))
        .build();
    PipelineRun run = executor().build().run(p);
    assertThat(run.step("crash").status()).isEqualTo(StepStatus.FAILED);
    assertThat(run.step("long").status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(run.step("long").message()).isEqualTo("cancelled: a parallel step failed");
    assertThat(run.step("later").status()).isEqualTo(StepStatus.NOT_RUN);
  }

  @Test
  void aFailedDeployFailsTheRunAndRollsBackNothingElse() {
    List<String> log = FakeTarget.log();
    FakeTarget api = new FakeTarget("api", log, 1);
    api.failDeploy = true;
    Pipeline p = Pipeline.named("p").stage("deploy", s -> s.step(Step.deploy("deploy-api", api))).build();
    PipelineRun run = executor().build().run(p);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.step("deploy-api").message()).isEqualTo("fake:api: deploy v2 ended build_failed; read the build log");
    assertThat(run.rollbacks()).isEmpty();
  }

  @Test
  void aFailingSmokeTestAfterTwoDeploysRollsBothBackInReverseOrder() {
    List<String> log = FakeTarget.log();
    FakeTarget api = new FakeTarget("api", log, 4);
    FakeTarget web = new FakeTarget("web", log, 7);
    Pipeline p = Pipeline.named("p")
        .stage("deploy-api", s -> s.step(Step.deploy("deploy-api", api)))
        .stage("deploy-web", s -> s.step(Step.deploy("deploy-web", web)))
        .stage("smoke", s -> s.step(Step.smoke("smoke", "health", ctx -> {
          throw new IllegalStateException("HTTP 503 from /api/health");
        })))
        .build();
    PipelineRun run = executor().build().run(p);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(log).containsExactly("deploy api v5", "deploy web v8", "rollback web to v7", "rollback api to v4");
    assertThat(run.rolledBack()).isTrue();
    assertThat(run.rollbacks()).extracting(r -> r.step() + " " + r.from() + "->" + r.to())
        .containsExactly("deploy-web v8->v7", "deploy-api v5->v4");
    assertThat(run.toText()).isEqualTo("pipeline p FAILED: smoke: IllegalStateException: HTTP 503 from /api/health\n"
        + "  rolled back deploy-web (fake:web) from v8 to v7\n"
        + "  rolled back deploy-api (fake:api) from v5 to v4\n"
        + "  run record: " + run.link() + "\n");
  }

  @Test
  void aDeployStillFinishingWhenItsSiblingFailsIsAwaitedAndRolledBack() {
    List<String> log = FakeTarget.log();
    FakeTarget api = new FakeTarget("api", log, 1);
    FakeTarget web = new FakeTarget("web", log, 1);
    web.failDeploy = true;
    CountDownLatch apiLive = new CountDownLatch(1);
    DeployTarget slowToReturnApi = new DeployTarget() {
      public String name() { return api.name(); }
      public Deployment deploy(StepContext ctx) throws Exception {
        Deployment d = api.deploy(ctx);
        apiLive.countDown();
        Thread.sleep(300); // still reporting back when its sibling fails
        return d;
      }
      public void rollback(Deployment d, StepContext ctx) { api.rollback(d, ctx); }
    };
    DeployTarget failingWeb = new DeployTarget() {
      public String name() { return web.name(); }
      public Deployment deploy(StepContext ctx) throws Exception {
        apiLive.await(5, TimeUnit.SECONDS);
        return web.deploy(ctx);
      }
      public void rollback(Deployment d, StepContext ctx) { web.rollback(d, ctx); }
    };
    Pipeline p = Pipeline.named("p").stage("deploy", s -> s.parallel(
        Step.deploy("deploy-api", slowToReturnApi), Step.deploy("deploy-web", failingWeb))).build();
    PipelineRun run = executor().build().run(p);
    assertThat(log).containsExactly("deploy api v2", "rollback api to v1");
    assertThat(run.rolledBack()).isTrue();
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void rollsBackTheParallelDeployThatWentLiveWhenItsSiblingFails() {
    List<String> log = FakeTarget.log();
    FakeTarget api = new FakeTarget("api", log, 1);
    FakeTarget web = new FakeTarget("web", log, 1);
    web.failDeploy = true;
    CountDownLatch apiDone = new CountDownLatch(1);
    DeployTarget slowWeb = new DeployTarget() {
      public String name() { return web.name(); }
      public Deployment deploy(StepContext ctx) throws Exception {
        apiDone.await(5, TimeUnit.SECONDS);
        return web.deploy(ctx);
      }
      public void rollback(Deployment d, StepContext ctx) { web.rollback(d, ctx); }
    };
    DeployTarget signallingApi = new DeployTarget() {
      public String name() { return api.name(); }
      public Deployment deploy(StepContext ctx) {
        Deployment d = api.deploy(ctx);
        apiDone.countDown();
        return d;
      }
      public void rollback(Deployment d, StepContext ctx) { api.rollback(d, ctx); }
    };
    Pipeline p = Pipeline.named("p").stage("deploy", s -> s.parallel(
        Step.deploy("deploy-api", signallingApi), Step.deploy("deploy-web", slowWeb))).build();
    PipelineRun run = executor().build().run(p);
    assertThat(log).containsExactly("deploy api v2", "rollback api to v1");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void aRollbackThatFailsIsReportedLoudlyAndTheRunExitsOne() {
    List<String> log = FakeTarget.log();
    FakeTarget api = new FakeTarget("api", log, 1);
    FakeTarget web = new FakeTarget("web", log, 1);
    web.failRollback = true;
    Pipeline p = Pipeline.named("p")
        .stage("deploy", s -> s.step(Step.deploy("deploy-api", api)).step(Step.deploy("deploy-web", web)))
        .stage("smoke", s -> s.step(Step.java("smoke", ctx -> {
          throw new IllegalStateException("down");
        })))
        .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PipelineRun run = executor().progress(new PrintStream(out, true, StandardCharsets.UTF_8), false).build().run(p);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.rollbackFailed()).isTrue();
    assertThat(run.rolledBack()).isFalse();
    assertThat(log).containsExactly("deploy api v2", "deploy web v2", "rollback api to v1");
    assertThat(run.toText()).contains("  ROLLBACK FAILED for deploy-web (fake:web): IllegalStateException: "
        + "fake:web refused the rollback; v2 is still live, roll it back by hand\n");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("✖ ROLLBACK FAILED deploy-web (fake:web)");
  }

  @Test
  void aFirstDeployHasNothingToRollBackToAndSaysSo() {
    List<String> log = FakeTarget.log();
    FakeTarget api = new FakeTarget("api", log, 0);
    Pipeline p = Pipeline.named("p")
        .stage("deploy", s -> s.step(Step.deploy("deploy-api", api)))
        .stage("smoke", s -> s.step(Step.java("smoke", ctx -> { throw new IllegalStateException("down"); })))
        .build();
    PipelineRun run = executor().build().run(p);
    assertThat(run.rollbacks()).singleElement().satisfies(r -> {
      assertThat(r.succeeded()).isFalse();
      assertThat(r.message()).isEqualTo(
          "no previous version to return to (first deploy of fake:api); take it down or fix it by hand");
    });
  }

  @Test
  void anApprovalRefusedStopsTheRunBeforeTheDeploy() {
    List<String> log = FakeTarget.log();
    Pipeline p = Pipeline.named("p")
        .stage("approve", s -> s.gate(Approval.named("production").by("ops")))
        .stage("deploy", s -> s.step(Step.deploy("deploy-api", new FakeTarget("api", log, 1))))
        .build();
    PipelineRun run = executor().build().run(p);
    assertThat(run.step("production").status()).isEqualTo(StepStatus.FAILED);
    assertThat(run.step("production").message()).isEqualTo("approval 'production' refused by non-interactive run: "
        + "not approved up front and no terminal to ask; pass --approve production");
    assertThat(log).isEmpty();
  }

  @Test
  void anApprovalWithoutAnswerTimesOut() {
    CountDownLatch never = new CountDownLatch(1);
    Approver silent = gate -> {
      never.await();
      throw new AssertionError("unreachable");
    };
    Pipeline p = Pipeline.named("p")
        .stage("approve", s -> s.gate(Approval.named("production").within(Duration.ofMillis(100)))).build();
    PipelineRun run = executor().approver(silent).build().run(p);
    assertThat(run.step("production").status()).isEqualTo(StepStatus.TIMED_OUT);
    assertThat(run.step("production").message()).isEqualTo(
        "approval 'production' got no answer within 100 ms; approve up front with --approve production");
  }

  @Test
  void anApprovalGivenUpFrontLetsTheRunThrough() {
    Pipeline p = Pipeline.named("p")
        .stage("approve", s -> s.gate(Approval.named("production")))
        .stage("go", s -> s.step(Step.java("go", ok()))).build();
    PipelineRun run = executor().approver(Approver.upFront(Set.of("production")).orElse(Approver.refuseAll()))
        .build().run(p);
    assertThat(run.succeeded()).isTrue();
    assertThat(run.step("production").message()).isEqualTo("approved by --approve production (approved up front)");
  }

  @Test
  void skipsAStepWhoseConditionDoesNotHold() {
    Pipeline p = Pipeline.named("p").stage("s", s -> s
        .step(Step.java("main-only", ctx -> { throw new IllegalStateException("must not run"); })
            .when(Condition.branch("main")))
        .step(Step.java("prod-only", ok()).when(Condition.environment("production")))).build();
    PipelineRun run = executor().branch("feature-x").build().run(p);
    assertThat(run.succeeded()).isTrue();
    assertThat(run.step("main-only").status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(run.step("main-only").message())
        .isEqualTo("condition branch main does not hold (branch feature-x, environment production)");
    assertThat(run.step("prod-only").status()).isEqualTo(StepStatus.SUCCEEDED);
  }

  @Test
  void masksSecretsInShellOutputMessagesRecordsAndProgress() throws Exception {
    String secret = "sk-live-123456789";
    Pipeline p = Pipeline.named("p").stage("s", s -> s.step(
        Step.shell("leaky", "echo token=$API_KEY; echo \"$API_KEY\" >&2; exit 3").secret("API_KEY"))).build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PipelineRun run = executor().variables(Map.of("API_KEY", secret))
        .progress(new PrintStream(out, true, StandardCharsets.UTF_8), false).build().run(p);
    assertThat(run.step("leaky").message()).isEqualTo("exit code 3");
    assertThat(run.step("leaky").output()).containsExactly("token=****", "****");
    assertThat(run.toJson()).doesNotContain(secret);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("[leaky] | token=****").doesNotContain(secret);
    try (var files = Files.walk(dir.resolve(".runway"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) assertThat(Files.readString(f)).doesNotContain(secret);
    }
  }

  @Test
  void failsAShellStepWhoseSecretIsMissing() {
    Pipeline p = Pipeline.named("p").stage("s", s -> s.step(Step.shell("needs", "true").secret("API_KEY"))).build();
    PipelineRun run = executor().build().run(p);
    assertThat(run.step("needs").message()).isEqualTo(
        "secret API_KEY is not set; export API_KEY=... before the run (on GitHub: add it to the repository secrets)");
  }

  @Test
  void runsShellStepsInTheirWorkingDirectoryWithTheirEnvironment() throws Exception {
    Files.createDirectories(dir.resolve("web"));
    Pipeline p = Pipeline.named("p").stage("s", s -> s.step(
        Step.shell("where", "echo \"$(basename \"$PWD\") $GREETING\"").workingDir(Path.of("web")).env("GREETING", "hi")))
        .build();
    assertThat(executor().build().run(p).step("where").output()).containsExactly("web hi");
  }

  @Test
  void writesARunRecordAndAHistoryLine() throws Exception {
    Pipeline p = Pipeline.named("p").stage("s", s -> s.step(Step.shell("hello", "echo hello"))).build();
    PipelineRun run = executor().build().run(p);
    Path record = dir.resolve(".runway/runs/p-" + run.runId() + ".json");
    assertThat(record).exists();
    String json = Files.readString(record);
    assertThat(json).contains("\"step\" : \"hello\"", "\"status\" : \"succeeded\"", "\"attempts\" : 1", "\"hello\"");
    assertThat(Files.readAllLines(dir.resolve(".runway/pipeline-history.jsonl"))).hasSize(1);
    assertThat(run.link()).isEqualTo(record.toAbsolutePath().toUri().toString());
  }

  @Test
  void refusesASecondRunWhileOneHoldsTheConcurrencyKey() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Pipeline p = Pipeline.named("deploy").concurrency("production").stage("s", s -> s.step(Step.java("hold", ctx -> {
      inside.countDown();
      release.await(10, TimeUnit.SECONDS);
    }))).build();
    LocalExecutor ex = executor().build();
    Thread first = new Thread(() -> ex.run(p));
    first.start();
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
    try {
      assertThatThrownBy(() -> ex.run(p)).isInstanceOf(RunwayException.class)
          .hasMessage("pipeline deploy: concurrency 'production': another run holds it ("
              + dir.resolve(".runway/locks/production.lock") + "); wait for it to finish");
    } finally {
      release.countDown();
      first.join(10_000);
    }
    assertThat(ex.run(p).succeeded()).isTrue();
  }

  @Test
  void runsOnFailureStepsAfterAFailureAndAlwaysStepsEveryTime() {
    Pipeline p = Pipeline.named("p")
        .stage("s", s -> s.step(Step.java("bad", ctx -> { throw new IllegalStateException("x"); })))
        .onFailure(Step.java("page", ok()))
        .always(Step.java("clean", ok()))
        .build();
    PipelineRun run = executor().build().run(p);
    assertThat(run.step("page").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(run.step("clean").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(run.step("page").stage()).isEqualTo("onFailure");
  }

  @Test
  void rejectsAStepIdUsedTwice() {
    assertThatThrownBy(() -> Pipeline.named("p")
        .stage("a", s -> s.step(Step.shell("test", "true")))
        .stage("b", s -> s.step(Step.shell("test", "true"))).build())
        .isInstanceOf(RunwayException.ModelInvalid.class)
        .hasMessage("pipeline p: step 'test': declared twice (in a and b); give each step its own id");
  }

  @Test
  void rejectsAnInvalidStepName() {
    assertThatThrownBy(() -> Step.shell("Deploy API", "true")).hasMessage("pipeline: step 'Deploy API': not a valid name; "
        + "use lower-case letters, digits and '-', starting with a letter (e.g. \"deploy-api\")");
  }

  @Test
  void runsOneStepAloneForTheExportedWorkflow() {
    List<String> log = FakeTarget.log();
    Pipeline p = Pipeline.named("p")
        .stage("a", s -> s.step(Step.java("other", ctx -> { throw new IllegalStateException("not me"); })))
        .stage("deploy", s -> s.step(Step.deploy("deploy-api", new FakeTarget("api", log, 3)))).build();
    PipelineRun run = executor().build().runStep(p, "deploy-api");
    assertThat(run.succeeded()).isTrue();
    assertThat(run.step("deploy-api").version()).isEqualTo("v4");
    assertThat(log).containsExactly("deploy api v4");
  }

  @Test
  void printsTimestampedLinesWhenNotOnATerminal() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Pipeline p = Pipeline.named("p").stage("s", s -> s.step(Step.shell("hi", "echo hi"))).build();
    executor().progress(new PrintStream(out, true, StandardCharsets.UTF_8), false).build().run(p);
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[hi\\] started \\(stage s\\)$")
        .containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[hi\\] \\| hi$")
        .containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[hi\\] hi succeeded in \\d+ ms$")
        .doesNotContain("\033[");
  }

  @Test
  void redrawsRunningStepsInPlaceOnATerminal() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Pipeline p = Pipeline.named("p").stage("s", s -> s.step(Step.shell("hi", "echo hi"))).build();
    executor().progress(new PrintStream(out, true, StandardCharsets.UTF_8), true).build().run(p);
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("\033[2K", "\033[1F", "✔ hi succeeded");
  }
}

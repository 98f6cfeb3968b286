package dev.runway.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.base.RunwayException;
import dev.runway.pipeline.DeployTarget;
import dev.runway.pipeline.Deployment;
import dev.runway.pipeline.Pipeline;
import dev.runway.pipeline.PipelineRun;
import dev.runway.pipeline.Step;
import dev.runway.pipeline.StepContext;
import dev.runway.pipeline.StepStatus;
import dev.runway.testkit.DeployPipelines;
import dev.runway.testkit.OpenApiContract;
import dev.runway.testkit.RequiresSpecs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Render services as pipeline deploy targets, run by the local executor against the sandbox. */
@RequiresSpecs("render/render-public-api-openapi.json")
class RenderDeployTargetTest {
  static final Supplier<OpenApiContract> CONTRACT = RenderClientContractTest.CONTRACT;
  static final String KEY = "rnd_SECRETkeyNEVERshown0123";

  @TempDir Path dir;
  RenderSandbox sandbox;
  RenderClient client;
  String api;
  String worker;

  @BeforeEach
  void start() {
    sandbox = RenderSandbox.builder().apiKey(KEY).buildTime(Duration.ofMillis(60)).updateTime(Duration.ofMillis(40)).start();
    client = RenderClient.builder().apiKey(KEY).baseUrl(sandbox.baseUrl())
        .pollInterval(Duration.ofMillis(10)).maxPollInterval(Duration.ofMillis(40)).retryBackoff(Duration.ofMillis(10))
        .okHttpClient(new OkHttpClient.Builder().addInterceptor(CONTRACT.get().interceptor()).build())
        .build();
    api = sandbox.addService("acme-api");
    worker = sandbox.addService("acme-worker");
  }

  @AfterEach
  void stop() {
    sandbox.close();
    assertThat(CONTRACT.get().violations()).isEmpty();
  }

  private Pipeline pipeline(Step smoke) {
    return DeployPipelines.twoParallelDeploys("deploy-api", Render.deployTarget(client, api), "deploy-worker", Render.deployTarget(client, worker), smoke);
  }

  private PipelineRun run(Pipeline p) {
    return DeployPipelines.run(p, dir);
  }

  private String live(String service) {
    return sandbox.liveDeploy(service).orElseThrow().id();
  }

  @Test
  void twoParallelDeploysGoLiveAndNameTheDeploysLiveBefore() {
    String apiBefore = live(api);
    String workerBefore = live(worker);

    PipelineRun run = run(pipeline(DeployPipelines.passingSmoke()));

    assertThat(run.succeeded()).as(run.toText()).isTrue();
    PipelineRun.StepResult a = run.step("deploy-api");
    PipelineRun.StepResult w = run.step("deploy-worker");
    assertThat(a.version()).isEqualTo(live(api)).isNotEqualTo(apiBefore);
    assertThat(a.previous()).isEqualTo(apiBefore);
    assertThat(w.version()).isEqualTo(live(worker)).isNotEqualTo(workerBefore);
    assertThat(w.previous()).isEqualTo(workerBefore);
    assertThat(a.output()).contains("live before this deploy: " + apiBefore, "deploy " + a.version() + " is live");
  }

  @Test
  void aFailingSmokeTestAfterBothDeploysRollsBothBackToTheDeploysLiveBefore() {
    Deploy apiBefore = sandbox.liveDeploy(api).orElseThrow();
    Deploy workerBefore = sandbox.liveDeploy(worker).orElseThrow();

    PipelineRun run = run(pipeline(DeployPipelines.failingSmoke("GET /api/health answered 503")));

    assertThat(run.succeeded()).isFalse();
    assertThat(run.rollbacks()).hasSize(2).allMatch(PipelineRun.RollbackResult::succeeded);
    // Render rolls back by deploying the earlier deploy's build again: a new deploy, same commit.
    Deploy apiNow = sandbox.liveDeploy(api).orElseThrow();
    Deploy workerNow = sandbox.liveDeploy(worker).orElseThrow();
    assertThat(apiNow.trigger()).contains("rollback");
    assertThat(apiNow.commitId()).isEqualTo(apiBefore.commitId());
    assertThat(workerNow.trigger()).contains("rollback");
    assertThat(workerNow.commitId()).isEqualTo(workerBefore.commitId());
    assertThat(run.toText())
        .contains("  rolled back deploy-api (render:" + api + ") from " + run.step("deploy-api").version() + " to " + apiBefore.id() + "\n")
        .contains("  rolled back deploy-worker (render:" + worker + ") from " + run.step("deploy-worker").version() + " to "
            + workerBefore.id() + "\n")
        .doesNotContain(KEY);
  }

  @Test
  void aFailingBuildFailsTheRunAndLeavesTheEarlierDeployLive() {
    String apiBefore = live(api);
    sandbox.failNextDeploy(api, DeployStatus.BUILD_FAILED);

    PipelineRun run = run(pipeline(DeployPipelines.passingSmoke()));

    assertThat(run.succeeded()).isFalse();
    assertThat(run.step("deploy-api").status()).isEqualTo(StepStatus.FAILED);
    String failed = sandbox.deploys(api).get(0).id();
    assertThat(run.step("deploy-api").message()).isEqualTo("render:" + api + ": deploy " + failed
        + ": ended build_failed; read its logs at https://dashboard.render.com/web/" + api + "/deploys/" + failed);
    assertThat(live(api)).isEqualTo(apiBefore);
    assertThat(run.step("smoke").status()).isEqualTo(StepStatus.NOT_RUN);
    assertThat(run.toText()).doesNotContain(KEY);
  }

  @Test
  void aServiceNameIsLookedUpOnceAndNamesTheTarget() throws Exception {
    DeployTarget byName = Render.deployTarget(client, "acme-api");
    Deployment d = byName.deploy(new Ctx());
    d = byName.deploy(new Ctx());

    assertThat(byName.name()).isEqualTo("render:acme-api");
    assertThat(d.version()).isEqualTo(live(api));
    assertThat(d.link()).map(Object::toString).contains("https://dashboard.render.com/web/" + api + "/deploys/" + d.version());
    assertThat(sandbox.requests().stream().filter(r -> r.equals("GET /v1/services"))).hasSize(1);
  }

  @Test
  void anUnknownServiceNameSaysWhatToPass() {
    assertThatThrownBy(() -> Render.deployTarget(client, "acme-apii").deploy(new Ctx()))
        .isInstanceOf(RunwayException.UnknownName.class)
        .hasMessage("render:acme-apii: no service named 'acme-apii' for this API key; check the name in the dashboard,"
            + " or pass the service id (srv-...)");
  }

  @Test
  void aFirstDeployCannotBeRolledBackAndSaysSo() {
    DeployTarget target = Render.deployTarget(client, api);
    assertThatThrownBy(() -> target.rollback(Deployment.of("dep-1"), new Ctx()))
        .isInstanceOf(RunwayException.DeployFailed.class)
        .hasMessage("render:" + api + ": deploy dep-1: no earlier deploy to roll back to (it was the first);"
            + " suspend the service or deploy a fix");
  }

  @Test
  void aWaitingDeployEndsWhenItsThreadIsInterrupted() throws Exception {
    try (RenderSandbox slow = RenderSandbox.builder().apiKey(KEY).buildTime(Duration.ofHours(1)).start()) {
      String svc = slow.addService("slow");
      RenderClient c = RenderClient.builder().apiKey(KEY).baseUrl(slow.baseUrl())
          .pollInterval(Duration.ofMillis(10)).maxPollInterval(Duration.ofMillis(20)).build();
      Ctx ctx = new Ctx();
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      Thread t = new Thread(() -> {
        try {
          Render.deployTarget(c, svc).deploy(ctx);
        } catch (Throwable e) {
          thrown.set(e);
        }
      });
      t.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (ctx.lines.stream().noneMatch(l -> l.contains("waiting until it is live"))) {
        assertThat(t.isAlive()).as("deploy ended early: %s", thrown.get()).isTrue();
        assertThat(System.nanoTime() - deadline).as("the deploy never started waiting").isNegative();
        Thread.sleep(5);
      }
      t.interrupt();
      t.join(10_000);

      assertThat(t.isAlive()).isFalse();
      assertThat(thrown.get()).isInstanceOf(RunwayException.class).hasMessageContaining("interrupted")
          .hasMessageNotContaining(KEY);
    }
  }

  @Test
  void neitherTheTargetNorItsMessagesShowTheApiKey() {
    sandbox.failNextRequests(10, 401);
    PipelineRun run = run(pipeline(DeployPipelines.passingSmoke()));

    assertThat(run.succeeded()).isFalse();
    assertThat(run.failure()).contains("401").contains("check RENDER_API_KEY").doesNotContain(KEY);
    assertThat(run.toText()).doesNotContain(KEY);
    assertThat(Render.deployTarget(client, api).toString()).isEqualTo("RenderDeployTarget[render:" + api + "]");
  }

  /** A step context outside the engine: collects the log. */
  static final class Ctx implements StepContext {
    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override public String stepId() { return "deploy"; }
    @Override public String runId() { return "run-1"; }
    @Override public String branch() { return "main"; }
    @Override public String environment() { return "production"; }
    @Override public void log(String line) { lines.add(line); }
    @Override public Optional<String> variable(String name) { return Optional.empty(); }
  }
}

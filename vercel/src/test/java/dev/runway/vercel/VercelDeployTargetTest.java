package dev.runway.vercel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.base.RunwayException;
import dev.runway.pipeline.DeployTarget;
import dev.runway.pipeline.Pipeline;
import dev.runway.pipeline.PipelineRun;
import dev.runway.pipeline.Step;
import dev.runway.pipeline.StepContext;
import dev.runway.pipeline.StepStatus;
import dev.runway.testkit.DeployPipelines;
import dev.runway.testkit.OpenApiContract;
import dev.runway.testkit.RequiresSpecs;
import dev.runway.testkit.Specs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Vercel projects as pipeline deploy targets, run by the local executor against the sandbox. */
@RequiresSpecs(VercelSpec.FILE)
class VercelDeployTargetTest {
  static final String TOKEN = "vcp_SECRETtokenNEVERshown0123";
  /** One contract for the class: parsing the spec takes seconds. */
  static final Supplier<OpenApiContract> CONTRACT = Specs.lazily(VercelSpec::contract);

  @TempDir Path dir;
  VercelSandbox sandbox;
  VercelClient client;
  String webBefore;
  String docsBefore;

  @BeforeEach
  void start() {
    sandbox = VercelSandbox.start(TOKEN);
    client = sandbox.clientBuilder().okHttpClient(new OkHttpClient.Builder().addInterceptor(CONTRACT.get().interceptor()).build())
        .build();
    sandbox.createProject("acme-web");
    sandbox.createProject("acme-docs");
    webBefore = firstProductionDeployment("acme-web");
    docsBefore = firstProductionDeployment("acme-docs");
  }

  private String firstProductionDeployment(String project) {
    return sandbox.client().deployAndWait(DeploymentRequest.builder(project).production().gitSource("123456", "main").build(),
        Duration.ofSeconds(10)).deployment().id();
  }

  @AfterEach
  void stop() {
    sandbox.close();
    assertThat(VercelSpec.violations(CONTRACT.get())).isEmpty();
  }

  private Pipeline pipeline(Step smoke) {
    return DeployPipelines.twoParallelDeploys("deploy-web", Vercel.deployTarget(client, "acme-web", "123456"), "deploy-docs", Vercel.deployTarget(client, "acme-docs"), smoke);
  }

  private PipelineRun run(Pipeline p) {
    return DeployPipelines.run(p, dir);
  }

  private String production(String project) {
    return sandbox.productionDeployment(project).orElseThrow();
  }

  @Test
  void twoParallelDeploysGoLiveAndNameTheDeploymentsServingBefore() {
    PipelineRun run = run(pipeline(DeployPipelines.passingSmoke()));

    assertThat(run.succeeded()).as(run.toText()).isTrue();
    PipelineRun.StepResult web = run.step("deploy-web");
    PipelineRun.StepResult docs = run.step("deploy-docs");
    assertThat(web.version()).isEqualTo(production("acme-web")).isNotEqualTo(webBefore);
    assertThat(web.previous()).isEqualTo(webBefore);
    assertThat(docs.version()).isEqualTo(production("acme-docs")).isNotEqualTo(docsBefore);
    assertThat(docs.previous()).isEqualTo(docsBefore);
    assertThat(web.output()).contains("production before this deploy: " + webBefore,
        "deployment " + web.version() + " is READY and serves production");
    assertThat(docs.output()).contains("no git source given: rebuilding production's source (" + docsBefore
        + ") with the current variables");
    assertThat(sandbox.requests()).anyMatch(r -> r.startsWith("POST /v13/deployments"));
  }

  @Test
  void aFailingSmokeTestAfterBothDeploysRollsBothBackAndReportsTheAutoAssignTrap() {
    PipelineRun run = run(pipeline(DeployPipelines.failingSmoke("GET / answered 503")));

    assertThat(run.succeeded()).isFalse();
    assertThat(run.rollbacks()).hasSize(2).allMatch(PipelineRun.RollbackResult::succeeded);
    assertThat(production("acme-web")).isEqualTo(webBefore);
    assertThat(production("acme-docs")).isEqualTo(docsBefore);
    assertThat(run.toText())
        .contains("  rolled back deploy-web (vercel:acme-web) from " + run.step("deploy-web").version() + " to " + webBefore + "\n")
        .contains("  rolled back deploy-docs (vercel:acme-docs) from " + run.step("deploy-docs").version() + " to " + docsBefore + "\n")
        .doesNotContain(TOKEN);
    assertThat(sandbox.autoAssign("acme-web")).isFalse();
  }

  @Test
  void aRollbackSaysThatAutoAssignmentIsPaused() throws Exception {
    DeployTarget web = Vercel.deployTarget(client, "acme-web", "123456");
    dev.runway.pipeline.Deployment d = web.deploy(new Ctx());
    Ctx ctx = new Ctx();

    web.rollback(d, ctx);

    assertThat(production("acme-web")).isEqualTo(webBefore);
    assertThat(ctx.lines).contains("production serves " + webBefore + " again",
        "warning: vercel:acme-web: until a deployment is promoted, pushes to the production branch build but do not go live;"
            + " the next pipeline deploy of vercel:acme-web promotes its deployment");
  }

  @Test
  void aDeployAfterARollbackPromotesItsStagedDeploymentAndResumesAutoAssignment() throws Exception {
    DeployTarget web = Vercel.deployTarget(client, "acme-web", "123456");
    web.rollback(web.deploy(new Ctx()), new Ctx());
    Ctx ctx = new Ctx();

    dev.runway.pipeline.Deployment d = web.deploy(ctx);

    assertThat(production("acme-web")).isEqualTo(d.version());
    assertThat(d.previousVersion()).contains(webBefore);
    assertThat(sandbox.autoAssign("acme-web")).isTrue();
    assertThat(ctx.lines).anyMatch(l -> l.startsWith("warning: acme-web: deployment " + d.version() + " is READY but staged:"))
        .contains("promoted " + d.version() + " to production; auto-assignment resumed");
  }

  @Test
  void aFailingBuildFailsTheRunAndLeavesProductionAsItWas() {
    sandbox.failBuilds("acme-web", true);

    PipelineRun run = run(pipeline(DeployPipelines.passingSmoke()));

    assertThat(run.succeeded()).isFalse();
    assertThat(run.step("deploy-web").status()).isEqualTo(StepStatus.FAILED);
    assertThat(run.step("deploy-web").message()).startsWith("vercel:dpl_").contains(" ended ERROR (Command \"npm run build\" exited with 1);"
        + " read the build log at https://vercel.com/deployments/");
    assertThat(production("acme-web")).isEqualTo(webBefore);
    assertThat(run.step("smoke").status()).isEqualTo(StepStatus.NOT_RUN);
    assertThat(run.toText()).doesNotContain(TOKEN);
  }

  @Test
  void aFirstDeployWithoutAGitSourceSaysWhatToPass() {
    sandbox.createProject("fresh");
    assertThatThrownBy(() -> Vercel.deployTarget(client, "fresh").deploy(new Ctx()))
        .isInstanceOf(RunwayException.DeployFailed.class)
        .hasMessage("vercel:fresh: no git source and no production deployment to rebuild;"
            + " use Vercel.deployTarget(client, \"fresh\", gitRepoId) to deploy a branch");
  }

  @Test
  void aFirstDeploymentCannotBeRolledBackAndSaysSo() {
    assertThatThrownBy(() -> Vercel.deployTarget(client, "acme-web").rollback(dev.runway.pipeline.Deployment.of("dpl_1"), new Ctx()))
        .isInstanceOf(RunwayException.DeployFailed.class)
        .hasMessage("vercel:acme-web: deployment dpl_1: nothing served production before it; promote an older deployment in the dashboard");
  }

  @Test
  void aWrongTokenFailsTheDeployWithoutShowingAnyToken() {
    VercelClient wrong = sandbox.clientBuilder().token("vcp_WRONGtoken").build();
    PipelineRun run = run(Pipeline.named("deploy")
        .stage("deploy", s -> s.step(Step.deploy("deploy-web", Vercel.deployTarget(wrong, "acme-web")))).build());

    assertThat(run.failure()).isEqualTo("deploy-web: vercel: GET /v9/projects/acme-web: 403 forbidden (Not authorized);"
        + " check the Vercel token and, for a team project, the teamId");
    assertThat(run.toText()).doesNotContain(TOKEN).doesNotContain("vcp_WRONGtoken");
    assertThat(Vercel.deployTarget(client, "acme-web").toString()).isEqualTo("VercelDeployTarget[vercel:acme-web]");
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

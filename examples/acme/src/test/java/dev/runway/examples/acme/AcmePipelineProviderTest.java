package dev.runway.examples.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.base.RunwayException;
import dev.runway.pipeline.Approver;
import dev.runway.pipeline.LocalExecutor;
import dev.runway.pipeline.Pipeline;
import dev.runway.pipeline.PipelineProvider;
import dev.runway.pipeline.PipelineRun;
import dev.runway.pipeline.StepStatus;
import dev.runway.render.Deploy;
import dev.runway.render.DeployStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The acme production pipeline run by the local executor against the in-process sandboxes. */
class AcmePipelineProviderTest {
  static final Path ACME = Path.of("").toAbsolutePath();

  @TempDir Path dir;

  private PipelineRun run(Pipeline p, Map<String, String> variables) {
    return LocalExecutor.builder().quiet().workDir(dir).notifications(false).variables(variables)
        .approver(Approver.upFront(List.of("production"))).build().run(p);
  }

  @Test
  void theProductionPipelineRunsAgainstTheSandboxesAndBothDeploysGoLive() {
    try (AcmeSandbox sandbox = AcmeSandbox.start()) {
      String webBefore = sandbox.vercel().productionDeployment("acme-web").orElseThrow();

      PipelineRun run = run(AcmePipelineProvider.sandboxed(sandbox, s -> s.health(false)), Map.of());

      assertThat(run.succeeded()).as(run.toText()).isTrue();
      assertThat(run.step("validate-env").output()).anyMatch(l -> l.contains("production: valid (18 variables, 0 errors"));
      assertThat(run.step("deploy-api").version()).isEqualTo(sandbox.render().liveDeploy(sandbox.serviceId()).orElseThrow().id());
      assertThat(run.step("deploy-web").version()).isEqualTo(sandbox.vercel().productionDeployment("acme-web").orElseThrow());
      assertThat(run.step("deploy-web").previous()).isEqualTo(webBefore);
      assertThat(run.step("api-health").status()).isEqualTo(StepStatus.SUCCEEDED);
    }
  }

  @Test
  void aFailingSmokeTestRollsBothDeploysBackToTheVersionsLiveBefore() {
    try (AcmeSandbox sandbox = AcmeSandbox.start()) {
      Deploy apiBefore = sandbox.render().liveDeploy(sandbox.serviceId()).orElseThrow();
      String webBefore = sandbox.vercel().productionDeployment("acme-web").orElseThrow();

      PipelineRun run = run(AcmePipelineProvider.sandboxed(sandbox, s -> s.health(true)), Map.of());

      assertThat(run.succeeded()).isFalse();
      assertThat(run.step("api-health").message())
          .isEqualTo("GET " + sandbox.health(true) + " answered 503, expected 200 (after 2 attempts)");
      assertThat(run.rollbacks()).hasSize(2).allMatch(PipelineRun.RollbackResult::succeeded);
      Deploy apiNow = sandbox.render().liveDeploy(sandbox.serviceId()).orElseThrow();
      assertThat(apiNow.trigger()).contains("rollback");
      assertThat(apiNow.commitId()).isEqualTo(apiBefore.commitId());
      assertThat(sandbox.vercel().productionDeployment("acme-web")).contains(webBefore);
      assertThat(run.toText())
          .contains("  rolled back deploy-web (vercel:acme-web) from " + run.step("deploy-web").version() + " to " + webBefore + "\n")
          .contains("  rolled back deploy-api (render:acme-api) from " + run.step("deploy-api").version() + " to "
              + apiBefore.id() + "\n");
    }
  }

  @Test
  void aFailingBuildFailsTheRunAndLeavesBothPlatformsAsTheyWere() {
    try (AcmeSandbox sandbox = AcmeSandbox.start()) {
      String apiBefore = sandbox.render().liveDeploy(sandbox.serviceId()).orElseThrow().id();
      String webBefore = sandbox.vercel().productionDeployment("acme-web").orElseThrow();
      sandbox.render().failNextDeploy(sandbox.serviceId(), DeployStatus.BUILD_FAILED);

      PipelineRun run = run(AcmePipelineProvider.sandboxed(sandbox, s -> s.health(false)), Map.of());

      assertThat(run.succeeded()).isFalse();
      assertThat(run.step("deploy-api").status()).isEqualTo(StepStatus.FAILED);
      assertThat(run.step("deploy-api").message()).contains(": ended build_failed; read its logs at https://dashboard.render.com/");
      assertThat(run.step("api-health").status()).isEqualTo(StepStatus.NOT_RUN);
      assertThat(sandbox.render().liveDeploy(sandbox.serviceId()).orElseThrow().id()).isEqualTo(apiBefore);
      // The web deploy either was cancelled or went live and was rolled back with its failed sibling.
      assertThat(sandbox.vercel().productionDeployment("acme-web")).contains(webBefore);
    }
  }

  @Test
  void theRealPipelinesBuildWithoutKeysAndPlanLikeTheExportedOnes() {
    List<Pipeline> real = new AcmePipelineProvider().pipelines(false);

    assertThat(real).extracting(Pipeline::name).containsExactly("production-deploy", "pr-validation");
    assertThat(real.get(0).plan()).isEqualTo(AcmePipelines.all().get(0).plan());
    assertThat(ServiceLoader.load(PipelineProvider.class).stream().map(ServiceLoader.Provider::type))
        .contains(AcmePipelineProvider.class);
  }

  @Test
  void aRealDeploySaysWhichKeyIsMissing() {
    Pipeline production = new AcmePipelineProvider().pipelines(false).get(0);
    LocalExecutor executor = LocalExecutor.builder().quiet().workDir(dir).notifications(false).variables(Map.of()).build();

    assertThat(executor.runStep(production, "deploy-api").step("deploy-api").message())
        .isEqualTo("render:acme-api: RENDER_API_KEY: is not set; create a key under Render's Account Settings → API Keys"
            + " and export RENDER_API_KEY (a GitHub secret in CI), or run with --sandbox");
    assertThat(executor.runStep(production, "deploy-web").step("deploy-web").message())
        .isEqualTo("vercel:acme-web: VERCEL_TOKEN: is not set; create a token at vercel.com/account/tokens"
            + " and export VERCEL_TOKEN (a GitHub secret in CI), or run with --sandbox");
  }

  @Test
  void theOfflineCheckFailsOnAnInvalidProductionEnvironment() throws Exception {
    Files.copy(ACME.resolve("runway.conf"), dir.resolve("runway.conf"));
    Files.writeString(dir.resolve(".env.production"), Files.readString(ACME.resolve(".env.production")) + "DEBUG=true\n");
    try (AcmeSandbox sandbox = AcmeSandbox.start()) {
      Pipeline p = AcmePipelineProvider.sandboxed(sandbox, s -> s.health(false));

      PipelineRun run = run(p, Map.of(AcmePipelineProvider.DIR_VARIABLE, dir.toString()));

      assertThat(run.succeeded()).isFalse();
      assertThat(run.step("validate-env").status()).isEqualTo(StepStatus.FAILED);
      assertThat(run.step("validate-env").message()).contains("DEBUG");
      assertThat(run.step("deploy-api").status()).isEqualTo(StepStatus.NOT_RUN);
    }
  }

  @Test
  void theAcmeFolderIsFoundFromTheRepositoryFromElsewhereAndWhenNamed() {
    Path root = ACME.getParent().getParent();
    assertThat(AcmePipelineProvider.acmeDir(null, ACME)).isEqualTo(ACME);
    assertThat(AcmePipelineProvider.acmeDir(null, root)).isEqualTo(ACME);
    // From an unrelated folder, through where these classes were loaded (examples/acme/target/classes).
    assertThat(AcmePipelineProvider.acmeDir(null, dir)).isEqualTo(ACME);
    assertThat(AcmePipelineProvider.acmeDir(ACME.toString(), dir)).isEqualTo(ACME);
    assertThatThrownBy(() -> AcmePipelineProvider.acmeDir(dir.toString(), ACME))
        .isInstanceOf(RunwayException.class)
        .hasMessage("RUNWAY_ACME_DIR: " + dir + ": holds no runway.conf and .env.production; point it at the acme"
            + " example's folder (examples/acme)");
  }

  @Test
  void theSandboxesDoNotKeepTheJvmAlive() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SandboxLeftOpen.class.getName())
        .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
    boolean ended = p.waitFor(60, TimeUnit.SECONDS);
    if (!ended) p.destroyForcibly();

    assertThat(ended).as("the JVM kept running after main returned").isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("out.txt"))).isZero();
    assertThat(Files.readString(dir.resolve("out.txt"))).contains("sandboxes started");
  }

  /** Starts the sandboxes, uses them, and returns from main without closing them. */
  static final class SandboxLeftOpen {
    public static void main(String[] args) {
      AcmeSandbox sandbox = AcmeSandbox.start();
      System.out.println("sandboxes started: " + sandbox);
    }
  }
}

package dev.runway.testkit;

import dev.runway.pipeline.DeployTarget;
import dev.runway.pipeline.LocalExecutor;
import dev.runway.pipeline.Pipeline;
import dev.runway.pipeline.PipelineRun;
import dev.runway.pipeline.Step;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The pipeline every platform's deploy-target test runs: two deploys in parallel, then a smoke
 * step that passes or fails (a failure must roll both back). Shared by the Render and Vercel tests.
 */
public final class DeployPipelines {
  private DeployPipelines() {}

  /** Stage "deploy" with two parallel deploy steps (30 s each), stage "smoke" with {@code smoke}. */
  public static Pipeline twoParallelDeploys(String first, DeployTarget firstTarget, String second,
      DeployTarget secondTarget, Step smoke) {
    return Pipeline.named("deploy")
        .stage("deploy", s -> s.parallel(
            Step.deploy(first, firstTarget).timeout(Duration.ofSeconds(30)),
            Step.deploy(second, secondTarget).timeout(Duration.ofSeconds(30))))
        .stage("smoke", s -> s.step(smoke))
        .build();
  }

  /** Runs quietly in {@code workDir}, without notifications or variables. */
  public static PipelineRun run(Pipeline pipeline, Path workDir) {
    return LocalExecutor.builder().quiet().workDir(workDir).notifications(false).variables(Map.of()).build()
        .run(pipeline);
  }

  public static Step passingSmoke() {
    return Step.smoke("smoke", "always passes", ctx -> ctx.log("ok"));
  }

  /** A smoke step that fails with {@code message}, as a real health check would. */
  public static Step failingSmoke(String message) {
    return Step.smoke("smoke", "always fails", ctx -> {
      throw new IllegalStateException(message);
    });
  }
}

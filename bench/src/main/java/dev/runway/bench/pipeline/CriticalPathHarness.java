package dev.runway.bench.pipeline;

import dev.runway.pipeline.LocalExecutor;
import dev.runway.pipeline.Pipeline;
import dev.runway.pipeline.PipelineRun;
import dev.runway.pipeline.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * A 4-stage pipeline (verify ∥, approval given up front, two parallel deploys, smoke) whose steps
 * take fixed times; prints the wall time against the critical path and the share above it.
 * The deploy targets sleep as a stand-in until the Render and Vercel sandbox targets are wired.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar dev.runway.bench.pipeline.CriticalPathHarness [runs]}
 */
public final class CriticalPathHarness {
  private CriticalPathHarness() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    long verify = 300, apiDeploy = 800, webDeploy = 600, smoke = 200;
    Pipeline p = Pipeline.named("four-stages")
        .stage("verify", s -> s.parallel(Step.java("test", sleep(verify)), Step.java("lint", sleep(verify / 2))))
        .stage("approve", s -> s.gate(dev.runway.pipeline.Approval.named("production")))
        .stage("deploy", s -> s.parallel(
            Step.deploy("deploy-api", PipelineEngineBenchmark.sleeping("sandbox:api", apiDeploy)),
            Step.deploy("deploy-web", PipelineEngineBenchmark.sleeping("sandbox:web", webDeploy))))
        .stage("smoke", s -> s.step(Step.java("smoke", sleep(smoke))))
        .build();
    long critical = verify + apiDeploy + smoke;
    Path dir = Files.createTempDirectory("runway-critical");
    LocalExecutor ex = LocalExecutor.builder().quiet().workDir(dir).variables(Map.of()).notifications(false)
        .approver(dev.runway.pipeline.Approver.upFront(java.util.Set.of("production"))).build();
    ex.run(p); // warm-up
    double[] overhead = new double[runs];
    for (int i = 0; i < runs; i++) {
      PipelineRun run = ex.run(p);
      if (!run.succeeded()) throw new IllegalStateException(run.toText());
      long wall = Duration.between(run.startedAt(), run.finishedAt()).toMillis();
      overhead[i] = (wall - critical) * 100.0 / critical;
      System.out.printf(Locale.ROOT, "run %2d: %d ms (critical path %d ms, +%.2f%%)%n", i + 1, wall, critical, overhead[i]);
    }
    Arrays.sort(overhead);
    System.out.printf(Locale.ROOT, "median +%.2f%%, worst +%.2f%% over the critical path%n",
        overhead[runs / 2], overhead[runs - 1]);
  }

  private static dev.runway.pipeline.StepAction sleep(long millis) {
    return ctx -> Thread.sleep(millis);
  }
}

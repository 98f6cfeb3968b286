package dev.runway.bench.pipeline;

import dev.runway.pipeline.DeployTarget;
import dev.runway.pipeline.Deployment;
import dev.runway.pipeline.LocalExecutor;
import dev.runway.pipeline.Pipeline;
import dev.runway.pipeline.PipelineRun;
import dev.runway.pipeline.Step;
import dev.runway.pipeline.StepContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Engine overhead: a pipeline of {@value #STEPS} no-op Java steps, run end to end (record and
 * history written, no progress output). Divide the score by {@value #STEPS} for the cost per step.
 *
 * <p>{@code java -jar bench/target/benchmarks.jar PipelineEngineBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PipelineEngineBenchmark {
  static final int STEPS = 100;

  Pipeline sequential;
  Pipeline parallel;
  LocalExecutor executor;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Path dir = Files.createTempDirectory("runway-bench");
    Pipeline.Builder b = Pipeline.named("overhead");
    for (int i = 0; i < STEPS / 10; i++) {
      int stage = i;
      b.stage("s" + stage, s -> {
        for (int j = 0; j < 10; j++) s.step(Step.java("s" + stage + "-" + j, ctx -> {}));
      });
    }
    sequential = b.build();
    Pipeline.Builder pb = Pipeline.named("overhead-parallel");
    for (int i = 0; i < STEPS / 10; i++) {
      int stage = i;
      Step[] steps = new Step[10];
      for (int j = 0; j < 10; j++) steps[j] = Step.java("p" + stage + "-" + j, ctx -> {});
      pb.stage("p" + stage, s -> s.parallel(steps));
    }
    parallel = pb.build();
    executor = LocalExecutor.builder().quiet().workDir(dir).variables(Map.of()).notifications(false).build();
  }

  /** 100 sequential no-op steps in 10 stages. */
  @Benchmark
  public PipelineRun hundredSequentialSteps() {
    return executor.run(sequential);
  }

  /** 100 no-op steps in 10 parallel groups of 10. */
  @Benchmark
  public PipelineRun hundredParallelSteps() {
    return executor.run(parallel);
  }

  /** A deploy target that takes a fixed time, like a sandbox deploy. */
  static DeployTarget sleeping(String name, long millis) {
    return new DeployTarget() {
      int live = 1;

      @Override
      public String name() {
        return name;
      }

      @Override
      public Deployment deploy(StepContext context) throws InterruptedException {
        Thread.sleep(millis);
        return Deployment.of("v" + (++live)).previous("v" + (live - 1));
      }

      @Override
      public void rollback(Deployment deployment, StepContext context) {}
    };
  }
}

package dev.runway.pipeline;

import dev.runway.pipeline.internal.Checks;
import dev.runway.pipeline.internal.JUnitReports;
import dev.runway.pipeline.internal.LoadTest;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Quality gates: steps that pass or fail a run on a measurement. Each returns a {@link Step} that
 * takes the usual timeout, retries and condition.
 *
 * <pre>{@code
 * Gates.exitCode("lint", "npm run lint");
 * Gates.junit("tests", Path.of("target/surefire-reports"), 100);   // failures = 0, >= 100 tests
 * Gates.performance("perf", URI.create("https://api.example.com/api/health"),
 *     PerformanceBudget.of(Path.of(".runway/perf-baseline.json")));
 * }</pre>
 */
public final class Gates {
  private Gates() {}

  /** Passes when {@code command} exits 0. */
  public static Step exitCode(String id, String command) {
    return Step.exitCodeGate(id, command);
  }

  /**
   * Reads every JUnit XML report ({@code TEST-*.xml} or {@code *.xml}) under {@code reportsDir}; passes
   * when there are no failures and no errors and at least {@code minTests} tests ran.
   */
  public static Step junit(String id, Path reportsDir, int minTests) {
    Objects.requireNonNull(reportsDir, "reportsDir");
    if (minTests < 0) throw new IllegalArgumentException("pipeline: gate '" + id + "': minTests must be >= 0");
    return Step.javaGate(id, "junit reports in " + reportsDir + ": failures = 0, tests >= " + minTests,
        ctx -> JUnitReports.gate(ctx, reportsDir, minTests));
  }

  /**
   * Loads {@code url} with GET requests within {@code budget}, and compares p95 with the stored
   * baseline: fails when it regresses by more than the allowed share, saying by how much. Without a
   * baseline file the run records one and passes.
   */
  public static Step performance(String id, URI url, PerformanceBudget budget) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(budget, "budget");
    return Step.javaGate(id, "load " + Checks.safe(url) + " at " + budget.requestsPerSecond() + " rps for "
        + Names.human(budget.duration()) + ", p95 within +" + Math.round(budget.maxP95Regression() * 100)
        + "% of baseline", ctx -> LoadTest.gate(ctx, url, budget));
  }
}

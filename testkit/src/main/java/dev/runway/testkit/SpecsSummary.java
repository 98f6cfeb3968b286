package dev.runway.testkit;

import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints one line per test run (one per module under Maven) counting the contract tests that were
 * skipped, or failed under {@code CI=true}, because the vendor specs were not found:
 *
 * <pre>
 * runway: 14 contract tests skipped: vendor specs not found (run scripts/fetch-specs, or pass -Drunway.specs=DIR or RUNWAY_SPECS)
 * </pre>
 *
 * <p>Registered for the JUnit Platform launcher in {@code META-INF/services}, so every module whose
 * tests use the kit prints it; nothing is printed when no test needed a missing spec. A class
 * skipped as a whole (a {@code @BeforeAll} that found no specs) counts each of its tests.
 */
public final class SpecsSummary implements TestExecutionListener {
  private @Nullable TestPlan plan;
  private final Set<String> started = new HashSet<>();
  private int skipped;
  private int failed;

  /** Called by the launcher's ServiceLoader. */
  public SpecsSummary() {}

  @Override
  public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
    plan = testPlan;
    started.clear();
    skipped = 0;
    failed = 0;
  }

  @Override
  public synchronized void executionStarted(TestIdentifier id) {
    started.add(id.getUniqueId());
  }

  @Override
  public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
    Throwable t = result.getThrowable().orElse(null);
    if (result.getStatus() == TestExecutionResult.Status.ABORTED && t instanceof Specs.SpecsMissing) {
      skipped += tests(id);
    } else if (result.getStatus() == TestExecutionResult.Status.FAILED && causedByMissingSpecsInCi(t)) {
      failed += tests(id);
    }
  }

  @Override
  public synchronized void executionSkipped(TestIdentifier id, String reason) {
    // a skip decided before the test ran: @RequiresSpecs, or a jqwik hook using Specs.skipReason
    if (reason.contains(": vendor specs not found (looked in ")) skipped += tests(id);
    started.add(id.getUniqueId());
    if (plan != null) plan.getDescendants(id).forEach(d -> started.add(d.getUniqueId()));
  }

  @Override
  public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
    String line = line(skipped, failed);
    if (!line.isEmpty()) System.out.println(line);
  }

  /** The summary for these counts; empty when both are zero. */
  static String line(int skipped, int failed) {
    StringBuilder out = new StringBuilder();
    if (skipped > 0) {
      out.append("runway: ").append(skipped).append(skipped == 1 ? " contract test" : " contract tests")
          .append(" skipped: vendor specs not found (").append(Specs.HOW_TO_GET).append(')');
    }
    if (failed > 0) {
      if (out.length() > 0) out.append(System.lineSeparator());
      out.append("runway: ").append(failed).append(failed == 1 ? " contract test" : " contract tests")
          .append(" failed: vendor specs not found and CI=true (").append(Specs.HOW_TO_GET).append(')');
    }
    return out.toString();
  }

  /** A test counts once; a container that was cut short counts each of its tests that never started nor was skipped. */
  private int tests(TestIdentifier id) {
    if (id.isTest() || plan == null) return 1;
    int count = 0;
    boolean any = false;
    for (TestIdentifier d : plan.getDescendants(id)) {
      if (!d.isTest()) continue;
      any = true;
      if (!started.contains(d.getUniqueId())) count++;
    }
    return any ? count : 1;
  }

  private static boolean causedByMissingSpecsInCi(@Nullable Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof Specs.SpecsMissingInCi) return true;
    }
    return false;
  }
}

package dev.runway.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The bounds and the verdict of a performance gate: how hard and how long to load the URL (both
 * capped: at most 200 requests per second, at most 60 seconds), where the baseline latencies are
 * stored, and how much p95 may regress against them.
 *
 * <pre>{@code
 * PerformanceBudget.of(Path.of(".runway/perf-baseline.json")).requestsPerSecond(20)
 *     .duration(Duration.ofSeconds(10)).maxP95Regression(0.20);
 * }</pre>
 *
 * @param requestsPerSecond the request rate, 1..200
 * @param duration how long the load lasts, up to 60 s
 * @param baseline the JSON file holding the baseline (written on the first run)
 * @param maxP95Regression the share by which p95 may exceed the baseline (0.2 = 20%)
 */
public record PerformanceBudget(int requestsPerSecond, Duration duration, Path baseline, double maxP95Regression) {
  public static final int MAX_RPS = 200;
  public static final Duration MAX_DURATION = Duration.ofSeconds(60);

  public PerformanceBudget {
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(baseline, "baseline");
    if (requestsPerSecond < 1 || requestsPerSecond > MAX_RPS) {
      throw new IllegalArgumentException("pipeline: performance gate: requestsPerSecond must be 1.."
          + MAX_RPS + " but was " + requestsPerSecond);
    }
    if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException(
          "pipeline: performance gate: duration must be within (0, 60 s] but was " + duration);
    }
    if (!(maxP95Regression >= 0 && maxP95Regression <= 10)) {
      throw new IllegalArgumentException(
          "pipeline: performance gate: maxP95Regression must be 0..10 but was " + maxP95Regression);
    }
  }

  /** 10 requests per second for 10 seconds, p95 may regress by 20%. */
  public static PerformanceBudget of(Path baseline) {
    return new PerformanceBudget(10, Duration.ofSeconds(10), baseline, 0.20);
  }

  public PerformanceBudget requestsPerSecond(int rps) {
    return new PerformanceBudget(rps, duration, baseline, maxP95Regression);
  }

  public PerformanceBudget duration(Duration length) {
    return new PerformanceBudget(requestsPerSecond, length, baseline, maxP95Regression);
  }

  public PerformanceBudget maxP95Regression(double share) {
    return new PerformanceBudget(requestsPerSecond, duration, baseline, share);
  }
}

package dev.runway.vercel;

import dev.runway.base.Problems;
import dev.runway.base.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Vercel plan allows a deployment pipeline, so a plan that would exceed it is reported before
 * it runs: Hobby allows 100 deployments a day, one concurrent build, and 45-minute builds.
 *
 * <pre>{@code
 * VercelPlan.HOBBY.check(95, 10, 2, Duration.ofMinutes(30));
 * // [deployments: 95 today + 10 planned is over Hobby's 100 a day ..., concurrency: ...]
 * }</pre>
 */
public enum VercelPlan {
  HOBBY("Hobby", 100, 1, Duration.ofMinutes(45)),
  PRO("Pro", 6000, 12, Duration.ofMinutes(45));

  private final String label;
  private final int deploymentsPerDay;
  private final int concurrentBuilds;
  private final Duration maxBuildTime;

  VercelPlan(String label, int deploymentsPerDay, int concurrentBuilds, Duration maxBuildTime) {
    this.label = label;
    this.deploymentsPerDay = deploymentsPerDay;
    this.concurrentBuilds = concurrentBuilds;
    this.maxBuildTime = maxBuildTime;
  }

  public int deploymentsPerDay() {
    return deploymentsPerDay;
  }

  public int concurrentBuilds() {
    return concurrentBuilds;
  }

  public Duration maxBuildTime() {
    return maxBuildTime;
  }

  /**
   * Problems with a planned run on this plan.
   *
   * @param deploymentsToday deployments already made today
   * @param planned deployments the run would make
   * @param parallelBuilds builds the run would start at once
   * @param buildTimeout the longest a build is allowed to take in the run
   */
  public List<Problem> check(int deploymentsToday, int planned, int parallelBuilds, Duration buildTimeout) {
    List<Problem> problems = new ArrayList<>();
    if (deploymentsToday + planned > deploymentsPerDay) {
      problems.add(Problem.error(Problem.OUT_OF_RANGE, "deployments",
              deploymentsToday + " today + " + planned + " planned is over " + label + "'s " + deploymentsPerDay
                  + " a day")
          .withFix("wait until tomorrow (UTC), deploy fewer previews, or move to a larger plan"));
    }
    if (parallelBuilds > concurrentBuilds) {
      problems.add(Problem.warning(Problem.OUT_OF_RANGE, "concurrency",
              parallelBuilds + " builds at once, but " + label + " runs " + concurrentBuilds
                  + " at a time; the others queue")
          .withFix("expect the run to take longer, or deploy the Vercel services one after another"));
    }
    if (buildTimeout.compareTo(maxBuildTime) > 0) {
      problems.add(Problem.warning(Problem.OUT_OF_RANGE, "buildTimeout",
              "waits up to " + buildTimeout.toMinutes() + " minutes, but " + label + " stops builds after "
                  + maxBuildTime.toMinutes())
          .withFix("set the deploy step's timeout to at most " + maxBuildTime.toMinutes() + " minutes"));
    }
    return problems;
  }
}

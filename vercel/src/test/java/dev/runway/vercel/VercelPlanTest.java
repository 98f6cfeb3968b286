package dev.runway.vercel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.App;
import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.Runway;
import dev.runway.env.EnvSources;
import dev.runway.env.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VercelPlanTest {

  @Test
  void hobbyReportsEveryLimitARunWouldExceed() {
    var problems = VercelPlan.HOBBY.check(95, 10, 2, Duration.ofMinutes(60));
    assertThat(problems).extracting(Problem::text).containsExactly(
        "deployments: 95 today + 10 planned is over Hobby's 100 a day; wait until tomorrow (UTC), deploy fewer previews, or move to a larger plan",
        "concurrency: 2 builds at once, but Hobby runs 1 at a time; the others queue; expect the run to take longer, or deploy the Vercel services one after another",
        "buildTimeout: waits up to 60 minutes, but Hobby stops builds after 45; set the deploy step's timeout to at most 45 minutes");
    assertThat(problems.get(0).isError()).isTrue();
  }

  @Test
  void aRunWithinHobbyHasNoProblem() {
    assertThat(VercelPlan.HOBBY.check(10, 1, 1, Duration.ofMinutes(10))).isEmpty();
  }

  @Test
  void environmentsOverSixtyFourKilobytesPerDeploymentAreReported() throws Exception {
    App app = Runway.parse("""
        app = big
        services { web { platform = vercel } }
        variables { CERT_BUNDLE { type = string, targets = [web] } }
        """, "runway.conf");
    String big = "x".repeat(70_000);
    var problems = app.validate(Environment.PRODUCTION,
        EnvSources.of(EnvSources.map(Map.of("CERT_BUNDLE", big), Origin.of("test"), true))).problems();
    assertThat(problems.errors()).extracting(Problem::text).containsExactly(
        "services.web: receives 70011 bytes of environment variables, over Vercel's limit of 65536 bytes per"
            + " deployment; target fewer variables at 'web' (targets = [...]) or move large values"
            + " (certificates, JSON) to a file or a secret store");
    var small = app.validate(Environment.PRODUCTION,
        EnvSources.of(EnvSources.map(Map.of("CERT_BUNDLE", "x"), Origin.of("test"), true))).problems();
    assertThat(small.all()).isEmpty();
  }
}

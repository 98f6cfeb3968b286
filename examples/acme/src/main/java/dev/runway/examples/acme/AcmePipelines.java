package dev.runway.examples.acme;

import dev.runway.pipeline.Approval;
import dev.runway.pipeline.Condition;
import dev.runway.pipeline.DeployTarget;
import dev.runway.pipeline.Deployment;
import dev.runway.pipeline.Gates;
import dev.runway.pipeline.PerformanceBudget;
import dev.runway.pipeline.Pipeline;
import dev.runway.pipeline.Step;
import dev.runway.pipeline.StepContext;
import dev.runway.pipeline.Trigger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The acme app's two pipelines, written once: run locally with {@code LocalExecutor} and exported to
 * {@code .github/workflows/} (kept in sync by {@code AcmeWorkflowsTest}).
 */
public final class AcmePipelines {
  /** The JBang script the exported workflows call for Java steps. */
  public static final String SCRIPT = "ops/Pipelines.java";
  public static final URI API_HEALTH = URI.create("https://acme-api.onrender.com/api/health");

  private AcmePipelines() {}

  /** Both pipelines with their deploy steps not wired to a platform (enough to plan and export). */
  public static List<Pipeline> all() {
    return List.of(production(unwired("render:acme-api"), unwired("vercel:acme-web"), API_HEALTH), prValidation());
  }

  /**
   * verify (backend tests ∥ frontend build) → approval → deploy (Render ∥ Vercel) → smoke and
   * performance; any failure after the deploys rolls both back.
   */
  public static Pipeline production(DeployTarget api, DeployTarget web, URI apiHealth) {
    return production(
        List.of(
            Step.shell("backend-tests", "pip install -r requirements.txt\npytest -q --junitxml=../reports/backend.xml")
                .workingDir(Path.of("backend")).timeout(Duration.ofMinutes(15)),
            Step.shell("frontend-build", "npm ci\nnpm run build")
                .workingDir(Path.of("frontend")).timeout(Duration.ofMinutes(15))),
        api, web,
        Step.smoke("api-health", apiHealth, 200).timeout(Duration.ofMinutes(1)).retries(3, Duration.ofSeconds(5)),
        List.of(Gates.performance("api-latency", apiHealth,
                PerformanceBudget.of(Path.of(".runway/perf-baseline.json")).requestsPerSecond(10)
                    .duration(Duration.ofSeconds(10)).maxP95Regression(0.25))
            .when(Condition.environment("production"))));
  }

  /**
   * The production pipeline's shape with its parts given: the sandbox variant swaps the verify steps
   * (offline), the smoke step (a local URL, quick retries) and leaves out the performance gate.
   */
  static Pipeline production(List<Step> verify, DeployTarget api, DeployTarget web, Step smoke, List<Step> afterSmoke) {
    return Pipeline.named("production-deploy")
        .on(Trigger.push("main"), Trigger.manual())
        .stage("verify", s -> {
          if (verify.size() == 1) s.step(verify.get(0));
          else s.parallel(verify.toArray(Step[]::new));
        })
        .stage("approve", s -> s.gate(Approval.named("production").by("ops").within(Duration.ofHours(4))))
        .stage("deploy", s -> s.parallel(
            // The targets read their key from the run's environment: masked locally, a GitHub secret on runners.
            Step.deploy("deploy-api", api).timeout(Duration.ofMinutes(10)).secret("RENDER_API_KEY"),
            Step.deploy("deploy-web", web).timeout(Duration.ofMinutes(10)).secret("VERCEL_TOKEN")))
        .stage("smoke", s -> {
          s.step(smoke);
          afterSmoke.forEach(s::step);
        })
        .concurrency("production")
        .script(SCRIPT)
        .build();
  }

  /** Backend tests and their JUnit gate, then frontend lint and build, on every pull request to main. */
  public static Pipeline prValidation() {
    return Pipeline.named("pr-validation")
        .on(Trigger.pullRequest("main"))
        // Sequential steps share one job (one runner), so the gate reads the reports the tests wrote.
        .stage("backend", s -> s
            .step(Step.shell("backend-tests", "pip install -r requirements.txt\npytest -q --junitxml=../reports/backend.xml")
                .workingDir(Path.of("backend")).timeout(Duration.ofMinutes(15)))
            .step(Gates.junit("backend-report", Path.of("reports"), 1)))
        .stage("frontend", s -> s.step(Step.shell("frontend-lint", "npm ci\nnpm run lint\nnpm run build")
            .workingDir(Path.of("frontend")).timeout(Duration.ofMinutes(15))))
        .script(SCRIPT)
        .build();
  }

  /** A deploy target that says how to wire it; the platform modules provide the real ones. */
  static DeployTarget unwired(String name) {
    return new DeployTarget() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Deployment deploy(StepContext context) {
        throw new IllegalStateException(name + ": no deploy target wired; pass the platform module's target to "
            + "AcmePipelines.production(api, web, url)");
      }

      @Override
      public void rollback(Deployment deployment, StepContext context) {
        throw new IllegalStateException(name + ": no deploy target wired");
      }
    };
  }
}

package dev.runway.examples.acme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.pipeline.GitHubActions;
import dev.runway.pipeline.Pipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keeps .github/workflows in sync with AcmePipelines. To regenerate after changing the pipelines:
 * {@code ./mvnw -q -pl examples/acme -am test -Dtest=AcmeWorkflowsTest -Dsurefire.failIfNoSpecifiedTests=false -Dacme.regenerate=true}.
 * Schema and actionlint checks of these files run in core's GitHubActionsTest.
 */
class AcmeWorkflowsTest {
  static final Path WORKFLOWS = Path.of(".github", "workflows");

  @Test
  void committedWorkflowsMatchThePipelines() throws Exception {
    for (Pipeline p : AcmePipelines.all()) {
      GitHubActions.Workflow w = GitHubActions.workflow(p);
      if (Boolean.getBoolean("acme.regenerate")) w.writeTo(WORKFLOWS);
      Path file = WORKFLOWS.resolve(w.fileName());
      assertThat(file).as("run with -Dacme.regenerate=true to create it").exists();
      assertThat(Files.readString(file)).as(file + " is stale: run with -Dacme.regenerate=true").isEqualTo(w.yaml());
    }
  }

  @Test
  void theRollbackJobGetsTheDeploysCredentialsAsSecretReferences() {
    String yaml = GitHubActions.workflow(AcmePipelines.all().get(0)).yaml();
    String rollback = yaml.substring(yaml.indexOf("name: roll back deploys"));
    assertThat(rollback).contains("RENDER_API_KEY: \"${{ secrets.RENDER_API_KEY }}\"")
        .contains("VERCEL_TOKEN: \"${{ secrets.VERCEL_TOKEN }}\"");
  }

  @Test
  void theProductionPipelinePlansApprovalBeforeBothDeploys() {
    String plan = AcmePipelines.all().get(0).plan();
    assertThat(plan.indexOf("production [approval]")).isPositive().isLessThan(plan.indexOf("deploy-api [deploy]"));
    assertThat(plan).contains("deploy-web [deploy] deploy vercel:acme-web");
  }
}

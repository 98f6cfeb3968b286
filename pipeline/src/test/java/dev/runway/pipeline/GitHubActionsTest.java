package dev.runway.pipeline;

import dev.runway.testkit.Actionlint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.base.RunwayException;
import dev.runway.testkit.JsonSchemas;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

class GitHubActionsTest {
  static final String SCHEMA = "github/github-workflow.json";
  @TempDir Path dir;

  static Pipeline production() {
    List<String> log = FakeTarget.log();
    return Pipeline.named("production-deploy")
        .on(Trigger.push("main"), Trigger.manual(), Trigger.schedule("0 6 * * 1"))
        .stage("verify", s -> s.parallel(
            Step.shell("test", "./mvnw -q verify").timeout(Duration.ofMinutes(15)).retries(2, Duration.ofSeconds(10)),
            Step.shell("lint", "npm ci\nnpm run lint").workingDir(Path.of("web"))))
        .stage("approve", s -> s.gate(Approval.named("production").by("ops").within(Duration.ofHours(4))))
        .stage("deploy", s -> s.parallel(
            Step.deploy("deploy-api", new FakeTarget("api", log, 1)).timeout(Duration.ofMinutes(10)),
            Step.deploy("deploy-web", new FakeTarget("web", log, 1))))
        .stage("smoke", s -> s
            .step(Step.smoke("health", URI.create("https://api.example.com/api/health"), 200).retries(3, Duration.ofSeconds(5)))
            .step(Gates.performance("perf", URI.create("https://api.example.com/api/health"),
                PerformanceBudget.of(Path.of(".runway/perf-baseline.json"))))
            .step(Step.shell("migrate", "./migrate.sh").secret("DATABASE_URL")
                .when(Condition.branch("main").and(Condition.environment("production")))))
        .onFailure(Step.shell("page", "echo paging"))
        .always(Step.shell("cleanup", "echo done"))
        .concurrency("production")
        .script("ops/Deploy.java")
        .build();
  }

  static Pipeline prValidation() {
    return Pipeline.named("pr-validation")
        .on(Trigger.pullRequest("main"))
        .stage("verify", s -> s.step(Step.shell("build", "./mvnw -q verify"))
            .step(Gates.junit("tests", Path.of("target/surefire-reports"), 10)))
        .script("ops/Deploy.java")
        .build();
  }

  private static JsonNode tree(String yaml) {
    return YAMLMapper.builder().build().readTree(yaml);
  }

  @Test
  void exportedWorkflowsValidateAgainstGitHubsSchema() {
    for (Pipeline p : List.of(production(), prValidation())) {
      String yaml = GitHubActions.workflow(p).yaml();
      assertThat(JsonSchemas.validateYaml(SCHEMA, yaml)).as(yaml).isEmpty();
    }
  }

  @Test
  void exportedWorkflowsPassActionlint() throws Exception {
    for (Pipeline p : List.of(production(), prValidation())) {
      Path file = GitHubActions.workflow(p).writeTo(dir.resolve(".github/workflows"));
      Actionlint.Result r = Actionlint.lint(file);
      assertThat(r.exitCode()).as(r.output() + "\n" + Files.readString(file)).isZero();
    }
  }

  @Test
  void theAcmeExampleWorkflowsPassSchemaAndActionlint() throws Exception {
    Path workflows = Path.of("..", "examples", "acme", ".github", "workflows");
    List<Path> files;
    try (Stream<Path> s = Files.list(workflows)) {
      files = s.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
    }
    assertThat(files).extracting(f -> f.getFileName().toString()).contains("production-deploy.yml", "pr-validation.yml");
    for (Path f : files) {
      assertThat(JsonSchemas.validateYaml(SCHEMA, Files.readString(f))).as(f.toString()).isEmpty();
      Actionlint.Result r = Actionlint.lint(f.toAbsolutePath());
      assertThat(r.exitCode()).as(r.output()).isZero();
    }
  }

  @Test
  void keepsOnAStringKeyWithTheTriggers() {
    String yaml = GitHubActions.workflow(production()).yaml();
    assertThat(yaml).containsPattern("(?m)^\"?on\"?:$").doesNotContain("true:");
    JsonNode on = tree(yaml).get("on");
    assertThat(on).isNotNull();
    assertThat(on.get("push").get("branches").get(0).asString()).isEqualTo("main");
    assertThat(on.has("workflow_dispatch")).isTrue();
    assertThat(on.get("schedule").get(0).get("cron").asString()).isEqualTo("0 6 * * 1");
  }

  @Test
  void writesReadableYamlWithoutNeedlessQuotes() {
    String yaml = GitHubActions.workflow(production()).yaml();
    assertThat(yaml).startsWith("name: production-deploy\n").contains("runs-on: ubuntu-latest", "run: echo paging\n", "\"on\":\n", "cron: 0 6 * * 1\n")
        .doesNotContain("---");
  }

  @Test
  void mapsStagesToJobsLinkedByNeedsAndParallelStepsToParallelJobs() {
    JsonNode jobs = tree(GitHubActions.workflow(production()).yaml()).get("jobs");
    assertThat(names(jobs)).containsExactly("test", "lint", "approve", "deploy-api", "deploy-web", "smoke",
        "rollback", "on-failure", "always");
    assertThat(jobs.get("test").has("needs")).isFalse();
    assertThat(strings(jobs.get("approve").get("needs"))).containsExactly("test", "lint");
    assertThat(strings(jobs.get("deploy-api").get("needs"))).containsExactly("approve");
    assertThat(strings(jobs.get("smoke").get("needs"))).containsExactly("deploy-api", "deploy-web");
  }

  @Test
  void bindsAnApprovalToAGitHubEnvironment() {
    JsonNode approve = tree(GitHubActions.workflow(production()).yaml()).get("jobs").get("approve");
    assertThat(approve.get("environment").get("name").asString()).isEqualTo("production");
  }

  @Test
  void turnsTimeoutsIntoTimeoutMinutesAndRetriesIntoABoundedLoop() {
    JsonNode test = tree(GitHubActions.workflow(production()).yaml()).get("jobs").get("test");
    JsonNode step = test.get("steps").get(1);
    assertThat(step.get("timeout-minutes").asInt()).isEqualTo(46); // 3 attempts x 15 min + 10 s + 20 s backoff
    assertThat(test.get("timeout-minutes").asInt()).isEqualTo(51);
    assertThat(step.get("run").asString()).isEqualTo("for attempt in $(seq 1 3); do\n"
        + "  if (\n"
        + "    ./mvnw -q verify\n"
        + "  ); then exit 0; fi\n"
        + "  echo \"attempt $attempt of 3 failed\"\n"
        + "  if [ \"$attempt\" -lt 3 ]; then sleep $((10 * (1 << (attempt - 1)))); fi\n"
        + "done\n"
        + "exit 1\n");
  }

  @Test
  void retryLoopRunsTheCommandAtMostItsAttemptsInBash() throws Exception {
    String loop = dev.runway.pipeline.internal.WorkflowWriterAccess.retried("echo x >> tries; false", 2, Duration.ZERO);
    Process p = new ProcessBuilder("bash", "-e", "-c", loop).directory(dir.toFile()).start();
    assertThat(p.waitFor()).isEqualTo(1);
    assertThat(Files.readAllLines(dir.resolve("tries"))).hasSize(3);
  }

  @Test
  void referencesSecretsAndNeverWritesTheirValues() {
    String yaml = GitHubActions.workflow(production()).yaml();
    JsonNode migrate = tree(yaml).get("jobs").get("smoke").get("steps").get(5);
    assertThat(migrate.get("env").get("DATABASE_URL").asString()).isEqualTo("${{ secrets.DATABASE_URL }}");
    assertThat(migrate.get("if").asString())
        .isEqualTo("${{ github.ref == 'refs/heads/main' && env.RUNWAY_ENVIRONMENT == 'production' }}");
  }

  @Test
  void runsJavaStepsWithJbangAndTheirIds() {
    JsonNode jobs = tree(GitHubActions.workflow(production()).yaml()).get("jobs");
    JsonNode deploy = jobs.get("deploy-api");
    assertThat(deploy.get("steps").get(3).get("run").asString()).isEqualTo("jbang ops/Deploy.java --step deploy-api");
    assertThat(deploy.get("outputs").get("deploy_api_version").asString()).isEqualTo("${{ steps.deploy-api.outputs.version }}");
  }

  @Test
  void rollsBackEveryDeployInReverseOrderInAFailureJob() {
    JsonNode rb = tree(GitHubActions.workflow(production()).yaml()).get("jobs").get("rollback");
    assertThat(rb.get("if").asString()).isEqualTo("${{ failure() }}");
    JsonNode steps = rb.get("steps");
    assertThat(steps.get(3).get("name").asString()).isEqualTo("roll back deploy-web");
    assertThat(steps.get(4).get("name").asString()).isEqualTo("roll back deploy-api");
    assertThat(steps.get(4).get("run").asString())
        .isEqualTo("jbang ops/Deploy.java --rollback deploy-api --from \"$FROM_VERSION\" --to \"$TO_VERSION\"");
    assertThat(steps.get(4).get("env").get("TO_VERSION").asString())
        .isEqualTo("${{ needs.deploy-api.outputs.deploy_api_previous }}");
  }

  @Test
  void setsConcurrencyAndLeastPrivilegePermissions() {
    JsonNode root = tree(GitHubActions.workflow(production()).yaml());
    assertThat(root.get("concurrency").get("group").asString()).isEqualTo("production");
    assertThat(root.get("concurrency").get("cancel-in-progress").asBoolean()).isFalse();
    assertThat(root.get("permissions").properties()).isEmpty();
    root.get("jobs").properties().forEach(job -> {
      JsonNode perms = job.getValue().get("permissions");
      assertThat(perms).as(job.getKey()).isNotNull();
      if (job.getValue().has("environment")) assertThat(perms.properties()).as("approval job").isEmpty();
      else assertThat(perms.properties()).as(job.getKey()).hasSize(1)
          .allSatisfy(e -> assertThat(e.getKey() + "=" + e.getValue().asString()).isEqualTo("contents=read"));
    });
  }

  @Test
  void pinsEveryActionToACommitWithItsTagInAComment() {
    for (Pipeline p : List.of(production(), prValidation())) {
      List<String> uses = GitHubActions.workflow(p).yaml().lines().filter(l -> l.contains("uses:")).toList();
      assertThat(uses).isNotEmpty().allSatisfy(l -> {
        String action = l.replaceFirst("^\\s*(- )?uses: ", "").replaceFirst("@.*", "");
        assertThat(l).endsWith(ActionPins.uses(action) + " # " + ActionPins.version(action));
      });
    }
  }

  @Test
  void refusesACommandThatPastesAnUntrustedEventFieldIntoItsScript() {
    Pipeline p = Pipeline.named("p").on(Trigger.pullRequest("main"))
        .stage("s", s -> s.step(Step.shell("greet", "echo \"${{ github.event.pull_request.title }}\""))).build();
    assertThatThrownBy(() -> GitHubActions.workflow(p).yaml()).isInstanceOf(RunwayException.ModelInvalid.class)
        .hasMessage("pipeline p: step 'greet': command uses ${{ github.event.pull_request.title }}, which an outsider"
            + " can set and the runner would execute as script; pass it through the environment instead:"
            + " .env(\"VALUE\", \"${{ github.event.pull_request.title }}\") and use \"$VALUE\" in the command");
    Pipeline viaEnv = Pipeline.named("p").on(Trigger.pullRequest("main"))
        .stage("s", s -> s.step(Step.shell("greet", "echo \"$TITLE\"").env("TITLE", "${{ github.event.pull_request.title }}")))
        .build();
    assertThat(GitHubActions.workflow(viaEnv).yaml()).contains("TITLE: \"${{ github.event.pull_request.title }}\"");
  }

  @Test
  void refusesToExportJavaStepsWithoutAScript() {
    Pipeline p = Pipeline.named("p").stage("s", s -> s.step(Step.java("warm", ctx -> {}))).build();
    assertThatThrownBy(() -> GitHubActions.workflow(p).yaml()).isInstanceOf(RunwayException.ModelInvalid.class)
        .hasMessage("pipeline p: script: Java steps (warm) need a JBang script on the runner; "
            + "add .script(\"ops/Pipeline.java\") to the pipeline");
  }

  @Test
  void writesTheWorkflowFileNamedForThePipeline() throws Exception {
    Path file = GitHubActions.workflow(prValidation()).writeTo(dir);
    assertThat(file).isEqualTo(dir.resolve("pr-validation.yml"));
    assertThat(Files.readString(file)).isEqualTo(GitHubActions.workflow(prValidation()).yaml());
  }

  private static List<String> names(JsonNode node) {
    return node.propertyNames().stream().toList();
  }

  private static List<String> strings(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asString).toList();
  }

  static Map<String, String> unused() {
    return Map.of();
  }
}

package dev.runway.pipeline;

import dev.runway.testkit.Actionlint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.Service;
import dev.runway.base.RunwayException;
import dev.runway.testkit.JsonSchemas;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineConfigTest {
  @TempDir Path dir;

  static final String MODEL = """
      app = shop
      services {
        api { platform = render, health-check-path = /healthz }
        web { platform = vercel }
        db { platform = supabase }
      }
      """;

  /** Targets that record nothing: enough to build, plan and export. */
  static final PipelineConfig.Wiring FAKE = new PipelineConfig.Wiring() {
    @Override
    public DeployTarget deployTarget(Service service, String platformName) {
      if (service.platform().equals("supabase")) {
        throw new IllegalArgumentException("service '" + service.name() + "' is on supabase, which a pipeline cannot deploy");
      }
      return new FakeTarget(service.platform() + ":" + platformName, FakeTarget.log(), 1);
    }

    @Override
    public URI url(Service service, String platformName) {
      return URI.create("https://" + platformName + ".example.com");
    }

    @Override
    public List<String> secrets(Service service) {
      return List.of(service.platform().equals("render") ? "RENDER_API_KEY" : "VERCEL_TOKEN");
    }
  };

  private Path conf(String pipelines) throws Exception {
    Path f = dir.resolve("runway.conf");
    Files.writeString(f, MODEL + pipelines);
    return f;
  }

  static final String FULL = """
      pipelines {
        deploy {
          on { push = [main], pull-request = [main], manual = true, schedule = "0 6 * * 1" }
          concurrency = production
          stages {
            verify {
              parallel {
                test { run = "./mvnw -q verify", timeout = 15m, retries = 2, backoff = 10s }
                lint { run = "npm run lint", working-dir = web, env { CI = "true" } }
              }
            }
            gates {
              steps {
                reports { gate = junit, reports = target/surefire-reports, min-tests = 10 }
                audit { gate = exit-code, run = "npm audit" }
              }
            }
            approve { approval { name = production, by = [ops], within = 4h } }
            ship { parallel { ship-api { deploy = api }, ship-web { deploy = web, platform-name = shop-web } } }
            smoke {
              steps {
                health { smoke = api, retries = 3, backoff = 5s }
                web-up { smoke = "https://shop.example.com/", expect = 200 }
                perf { gate = performance, service = api, rps = 20, duration = 5s, max-p95-regression = 0.2 }
                migrate { run = "./migrate.sh", secrets = [DATABASE_URL], when { branch = main, environment = production } }
              }
            }
          }
          on-failure { page { run = "echo paging" } }
          always { cleanup { run = "echo done" } }
          notify { slack = SLACK_WEBHOOK_URL, webhook = DEPLOY_HOOK }
        }
      }
      """;

  @Test
  void readsEverythingTheJavaDslDeclares() throws Exception {
    Pipeline p = PipelineConfig.load(conf(FULL), FAKE).get(0);

    assertThat(p.triggers()).extracting(Trigger::toString)
        .containsExactly("push to main", "pull request to main", "manual", "schedule 0 6 * * 1");
    assertThat(p.concurrency()).contains("production");
    assertThat(p.config()).contains("runway.conf");
    assertThat(p.stages()).extracting(Stage::name).containsExactly("verify", "gates", "approve", "ship", "smoke");
    assertThat(p.stages().get(0).groups()).hasSize(1).first().asList().hasSize(2);
    Step test = p.step("test");
    assertThat(test.timeout()).isEqualTo(Duration.ofMinutes(15));
    assertThat(test.retries()).isEqualTo(2);
    assertThat(test.backoff()).isEqualTo(Duration.ofSeconds(10));
    assertThat(p.step("lint").workingDir()).contains(Path.of("web"));
    assertThat(p.step("lint").env()).containsEntry("CI", "true");
    assertThat(p.step("reports").description()).isEqualTo("junit reports in target/surefire-reports: failures = 0, tests >= 10");
    assertThat(p.step("audit").kind()).isEqualTo(Step.Kind.GATE);
    assertThat(p.step("production").approval().orElseThrow().approvers()).containsExactly("ops");
    assertThat(p.step("production").approval().orElseThrow().within()).isEqualTo(Duration.ofHours(4));
    assertThat(p.step("ship-api").target().orElseThrow().name()).isEqualTo("fake:render:api");
    assertThat(p.step("ship-api").secrets()).containsExactly("RENDER_API_KEY");
    assertThat(p.step("ship-web").target().orElseThrow().name()).isEqualTo("fake:vercel:shop-web");
    assertThat(p.step("health").description()).isEqualTo("GET https://api.example.com/healthz expects 200");
    assertThat(p.step("perf").description())
        .isEqualTo("load https://api.example.com/healthz at 20 rps for 5 s, p95 within +20% of baseline");
    assertThat(p.step("migrate").secrets()).containsExactly("DATABASE_URL");
    assertThat(p.step("migrate").condition().toString()).isEqualTo("branch main and environment production");
    assertThat(p.onFailure()).extracting(Step::id).containsExactly("page");
    assertThat(p.always()).extracting(Step::id).containsExactly("cleanup");
    assertThat(p.notifiers()).extracting(Object::toString).containsExactly("slack (SLACK_WEBHOOK_URL)", "webhook (DEPLOY_HOOK)");
    assertThat(p.rollback()).isTrue();
  }

  @Test
  void aFileWithoutPipelinesHasNone() throws Exception {
    assertThat(PipelineConfig.load(conf(""), FAKE)).isEmpty();
  }

  @Test
  void reportsEveryProblemAtOnceWithItsLineAndASuggestion() throws Exception {
    Path f = conf("""
        pipelines {
          deploy {
            stages {
              ship {
                parallel {
                  a { deploy = apii }
                  b { deploy = db }
                }
              }
              smoke { steps { health { smoke = web, timout = 1m } } }
              wait { approval { within = soon } }
            }
            notify { slack = "https://hooks.slack.com/services/T000/B000/XXXX" }
          }
        }
        """);
    assertThatThrownBy(() -> PipelineConfig.load(f, FAKE)).isInstanceOf(RunwayException.ModelInvalid.class)
        .hasMessage(String.join("\n",
            f + ":12: pipelines.deploy.stages.ship.parallel.a.deploy: 'apii' is not a service of the model; did you"
                + " mean api? (known: api, db, web)",
            f + ":13: pipelines.deploy.stages.ship.parallel.b.deploy: service 'db' is on supabase, which a pipeline"
                + " cannot deploy",
            f + ":16: pipelines.deploy.stages.smoke.steps.health.timout: is not a setting here; did you mean timeout?"
                + " (known: backoff, path, expect, retries, sandbox, secrets, smoke, timeout, when)".replace(
                    "backoff, path, expect", "backoff, expect, path"),
            f + ":16: pipelines.deploy.stages.smoke.steps.health.smoke: service 'web' has no health-check-path; add"
                + " path = /api/health to the step, or health-check-path = /api/health to services.web",
            f + ":17: pipelines.deploy.stages.wait.approval.within: 'soon' is not a duration; write e.g. within = 10m"
                + " (ms, s, m, h, d)",
            f + ":19: pipelines.deploy.notify.slack: is a URL; runway.conf names secrets, it never holds them; set the"
                + " value in the environment (a GitHub secret in CI) under a name such as SLACK_WEBHOOK_URL and write"
                + " that name"))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("XXXX"));
  }

  @Test
  void aStageHoldsOneKindOfContent() throws Exception {
    Path f = conf("""
        pipelines { deploy { stages { s { steps { a { run = "true" } }, parallel { b { run = "true" } } } } } }
        """);
    assertThatThrownBy(() -> PipelineConfig.load(f, FAKE)).hasMessage(f + ":7: pipelines.deploy.stages.s: has parallel and"
        + " steps; a stage holds one of them; write steps { ... } (in order), parallel { ... } (together) or"
        + " approval { ... }, and split the rest into stages of their own");
  }

  @Test
  void exportedWorkflowsOfAConfPipelineNeedNoJavaSourceAndPassSchemaAndActionlint() throws Exception {
    Pipeline p = PipelineConfig.load(conf(FULL), FAKE).get(0);
    GitHubActions.Workflow w = GitHubActions.workflow(p).runway("1.2.3", "https://downloads.example.com/runway-{version}.tar.gz");
    String yaml = w.yaml();

    assertThat(yaml).doesNotContain("jbang")
        .contains("run: runway pipeline step deploy ship-api --config runway.conf")
        .contains("runway pipeline step deploy ship-api --config runway.conf --rollback-from \"$FROM_VERSION\""
            + " --rollback-to \"$TO_VERSION\"")
        .contains("RUNWAY_URL: https://downloads.example.com/runway-1.2.3.tar.gz")
        .contains("key: runway-1.2.3")
        .contains("SLACK_WEBHOOK_URL".substring(0, 0));
    assertThat(JsonSchemas.validateYaml(GitHubActionsTest.SCHEMA, yaml)).as(yaml).isEmpty();
    Path file = w.writeTo(dir.resolve(".github/workflows"));
    Actionlint.Result r = Actionlint.lint(file);
    assertThat(r.exitCode()).as(r.output() + "\n" + yaml).isZero();
  }

  @Test
  void aSandboxRunSkipsStepsMarkedSoAndShortensBackoffs() throws Exception {
    Path f = conf("""
        pipelines { deploy { stages { s { steps {
          build { run = "npm ci", sandbox = skip }
          health { smoke = api, retries = 3, backoff = 5s }
        } } } } }
        """);
    PipelineConfig.Wiring sandbox = new PipelineConfig.Wiring() {
      public DeployTarget deployTarget(Service s, String n) { return FAKE.deployTarget(s, n); }
      public URI url(Service s, String n) { return FAKE.url(s, n); }
      public boolean sandbox() { return true; }
    };
    Pipeline p = PipelineConfig.load(f, sandbox).get(0);
    assertThat(p.step("build").kind()).isEqualTo(Step.Kind.JAVA);
    assertThat(p.step("health").backoff()).isEqualTo(Duration.ofMillis(200));
    Pipeline real = PipelineConfig.load(f, FAKE).get(0);
    assertThat(real.step("build").command()).contains("npm ci");
    assertThat(real.step("health").backoff()).isEqualTo(Duration.ofSeconds(5));
  }
}

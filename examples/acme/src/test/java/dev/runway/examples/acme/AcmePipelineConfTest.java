package dev.runway.examples.acme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.Service;
import dev.runway.cli.Main;
import dev.runway.pipeline.DeployTarget;
import dev.runway.pipeline.Pipeline;
import dev.runway.pipeline.PipelineConfig;
import dev.runway.pipeline.Stage;
import dev.runway.pipeline.Step;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production pipeline of runway.conf: equal to the Java one, and run through the CLI against the sandboxes. */
class AcmePipelineConfTest {
  static final Path CONF = Path.of("runway.conf").toAbsolutePath();

  @TempDir Path dir;

  record Result(int code, String out, String err) {}

  private static Result runway(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  /** Render and Vercel as the CLI names them, with the Java pipeline's unwired targets. */
  static final PipelineConfig.Wiring UNWIRED = new PipelineConfig.Wiring() {
    @Override
    public DeployTarget deployTarget(Service service, String platformName) {
      return AcmePipelines.unwired(service.platform() + ":" + platformName);
    }

    @Override
    public URI url(Service service, String platformName) {
      return URI.create("https://" + platformName + (service.platform().equals("render") ? ".onrender.com" : ".vercel.app"));
    }

    @Override
    public List<String> secrets(Service service) {
      return List.of(service.platform().equals("render") ? "RENDER_API_KEY" : "VERCEL_TOKEN");
    }
  };

  /** Everything a pipeline holds that can be compared: all but the code of Java steps. */
  static String shape(Pipeline p) {
    StringBuilder sb = new StringBuilder();
    sb.append(p.name()).append(" on ").append(p.triggers()).append(" concurrency ").append(p.concurrency())
        .append(" rollback ").append(p.rollback()).append(" notify ").append(p.notifiers()).append('\n');
    for (Stage s : p.stages()) {
      sb.append("stage ").append(s.name()).append('\n');
      for (List<Step> g : s.groups()) {
        sb.append("  group\n");
        for (Step st : g) sb.append("    ").append(step(st)).append('\n');
      }
    }
    p.onFailure().forEach(st -> sb.append("on failure ").append(step(st)).append('\n'));
    p.always().forEach(st -> sb.append("always ").append(step(st)).append('\n'));
    return sb.toString();
  }

  private static String step(Step s) {
    return String.join(" | ", s.id(), s.kind().toString(), s.description(), s.command().orElse("-"),
        s.workingDir().map(Path::toString).orElse("-"), s.env().toString(), s.secrets().toString(),
        s.timeout().toString(), s.retries() + "x" + s.backoff(), s.condition().toString(),
        s.target().map(DeployTarget::name).orElse("-"),
        s.approval().map(a -> a.name() + " " + a.approvers() + " " + a.within()).orElse("-"));
  }

  @Test
  void runwayConfAndTheJavaDeclarationBuildEqualProductionPipelines() {
    Pipeline java = AcmePipelines.all().get(0);
    List<Pipeline> fromConf = PipelineConfig.load(CONF, UNWIRED);

    assertThat(fromConf).extracting(Pipeline::name).containsExactly("production-deploy");
    assertThat(shape(fromConf.get(0))).isEqualTo(shape(java));
    assertThat(fromConf.get(0).plan()).isEqualTo(java.plan());
  }

  @Test
  void theCliPlansTheConfPipelineAsTheJavaOne() {
    Result r = runway("pipeline", "plan", "production-deploy", "--config", CONF.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(AcmePipelines.all().get(0).plan());
  }

  @Test
  void theConfPipelineRunsAgainstTheSandboxesThroughTheCli() {
    Result r = runway("pipeline", "run", "production-deploy", "--config", CONF.toString(), "--sandbox",
        "--approve", "production", "--state-dir", dir.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("pipeline production-deploy succeeded in ");
    assertThat(dir.resolve("pipeline-history.jsonl")).exists();
  }

  @Test
  void aFailingSmokeTestOfTheConfPipelineRollsBothDeploysBack() {
    System.setProperty("runway.smoke.fail", "true");
    Result r;
    try {
      r = runway("pipeline", "run", "production-deploy", "--config", CONF.toString(), "--sandbox",
          "--approve", "production", "--state-dir", dir.toString());
    } finally {
      System.clearProperty("runway.smoke.fail");
    }

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("pipeline production-deploy FAILED: api-health: GET http://127.0.0.1:")
        .containsPattern("\n  rolled back deploy-(api|web) \\((render:acme-api|vercel:acme-web)\\) from \\S+ to \\S+\n"
            + "  rolled back deploy-(api|web) \\((render:acme-api|vercel:acme-web)\\) from \\S+ to \\S+\n")
        .contains("rolled back deploy-api (render:acme-api) from dep-")
        .contains("rolled back deploy-web (vercel:acme-web) from dpl_");
  }

  @Test
  void theExportedWorkflowRunsStepsWithAnInstalledRunwayAndPinsEveryAction() {
    Result r = runway("pipeline", "export", "production-deploy", "--config", "runway.conf", "--stdout",
        "--runway-version", "0.1.0");

    assertThat(r.code()).as(r.err()).isZero();
    String yaml = r.out();
    assertThat(yaml).doesNotContain("jbang").doesNotContain("mvnw")
        .contains("run: runway pipeline step production-deploy deploy-api --config runway.conf")
        .contains("https://github.com/runway-dev/runway/releases/download/v0.1.0/runway-0.1.0.tar.gz")
        .contains("key: runway-0.1.0");
    List<String> uses = yaml.lines().filter(l -> l.contains("uses: ")).collect(Collectors.toList());
    assertThat(uses).isNotEmpty().allMatch(l -> l.matches("\\s*(- )?uses: [\\w-]+/[\\w-]+@[0-9a-f]{40} # v[\\d.]+"), "pinned");
  }

  @Test
  void oneStepRunsAloneAsAnExportedJobRunsIt() {
    Result ok = runway("pipeline", "step", "production-deploy", "api-health", "--config", CONF.toString(), "--sandbox");
    Result unknown = runway("pipeline", "step", "production-deploy", "api-healht", "--config", CONF.toString());

    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).isEqualTo("runway: pipeline production-deploy: no step named 'api-healht' (known: "
        + "backend-tests, frontend-build, production, deploy-api, deploy-web, api-health, api-latency)\n");
  }
}

package dev.runway.cli;

import dev.runway.App;
import dev.runway.Runway;
import dev.runway.base.Problems;
import dev.runway.monitor.Endpoint;
import dev.runway.monitor.History;
import dev.runway.monitor.Monitor;
import dev.runway.monitor.Observation;
import dev.runway.monitor.State;
import dev.runway.monitor.StatusPage;
import dev.runway.pipeline.Approver;
import dev.runway.pipeline.LocalExecutor;
import dev.runway.pipeline.PipelineProvider;
import dev.runway.pipeline.PipelineRun;
import dev.runway.dockersim.DockerSim;
import dev.runway.dockersim.ProcessSimulation;
import dev.runway.health.Group;
import dev.runway.health.Health;
import dev.runway.health.HealthRegistry;
import dev.runway.health.HealthReport;
import dev.runway.health.HttpProbe;
import dev.runway.health.Status;
import dev.runway.security.Audit;
import dev.runway.security.AuditReport;
import dev.runway.base.RunwayException;
import dev.runway.render.Deploy;
import dev.runway.render.DeployStatus;
import dev.runway.render.Render;
import dev.runway.render.RenderClient;
import dev.runway.render.RenderSandbox;
import dev.runway.vercel.Vercel;
import dev.runway.env.EnvSources;
import dev.runway.env.Environment;
import dev.runway.env.Validation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", mixinStandardHelpOptions = true,
    header = "Runs Runway's main job offline on the example app.",
    description = {"Runs Runway's main job offline on the example app (examples/acme): validates every",
        "environment, shows a planted mistake being caught, and prints where every artefact is."})
final class DemoCommand implements Callable<Integer> {
  /** The example's files, bundled in the jar so the demo runs anywhere. */
  static final List<String> EXAMPLE_FILES = List.of("runway.conf", ".env.development", ".env.production",
      "backend/Dockerfile", "backend/.dockerignore", "backend/Server.java");

  @Option(names = "--out", paramLabel = "<dir>", description = "Where to write the demo's files (default: .runway/demo).")
  Path out = Path.of(".runway", "demo");

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter o = spec.commandLine().getOut();
    Path dir = out.toAbsolutePath().normalize();
    Path app = dir.resolve("acme");
    extractExample(app);
    o.println("== Runway demo on the acme example (FastAPI on Render, Next.js on Vercel, Supabase, AI APIs)");
    o.println("   model: " + app.resolve("runway.conf"));
    o.println();

    App model = Runway.load(app.resolve("runway.conf"));
    o.println("== 1. Validate every environment with a file");
    boolean ok = true;
    for (Environment e : List.of(Environment.DEVELOPMENT, Environment.PRODUCTION)) {
      Validation v = model.validate(e, EnvSources.files(app));
      o.println(indent(v.toText()));
      ok &= v.isValid();
    }
    o.println();

    o.println("== 2. Plant a mistake: an Anthropic key pasted into OPENAI_API_KEY, and a localhost API URL");
    Path production = app.resolve(".env.production");
    String original = Files.readString(production);
    String broken = original
        .replaceFirst("(?m)^OPENAI_API_KEY=.*$", "OPENAI_API_KEY=sk-ant-api03-EXAMPLEpastedINTOtheWRONGvariable00")
        .replaceFirst("(?m)^NEXT_PUBLIC_API_URL=.*$", "NEXT_PUBLIC_API_URL=http://localhost:10000");
    Files.writeString(production, broken);
    Validation caught = model.validate(Environment.PRODUCTION, EnvSources.files(app));
    o.println(indent(caught.toText()));
    if (caught.isValid()) {
      o.println("   !! the planted mistake was not caught");
      ok = false;
    }
    o.println();

    o.println("== 3. Fix the file and validate again");
    Files.writeString(production, original);
    Validation fixed = model.validate(Environment.PRODUCTION, EnvSources.files(app));
    o.println(indent(fixed.toText()));
    ok &= fixed.isValid();
    o.println();

    o.println("== 4. Audit the secrets: leaks, key shapes, placeholders, insecure production settings");
    AuditReport audit = Audit.of(model).dir(app).environments(Environment.DEVELOPMENT, Environment.PRODUCTION)
        .git(false).run();
    o.println(indent(audit.toText()));
    ok &= !audit.hasErrors();
    o.println();

    o.println("== 5. Generate the platform files from the model, check them, and catch a drift");
    Path renderYaml = app.resolve("render.yaml");
    Path vercelJson = app.resolve("vercel.json");
    Render.blueprint(model).writeTo(renderYaml);
    Vercel.config(model).writeTo(vercelJson);
    Problems renderOk = Render.check(model, renderYaml);
    Problems vercelOk = Vercel.check(model, vercelJson);
    o.println("   render.yaml: " + summary(renderOk) + ", vercel.json: " + summary(vercelOk));
    ok &= !renderOk.hasErrors() && !vercelOk.hasErrors();
    String yaml = Files.readString(renderYaml);
    Files.writeString(renderYaml, yaml.replace("plan: free", "plan: starter"));
    Problems drift = Render.check(model, renderYaml);
    o.println("   after someone edits render.yaml by hand (plan: starter): " + summary(drift));
    o.println(indent("  " + drift.toText().replace("\n", "\n  ")));
    ok &= drift.hasErrors() || !drift.warnings().isEmpty();
    Files.writeString(renderYaml, yaml);
    o.println();

    o.println("== 6. Run the api service as Render would (process mode), probe its health, one monitoring pass");
    ok &= processMode(o, model, app);
    o.println();

    o.println("== 7. Deploy, roll back and fail on the Render sandbox (an in-process Render API)");
    ok &= renderSandbox(o);
    o.println();

    o.println("== 8. The production pipeline on the Render and Vercel sandboxes: one run goes live,");
    o.println("      a second one's smoke test fails and both deploys are rolled back");
    ok &= pipelines(o, dir);
    o.println();

    o.println("== Artefacts");
    o.println("   model and env files: " + app);
    o.println("   render.yaml:         " + renderYaml);
    o.println("   pipeline runs:       " + dir.resolve(".runway").resolve("runs"));
    o.println("   status page:         " + dir.resolve("status.html"));
    o.println("   vercel.json:         " + vercelJson);
    o.println("   validate it yourself: ./runway validate --config " + app.resolve("runway.conf") + " --env production");
    o.println(ok ? "Demo finished: every step behaved as expected." : "Demo finished with unexpected results (see above).");
    o.flush();
    return ok ? ExitCodes.OK : ExitCodes.PROBLEMS;
  }

  private static boolean processMode(PrintWriter o, App model, Path app) {
    try (ProcessSimulation api = DockerSim.process(model, "api").root(app).environment(Environment.PRODUCTION)
        .port(0).healthTimeout(Duration.ofSeconds(60)).start()) {
      o.println("   started `" + String.join(" ", api.command()) + "` (pid " + api.pid() + ") on " + api.url()
          + " with PORT, RENDER and the production variables");
      URI health = api.healthUrl().orElseThrow();
      try (HealthRegistry probes = Health.registry()
          .deep("api", HttpProbe.get(health.toString()).expectStatus(200).build().timeout(Duration.ofSeconds(5)))
          .build()) {
        HealthReport report = probes.check(Group.DEEP);
        o.println("   " + health + " -> " + report.status() + ": " + report.toJson(HealthReport.Format.IETF, true));
        boolean monitored = monitorPass(o, health, app.getParent().resolve("status.html"));
        int exit = api.stop();
        o.println("   stopped it cleanly (exit " + exit + ")");
        return report.status() == Status.PASS && monitored;
      }
    } catch (RunwayException e) {
      o.println("   !! process mode failed: " + e.getMessage());
      return false;
    }
  }

  private static boolean pipelines(PrintWriter o, Path dir) {
    PipelineCommand.From from = new PipelineCommand.From();
    if (PipelineProvider.all(true).isEmpty() && from.all().isEmpty()) {
      o.println("   skipped: the acme pipelines are not on the class path; run the demo through ./runway");
      return true;
    }
    LocalExecutor executor = LocalExecutor.builder().approver(Approver.upFront(Set.of("production")))
        .progress(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8), false)
        .stateDir(dir.resolve(".runway")).build();
    PipelineRun live = executor.run(PipelineProvider.named(from.pipelines(true), "production-deploy"));
    o.println(indent(live.toText().strip()));
    String before = System.getProperty("runway.smoke.fail");
    System.setProperty("runway.smoke.fail", "true");
    PipelineRun failed;
    try {
      failed = executor.run(PipelineProvider.named(from.pipelines(true), "production-deploy"));
    } finally {
      if (before == null) System.clearProperty("runway.smoke.fail");
      else System.setProperty("runway.smoke.fail", before);
    }
    o.println(indent(failed.toText().strip()));
    return live.succeeded() && !failed.succeeded() && failed.rolledBack() && !failed.rollbackFailed();
  }

  /** One monitoring pass over the running service, and the status page it feeds. */
  private static boolean monitorPass(PrintWriter o, URI health, Path page) {
    Endpoint api = Endpoint.builder("api", HttpProbe.get(health.toString()).expectStatus(200).build()
        .timeout(Duration.ofSeconds(5))).service("acme-api").build();
    try (Monitor monitor = Monitor.builder().endpoint(api).history(History.inMemory(1_000)).build()) {
      List<Observation> seen = monitor.runOnce();
      for (Observation ob : seen) {
        o.println("   monitor: " + ob.endpoint() + " " + ob.state() + " in " + Math.round(ob.responseMillis()) + " ms");
      }
      StatusPage.write(monitor.report(), page);
      o.println("   status page: " + page + " (and status.json beside it)");
      return !seen.isEmpty() && seen.stream().allMatch(ob -> ob.state() == State.UP);
    }
  }

  private static boolean renderSandbox(PrintWriter o) {
    try (RenderSandbox sandbox = RenderSandbox.builder()
        .buildTime(Duration.ofMillis(300)).updateTime(Duration.ofMillis(200)).start()) {
      RenderClient client = RenderClient.builder().apiKey(sandbox.apiKey()).baseUrl(sandbox.baseUrl())
          .pollInterval(Duration.ofMillis(50)).build();
      String api = sandbox.addService("acme-api");
      Deploy first = client.deployAndWait(api, Duration.ofSeconds(30));
      o.println("   deploy " + first.id() + ": " + first.status().map(Object::toString).orElse("?"));
      Deploy second = client.deployAndWait(api, Duration.ofSeconds(30));
      o.println("   deploy " + second.id() + ": " + second.status().map(Object::toString).orElse("?"));
      Deploy rollback = client.rollbackToPreviousLive(api);
      Deploy back = client.awaitDeploy(api, rollback.id(), Duration.ofSeconds(30));
      o.println("   rollback to the previous live deploy: " + back.id() + " "
          + back.status().map(Object::toString).orElse("?"));
      sandbox.failNextDeploy(api, DeployStatus.BUILD_FAILED);
      try {
        client.deployAndWait(api, Duration.ofSeconds(30));
        o.println("   !! a failing build was reported as live");
        return false;
      } catch (RunwayException.DeployFailed e) {
        o.println("   a failing build is reported: " + e.getMessage());
      }
      return back.phase() == DeployStatus.Phase.LIVE;
    }
  }

  private static String summary(Problems problems) {
    int errors = problems.errors().size();
    int warnings = problems.warnings().size();
    return errors == 0 && warnings == 0 ? "ok" : errors + " error(s), " + warnings + " warning(s)";
  }

  static void extractExample(Path target) {
    try {
      Files.createDirectories(target);
      for (String name : EXAMPLE_FILES) {
        try (InputStream in = DemoCommand.class.getResourceAsStream("/dev/runway/cli/demo/acme/" + name)) {
          if (in == null) throw new RunwayException("demo: the example file " + name + " is missing from the runway jar; rebuild it with ./mvnw -pl cli -am package");
          Files.createDirectories(target.resolve(name).getParent());
          Files.copy(in, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String indent(String text) {
    return "   " + text.replace("\n", "\n   ");
  }
}

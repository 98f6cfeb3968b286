package dev.runway.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.App;
import dev.runway.base.Problem;
import dev.runway.base.Problems;
import dev.runway.Runway;
import dev.runway.env.Environment;
import dev.runway.platform.Platform;
import dev.runway.testkit.JsonSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderGenerationTest {
  static final Path ROOT = Path.of(System.getProperty("runway.root", ".."));
  static final App ACME = Runway.load(ROOT.resolve("examples/acme/runway.conf"));

  @Test
  void generatesTheExampleAppsBlueprintWhichValidatesAndCarriesNoSecretValue() {
    RenderBlueprint b = Render.blueprint(ACME);
    String yaml = b.toYaml();
    assertThat(JsonSchemas.validateYaml(RenderBlueprintTest.SCHEMA, yaml)).isEmpty();
    BlueprintService api = b.services().get(0);
    assertThat(b.services()).extracting(BlueprintService::name).containsExactly("api");
    assertThat(api.plan()).contains("free");
    assertThat(api.healthCheckPath()).contains("/api/health");
    assertThat(api.dockerfilePath()).contains("./backend/Dockerfile");
    assertThat(api.envVar("OPENAI_API_KEY")).contains(BlueprintEnvVar.unsynced("OPENAI_API_KEY"));
    assertThat(api.envVar("SUPABASE_SERVICE_ROLE_KEY")).contains(BlueprintEnvVar.unsynced("SUPABASE_SERVICE_ROLE_KEY"));
    assertThat(api.envVar("PORT")).contains(BlueprintEnvVar.value("PORT", "10000"));
    assertThat(api.envVar("LOG_LEVEL")).contains(BlueprintEnvVar.value("LOG_LEVEL", "info"));
    assertThat(api.envVar("NEXT_PUBLIC_API_URL")).isEmpty();   // targets the Vercel service only
    assertThat(yaml).contains("  - type: web\n    name: api\n    runtime: docker\n    plan: free\n");
    assertThat(b.check().errors()).isEmpty();
  }

  @Test
  void aCommittedBlueprintEqualToTheModelHasNoDrift(@TempDir Path dir) {
    Path file = dir.resolve("render.yaml");
    Render.blueprint(ACME).writeTo(file);
    assertThat(Render.check(ACME, file).all()).isEmpty();
  }

  @Test
  void driftAndLeakedSecretsAreCaught(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("render.yaml");
    String yaml = Render.blueprint(ACME).toYaml()
        .replace("plan: free", "plan: starter")
        .replace("      - key: OPENAI_API_KEY\n        sync: false\n", "      - key: OPENAI_API_KEY\n        value: sk-proj-leaked\n")
        .replace("      - key: MAX_UPLOAD_MB\n        value: \"25\"\n", "");
    Files.writeString(file, yaml);
    Problems p = Render.check(ACME, file);
    assertThat(p.errors()).extracting(Problem::text).containsExactly(
        file + ":2: services.api.envVars.MAX_UPLOAD_MB: is in the model but not in render.yaml; run runway render generate",
        file + ":5: services.api.plan: render.yaml says 'starter', the model says 'free'; run runway render generate,"
            + " or write services.api.plan = \"starter\" in runway.conf to keep render.yaml's value",
        file + ":29: services.api.envVars.OPENAI_API_KEY: is a secret but render.yaml carries its value; replace value:"
            + " with sync: false and set the value in the Render dashboard (or runway sync)");
    assertThat(p.toText()).doesNotContain("sk-proj-leaked");
  }

  @Test
  void anUnreadableBlueprintIsReportedAsProblems(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("render.yaml");
    Files.writeString(file, "services: [\n");
    assertThat(Render.check(ACME, file).errors()).singleElement()
        .satisfies(pr -> assertThat(pr.code()).isEqualTo(Problem.MALFORMED));
  }

  @Test
  void registersAsThePlatformRender() {
    Platform render = ServiceLoader.load(Platform.class).stream().map(ServiceLoader.Provider::get)
        .filter(pl -> pl.id().equals("render")).findFirst().orElseThrow();
    assertThat(render.check(ACME, Environment.PRODUCTION, Optional.empty())).isEmpty();
  }

  @Test
  void detectsRenderFromTheVariablesItInjects() {
    assertThat(Render.runtime(java.util.Map.of("PORT", "8080"))).isEmpty();
    RenderRuntime r = Render.runtime(java.util.Map.of("RENDER", "true", "IS_PULL_REQUEST", "true",
        "RENDER_SERVICE_NAME", "acme-api", "RENDER_EXTERNAL_URL", "https://acme-api.onrender.com",
        "RENDER_GIT_COMMIT", "abc123")).orElseThrow();
    assertThat(r.pullRequest()).isTrue();
    assertThat(r.port()).isEqualTo(10000);
    assertThat(r.serviceName()).contains("acme-api");
    assertThat(RenderPlan.of("free").orElseThrow().memoryMb()).isEqualTo(512);
    assertThat(RenderPlan.FREE.spinsDown()).isTrue();
    assertThat(RenderPlan.of("hobby")).isEmpty();
  }

  @Test
  void aVariableMissingFromRenderYamlIsAnErrorOnlyWhenProductionNeedsItFromTheFile(@TempDir Path dir) throws Exception {
    App app = Runway.parse("""
        app = shop
        services { api { platform = render, runtime = python, health-check-path = /healthz } }
        variables {
          DEBUG { type = boolean, required = false, targets = [api] }
          API_TOKEN { type = secret, required-in = [production], targets = [api] }
        }
        """, "runway.conf");
    Path file = dir.resolve("render.yaml");
    Files.writeString(file, "services:\n  - type: web\n    name: api\n    runtime: python\n    healthCheckPath: /healthz\n");
    Problems p = Render.check(app, file);
    assertThat(p.errors()).extracting(Problem::subject).containsExactly("services.api.envVars.API_TOKEN");
    assertThat(p.warnings()).extracting(Problem::text).containsExactly(file + ":2: services.api.envVars.DEBUG: is in the"
        + " model (optional, set by hand) but not declared in render.yaml, so Render does not ask for it; run runway"
        + " render generate");
  }

  @Test
  void aPlatformFindingOnTheModelIsSaidInRunwayConfTermsAtItsLine(@TempDir Path dir) throws Exception {
    Path conf = dir.resolve("runway.conf");
    Files.writeString(conf, String.join("\n",
        "app = shop",
        "environments = [development, production]",
        "services {",
        "  api {",
        "    platform = render",
        "    type = web",
        "    runtime = docker",
        "    plan = free",
        "    disk { name = data, mount-path = /data }",
        "  }",
        "}",
        ""));
    App app = Runway.load(conf);
    assertThat(Runway.load(conf).services().get(0).origin()).hasValueSatisfying(o -> assertThat(o).hasToString(conf + ":4"));
    Problems p = app.validate(Environment.PRODUCTION, dev.runway.env.EnvSources.none()).problems();
    assertThat(p.all()).extracting(Problem::text).containsExactly(
        conf + ":4: services.api.disk: the free plan has no persistent disk; remove disk, or set plan = starter in"
            + " services.api",
        conf + ":4: services.api.health-check-path: is not set, so Render switches traffic to a new deploy as soon as"
            + " its port is open, healthy or not; to keep the previous deploy serving when a new one is broken, set"
            + " health-check-path = \"/api/health\" (a path your app answers with 2xx or 3xx) in services.api");
    // a setting render.yaml needs, said as the runway.conf line to write
    Files.writeString(conf, Files.readString(conf).replace("    runtime = docker\n", ""));
    assertThat(Runway.load(conf).validate(Environment.PRODUCTION, dev.runway.env.EnvSources.none()).problems().errors())
        .extracting(Problem::text).containsExactly(conf + ":4: services.api.runtime: is missing (expected one of docker,"
            + " elixir, go, image, node, python, ruby, rust, static); add runtime = docker (or the service's language) in"
            + " services.api");
  }
}

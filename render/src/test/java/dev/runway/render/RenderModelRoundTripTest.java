package dev.runway.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.App;
import dev.runway.Runway;
import dev.runway.base.Problem;
import dev.runway.base.Problems;
import dev.runway.base.RunwayException;
import dev.runway.env.Environment;
import dev.runway.testkit.JsonSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A realistic render.yaml and the runway.conf written by hand to describe it: generating from the
 * model gives the same blueprint, checking shows no drift, and every difference is named.
 */
class RenderModelRoundTripTest {
  static final Path SHOP = Path.of("src/test/resources/blueprints/shop");

  static App load(String conf) {
    return Runway.parse(conf, "runway.conf");
  }

  static String shopConf() throws IOException {
    return Files.readString(SHOP.resolve("runway.conf"));
  }

  @Test
  void theHandWrittenModelGeneratesTheCommittedBlueprint() {
    App app = Runway.load(SHOP.resolve("runway.conf"));
    RenderBlueprint committed = RenderBlueprint.read(SHOP.resolve("render.yaml"));
    RenderBlueprint generated = Render.blueprint(app);
    assertThat(generated).isEqualTo(committed);
    assertThat(generated.toYaml()).isEqualTo(committed.toYaml());
    assertThat(JsonSchemas.validateYaml(RenderBlueprintTest.SCHEMA, generated.toYaml())).isEmpty();
  }

  @Test
  void mapsEachKindOfVariableToItsEnvVarForm() {
    RenderBlueprint b = Render.blueprint(Runway.load(SHOP.resolve("runway.conf")));
    BlueprintService api = b.service("shop-api").orElseThrow();
    assertThat(api.envVars()).containsExactly(
        new BlueprintEnvVar.FromDatabase("DATABASE_URL", "shop-db", "connectionString"),
        new BlueprintEnvVar.FromService("REDIS_URL", "keyvalue", "shop-cache", Optional.of("connectionString"), Optional.empty()),
        new BlueprintEnvVar.Generated("SECRET_KEY"),
        new BlueprintEnvVar.FromGroup("shop-settings"),
        new BlueprintEnvVar.Unsynced("STRIPE_SECRET_KEY"),
        new BlueprintEnvVar.Value("PYTHON_VERSION", "3.12.4", Optional.empty()));
    assertThat(b.service("shop-worker").orElseThrow().envVar("API_SECRET_KEY")).contains(
        new BlueprintEnvVar.FromService("API_SECRET_KEY", "web", "shop-api", Optional.empty(), Optional.of("SECRET_KEY")));
    assertThat(b.envVarGroups()).singleElement().satisfies(g -> assertThat(g.envVars()).containsExactly(
        new BlueprintEnvVar.Value("LOG_LEVEL", "info", Optional.of("debug")),
        new BlueprintEnvVar.Unsynced("SENTRY_DSN"),
        new BlueprintEnvVar.Value("FEATURE_FLAGS", "checkout-v2", Optional.empty())));
    assertThat(b.service("shop-cache").orElseThrow().envVars()).isEmpty();
    assertThat(b.databases()).extracting(BlueprintDatabase::name).containsExactly("shop-db");
  }

  @Test
  void aReferenceToAStaticSiteSaysStatic() {
    App app = load("""
        app = s
        services {
          site { platform = render, type = web, runtime = static, static-publish-path = ./dist }
          api { platform = render, type = web, runtime = node, health-check-path = /h, start-command = "node s.js" }
        }
        variables { SITE_HOST { type = host, targets = [api], from { service = site, property = host } } }
        """);
    assertThat(Render.blueprint(app).service("api").orElseThrow().envVar("SITE_HOST")).contains(
        new BlueprintEnvVar.FromService("SITE_HOST", "static", "site", Optional.of("host"), Optional.empty()));
  }

  @Test
  void aCommittedFileGeneratedFromTheModelHasNoDriftAndNothingToDrop() {
    App app = Runway.load(SHOP.resolve("runway.conf"));
    assertThat(Render.check(app, SHOP.resolve("render.yaml")).all()).isEmpty();
    assertThat(Render.dropped(app, RenderBlueprint.read(SHOP.resolve("render.yaml"))).all()).isEmpty();
    assertThat(app.validate(Environment.PRODUCTION, dev.runway.env.EnvSources.none()).problems().all())
        .noneMatch(p -> p.subject().startsWith("services.") || p.subject().startsWith("render"));
  }

  @Test
  void aChangedNestedSettingIsDriftNamingThatField(@TempDir Path dir) throws IOException {
    App app = load(shopConf().replace("target-cpu-percent = 60", "target-cpu-percent = 70"));
    Path file = copy(dir, Files.readString(SHOP.resolve("render.yaml")));
    assertThat(Render.check(app, file).all()).extracting(Problem::text).containsExactly(
        file + ":22: services.shop-api.scaling.targetCPUPercent: render.yaml says '60', the model says '70'; run runway"
            + " render generate, or write services.api.scaling.target-cpu-percent = 60 in runway.conf to keep"
            + " render.yaml's value");
  }

  @Test
  void aChangedEnvVarFormIsDrift(@TempDir Path dir) throws IOException {
    App app = load(shopConf().replace("SECRET_KEY { generate = true, targets = [api] }", "SECRET_KEY { type = secret, targets = [api] }"));
    Path file = copy(dir, Files.readString(SHOP.resolve("render.yaml")));
    assertThat(Render.check(app, file).errors()).extracting(Problem::text).containsExactly(
        file + ":46: services.shop-api.envVars.SECRET_KEY: render.yaml has generateValue: true, the model gives"
            + " sync: false; run runway render generate, or write generate = true in variables.SECRET_KEY of runway.conf");
  }

  @Test
  void aFieldAddedByHandIsDroppedByGenerationSoTheFixChangesTheModel(@TempDir Path dir) throws IOException {
    App app = Runway.load(SHOP.resolve("runway.conf"));
    Path file = copy(dir, Files.readString(SHOP.resolve("render.yaml"))
        .replace("    healthCheckPath: /healthz\n", "    healthCheckPath: /healthz\n    maxShutdownDelaySeconds: 60\n")
        .replace("      - key: PYTHON_VERSION\n", "      - key: WEB_CONCURRENCY\n        value: \"4\"\n      - key: PYTHON_VERSION\n"));
    Problems dropped = Render.dropped(app, RenderBlueprint.read(file));
    assertThat(dropped.all()).extracting(Problem::code).containsOnly(Render.DROPPED);
    assertThat(dropped.all()).extracting(Problem::text).containsExactly(
        file + ":7: services.shop-api.envVars.WEB_CONCURRENCY: is in render.yaml but not in the model, so runway"
            + " render generate would drop it; add variables.WEB_CONCURRENCY { targets = [api], default = \"4\" } to"
            + " runway.conf, or run runway render generate --force to drop it",
        file + ":7: services.shop-api.maxShutdownDelaySeconds: is in render.yaml but not in the model, so runway"
            + " render generate would drop it; keep it with services.api.max-shutdown-delay-seconds = 60 in runway.conf,"
            + " or run runway render generate --force to drop it");
    // drift now proposes the model change, never a generate that would lose them
    Problems drift = Render.check(app, file);
    assertThat(drift.all()).isNotEmpty().allSatisfy(p -> assertThat(p.fix().orElse("")).doesNotStartWith("run runway render generate"));
    assertThat(drift.warnings()).extracting(Problem::subject).containsExactlyInAnyOrder(
        "services.shop-api.maxShutdownDelaySeconds", "services.shop-api.envVars.WEB_CONCURRENCY");
  }

  @Test
  void aServiceDatabaseAndGroupOnlyInTheFileAreDroppedWithTheModelThatKeepsThem(@TempDir Path dir) throws IOException {
    App app = load("""
        app = s
        services { api { platform = render, type = web, runtime = node, health-check-path = /h, start-command = "node s.js" } }
        """);
    Path file = copy(dir, """
        services:
          - type: web
            name: api
            runtime: node
            healthCheckPath: /h
            startCommand: node s.js
            envVars:
              - fromGroup: shared
          - type: worker
            name: Mail Sender
            runtime: node
            startCommand: node mail.js
            disk:
              name: spool
              mountPath: /spool
        databases:
          - name: main-db
            postgresMajorVersion: "16"
        envVarGroups:
          - name: shared
            envVars:
              - key: SMTP_PASSWORD
                value: hunter2-never-shown
        """);
    Problems dropped = Render.dropped(app, RenderBlueprint.read(file));
    assertThat(dropped.all()).extracting(Problem::fix).map(Optional::orElseThrow).containsExactlyInAnyOrder(
        "keep it by adding api to the targets of the variables with group = shared in runway.conf, or run runway render"
            + " generate --force to drop it",
        "keep it with services.mail-sender { platform = \"render\", type = \"worker\", name = \"Mail Sender\", runtime"
            + " = \"node\", start-command = \"node mail.js\", disk { name = \"spool\", mount-path = \"/spool\" } } in"
            + " runway.conf, or run runway render generate --force to drop it",
        "keep it with services.main-db { platform = \"render\", type = \"postgres\","
            + " postgres-major-version = \"16\" } in runway.conf, or run runway render generate --force to drop it",
        "keep it by giving its variables group = shared in runway.conf (listed below), or run runway render generate"
            + " --force to drop it",
        "add variables.SMTP_PASSWORD { group = shared, targets = [api], type = secret } to runway.conf, or run runway"
            + " render generate --force to drop it");
    assertThat(dropped.toText()).doesNotContain("hunter2");
    assertThat(Render.check(app, file).toText()).doesNotContain("hunter2");
  }

  @Test
  void settingsOfRenderAreKnownByTheirKebabNamesAndOthersAreRejectedWithDidYouMean() {
    assertThatThrownBy(() -> load("""
        app = s
        services { api { platform = render, type = web, runtime = node, root-directory = backend } }
        """)).isInstanceOf(RunwayException.class).hasMessageContaining("services.api.root-directory")
        .hasMessageContaining("root-dir");
    assertThatThrownBy(() -> load("""
        app = s
        render { preview { generation = automatic } }
        """)).isInstanceOf(RunwayException.class).hasMessageContaining("render.preview").hasMessageContaining("previews");
    dev.runway.platform.Platform render = ServiceLoader.load(dev.runway.platform.Platform.class).stream()
        .map(ServiceLoader.Provider::get).filter(p -> p.id().equals("render")).findFirst().orElseThrow();
    assertThat(render.settingNames(dev.runway.Service.of("db", "render", java.util.Map.of("type", "postgres"))).orElseThrow())
        .contains("type", "name", "database-name", "disk-size-gb", "postgres-major-version").doesNotContain("runtime", "env-vars");
    assertThat(render.settingNames(dev.runway.Service.of("api", "render")).orElseThrow())
        .contains("scaling", "ip-allow-list", "health-check-path", "max-shutdown-delay-seconds").doesNotContain("env-vars");
  }

  @Test
  void aSettingRenderRejectsIsNamedInTheModelsTerms() {
    App app = load("""
        app = s
        services { api { platform = render, type = web, runtime = node, plan = hobby, health-check-path = /h,
          disk { name = d, mount-path = /d, size-g = 1 } } }
        """);
    assertThatThrownBy(() -> Render.blueprint(app)).isInstanceOfSatisfying(RunwayException.ValidationFailed.class,
        e -> assertThat(e.problems().all()).extracting(Problem::text).containsExactly(
            "runway.conf:2: services.api.disk.size-g: is not a field Render knows here; did you mean size-gb?",
            "runway.conf:2: services.api.plan: 'hobby' is not a known plan (expected one of free, starter, standard, pro, pro plus, pro"
                + " max, pro ultra, basic-256mb, basic-1gb, basic-4gb, pro-4gb, pro-8gb, pro-16gb, pro-32gb, pro-64gb,"
                + " pro-128gb, pro-192gb, pro-256gb, pro-384gb, pro-512gb, accelerated-16gb, accelerated-32gb,"
                + " accelerated-64gb, accelerated-128gb, accelerated-256gb, accelerated-384gb, accelerated-512gb,"
                + " accelerated-768gb, accelerated-1024gb)"));
  }

  @Test
  void aSecretDefaultNeverReachesTheFile() {
    App app = load("""
        app = s
        services { api { platform = render, type = web, runtime = node, health-check-path = /h } }
        variables {
          JWT_SECRET { type = secret, default = "dev-only-secret-123", targets = [api] }
          SHARED_TOKEN { type = secret, default = "tok-456", group = shared, targets = [api] }
        }
        """);
    RenderBlueprint b = Render.blueprint(app);
    assertThat(b.toYaml()).doesNotContain("dev-only-secret-123").doesNotContain("tok-456")
        .contains("- key: JWT_SECRET\n        sync: false").contains("- key: SHARED_TOKEN\n        sync: false");
  }

  @Test
  void aReferenceRenderCannotExpressIsReportedAndSetByHand() {
    App app = load("""
        app = s
        services {
          api { platform = render, type = web, runtime = node, health-check-path = /h }
          db { platform = render, type = postgres }
        }
        variables { DB_PASS { targets = [api], from { service = db, variable = PASSWORD } } }
        """);
    assertThat(Render.blueprint(app).service("api").orElseThrow().envVar("DB_PASS")).contains(new BlueprintEnvVar.Unsynced("DB_PASS"));
    assertThat(app.validate(Environment.PRODUCTION, dev.runway.env.EnvSources.none()).problems().all())
        .extracting(Problem::text).contains("variables.DB_PASS.from: names variable PASSWORD of db, but a"
            + " Render database has no variables; write from { service = db, property = connectionString } (or host,"
            + " port, user, password, database)");
  }

  /** Public render.yaml files from the corpus (as published) and the runway.conf written by hand for each. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"celery", "django", "sf-pulse"})
  void realBlueprintsRoundTripThroughAHandWrittenModel(String name) {
    Path dir = SHOP.resolveSibling("corpus").resolve(name);
    App app = Runway.load(dir.resolve("runway.conf"));
    RenderBlueprint committed = RenderBlueprint.read(dir.resolve("render.yaml"));
    assertThat(Render.blueprint(app)).isEqualTo(committed);
    assertThat(Render.dropped(app, committed).all()).isEmpty();
    assertThat(Render.check(app, dir.resolve("render.yaml")).all()).extracting(Problem::text)
        .noneMatch(t -> t.contains("model"));
    assertThat(JsonSchemas.validateYaml(RenderBlueprintTest.SCHEMA, Render.blueprint(app).toYaml())).isEmpty();
  }

  static Path copy(Path dir, String yaml) throws IOException {
    Path file = dir.resolve("render.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}

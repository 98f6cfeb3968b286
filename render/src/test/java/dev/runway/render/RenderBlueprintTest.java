package dev.runway.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.base.Problem;
import dev.runway.base.RunwayException;
import dev.runway.testkit.JsonSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderBlueprintTest {
  static final String SCHEMA = "render/render-yaml.schema.json";

  static final String FULL = """
      version: "1"
      previews:
        generation: manual
        expireAfterDays: 3
      services:
        - type: web
          name: api
          runtime: docker
          plan: starter
          region: frankfurt
          rootDir: backend
          dockerfilePath: ./Dockerfile
          dockerContext: .
          preDeployCommand: python -m alembic upgrade head
          healthCheckPath: /api/health
          numInstances: 2
          scaling:
            minInstances: 1
            maxInstances: 3
            targetCPUPercent: 60
          disk:
            name: data
            mountPath: /var/data
            sizeGB: 10
          autoDeployTrigger: checksPass
          buildFilter:
            paths:
              - backend/**
            ignoredPaths:
              - backend/tests/**
          domains:
            - api.acme.dev
          maxShutdownDelaySeconds: 30
          envVars:
            - key: PORT
              value: 10000
            - key: LOG_LEVEL
              value: info
              previewValue: debug
            - key: SESSION_SECRET
              generateValue: true
            - key: OPENAI_API_KEY
              sync: false
            - key: DATABASE_URL
              fromDatabase:
                name: acme-db
                property: connectionString
            - key: REDIS_URL
              fromService:
                type: keyvalue
                name: cache
                property: connectionString
            - fromGroup: shared
        - type: worker
          name: jobs
          runtime: python
          buildCommand: pip install -r requirements.txt
          startCommand: python worker.py
        - type: cron
          name: nightly
          runtime: python
          schedule: "0 3 * * *"
          buildCommand: pip install -r requirements.txt
          startCommand: python nightly.py
        - type: pserv
          name: internal
          runtime: go
          buildCommand: go build -o app
          startCommand: ./app
        - type: keyvalue
          name: cache
          plan: free
          ipAllowList: []
          maxmemoryPolicy: allkeys-lru
        - type: web
          name: site
          runtime: static
          buildCommand: npm run build
          staticPublishPath: ./out
          routes:
            - type: rewrite
              source: /*
              destination: /index.html
      databases:
        - name: acme-db
          plan: basic-256mb
          region: frankfurt
          databaseName: acme
          user: acme
          postgresMajorVersion: "16"
          ipAllowList: []
      envVarGroups:
        - name: shared
          envVars:
            - key: SENTRY_ENVIRONMENT
              value: production
            - key: SHARED_SECRET
              sync: false
      """;

  @Test
  void readsEveryServiceTypeAndEnvVarForm() {
    RenderBlueprint b = RenderBlueprint.parse(FULL);
    assertThat(b.services()).extracting(BlueprintService::name)
        .containsExactly("api", "jobs", "nightly", "internal", "cache", "site");
    BlueprintService api = b.service("api").orElseThrow();
    assertThat(api.plan()).contains("starter");
    assertThat(api.scaling()).hasValueSatisfying(s -> assertThat(s.maxInstances()).isEqualTo(3));
    assertThat(api.disk()).hasValueSatisfying(d -> assertThat(d.mountPath()).isEqualTo("/var/data"));
    assertThat(api.extras()).containsEntry("maxShutdownDelaySeconds", 30);
    assertThat(api.envVars()).containsExactly(
        new BlueprintEnvVar.Value("PORT", "10000", java.util.Optional.empty()),
        new BlueprintEnvVar.Value("LOG_LEVEL", "info", java.util.Optional.of("debug")),
        BlueprintEnvVar.generated("SESSION_SECRET"),
        BlueprintEnvVar.unsynced("OPENAI_API_KEY"),
        BlueprintEnvVar.fromDatabase("DATABASE_URL", "acme-db", "connectionString"),
        BlueprintEnvVar.fromService("REDIS_URL", "keyvalue", "cache", "connectionString"),
        BlueprintEnvVar.fromGroup("shared"));
    assertThat(b.service("site").orElseThrow().isStatic()).isTrue();
    assertThat(b.databases()).singleElement().satisfies(d -> assertThat(d.postgresMajorVersion()).contains("16"));
    assertThat(b.envVarGroups()).singleElement().satisfies(g -> assertThat(g.envVars()).hasSize(2));
    assertThat(b.previews()).hasValueSatisfying(p -> assertThat(p.generation()).contains("manual"));
  }

  @Test
  void writtenFileValidatesAgainstRendersSchemaAndReadsBackEqual() {
    RenderBlueprint b = RenderBlueprint.parse(FULL);
    String yaml = b.toYaml();
    assertThat(JsonSchemas.validateYaml(SCHEMA, yaml)).isEmpty();
    assertThat(RenderBlueprint.parse(yaml)).isEqualTo(b);
    assertThat(RenderBlueprint.parse(yaml).toYaml()).isEqualTo(yaml);
  }

  @Test
  void writesReadableYamlWithoutNeedlessQuotes() {
    String yaml = RenderBlueprint.parse(FULL).toYaml();
    assertThat(yaml).contains("  - type: web\n    name: api\n    runtime: docker\n");
    assertThat(yaml).contains("sync: false").contains("generateValue: true");
    assertThat(yaml).contains("value: \"10000\"");   // stays a string when read back
    assertThat(yaml).doesNotStartWith("---");
  }

  @Test
  void namesFileAndLineOfEveryStructuralProblem(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("render.yaml");
    Files.writeString(file, """
        services:
          - type: web
            name: api
            runtime: docker
            plan: hobby
            regoin: frankfurt
            envVars:
              - key: TOKEN
          - type: website
            name: web
        """);
    assertThatThrownBy(() -> RenderBlueprint.read(file))
        .isInstanceOfSatisfying(RunwayException.ValidationFailed.class, e -> {
          assertThat(e.problems().all()).extracting(Problem::code)
              .containsExactly(Problem.OUT_OF_RANGE, Problem.UNKNOWN, Problem.MISSING, Problem.OUT_OF_RANGE);
          assertThat(e.problems().all().get(0).text()).isEqualTo(file + ":5: services.api.plan: 'hobby' is not a"
              + " known plan (expected one of free, starter, standard, pro, pro plus, pro max, pro ultra, basic-256mb,"
              + " basic-1gb, basic-4gb, pro-4gb, pro-8gb, pro-16gb, pro-32gb, pro-64gb, pro-128gb, pro-192gb,"
              + " pro-256gb, pro-384gb, pro-512gb, accelerated-16gb, accelerated-32gb, accelerated-64gb,"
              + " accelerated-128gb, accelerated-256gb, accelerated-384gb, accelerated-512gb, accelerated-768gb,"
              + " accelerated-1024gb)");
          assertThat(e.problems().all().get(1).text())
              .isEqualTo(file + ":6: services.api.regoin: is not a field Render knows here; did you mean region?");
          assertThat(e.problems().all().get(2).text()).isEqualTo(file + ":8: services.api.envVars.TOKEN: has no value"
              + " (expected value, generateValue: true, sync: false, fromDatabase or fromService); add sync: false to"
              + " set it in the dashboard, or value: <text> when it is not a secret");
          assertThat(e.problems().all().get(3).origin().orElseThrow().line()).isEqualTo(9);
        });
  }

  @Test
  void reportsMalformedYamlAtItsLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("render.yaml");
    Files.writeString(file, "services:\n  - type: web\n    name: [api\n");
    assertThatThrownBy(() -> RenderBlueprint.read(file))
        .isInstanceOf(RunwayException.ParseFailed.class)
        .hasMessageStartingWith(file + ":")
        .hasMessageContaining("render.yaml: is not valid YAML");
  }

  @Test
  void rejectsDuplicateKeysNamingBothLines() {
    assertThatThrownBy(() -> RenderBlueprint.parse("services: []\nservices: []\n"))
        .isInstanceOf(RunwayException.ParseFailed.class)
        .hasMessage("render.yaml:2: services: is declared twice (first at line 1); remove one of them");
  }

  @Test
  void reportsAMissingFileAsIoFailed(@TempDir Path dir) {
    Path file = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> RenderBlueprint.read(file))
        .isInstanceOf(RunwayException.IoFailed.class)
        .hasMessage(file + ": does not exist; check the path, or write one with runway render generate");
  }

  @Test
  void writesAndReadsAFile(@TempDir Path dir) {
    Path file = dir.resolve("sub/render.yaml");
    RenderBlueprint b = RenderBlueprint.parse(FULL);
    b.writeTo(file);
    assertThat(RenderBlueprint.read(file)).isEqualTo(b);
    assertThat(RenderBlueprint.read(file).service("api").orElseThrow().origin().orElseThrow().toString())
        .isEqualTo(file + ":6");
  }
}

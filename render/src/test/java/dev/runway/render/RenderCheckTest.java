package dev.runway.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.base.Problems;
import dev.runway.base.RunwayException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Render.check(Path): lint of a render.yaml without a model. */
class RenderCheckTest {
  @TempDir Path dir;

  /** A fake OpenAI key of the right shape, built at run time so that no key-shaped literal sits in the source. */
  static String fakeOpenAiKey() {
    return "sk-" + "proj-" + "Fake0Key1For2Tests3".repeat(3);
  }

  private Path file(String yaml) throws Exception {
    Path f = dir.resolve("render.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  private List<String> texts(Problems p, Path f) {
    return p.all().stream().map(x -> (x.isError() ? "error " : "warning ") + x.text().replace(f + ":", "L")).toList();
  }

  @Test
  void namesEveryModelFreeFindingAtTheLineOfItsField() throws Exception {
    Path f = file("""
        services:
          - type: web
            name: api
            runtime: docker
            plan: free
            disk:
              name: data
              mountPath: /data
            envVars:
              - key: LLM_KEY
                value: %s
              - key: WORKER_URL
                fromService:
                  type: worker
                  name: jobs
                  property: host
        """.formatted(fakeOpenAiKey()));
    Problems p = Render.check(f);
    assertThat(texts(p, f)).containsExactly(
        "warning L2: services.api.healthCheckPath: is not set, so Render switches traffic to a new deploy as soon as its"
            + " port is open, healthy or not; to keep the previous deploy serving when a new one is broken, set"
            + " healthCheckPath: to a path your app answers with 2xx or 3xx",
        "error L6: services.api.disk: the free plan has no persistent disk; remove disk: or use plan: starter",
        "error L11: services.api.envVars.LLM_KEY: carries a credential in value: (it looks like an OpenAI API key"
            + " (sk-... or sk-proj-...)); revoke it and create a new one, then replace value: with sync: false and set"
            + " the new value in the Render dashboard (or runway sync)",
        "error L15: services.api.envVars.WORKER_URL.fromService: names no service 'jobs' (expected one of api); add the"
            + " service or fix the name");
    assertThat(p.toText() + p.toJson() + p).doesNotContain(fakeOpenAiKey()).doesNotContain("Fake0Key");
  }

  @Test
  void aStructuralErrorDoesNotHideTheChecksAfterIt() throws Exception {
    Path f = file("""
        services:
          - type: web
            name: api
            runtime: node
            plan: hobby
            healthCheckPath: /healthz
            envVars:
              - key: DEBUG
                value: true
              - key: STRIPE_SECRET_KEY
                value: not-a-real-one
        """);
    Problems p = Render.check(f);
    assertThat(p.errors()).extracting(Problem::code, x -> x.origin().orElseThrow().line()).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Problem.OUT_OF_RANGE, 5),
        org.assertj.core.groups.Tuple.tuple(Problem.LEAK, 11));
    // Schema-invalid, but Render's own templates do it and deploy: a warning, and DEBUG is still read.
    assertThat(p.warnings()).extracting(Problem::text).containsExactly(f + ":9: services.api.envVars.DEBUG.value: is"
        + " the boolean true; Render's schema expects a string or a number; quote it: value: \"true\"");
    // RenderBlueprint.read still wants a valid file.
    assertThatThrownBy(() -> RenderBlueprint.read(f)).isInstanceOf(RunwayException.ValidationFailed.class);
  }

  @Test
  void theFormerEnvFieldIsReadAsTheRuntimeWithADeprecationWarning() throws Exception {
    Path f = file("""
        services:
          - type: web
            name: api
            env: node
            healthCheckPath: /healthz
            startCommand: node server.js
          - type: worker
            name: jobs
            env: python
            runtime: ruby
        """);
    Problems p = Render.check(f);
    assertThat(texts(p, f)).containsExactly(
        "warning L4: services.api.env: is the former name of runtime: (Render still reads it); rename env: node to"
            + " runtime: node",
        "error L9: services.jobs.env: says python but runtime: says ruby; remove env: python (runtime: is the current"
            + " name)");
    assertThat(RenderBlueprint.parse("""
        services:
          - {type: web, name: api, env: node, healthCheckPath: /h}
        """).service("api").orElseThrow().runtime()).contains("node");
  }

  @Test
  void envStaticMakesAStaticSiteWithItsRoutesAndHeaders() throws Exception {
    Path f = file("""
        services:
          - type: web
            name: site
            env: static
            buildCommand: yarn build
            staticPublishPath: ./dist
            routes:
              - type: rewrite
                source: /*
                destination: /index.html
            headers:
              - path: /*
                name: X-Frame-Options
                value: DENY
        """);
    Problems p = Render.check(f);
    assertThat(texts(p, f)).containsExactly("warning L4: services.site.env: is the former name of runtime: (Render still"
        + " reads it); rename env: static to runtime: static");
    BlueprintService site = RenderBlueprint.read(f).service("site").orElseThrow();
    assertThat(site.isStatic()).isTrue();
    assertThat(site.staticPublishPath()).contains("./dist");
    assertThat(site.extras()).containsKeys("routes", "headers");
  }

  @Test
  void checksTheServicesDatabasesAndGroupsOfEveryEnvironment() throws Exception {
    Path f = file("""
        projects:
          - name: shop
            environments:
              - name: production
                networking:
                  isolation: enabled
                databases:
                  - name: db
                    plan: basic-256mb
                envVarGroups:
                  - name: shared
                    envVars:
                      - key: ADMIN_PASSWORD
                        value: hunter2hunter2
                services:
                  - type: web
                    name: api
                    runtime: python
                    plan: free
                    healthCheckPath: /health
                    numInstances: 2
                    envVars:
                      - key: DATABASE_URL
                        fromDatabase: {name: db, property: connectionString}
                      - fromGroup: shared
              - name: staging
                servces: []
                services:
                  - type: web
                    name: api
                    runtime: python
                    healthCheckPath: /health
                    envVars:
                      - key: DATABASE_URL
                        fromDatabase: {name: dbb, property: connectionString}
        """);
    Problems p = Render.check(f);
    String prod = "projects.shop.environments.production.";
    String staging = "projects.shop.environments.staging.";
    assertThat(texts(p, f)).containsExactly(
        "error L14: " + prod + "envVarGroups.shared.envVars.ADMIN_PASSWORD: is a secret but render.yaml carries its"
            + " value; replace value: with sync: false and set the value in the Render dashboard (or runway sync)",
        "error L21: " + prod + "services.api.numInstances: the free plan runs one instance, not 2; remove numInstances:"
            + " or use plan: starter",
        "error L27: " + staging + "servces: is not a field Render knows here; did you mean services?",
        "error L35: " + staging + "services.api.envVars.DATABASE_URL.fromDatabase: names no database 'dbb' (expected"
            + " none declared); add it under databases: or fix the name");
    // The same service name in two environments is not a duplicate, and the file writes back unchanged.
    assertThat(p.all()).noneMatch(x -> x.code().equals(Problem.DUPLICATE));
  }

  @Test
  void aMissingHealthCheckPathIsOnlyAWarningAndRendersDefaultPortIsFine() throws Exception {
    Path f = file("""
        services:
          - type: web
            name: app
            runtime: python
            startCommand: gunicorn app:app --bind 0.0.0.0:10000
          - type: web
            name: api
            runtime: python
            healthCheckPath: /health
            startCommand: uvicorn main:app --host 0.0.0.0 --port 8000
            envVars:
              - key: PORT
                value: 8000
        """);
    Problems p = Render.check(f);
    assertThat(p.hasErrors()).isFalse();
    assertThat(p.warnings()).singleElement().satisfies(w -> {
      assertThat(w.subject()).isEqualTo("services.app.healthCheckPath");
      assertThat(w.fix().orElseThrow()).doesNotContain("/api/health");
    });
  }

  @Test
  void aSecretShapedValueIsALeakWhateverItsKeyAndNeverPrinted() throws Exception {
    String b64 = "eyJhbGciOiJIUzI1NiJ9";
    String serviceRoleJwt = b64 + "." + base64Url("{\"role\":\"service_role\"}") + ".c2lnbmF0dXJlc2lnbmF0dXJl";
    String anonJwt = b64 + "." + base64Url("{\"role\":\"anon\"}") + ".c2lnbmF0dXJlc2lnbmF0dXJl";
    List<String> secrets = List.of(
        fakeOpenAiKey(),
        "sk-" + "ant-" + "api03-" + "Fake0Key1For2Tests3".repeat(2),
        "sk_" + "live_" + "FakeStripe0Key1For2Tests3",
        "gh" + "p_" + "FakeGitHub0Token1For2Tests3Abcdefghij",
        "AK" + "IA" + "FAKEKEYFORTESTS1",
        serviceRoleJwt,
        "postgres://app:" + "Sup3rS3cretPw" + "@db.example.com:5432/app");
    StringBuilder yaml = new StringBuilder("services:\n  - type: worker\n    name: jobs\n    runtime: node\n    envVars:\n");
    for (int i = 0; i < secrets.size(); i++) yaml.append("      - key: SETTING_").append(i).append("\n        value: \"")
        .append(secrets.get(i)).append("\"\n");
    yaml.append("      - key: SUPABASE_ANON\n        value: ").append(anonJwt).append('\n');
    yaml.append("      - key: LOCAL_DB\n        value: postgres://postgres:postgres@localhost:5432/dev\n");
    Path f = file(yaml.toString());
    Problems p = Render.check(f);
    assertThat(p.errors()).extracting(Problem::subject).containsExactly(
        "services.jobs.envVars.SETTING_0", "services.jobs.envVars.SETTING_1", "services.jobs.envVars.SETTING_2",
        "services.jobs.envVars.SETTING_3", "services.jobs.envVars.SETTING_4", "services.jobs.envVars.SETTING_5",
        "services.jobs.envVars.SETTING_6");
    assertThat(p.errors()).extracting(x -> x.origin().orElseThrow().line()).containsExactly(7, 9, 11, 13, 15, 17, 19);
    assertThat(p.errors().get(6).message()).isEqualTo("carries a credential in value: (it looks like a URL with a"
        + " password in it)");
    String everything = p.toText() + p.toJson() + p.all();
    for (String s : secrets) assertThat(everything).doesNotContain(s);
    assertThat(everything).doesNotContain("Sup3rS3cretPw").doesNotContain("Fake0Key");
  }

  @Test
  void settingsAboutASecretAreNotSecrets() throws Exception {
    Path f = file("""
        services:
          - type: worker
            name: jobs
            runtime: python
            envVars:
              - key: ACCESS_TOKEN_EXPIRE_MINUTES
                value: 30
              - key: TOKEN_STORAGE
                value: redis
              - key: PASSWORD_MIN_LENGTH
                value: "12"
              - key: MAX_TOKENS
                value: "1000"
              - key: JWT_SECRET
                value: change-me-please
        """);
    assertThat(Render.check(f).errors()).extracting(Problem::subject).containsExactly("services.jobs.envVars.JWT_SECRET");
  }

  @Test
  void everyFindingInAnEnvVarGroupHasALine() throws Exception {
    Path f = file("""
        envVarGroups:
          - name: shared
            envVars:
              - key: SESSION_SECRET
                value: abcdefgh12345678
          - name: shared
            envVars:
              - key: LOG_LEVEL
                value: info
        """);
    assertThat(texts(Render.check(f), f)).containsExactly(
        "error L5: envVarGroups.shared.envVars.SESSION_SECRET: is a secret but render.yaml carries its value; replace"
            + " value: with sync: false and set the value in the Render dashboard (or runway sync)",
        "error L6: envVarGroups.shared: is declared twice; rename or merge one");
  }

  @Test
  void everyReadElementKnowsTheLinesOfItsFieldsAndOriginsAreNotPartOfEquality() throws Exception {
    String yaml = """
        services:
          - type: web
            name: api
            runtime: node
            plan: starter
            envVars:
              - key: CACHE
                fromService:
                  type: keyvalue
                  name: cache
                  property: connectionString
          - type: keyvalue
            name: cache
            ipAllowList: []
        databases:
          - name: db
            plan: basic-256mb
        envVarGroups:
          - name: shared
            envVars:
              - key: A
                value: b
        """;
    Path f = file(yaml);
    RenderBlueprint b = RenderBlueprint.read(f);
    BlueprintService api = b.service("api").orElseThrow();
    assertThat(api.origin("plan")).contains(Origin.file(f, 5));
    assertThat(api.origin("healthCheckPath")).as("absent: the service's line").contains(Origin.file(f, 2));
    BlueprintEnvVar cache = api.envVar("CACHE").orElseThrow();
    assertThat(cache.origin()).contains(Origin.file(f, 7));
    assertThat(cache.origin("fromService.name")).contains(Origin.file(f, 10));
    assertThat(b.databases().get(0).origin("plan")).contains(Origin.file(f, 17));
    assertThat(b.envVarGroups().get(0).origin()).contains(Origin.file(f, 19));
    assertThat(b.envVarGroups().get(0).envVars().get(0).origin("value")).contains(Origin.file(f, 22));
    RenderBlueprint shifted = RenderBlueprint.parse("# a comment moves every line\n" + yaml);
    assertThat(shifted).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(api.toBuilder().build().origin("plan")).contains(Origin.file(f, 5));
    assertThat(BlueprintService.builder("web", "x").build().origin("plan")).isEmpty();
  }

  @Test
  void whatIsNewerThanTheSchemaIsAWarningNotAnError() throws Exception {
    Path f = file("""
        services:
          - type: workflow
            name: wf
            runtime: python
            anything: goes
          - type: keyvalue
            name: cache
            ipAllowList: []
            persistenceMode: journal-snapshot
        databases:
          - name: db
            plan: basic_256mb
        """);
    Problems p = Render.check(f);
    assertThat(p.hasErrors()).isFalse();
    assertThat(texts(p, f)).containsExactly(
        "warning L2: services.wf.type: 'workflow' is newer than the render.yaml schema Runway checks against, so this"
            + " service is not checked",
        "warning L9: services.cache.persistenceMode: is newer than the render.yaml schema Runway checks against, so"
            + " it is not checked",
        "warning L12: databases.db.plan: 'basic_256mb' is the API's spelling; the schema knows"
            + " basic-256mb; write plan: basic-256mb");
    assertThat(RenderBlueprint.read(f).databases().get(0).plan()).contains("basic-256mb");
  }

  @Test
  void aPlanSpelledWithCapitalsAsInRendersOwnTemplatesIsAWarning() throws Exception {
    Path f = file("""
        services:
          - type: web
            name: api
            runtime: node
            plan: Starter
            healthCheckPath: /healthz
        databases:
          - name: db
            plan: Basic-1gb
        """);
    Problems p = Render.check(f);
    assertThat(p.hasErrors()).isFalse();
    assertThat(texts(p, f)).containsExactly(
        "warning L5: services.api.plan: 'Starter' is not spelled as in the render.yaml schema; the schema knows"
            + " starter; write plan: starter",
        "warning L9: databases.db.plan: 'Basic-1gb' is not spelled as in the render.yaml schema; the schema knows"
            + " basic-1gb; write plan: basic-1gb");
    assertThat(RenderBlueprint.read(f).service("api").orElseThrow().plan()).contains("starter");
  }

  @Test
  void aMissingFileIsOneIoFailureNamingTheFileOnce() {
    Path missing = dir.resolve("render.yaml");
    assertThatThrownBy(() -> Render.check(missing))
        .isInstanceOf(RunwayException.IoFailed.class)
        .hasMessage(missing + ": does not exist; check the path, or write one with runway render generate");
  }

  @Test
  void yamlThatDoesNotParseIsOneProblemAtItsLine() throws Exception {
    Path f = file("services:\n  - type: web\n    name: [api\n");
    Problems p = Render.check(f);
    assertThat(p.all()).singleElement().satisfies(x -> {
      assertThat(x.code()).isEqualTo(Problem.MALFORMED);
      assertThat(x.subject()).isEqualTo("render.yaml");
      assertThat(x.text()).startsWith(f + ":").contains(": render.yaml: is not valid YAML (")
          .endsWith("; fix the syntax at that line");
    });
    Path twice = file("services: []\nservices: []\n");
    assertThat(Render.check(twice).all()).extracting(Problem::text)
        .containsExactly(twice + ":2: services: is declared twice (first at line 1); remove one of them");
  }

  private static String base64Url(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aFileThatIsNotUtf8SaysSoInWordsNamingTheFileOnce() throws Exception {
    Path f = dir.resolve("render.yaml");
    byte[][] inputs = {
        {(byte) 0xFF, (byte) 0xFE, 's', 0, ':', 0},                       // UTF-16 with a BOM
        "services:\n  - name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1),   // Latin-1
        {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, (byte) 0xC3, 0x28, 0}};      // binary
    List<String> texts = new java.util.ArrayList<>();
    for (byte[] bytes : inputs) {
      Files.write(f, bytes);
      texts.add(Render.check(f).toText());
    }
    assertThat(texts).containsExactly(
        "error   MALFORMED " + f + ":1: render.yaml: is not UTF-8 text (UTF-16 with a BOM?); save it as UTF-8",
        "error   MALFORMED " + f + ":2: render.yaml: is not UTF-8 text (byte 24 is not valid UTF-8); save it as UTF-8",
        "error   MALFORMED " + f + ":1: render.yaml: is not UTF-8 text (byte 10 is not valid UTF-8); save it as UTF-8");
  }
}

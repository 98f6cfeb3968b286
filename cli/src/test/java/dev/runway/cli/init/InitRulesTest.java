package dev.runway.cli.init;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.env.Sensitivity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inference rules one by one, below the command. */
class InitRulesTest {
  private static Draft.Variable infer(String name, String... templateValues) {
    Draft.Variable v = new Draft.Variable(name);
    for (String x : templateValues) v.samples.add(new Draft.Sample(x, ".env.example:1", Path.of(".env.example"), true, null, false));
    Inference.infer(v);
    return v;
  }

  @Test
  void envFileNamesTellTemplatesAndEnvironments() {
    assertThat(EnvFiles.kind(".env")).contains(new EnvFiles.Kind(false, "development"));
    assertThat(EnvFiles.kind(".env.example")).contains(new EnvFiles.Kind(true, null));
    assertThat(EnvFiles.kind(".env.local")).contains(new EnvFiles.Kind(false, "development"));
    assertThat(EnvFiles.kind(".env.local.example")).contains(new EnvFiles.Kind(true, "development"));
    assertThat(EnvFiles.kind(".env.production")).contains(new EnvFiles.Kind(false, "production"));
    assertThat(EnvFiles.kind(".env.prod.sample")).contains(new EnvFiles.Kind(true, "production"));
    assertThat(EnvFiles.kind(".env.staging")).contains(new EnvFiles.Kind(false, "staging"));
    assertThat(EnvFiles.kind(".env.production.enc")).isEmpty();
    assertThat(EnvFiles.kind(".envrc")).isEmpty();
  }

  @Test
  void renderFieldNamesBecomeKebabCaseAndDataKeysStayAsWritten() {
    assertThat(Names.kebab("rootDir")).isEqualTo("root-dir");
    assertThat(Names.kebab("sizeGB")).isEqualTo("size-gb");
    assertThat(Names.kebab("targetCPUPercent")).isEqualTo("target-cpu-percent");
    assertThat(Names.kebab("postgresMajorVersion")).isEqualTo("postgres-major-version");
    assertThat(Names.kebab("MY_VAR")).isEqualTo("MY_VAR");
    assertThat(Names.kebab("api/*.js")).isEqualTo("api/*.js");
    assertThat(Names.slug("My API")).isEqualTo("my-api");
    assertThat(Names.slug("2nd worker")).isEqualTo("s-2nd-worker");
  }

  @Test
  void secretsAreToldByNameAndByShapeAndBrowserPrefixesArePublic() {
    assertThat(infer("STRIPE_KEY").sensitivity).isEqualTo(Sensitivity.SECRET);
    assertThat(infer("GITHUB_TOKEN").inferred).contains("secret, because the name says TOKEN", "format github, because the name says so");
    assertThat(infer("SUPABASE_ANON_KEY").sensitivity).isEqualTo(Sensitivity.INTERNAL);
    assertThat(infer("NEXT_PUBLIC_SITE_NAME").sensitivity).isEqualTo(Sensitivity.PUBLIC);
    // Test data: an obviously fake key in the Anthropic shape, never a real credential.
    Draft.Variable shaped = infer("LLM", "sk-ant-api03-FAKE0TEST0KEY0not0a0real0one");
    assertThat(shaped.sensitivity).isEqualTo(Sensitivity.SECRET);
    assertThat(shaped.format).isEqualTo("anthropic");
    Draft.Variable dsn = infer("SENTRY_DSN", "https://user:pw-FAKE@o0.ingest.sentry.io/1");
    assertThat(dsn.type).isEqualTo("url");
    assertThat(dsn.inferred).contains("secret, because a value is a URL with a password");
  }

  @Test
  void aSecretBehindABrowserPrefixIsSecretAndToReview() {
    Draft.Variable v = infer("NEXT_PUBLIC_STRIPE_SECRET");
    assertThat(v.sensitivity).isEqualTo(Sensitivity.SECRET);
    assertThat(v.review).containsExactly("a secret, but the NEXT_PUBLIC_ prefix sends it to the browser: rename it and"
        + " read it on the server, or say sensitivity = public if it is meant to be public");
  }

  @Test
  void typesComeFromNamesAndFromValuesThatParse() {
    assertThat(infer("PORT").type).isEqualTo("port");
    assertThat(infer("DEBUG").type).isEqualTo("boolean");
    assertThat(infer("FEATURE_X", "1").type).isEqualTo("boolean");
    assertThat(infer("WORKERS", "4").type).isEqualTo("integer");
    assertThat(infer("TEMPERATURE", "0.7").type).isEqualTo("decimal");
    assertThat(infer("CACHE_TTL", "5m").type).isEqualTo("duration");
    assertThat(infer("ALLOWED_HOSTS", "a.example.com").type).isEqualTo("list");
    assertThat(infer("FEATURES", "{\"beta\": true}").type).isEqualTo("json");
    assertThat(infer("REDIS_URL", "redis://localhost:6379").type).isEqualTo("uri");
    assertThat(infer("SUPPORT_EMAIL").type).isEqualTo("email");
    // a placeholder in a template is no evidence
    assertThat(infer("WORKERS", "<number of workers>").type).isEqualTo("string");
    Draft.Variable timeout = infer("REQUEST_TIMEOUT", "30");
    assertThat(timeout.type).isEqualTo("integer");
    assertThat(timeout.review).containsExactly("a duration by its name, but its values carry no unit; write them as 30s"
        + " and say type = duration");
  }

  @Test
  void aValueRunwayWillValidateMustParseOrTheTypeFallsBackToString() {
    Draft.Variable v = new Draft.Variable("PORT");
    v.samples.add(new Draft.Sample("70000", ".env.production:2", Path.of(".env.production"), false, "production", true));
    Inference.infer(v);
    assertThat(v.type).isEqualTo("string");
    assertThat(v.review).containsExactly("kept as string: .env.production:2 is not a port");
  }

  @Test
  void aHeadingCommentNamesTheServiceOfTheLinesBelowIt() {
    Map<Integer, String> c = EnvFiles.comments(List.of(
        "# Backend (Flask)", "A=1", "", "# the worker's queue", "B=2", "C=3", "", "# Misc", "D=4"));
    assertThat(c).containsEntry(2, "# Backend (Flask)").containsEntry(5, "# the worker's queue")
        .containsEntry(6, "# the worker's queue").containsEntry(9, "# Misc");
  }

  @Test
  void composeServicesGiveTargetsAndLocalOnesAreNamed(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("render.yaml"), "services:\n  - type: worker\n    name: jobs\n    runtime: python\n    rootDir: worker\n");
    Files.writeString(dir.resolve("docker-compose.yml"), """
        services:
          jobs:
            build: ./worker
            environment:
              QUEUE_NAME: default
          redis:
            image: redis:7
        """);
    Init.Result r = Init.scan(dir);
    assertThat(r.warnings()).containsExactly("docker-compose.yml: redis: run only locally (no Render or Vercel service"
        + " builds it), so they are not in the model");
    assertThat(r.conf()).contains("  QUEUE_NAME {\n    type = string\n    targets = [jobs]\n")
        .doesNotContain("default\n");
  }

  @Test
  void whatRenderSetsOnEveryInstanceIsLeftOutOfTheModelWhenAComposeFileStandsInForRender(@TempDir Path dir)
      throws IOException {
    // runway simulate compose writes these so the local service sees what Render gives it.
    Files.writeString(dir.resolve("render.yaml"), "services:\n  - type: web\n    name: api\n    runtime: docker\n");
    Files.writeString(dir.resolve("docker-compose.yml"), """
        services:
          api:
            build: .
            environment:
              RENDER: "true"
              IS_PULL_REQUEST: "false"
              RENDER_EXTERNAL_URL: http://localhost:10000
              RENDER_API_KEY: ${RENDER_API_KEY}
              LOG_LEVEL: info
        """);
    Init.Result r = Init.scan(dir);
    assertThat(r.warnings()).containsExactly("docker-compose.yml: IS_PULL_REQUEST, RENDER, RENDER_EXTERNAL_URL: set by"
        + " Render itself on every instance, so they are not in the model");
    assertThat(r.conf()).contains("  LOG_LEVEL {", "  RENDER_API_KEY {")
        .doesNotContain("RENDER {", "IS_PULL_REQUEST", "RENDER_EXTERNAL_URL");
  }

  @Test
  void aCommentMentioningAnApiKeyDoesNotNameTheApiService() {
    Draft d = new Draft();
    Draft.Svc api = d.service("api", "render");
    api.settings.put("type", "web");
    d.service("web", "vercel");
    assertThat(Init.mentioned("# your OpenAI API key", d)).isEmpty();
    assertThat(Init.mentioned("# Backend", d)).containsExactly("api");
    assertThat(Init.mentioned("# Frontend (Next.js)", d)).containsExactly("web");
  }
}

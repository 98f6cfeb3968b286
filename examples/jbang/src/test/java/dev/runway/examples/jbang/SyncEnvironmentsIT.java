package dev.runway.examples.jbang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.render.RenderSandbox;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** sync-environments.java, run through JBang against Render sandboxes. */
class SyncEnvironmentsIT {
  private static final String PRODUCTION_OPENAI_KEY = "sk-proj-EXAMPLEproductionKEYnotREAL000000";

  @Test
  void plansAgainstASandboxWithDriftAndChangesNothingByDefault() {
    JBang.Run run = JBang.run("sync-environments.java");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("RENDER_API_KEY is not set: syncing with a Render sandbox at http://127.0.0.1:")
        .contains(".env.production -> render:api: ")
        .contains("~ LOG_LEVEL (fp:").contains("+ OPENAI_API_KEY (fp:")
        .contains("dry run: nothing changed; run again with --apply to write");
    assertThat(run.all()).doesNotContain(PRODUCTION_OPENAI_KEY, "debug\n");
  }

  @Test
  void appliesThePlanToTheServiceKeepingUndeclaredVariablesWithoutPrune() {
    String key = "rnd_SyncScriptKey0123456789abcdef";
    try (RenderSandbox render = RenderSandbox.builder().apiKey(key).start()) {
      String api = render.addService("acme-api");
      render.putEnvVar(api, "LOG_LEVEL", "debug");
      render.putEnvVar(api, "OLD_FEATURE_FLAG", "on");
      Map<String, String> env = Map.of("RENDER_API_KEY", key, "RENDER_API_URL", render.baseUrl());

      JBang.Run apply = JBang.run(JBang.ACME, env, Duration.ofSeconds(60), "sync-environments.java",
          "--render-name", "acme-api", "--apply");
      JBang.Run check = JBang.run(JBang.ACME, env, Duration.ofSeconds(60), "sync-environments.java",
          "--render-name", "acme-api", "--check");

      assertThat(apply.exitCode()).as(apply.toString()).isZero();
      assertThat(render.envVars(api)).containsEntry("LOG_LEVEL", "info")
          .containsEntry("OPENAI_API_KEY", PRODUCTION_OPENAI_KEY)
          .containsEntry("OLD_FEATURE_FLAG", "on")
          .doesNotContainKey("NEXT_PUBLIC_API_URL");          // a variable of the web service, not of api
      assertThat(check.exitCode()).as(check.toString()).isZero();
      assertThat(apply.all() + check.all()).doesNotContain(key, PRODUCTION_OPENAI_KEY);
    }
  }

  @Test
  void checkExitsWithOneOnDrift() {
    try (RenderSandbox render = RenderSandbox.start()) {
      String api = render.addService("api");
      render.putEnvVar(api, "LOG_LEVEL", "debug");

      JBang.Run run = JBang.run(JBang.ACME, Map.of("RENDER_API_KEY", render.apiKey(), "RENDER_API_URL", render.baseUrl()),
          Duration.ofSeconds(60), "sync-environments.java", "--check");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertThat(run.out()).contains("render:api has LOG_LEVEL different from " + JBang.ACME.resolve(".env.production"));
    }
  }
}

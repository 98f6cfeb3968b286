package dev.runway.examples.jbang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.render.RenderSandbox;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** deploy.java, run through JBang against Render sandboxes. */
class DeployIT {

  @Test
  void deploysToAnInProcessSandboxWhenNoApiKeyIsSet() {
    JBang.Run run = JBang.run("deploy.java");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("RENDER_API_KEY is not set: deploying to a Render sandbox at http://127.0.0.1:")
        .contains("deploying acme-api (srv-").contains("live: dep-");
  }

  @Test
  void reportsAFailedBuildRollsBackAndExitsWithOne() {
    JBang.Run run = JBang.run("deploy.java", "--fail", "build_failed", "--rollback");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).contains("deploy failed: ").contains("build_failed").contains("rolled back: dep-");
  }

  @Test
  void deploysThroughTheApiWithTheKeyFromTheEnvironmentAndNeverPrintsIt() {
    String key = "rnd_ScriptTestKey0123456789abcdef";
    try (RenderSandbox render = RenderSandbox.builder().apiKey(key).buildTime(Duration.ofMillis(100))
        .updateTime(Duration.ofMillis(100)).start()) {
      String api = render.addService("shop-api");

      JBang.Run run = JBang.run(JBang.ACME, Map.of("RENDER_API_KEY", key, "RENDER_API_URL", render.baseUrl()),
          Duration.ofSeconds(60), "deploy.java", "--service", "shop-api", "--timeout", "30s");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out()).contains("deploying shop-api (" + api + ")").contains("live: ");
      assertThat(render.liveDeploy(api)).hasValueSatisfying(live -> {
        assertThat(live.trigger()).contains("api");
        assertThat(run.out()).contains("live: " + live.id());
      });
      assertThat(run.all()).doesNotContain(key);
    }
  }

  @Test
  void exitsWithTwoWhenNoServiceHasTheName() {
    try (RenderSandbox render = RenderSandbox.start()) {
      JBang.Run run = JBang.run(JBang.ACME, Map.of("RENDER_API_KEY", render.apiKey(), "RENDER_API_URL", render.baseUrl()),
          Duration.ofSeconds(60), "deploy.java", "--service", "nope");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).startsWith("deploy: no Render service is named 'nope'; pass --service <name>");
      assertThat(run.all()).doesNotContain(render.apiKey());
    }
  }
}

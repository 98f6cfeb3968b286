package dev.runway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.base.Secret;
import dev.runway.notify.Notifiers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineNotificationsTest {
  @TempDir Path dir;

  @Test
  void notifiesStartFailureAndRollbackWithTheRunLinkAndNoSecret() throws Exception {
    String secret = "whsec-ABCDEFGH12345";
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      for (int i = 0; i < 3; i++) server.enqueue(new MockResponse.Builder().code(200).build());
      List<String> log = FakeTarget.log();
      Pipeline p = Pipeline.named("p")
          .stage("deploy", s -> s.step(Step.deploy("deploy-api", new FakeTarget("api", log, 1))))
          .stage("smoke", s -> s.step(Step.shell("smoke", "echo \"failing with $TOKEN\"; exit 1").secret("TOKEN")))
          .notify(Notifiers.webhook(Secret.of(server.url("/hook").toString())))
          .build();
      PipelineRun run = LocalExecutor.builder().quiet().workDir(dir).variables(Map.of("TOKEN", secret))
          .link(java.net.URI.create("https://runs.example.com/")).build().run(p);
      List<String> bodies = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r).isNotNull();
        bodies.add(r.getBody().utf8());
      }
      assertThat(bodies.get(0)).contains("\"event\":\"pipeline.started\"");
      assertThat(bodies.get(1)).contains("\"event\":\"pipeline.failed\"", "\"text\":\"smoke: exit code 1\"");
      assertThat(bodies.get(2)).contains("\"event\":\"pipeline.rolled_back\"", "deploy-api: v2 -> v1");
      for (String b : bodies) {
        assertThat(b).contains("\"link\":\"https://runs.example.com/" + run.runId() + "\"").doesNotContain(secret);
      }
      assertThat(run.warnings()).isEmpty();
    }
  }

  @Test
  void aNotifierThatFailsBecomesAWarningNotAFailure() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      for (int i = 0; i < 2; i++) server.enqueue(new MockResponse.Builder().code(500).build());
      Pipeline p = Pipeline.named("p").stage("s", s -> s.step(Step.java("ok", ctx -> {})))
          .notify(Notifiers.slack(Secret.of(server.url("/T/B/secret-token").toString()))).build();
      PipelineRun run = LocalExecutor.builder().quiet().workDir(dir).build().run(p);
      assertThat(run.succeeded()).isTrue();
      assertThat(run.warnings()).containsExactly(
          "notification pipeline.started to slack notifier (webhook ****) not sent: notify: slack: webhook answered "
              + "HTTP 500; check that the webhook still exists (the URL is not shown: it holds a token)",
          "notification pipeline.succeeded to slack notifier (webhook ****) not sent: notify: slack: webhook answered "
              + "HTTP 500; check that the webhook still exists (the URL is not shown: it holds a token)");
    }
  }
}

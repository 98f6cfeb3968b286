package dev.runway.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.base.RunwayException;
import dev.runway.base.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NotifiersTest {
  static final String TOKEN = "T000/B000/XXXXsecretXXXX";
  MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Secret url() {
    return Secret.of(server.url("/services/" + TOKEN).toString());
  }

  private static Notification failed() {
    return Notification.of("pipeline.failed", Notification.Severity.FAILURE, "production-deploy failed")
        .text("smoke: HTTP 503").field("branch", "main").link(URI.create("https://ci.example.com/runs/42"));
  }

  private String body() throws Exception {
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r).isNotNull();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
    return r.getBody().utf8();
  }

  @Test
  void postsSlackTextWithALinkAndColouredFields() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).build());
    Notifiers.slack(url()).send(failed());
    assertThat(body()).isEqualTo("{\"text\":\"*production-deploy failed*\\nsmoke: HTTP 503\\n"
        + "<https://ci.example.com/runs/42|View run>\",\"attachments\":[{\"color\":\"#EF4444\","
        + "\"fields\":[{\"title\":\"branch\",\"value\":\"main\",\"short\":true}]}]}");
  }

  @Test
  void postsADiscordEmbed() throws Exception {
    server.enqueue(new MockResponse.Builder().code(204).build());
    Notifiers.discord(url()).send(failed());
    assertThat(body()).isEqualTo("{\"content\":\"production-deploy failed\",\"embeds\":[{\"title\":"
        + "\"production-deploy failed\",\"description\":\"smoke: HTTP 503\",\"url\":\"https://ci.example.com/runs/42\","
        + "\"color\":15680580,\"fields\":[{\"name\":\"branch\",\"value\":\"main\",\"inline\":true}]}]}");
  }

  @Test
  void postsGenericJson() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).build());
    Notifiers.webhook(url()).send(failed());
    assertThat(body()).isEqualTo("{\"event\":\"pipeline.failed\",\"severity\":\"failure\",\"title\":"
        + "\"production-deploy failed\",\"text\":\"smoke: HTTP 503\",\"fields\":{\"branch\":\"main\"},"
        + "\"link\":\"https://ci.example.com/runs/42\"}");
  }

  @Test
  void reportsARefusalWithoutTheWebhookUrl() {
    server.enqueue(new MockResponse.Builder().code(500).build());
    Notifier slack = Notifiers.slack(url());
    assertThatThrownBy(() -> slack.send(failed())).isInstanceOf(RunwayException.PlatformRejected.class)
        .hasMessage("notify: slack: webhook answered HTTP 500; check that the webhook still exists "
            + "(the URL is not shown: it holds a token)")
        .satisfies(e -> assertThat(((RunwayException.PlatformRejected) e).status()).isEqualTo(500));
    assertThat(slack.toString()).isEqualTo("slack notifier (webhook ****)").doesNotContain(TOKEN);
  }

  @Test
  void givesUpOnASilentWebhookWithinItsTimeout() {
    server.enqueue(new MockResponse.Builder().headersDelay(5, TimeUnit.SECONDS).build());
    Notifier hook = Notifiers.withTimeout(Notifiers.webhook(url()), Duration.ofMillis(200));
    assertThatThrownBy(() -> hook.send(failed())).isInstanceOf(RunwayException.PlatformRejected.class)
        .hasMessageStartingWith("notify: generic: no answer within 200 ms (")
        .hasMessageNotContaining(TOKEN);
  }

  @Test
  void rejectsAMalformedUrlWithoutEchoingIt() {
    assertThatThrownBy(() -> Notifiers.discord(Secret.of("not a url " + TOKEN)))
        .hasMessage("notify: discord: webhook URL is not an http(s) URL; copy it again from the discord settings");
  }
}

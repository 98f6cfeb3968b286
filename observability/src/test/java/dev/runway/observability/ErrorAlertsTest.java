package dev.runway.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import tools.jackson.databind.json.JsonMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class ErrorAlertsTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-05T10:00:30Z"), ZoneOffset.UTC);

  /** A generic JSON webhook, as dev.runway.notify's will be: POST, bounded by a timeout. */
  static AlertSink webhook(URI url) {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    return alert -> {
      ObjectNode body = JsonMapper.shared().createObjectNode();
      body.put("event", alert.kind()).put("title", alert.title()).put("text", alert.text());
      ObjectNode fields = body.putObject("fields");
      alert.fields().forEach(fields::put);
      try {
        HttpResponse<Void> r = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() >= 300) throw new IllegalStateException("webhook answered " + r.statusCode());
      } catch (java.io.IOException e) {
        throw new IllegalStateException("webhook unreachable", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    };
  }

  static RuntimeException failure(String message) {
    return Orders.place(message);
  }

  /** Stands for application code: the frames the fingerprint is made of. */
  static final class Orders {
    static RuntimeException place(String message) {
      try {
        throw new IllegalStateException(message);
      } catch (IllegalStateException e) {
        return e;
      }
    }

    static RuntimeException cancel(String message) {
      return new IllegalArgumentException(message);
    }
  }

  @Test
  void anErrorBurstRaisesExactlyOneAlertToTheNotifier() throws Exception {
    try (MockWebServer server = new MockWebServer(); TestLogs logs = new TestLogs()) {
      for (int i = 0; i < 5; i++) server.enqueue(new MockResponse.Builder().code(200).build());
      server.start();
      ErrorAlerts alerts = ErrorAlerts.builder().sink(webhook(server.url("/hook").uri()))
          .perGroupPerMinute(10).perMinute(50).applicationPackages("dev.runway.observability.ErrorAlertsTest")
          .clock(CLOCK).build();
      Logging logging = logs.logging().service("acme-api").environment("production").version("3f2c1ab")
          .errorAlerts(alerts).install();
      Logger log = logs.logger("com.acme.Orders");
      for (int i = 0; i < 2000; i++) log.error("order " + i + " failed", failure("stock service said no for " + i));

      RecordedRequest request = server.takeRequest(10, TimeUnit.SECONDS);
      assertThat(request).isNotNull();
      JsonNode body = JsonMapper.shared().readTree(request.getBody().utf8());
      assertThat(body.get("title").asString()).isEqualTo("acme-api (production): IllegalStateException 10 times in a minute");
      assertThat(body.get("event").asString()).isEqualTo("error.group");
      assertThat(body.get("text").asString()).startsWith("order 9 failed\n  at dev.runway.observability.ErrorAlertsTest$Orders.place:");
      assertThat(body.get("fields").get("count").asString()).isEqualTo("10");
      assertThat(body.get("fields").get("version").asString()).isEqualTo("3f2c1ab");

      // The sender counts an alert once the webhook has answered, just after the server saw the request:
      // wait for that before closing, which would cut a send still in flight.
      TestLogs.await(() -> logging.alertsSent() == 1, "the alert counted as sent");
      TestLogs.await(() -> logging.errors() == 2000, "2000 errors counted");
      List<ErrorGroup> groups = logging.errorGroups();
      assertThat(groups).hasSize(1);
      assertThat(groups.get(0).total()).isEqualTo(2000);
      assertThat(groups.get(0).fingerprint()).matches("[0-9a-f]{12}");
      // whatever else the burst caused would have been queued by now; nothing was
      logging.close();
      assertThat(server.takeRequest(200, TimeUnit.MILLISECONDS)).isNull();
      assertThat(server.getRequestCount()).isEqualTo(1);
      assertThat(logging.alertsSent()).isEqualTo(1);
    }
  }

  @Test
  void sendsTheAlertThroughARunwayNotifier() throws Exception {
    try (MockWebServer server = new MockWebServer(); TestLogs logs = new TestLogs()) {
      server.enqueue(new MockResponse.Builder().code(200).build());
      server.start();
      AlertSink sink = AlertSink.notifier(
          dev.runway.notify.Notifiers.webhook(dev.runway.base.Secret.of(server.url("/hook").toString())));
      Logging logging = logs.logging().service("acme-api").environment("production")
          .errorAlerts(ErrorAlerts.builder().sink(sink).perGroupPerMinute(3).clock(CLOCK).build()).install();
      Logger log = logs.logger("com.acme.Orders");
      for (int i = 0; i < 500; i++) log.error("order failed", failure("no stock"));
      RecordedRequest request = server.takeRequest(10, TimeUnit.SECONDS);
      assertThat(request).isNotNull();
      JsonNode body = JsonMapper.shared().readTree(request.getBody().utf8());
      assertThat(body.get("event").asString()).isEqualTo("errors.group");
      assertThat(body.get("severity").asString()).isEqualTo("failure");
      assertThat(body.get("title").asString()).isEqualTo("acme-api (production): IllegalStateException 3 times in a minute");
      logging.close();
      assertThat(server.getRequestCount()).isEqualTo(1);
    }
  }

  @Test
  void groupsByExceptionTypeAndApplicationFramesNotByMessage() {
    try (TestLogs logs = new TestLogs()) {
      Logging logging = logs.logging().errorAlerts(ErrorAlerts.builder().clock(CLOCK).build()).install();
      Logger log = logs.logger("com.acme.Orders");
      for (String message : List.of("first", "second, other text")) log.error(message, failure(message));
      log.error("c", Orders.cancel("x"));
      log.error("no exception {}", 1);
      log.error("no exception {}", 2);
      log.warn("not an error", failure("w"));
      List<ErrorGroup> groups = logging.errorGroups();
      assertThat(groups).extracting(ErrorGroup::type, ErrorGroup::total).containsExactlyInAnyOrder(
          org.assertj.core.groups.Tuple.tuple("java.lang.IllegalStateException", 2L),
          org.assertj.core.groups.Tuple.tuple("java.lang.IllegalArgumentException", 1L),
          org.assertj.core.groups.Tuple.tuple("com.acme.Orders", 2L));
      ErrorGroup state = groups.stream().filter(g -> g.total() == 2 && g.type().endsWith("StateException")).findFirst()
          .orElseThrow();
      assertThat(state.frames().get(0)).startsWith("dev.runway.observability.ErrorAlertsTest$Orders.place:");
      assertThat(state.lastMessage()).isEqualTo("second, other text");
      logging.close();
    }
  }

  @Test
  void manyDifferentErrorsRaiseOneRateAlert() throws Exception {
    try (TestLogs logs = new TestLogs()) {
      java.util.concurrent.LinkedBlockingQueue<Alert> got = new java.util.concurrent.LinkedBlockingQueue<>();
      Logging logging = logs.logging().service("acme-api")
          .errorAlerts(ErrorAlerts.builder().sink(got::add).perGroupPerMinute(10).perMinute(5).clock(CLOCK).build())
          .install();
      Logger log = logs.logger("com.acme.Jobs");
      for (int i = 0; i < 100; i++) log.error("job {} failed in step " + i, i);
      Alert alert = got.poll(10, TimeUnit.SECONDS);
      assertThat(alert).isNotNull();
      assertThat(alert.kind()).isEqualTo("error.rate");
      assertThat(alert.title()).isEqualTo("acme-api: 5 errors in a minute");
      logging.close();
      assertThat(got).isEmpty();
    }
  }

  @Test
  void aNotifierThatIsDownNeverBlocksLogging() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    AlertSink hanging = alert -> {
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("notifier down");
    };
    try (TestLogs logs = new TestLogs()) {
      Logging logging = logs.logging()
          .errorAlerts(ErrorAlerts.builder().sink(hanging).perGroupPerMinute(1).perMinute(1).quietPeriod(Duration.ZERO)
              .clock(CLOCK).build())
          .install();
      Logger log = logs.logger("com.acme.Orders");
      log.error("first", failure("x"));
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
      // the sink is stuck; every further error crosses the threshold again (no quiet period)
      for (int i = 0; i < 10_000; i++) log.error("again " + i, failure("x"));
      assertThat(logging.errors()).isEqualTo(10_001);
      assertThat(logging.alertsDropped()).isGreaterThan(0);
      release.countDown();
      TestLogs.await(() -> logging.alertsFailed() >= 1, "the failed alert counted");
      logging.close();
    }
  }

  @Test
  void rejectsAThresholdBelowOneWordForWord() {
    assertThatThrownBy(() -> ErrorAlerts.builder().perGroupPerMinute(0))
        .hasMessage("observability: error alerts: perGroupPerMinute must be >= 1 but was 0");
  }
}

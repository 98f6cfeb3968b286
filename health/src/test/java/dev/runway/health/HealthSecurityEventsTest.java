package dev.runway.health;

import dev.runway.base.SecurityEvents;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class HealthSecurityEventsTest {
  private final Logger logger = (Logger) LoggerFactory.getLogger(SecurityEvents.LOGGER);
  private final ListAppender<ILoggingEvent> events = new ListAppender<>();

  @BeforeEach
  void capture() {
    events.start();
    logger.addAppender(events);
    logger.setLevel(ch.qos.logback.classic.Level.INFO); // logback-test.xml keeps the root at WARN
  }

  @AfterEach
  void release() {
    logger.detachAppender(events);
    logger.setLevel(null);
  }

  private Map<String, String> keys(ILoggingEvent e) {
    return e.getKeyValuePairs().stream().collect(Collectors.toMap(kv -> kv.key, kv -> String.valueOf(kv.value)));
  }

  @Test
  void aWrongHealthTokenIsASecurityEventWithoutTheToken() throws Exception {
    String token = "the-right-token-0123456789";
    try (HealthRegistry registry = Health.registry().deep("db", Probes.up()).build()) {
      HealthHandler handler = HealthHandler.create(registry, Health.options().detailsToken(token).build());
      handler.handle("GET", "/api/health/deep", null,
          name -> name.equalsIgnoreCase("Authorization") ? Optional.of("Bearer wrong-token-guess-42") : Optional.empty(), 0)
          .get();
      handler.handle("GET", "/api/health/deep", null, name -> Optional.empty(), 0).get();
    }
    assertThat(events.list).singleElement().satisfies(e -> {
      assertThat(keys(e)).containsEntry("security_event", "token.rejected").containsEntry("subject", "/api/health")
          .containsEntry("outcome", "DENIED");
      assertThat(e.getFormattedMessage()).isEqualTo("token.rejected /api/health by client")
          .doesNotContain("wrong-token-guess").doesNotContain(token);
    });
  }
}

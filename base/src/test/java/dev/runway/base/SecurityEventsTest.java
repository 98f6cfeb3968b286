package dev.runway.base;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SecurityEventsTest {
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
  void approvalsAndRollbacksNameWhoAndWhat() {
    SecurityEvents.approval("--approve production", "production", true);
    SecurityEvents.rollback("render:acme-api", "dep-2", "dep-1", true);
    assertThat(events.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
        "approval.given production by --approve production",
        "deploy.rollback render:acme-api by pipeline (from dep-2 to dep-1)");
  }
}

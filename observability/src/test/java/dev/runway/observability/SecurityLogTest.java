package dev.runway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SecurityLogTest {
  @Test
  void recordsWhoWhatWhenAndOutcomeAsFieldsOfOneLine() {
    try (TestLogs logs = new TestLogs()) {
      Logging logging = logs.logging().format(Logging.Format.JSON).install();
      SecurityLog security = SecurityLog.to(logs.logger(SecurityLog.LOGGER_NAME));
      security.record(SecurityEvent.of(SecurityEvent.Type.KEY_ROTATED, "alice", "OPENAI_API_KEY")
          .withAt(Instant.parse("2026-01-05T10:00:00Z")).detail("service", "api"));
      security.approval("bob", "production-deploy/approve", false);
      security.envSyncApplied("ci", "render:acme-api", 3);
      security.envRestored("alice", "vercel:acme-web", "backup-2026-01-05T10-00-00Z.json");
      security.rollback("ci", "acme-api", "dep-123");
      security.tokenRejected("/api/health/deep", "203.0.113.9");
      List<JsonNode> lines = logs.json();
      logs.awaitLines(6);
      lines = logs.json();
      JsonNode rotated = lines.get(0);
      assertThat(rotated.get("message").asString()).isEqualTo("key.rotated by alice on OPENAI_API_KEY: SUCCESS");
      assertThat(rotated.get("security_event").asString()).isEqualTo("key.rotated");
      assertThat(rotated.get("actor").asString()).isEqualTo("alice");
      assertThat(rotated.get("subject").asString()).isEqualTo("OPENAI_API_KEY");
      assertThat(rotated.get("at").asString()).isEqualTo("2026-01-05T10:00:00Z");
      assertThat(rotated.get("detail_service").asString()).isEqualTo("api");
      assertThat(rotated.get("level").asString()).isEqualTo("INFO");
      assertThat(lines.get(1).get("security_event").asString()).isEqualTo("approval.refused");
      assertThat(lines.get(1).get("level").asString()).isEqualTo("WARN");
      assertThat(lines.get(2).get("detail_changes").asString()).isEqualTo("3");
      assertThat(lines.get(3).get("detail_backup").asString()).isEqualTo("backup-2026-01-05T10-00-00Z.json");
      assertThat(lines.get(4).get("detail_to").asString()).isEqualTo("dep-123");
      assertThat(lines.get(5).get("outcome").asString()).isEqualTo("DENIED");
      logging.close();
    }
  }

  @Test
  void masksASecretPassedAsADetailByMistake() {
    try (TestLogs logs = new TestLogs()) {
      String key = "sk-proj-Q2x9vT4mZ8pL1rW6yH3nB7cK5dF0gJ2s";
      Logging logging = logs.logging().format(Logging.Format.JSON).install();
      SecurityLog.to(logs.logger(SecurityLog.LOGGER_NAME))
          .record(SecurityEvent.of(SecurityEvent.Type.KEY_ROTATED, "alice", "OPENAI_API_KEY").detail("new", key));
      logs.awaitLines(1);
      assertThat(logs.text()).doesNotContain(key).contains("\"detail_new\":\"****\"");
      logging.close();
    }
  }
}

package dev.runway.base;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Core's side of the security event log: the events that matter afterwards (a rejected token, an
 * approval, a rollback, an env sync or restore, a key rotation), logged through SLF4J to the
 * {@code runway.security} logger with the same keys runway-observability's {@code SecurityLog} uses, so
 * one log pipeline sees both. Never a secret: actors, subjects and details are names.
 */
public final class SecurityEvents {
  /** The logger every security event goes to. */
  public static final String LOGGER = "runway.security";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  private SecurityEvents() {}

  public static void tokenRejected(String endpoint) {
    record("token.rejected", false, "client", endpoint, "");
  }

  public static void approval(String actor, String gate, boolean granted) {
    record(granted ? "approval.given" : "approval.refused", granted, actor, gate, "");
  }

  public static void rollback(String target, String from, String to, boolean succeeded) {
    record("deploy.rollback", succeeded, "pipeline", target, "from " + from + " to " + to);
  }

  public static void envSyncApplied(String target, int changes, boolean complete) {
    record("env.sync.applied", complete, "runway", target, changes + " change(s)");
  }

  public static void envRestored(String target) {
    record("env.restored", true, "runway", target, "");
  }

  public static void keyRotated(String file) {
    record("key.rotated", true, "runway", file, "");
  }

  private static void record(String action, boolean success, String actor, String subject, String detail) {
    LoggingEventBuilder b = success ? LOG.atInfo() : LOG.atWarn();
    b.addKeyValue("security_event", action)
        .addKeyValue("actor", actor)
        .addKeyValue("subject", subject)
        .addKeyValue("outcome", success ? "SUCCESS" : "DENIED")
        .addKeyValue("at", Instant.now().toString())
        .log("{} {} by {}{}", action, subject, actor, detail.isEmpty() ? "" : " (" + detail + ")");
  }
}

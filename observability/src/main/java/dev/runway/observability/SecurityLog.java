package dev.runway.observability;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Records {@link SecurityEvent}s to the dedicated logger {@value #LOGGER_NAME}: one line each,
 * with {@code security_event}, {@code actor}, {@code subject}, {@code outcome} and {@code at} as
 * fields (key-value pairs in the JSON line) and each detail as {@code detail_<name>}. Successes are
 * logged at INFO, denials and failures at WARN. Route the logger to its own file or keep it in the
 * main stream; either way it passes the masking of {@link Logging}. Thread-safe.
 *
 * <pre>{@code
 * SecurityLog security = Observability.securityLog();
 * security.tokenRejected("/api/metrics", exchange.getRemoteAddress().getAddress().getHostAddress());
 * }</pre>
 */
public final class SecurityLog {
  /** The logger every security event goes to. */
  public static final String LOGGER_NAME = "runway.security";

  private final Logger logger;

  private SecurityLog(Logger logger) {
    this.logger = logger;
  }

  static SecurityLog create() {
    return new SecurityLog(LoggerFactory.getLogger(LOGGER_NAME));
  }

  static SecurityLog to(Logger logger) {
    return new SecurityLog(Objects.requireNonNull(logger, "logger"));
  }

  public void record(SecurityEvent event) {
    LoggingEventBuilder b = event.outcome() == SecurityEvent.Outcome.SUCCESS ? logger.atInfo() : logger.atWarn();
    b = b.addKeyValue("security_event", event.type().action())
        .addKeyValue("actor", event.actor())
        .addKeyValue("subject", event.subject())
        .addKeyValue("outcome", event.outcome().name())
        .addKeyValue("at", event.at().toString());
    for (var d : event.details().entrySet()) b = b.addKeyValue("detail_" + d.getKey(), d.getValue());
    b.log(event.toString());
  }

  /** A request to a protected endpoint (health details, metrics) came with a wrong or no token. */
  public void tokenRejected(String endpoint, String remoteAddress) {
    record(SecurityEvent.of(SecurityEvent.Type.TOKEN_REJECTED, remoteAddress, endpoint));
  }

  /** An env sync wrote {@code changes} variables to {@code target} (a service, a file). */
  public void envSyncApplied(String actor, String target, int changes) {
    record(SecurityEvent.of(SecurityEvent.Type.ENV_SYNC_APPLIED, actor, target).detail("changes", String.valueOf(changes)));
  }

  /** Variables of {@code target} were restored from {@code backup}. */
  public void envRestored(String actor, String target, String backup) {
    record(SecurityEvent.of(SecurityEvent.Type.ENV_RESTORED, actor, target).detail("backup", backup));
  }

  /** The key held by {@code variable} was replaced; the variable's name, never its value. */
  public void keyRotated(String actor, String variable) {
    record(SecurityEvent.of(SecurityEvent.Type.KEY_ROTATED, actor, variable));
  }

  /** A manual approval of {@code gate} (pipeline/stage) was given or refused. */
  public void approval(String actor, String gate, boolean granted) {
    record(SecurityEvent.of(granted ? SecurityEvent.Type.APPROVAL_GIVEN : SecurityEvent.Type.APPROVAL_REFUSED, actor, gate));
  }

  /** {@code service} was rolled back to {@code deploy}. */
  public void rollback(String actor, String service, String deploy) {
    record(SecurityEvent.of(SecurityEvent.Type.ROLLBACK, actor, service).detail("to", deploy));
  }
}

package dev.runway.health.internal;

import java.time.Instant;
import org.slf4j.LoggerFactory;

/**
 * Health's side of the security event log: a rejected details token, logged through SLF4J to the
 * {@code runway.security} logger with the keys and message of core's {@code SecurityEvents} and
 * runway-observability's {@code SecurityLog}, so one log pipeline sees all three. Kept here so the
 * health package needs nothing of core's internals. Never the token: only the endpoint.
 */
public final class SecurityEvents {
  /** The logger every security event goes to. */
  public static final String LOGGER = "runway.security";

  private SecurityEvents() {}

  public static void tokenRejected(String endpoint) {
    LoggerFactory.getLogger(LOGGER).atWarn()
        .addKeyValue("security_event", "token.rejected")
        .addKeyValue("actor", "client")
        .addKeyValue("subject", endpoint)
        .addKeyValue("outcome", "DENIED")
        .addKeyValue("at", Instant.now().toString())
        .log("{} {} by {}{}", "token.rejected", endpoint, "client", "");
  }
}

package dev.runway.observability;

import java.time.Instant;
import java.util.List;

/**
 * Errors that share a fingerprint: the exception type plus the top frames of the application's
 * own code (or, for an error logged without an exception, the logger and the message template).
 * A snapshot; immutable.
 *
 * @param fingerprint 12 hex digits, stable across restarts and hosts for the same code
 * @param type the exception class name, or the logger name when there was no exception
 * @param frames the frames that went into the fingerprint, {@code Class.method:line}
 * @param total errors in this group since logging started
 * @param lastMinute errors in the current one-minute window
 * @param lastMessage the last message, masked, cut to 500 characters
 */
public record ErrorGroup(String fingerprint, String type, List<String> frames, long total, long lastMinute,
    String lastMessage, Instant firstSeen, Instant lastSeen) {
  public ErrorGroup {
    frames = List.copyOf(frames);
  }
}

package dev.runway.observability;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One error-rate alert. Its texts come from masked log events, so they hold no secret.
 *
 * @param kind {@code error.group} (one fingerprint crossed its per-minute threshold) or
 *     {@code error.rate} (all errors together crossed theirs)
 * @param title one line: {@code "acme-api (production): IllegalStateException 10 times in a minute"}
 * @param text the last message and the top application frames
 * @param fields service, environment, version, fingerprint, count, window, first seen
 * @param at when the threshold was crossed
 */
public record Alert(String kind, String title, String text, Map<String, String> fields, Instant at) {
  public Alert {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(text, "text");
    fields = Map.copyOf(fields);
    Objects.requireNonNull(at, "at");
  }
}

package dev.runway.observability;

import dev.runway.notify.Notification;
import dev.runway.notify.Notifier;
import java.util.Objects;

/**
 * Where error-rate alerts go. Called on Runway's own alert thread, never on a logging thread, so a
 * slow or failing sink delays only other alerts; an exception it throws is counted
 * ({@link Logging#alertsFailed()}) and the alert is not retried. Most services use
 * {@link #notifier(Notifier)} with a Slack, Discord or webhook notifier from
 * {@link dev.runway.notify.Notifiers}.
 *
 * <pre>{@code
 * AlertSink sink = AlertSink.notifier(Notifiers.slack(env.get(SLACK_WEBHOOK_URL)));
 * }</pre>
 */
@FunctionalInterface
public interface AlertSink {
  /** Delivers one alert; may block (bounded by the sink's own timeout) and may throw. */
  void send(Alert alert);

  /**
   * Sends each alert as a FAILURE {@link Notification}: event {@code errors.group} or
   * {@code errors.rate}, the alert's title and text, and its fields.
   */
  static AlertSink notifier(Notifier notifier) {
    Objects.requireNonNull(notifier, "notifier");
    return alert -> {
      Notification n = Notification.of(alert.kind().replace("error.", "errors."), Notification.Severity.FAILURE,
          alert.title()).text(alert.text());
      for (var f : alert.fields().entrySet()) n = n.field(f.getKey(), f.getValue());
      notifier.send(n);
    };
  }
}

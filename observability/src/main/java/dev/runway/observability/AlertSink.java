package dev.runway.observability;

/**
 * Where error-rate alerts go: Slack, Discord, a webhook, a pager. Called on Runway's own alert
 * thread, never on a logging thread, so a slow or failing sink delays only other alerts; an
 * exception it throws is counted ({@link Logging#alertsFailed()}) and the alert is not retried.
 *
 * <pre>{@code
 * AlertSink sink = alert -> slack.send(alert.title() + "\n" + alert.text());
 * }</pre>
 */
@FunctionalInterface
public interface AlertSink {
  /** Delivers one alert; may block (bounded by the sink's own timeout) and may throw. */
  void send(Alert alert);
}

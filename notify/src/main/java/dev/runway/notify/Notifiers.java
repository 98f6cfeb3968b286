package dev.runway.notify;

import dev.runway.base.Secret;
import dev.runway.notify.internal.Webhook;
import java.time.Duration;

/**
 * Slack, Discord and generic JSON webhook notifiers. The webhook URL is a {@link Secret} (Slack and
 * Discord URLs embed a token): it never appears in a message, an exception or {@code toString()}.
 * Each call is bounded by a timeout (5 s by default) and not retried.
 *
 * <pre>{@code
 * Notifier slack = Notifiers.slack(env.get(SLACK_WEBHOOK_URL));
 * slack.send(Notification.of("deploy.done", Notification.Severity.SUCCESS, "api is live"));
 * }</pre>
 *
 * <p>Payloads: Slack gets {@code {"text": ..., "attachments": [{"color", "fields"}]}}, Discord
 * {@code {"content": ..., "embeds": [{"title", "description", "url", "color", "fields"}]}}, a generic
 * webhook {@code {"event", "severity", "title", "text", "fields", "link"}}.
 */
public final class Notifiers {
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private Notifiers() {}

  public static Notifier slack(Secret webhookUrl) {
    return new Webhook(Webhook.Format.SLACK, webhookUrl, DEFAULT_TIMEOUT);
  }

  public static Notifier discord(Secret webhookUrl) {
    return new Webhook(Webhook.Format.DISCORD, webhookUrl, DEFAULT_TIMEOUT);
  }

  /** POSTs the notification as JSON to {@code url}. */
  public static Notifier webhook(Secret url) {
    return new Webhook(Webhook.Format.GENERIC, url, DEFAULT_TIMEOUT);
  }

  /** The same notifier with another per-call timeout. */
  public static Notifier withTimeout(Notifier notifier, Duration timeout) {
    if (notifier instanceof Webhook w) return w.withTimeout(timeout);
    throw new IllegalArgumentException("notify: withTimeout: only notifiers from Notifiers can be changed");
  }
}

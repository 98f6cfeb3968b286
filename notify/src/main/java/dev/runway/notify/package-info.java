/**
 * Notifications to Slack, Discord and generic JSON webhooks, shared by pipelines and monitoring:
 * build a {@link dev.runway.notify.Notification}, send it with a
 * {@link dev.runway.notify.Notifier} from {@link dev.runway.notify.Notifiers}.
 */
@NullMarked
package dev.runway.notify;

import org.jspecify.annotations.NullMarked;

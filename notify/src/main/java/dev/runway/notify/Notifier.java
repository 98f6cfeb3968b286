package dev.runway.notify;

/**
 * Sends a {@link Notification} somewhere people look. Implementations are thread-safe, bound every
 * call by a timeout, and never put the destination's secret (a webhook URL holds a token) in an
 * exception message or {@code toString()}.
 */
public interface Notifier {
  /**
   * Sends one notification.
   *
   * @throws dev.runway.base.RunwayException.PlatformRejected when the destination refuses it or does not answer
   */
  void send(Notification notification);
}

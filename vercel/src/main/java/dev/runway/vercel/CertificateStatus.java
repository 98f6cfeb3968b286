package dev.runway.vercel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A certificate's remaining validity, as a probe result: never thrown, always returned.
 *
 * @param id the certificate id
 * @param names the names it covers (empty when the check failed)
 * @param expiresAt when it expires, when known
 * @param autoRenew whether Vercel renews it
 * @param healthy whether it stays valid for at least the minimum asked for
 * @param message one line for people
 * @param duration how long the check took
 */
public record CertificateStatus(
    String id, List<String> names, Optional<Instant> expiresAt, boolean autoRenew, boolean healthy, String message,
    Duration duration) {
  public CertificateStatus {
    Objects.requireNonNull(id, "id");
    names = List.copyOf(names);
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(duration, "duration");
  }
}

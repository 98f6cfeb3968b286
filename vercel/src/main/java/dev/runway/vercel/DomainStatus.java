package dev.runway.vercel;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The health of a domain at Vercel, as a probe result: never thrown, always returned.
 *
 * @param domain the domain checked
 * @param healthy whether the domain is configured (DNS points at Vercel) and the check succeeded
 * @param misconfigured Vercel's verdict; false when the check itself failed
 * @param configuredBy how it points at Vercel ({@code CNAME}, {@code A}, ...), when it does
 * @param message one line for people: what is wrong and the fix, or "configured by CNAME"
 * @param duration how long the check took
 */
public record DomainStatus(
    String domain, boolean healthy, boolean misconfigured, Optional<String> configuredBy, String message,
    Duration duration) {
  public DomainStatus {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(duration, "duration");
  }
}

package dev.runway.health;

import dev.runway.health.internal.TimedCheck;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A named-at-registration check with its execution settings: timeout, criticality and cache TTL.
 * Make one with {@link Probes} or {@link HttpProbe}; register it in a {@link HealthRegistry}.
 * Immutable and thread-safe: {@link #timeout(Duration)}, {@link #nonCritical()} and
 * {@link #cacheFor(Duration)} return modified copies.
 *
 * <p>Guarantees: a probe never throws. An exception becomes a failing result that names it; a
 * timeout becomes a failing result {@code "timed out after 2000 ms"}; either way with the
 * duration. A critical probe that fails fails the whole report; a non-critical one makes it warn.
 *
 * <pre>{@code
 * Probe db = Probes.jdbc(dataSource).timeout(Duration.ofSeconds(2)).cacheFor(Duration.ofSeconds(10));
 * }</pre>
 */
public final class Probe {
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  private final String kind;
  private final String target;
  private final String measurement;
  private final TimedCheck check;
  private final Duration timeout;
  private final boolean critical;
  private final @Nullable Duration cacheTtl;

  private Probe(
      String kind,
      String target,
      String measurement,
      TimedCheck check,
      Duration timeout,
      boolean critical,
      @Nullable Duration cacheTtl) {
    this.kind = kind;
    this.target = target;
    this.measurement = measurement;
    this.check = check;
    this.timeout = timeout;
    this.critical = critical;
    this.cacheTtl = cacheTtl;
  }

  /**
   * A probe of your own kind. {@code kind} names what it checks ({@code "queue"}, {@code "cache"});
   * {@code target} describes it for people and must not contain a secret.
   */
  public static Probe of(String kind, String target, Check check) {
    Objects.requireNonNull(check, "check");
    return timed(kind, target, "responseTime", timeout -> check.run());
  }

  static Probe timed(String kind, String target, String measurement, TimedCheck check) {
    return new Probe(
        Objects.requireNonNull(kind, "kind"),
        Objects.requireNonNull(target, "target"),
        measurement,
        Objects.requireNonNull(check, "check"),
        DEFAULT_TIMEOUT,
        true,
        null);
  }

  /** A copy that gives up after {@code timeout} (default 2 s); must be positive. */
  public Probe timeout(Duration newTimeout) {
    if (newTimeout.isZero() || newTimeout.isNegative()) {
      throw new IllegalArgumentException("health: timeout: must be positive but was " + newTimeout);
    }
    return new Probe(kind, target, measurement, check, newTimeout, critical, cacheTtl);
  }

  /** A copy whose failure only makes the report warn. */
  public Probe nonCritical() {
    return critical(false);
  }

  /** A copy that is critical (the default) or not. */
  public Probe critical(boolean isCritical) {
    return new Probe(kind, target, measurement, check, timeout, isCritical, cacheTtl);
  }

  /**
   * A copy whose result is reused for {@code ttl} (zero: only concurrent requests share a run).
   * Without it the registry's default TTL applies.
   */
  public Probe cacheFor(Duration ttl) {
    if (ttl.isNegative()) throw new IllegalArgumentException("health: cache TTL: must be >= 0 but was " + ttl);
    return new Probe(kind, target, measurement, check, timeout, critical, ttl);
  }

  /** A copy reporting under another IETF measurement name (the part after ':' in the check key). */
  public Probe measurement(String name) {
    return new Probe(kind, target, Objects.requireNonNull(name, "name"), check, timeout, critical, cacheTtl);
  }

  public String kind() {
    return kind;
  }

  /** What is checked, for people: {@code "GET https://api.openai.com/v1/models"}; never a secret. */
  public String target() {
    return target;
  }

  /** The IETF measurement name; {@code responseTime} unless the kind observes something else. */
  public String measurement() {
    return measurement;
  }

  public Duration timeout() {
    return timeout;
  }

  public boolean critical() {
    return critical;
  }

  /** The probe's own TTL, when it set one. */
  public Optional<Duration> cacheTtl() {
    return Optional.ofNullable(cacheTtl);
  }

  TimedCheck check() {
    return check;
  }

  /**
   * Runs this probe's check once, now, on the calling thread: no cache, no coalescing, its blocking
   * calls bounded by {@code timeout}. For schedulers that must really run every check (runway-monitor
   * does); a health endpoint goes through {@link HealthRegistry} instead, which also time-boxes,
   * caches and never throws.
   *
   * @throws Exception whatever the check throws; the caller turns it into a failed result
   */
  public Result runCheck(Duration timeout) throws Exception {
    return check.run(Objects.requireNonNull(timeout, "timeout"));
  }

  @Override
  public String toString() {
    return "Probe{" + kind + " " + target + ", timeout=" + timeout.toMillis() + "ms"
        + (critical ? "" : ", non-critical") + (cacheTtl == null ? "" : ", ttl=" + cacheTtl.toMillis() + "ms") + "}";
  }
}

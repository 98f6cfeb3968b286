package dev.runway.health;

import dev.runway.health.internal.HealthJson;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to one health request: the overall {@link Status} of a {@link Group} and one
 * {@link Entry} per probe. Immutable and thread-safe.
 *
 * <p>The overall status is the worst of the entries, where a failing non-critical probe counts as
 * warn. Render it with {@link #toJson(Format, boolean)}.
 */
public final class HealthReport {
  /** The JSON shapes a report can take. */
  public enum Format {
    /** IETF health+json ({@code application/health+json}): the default. */
    IETF,
    /** Spring Boot Actuator's shape: {@code {"status":"UP","components":{...}}}. */
    ACTUATOR,
    /** MicroProfile Health's shape: {@code {"status":"UP","checks":[{"name":..,"status":..,"data":{..}}]}}. */
    MICROPROFILE
  }

  /** One probe's part of a report. Immutable and thread-safe. */
  public static final class Entry {
    private final String name;
    private final Probe probe;
    private final Status status;
    private final Result result;
    private final Duration duration;
    private final Instant checkedAt;
    private final boolean cached;

    Entry(String name, Probe probe, Status status, Result result, Duration duration, Instant checkedAt, boolean cached) {
      this.name = name;
      this.probe = probe;
      this.status = status;
      this.result = result;
      this.duration = duration;
      this.checkedAt = checkedAt;
      this.cached = cached;
    }

    /** The name it was registered under. */
    public String name() {
      return name;
    }

    public String kind() {
      return probe.kind();
    }

    public String target() {
      return probe.target();
    }

    /** The IETF check key: {@code name:measurement}. */
    public String key() {
      return name + ":" + probe.measurement();
    }

    public boolean critical() {
      return probe.critical();
    }

    /** This probe's own status (a failing non-critical probe is {@code FAIL} here). */
    public Status status() {
      return status;
    }

    /** Empty when the probe had nothing to say. */
    public String message() {
      return result.message();
    }

    public Map<String, Object> details() {
      return result.details();
    }

    /** The observed measurement: the probe's own, else its duration in ms. */
    public double observedValue() {
      return result.observedValue().orElse(duration.toNanos() / 1_000_000.0);
    }

    public String observedUnit() {
      return result.observedUnit().orElse("ms");
    }

    /** How long the run took. */
    public Duration duration() {
      return duration;
    }

    /** When the run finished. */
    public Instant checkedAt() {
      return checkedAt;
    }

    /** Whether this request reused an earlier run. */
    public boolean cached() {
      return cached;
    }

    @Override
    public String toString() {
      return key() + "=" + status.wire() + (message().isEmpty() ? "" : " (" + message() + ")");
    }
  }

  private final Group group;
  private final Status status;
  private final List<Entry> entries;
  private final Duration maxAge;
  /** Rendered bodies, by format and details; a report is immutable, so its JSON is too. */
  private final java.util.concurrent.atomic.AtomicReferenceArray<byte[]> rendered =
      new java.util.concurrent.atomic.AtomicReferenceArray<>(Format.values().length * 2);

  HealthReport(Group group, Status status, List<Entry> entries, Duration maxAge) {
    this.group = group;
    this.status = status;
    this.entries = List.copyOf(entries);
    this.maxAge = maxAge;
  }

  public Group group() {
    return group;
  }

  public Status status() {
    return status;
  }

  /** In registration order. */
  public List<Entry> entries() {
    return entries;
  }

  public Optional<Entry> entry(String name) {
    Objects.requireNonNull(name, "name");
    return entries.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /** 200 for pass and warn, 503 for fail. */
  public int httpStatus() {
    return status == Status.FAIL ? 503 : 200;
  }

  /** How long an HTTP cache may keep this answer: the shortest TTL among the group's probes. */
  public Duration maxAge() {
    return maxAge;
  }

  /**
   * This report as JSON. Without {@code details} only the overall status is written (and, for
   * MicroProfile, an empty {@code checks} array, which its schema requires).
   */
  public String toJson(Format format, boolean details) {
    return HealthJson.write(this, format, details);
  }

  /** {@link #toJson} as UTF-8, rendered once per format and details. Callers must not modify it. */
  byte[] jsonBytes(Format format, boolean details) {
    int slot = format.ordinal() * 2 + (details ? 1 : 0);
    byte[] bytes = rendered.get(slot);
    if (bytes == null) {
      bytes = toJson(format, details).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      rendered.set(slot, bytes);
    }
    return bytes;
  }

  @Override
  public String toString() {
    return group.name().toLowerCase(java.util.Locale.ROOT) + " " + status.wire() + " " + entries;
  }
}

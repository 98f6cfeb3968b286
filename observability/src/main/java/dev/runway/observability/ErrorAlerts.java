package dev.runway.observability;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * When errors raise an alert: a group (one fingerprint) logging {@link #perGroupPerMinute()}
 * errors within a minute, or all errors together logging {@link #perMinute()}. After an alert its
 * key (the group, or the overall rate) stays quiet for {@link #quietPeriod()}, so a burst of
 * thousands of errors raises one alert; errors of a group that has alerted do not count towards
 * the overall rate while it is quiet. Immutable and thread-safe.
 *
 * <pre>{@code
 * ErrorAlerts alerts = ErrorAlerts.builder().sink(slackSink).perGroupPerMinute(10).perMinute(50)
 *     .applicationPackages("com.acme").build();
 * }</pre>
 */
public final class ErrorAlerts {
  private final @Nullable AlertSink sink;
  private final int perGroupPerMinute;
  private final int perMinute;
  private final Duration quietPeriod;
  private final List<String> applicationPackages;
  private final int frames;
  private final Clock clock;

  private ErrorAlerts(Builder b) {
    this.sink = b.sink;
    this.perGroupPerMinute = b.perGroupPerMinute;
    this.perMinute = b.perMinute;
    this.quietPeriod = b.quietPeriod;
    this.applicationPackages = List.copyOf(b.applicationPackages);
    this.frames = b.frames;
    this.clock = b.clock;
  }

  /** Grouping and counting without alerts. */
  public static ErrorAlerts none() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Optional<AlertSink> sink() {
    return Optional.ofNullable(sink);
  }

  public int perGroupPerMinute() {
    return perGroupPerMinute;
  }

  public int perMinute() {
    return perMinute;
  }

  public Duration quietPeriod() {
    return quietPeriod;
  }

  /** Package prefixes of the application's own code; empty means every frame outside the JDK and logging. */
  public List<String> applicationPackages() {
    return applicationPackages;
  }

  /** How many top application frames go into a fingerprint. */
  public int frames() {
    return frames;
  }

  public Clock clock() {
    return clock;
  }

  @Override
  public String toString() {
    return "ErrorAlerts{perGroupPerMinute=" + perGroupPerMinute + ", perMinute=" + perMinute + ", quietPeriod="
        + quietPeriod + ", sink=" + (sink == null ? "none" : "set") + "}";
  }

  /** Defaults: 10 per group per minute, 50 overall per minute, quiet for 15 minutes, 3 frames. */
  public static final class Builder {
    private @Nullable AlertSink sink;
    private int perGroupPerMinute = 10;
    private int perMinute = 50;
    private Duration quietPeriod = Duration.ofMinutes(15);
    private final List<String> applicationPackages = new ArrayList<>();
    private int frames = 3;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    public Builder sink(AlertSink value) {
      this.sink = Objects.requireNonNull(value, "value");
      return this;
    }

    public Builder perGroupPerMinute(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("observability: error alerts: perGroupPerMinute must be >= 1 but was " + value);
      }
      this.perGroupPerMinute = value;
      return this;
    }

    public Builder perMinute(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("observability: error alerts: perMinute must be >= 1 but was " + value);
      }
      this.perMinute = value;
      return this;
    }

    public Builder quietPeriod(Duration value) {
      if (value.isNegative()) {
        throw new IllegalArgumentException("observability: error alerts: quietPeriod must not be negative but was " + value);
      }
      this.quietPeriod = value;
      return this;
    }

    public Builder applicationPackages(String... prefixes) {
      applicationPackages.addAll(List.of(prefixes));
      return this;
    }

    public Builder frames(int value) {
      if (value < 1) throw new IllegalArgumentException("observability: error alerts: frames must be >= 1 but was " + value);
      this.frames = value;
      return this;
    }

    /** The clock windows and quiet periods are measured by; for tests. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "value");
      return this;
    }

    public ErrorAlerts build() {
      return new ErrorAlerts(this);
    }
  }
}

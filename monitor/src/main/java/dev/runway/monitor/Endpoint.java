package dev.runway.monitor;

import dev.runway.env.KeyMask;
import dev.runway.health.Probe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One monitored thing: a {@link Probe} (the same probes a service embeds in its health endpoint),
 * how often to run it, and when to alert. Immutable and thread-safe; {@link #toBuilder()} makes a
 * modified copy.
 *
 * <ul>
 *   <li>{@code interval} (default 60 s) and {@code jitter} (default 0): check {@code k} is due at
 *       {@code start + offset + k * interval}, where {@code offset} is a fixed random part of the
 *       jitter per endpoint, so checks spread out and never drift. Without jitter the monitor
 *       staggers endpoints over their interval by name ({@link Monitor.Builder#stagger(boolean)}).
 *   <li>{@code failuresToOpen} (default 3) consecutive bad checks open an incident;
 *       {@code successesToResolve} (default 2) consecutive good checks resolve it.
 *   <li>{@code degradedAbove}: a passing check slower than this is {@link State#DEGRADED};
 *       a probe that warns is degraded too, and so is a certificate with fewer than
 *       {@code certificateWarnDays} days left (probes with {@code minCertificateDays} report them).
 *   <li>{@code coldStartAbove}: an answer slower than this is recorded as a cold start (a service
 *       that had spun down while idle; see {@link KeepWarm}).
 * </ul>
 *
 * <pre>{@code
 * Endpoint api = Endpoint.builder("api", HttpProbe.get("https://api.example.com/api/health").build())
 *     .service("acme-api").interval(Duration.ofSeconds(30)).jitter(Duration.ofSeconds(5))
 *     .degradedAbove(Duration.ofMillis(800)).build();
 * }</pre>
 */
public final class Endpoint {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  private final String name;
  private final String service;
  private final Probe probe;
  private final Duration interval;
  private final Duration jitter;
  private final int failuresToOpen;
  private final int successesToResolve;
  private final @Nullable Duration degradedAbove;
  private final int certificateWarnDays;
  private final @Nullable Duration coldStartAbove;
  private final List<MaintenanceWindow> maintenance;
  private final @Nullable String publicUrl;

  private Endpoint(Builder b) {
    this.name = b.name;
    this.service = b.service == null ? b.name : b.service;
    this.probe = b.probe;
    this.interval = b.interval;
    this.jitter = b.jitter;
    this.failuresToOpen = b.failuresToOpen;
    this.successesToResolve = b.successesToResolve;
    this.degradedAbove = b.degradedAbove;
    this.certificateWarnDays = b.certificateWarnDays;
    this.coldStartAbove = b.coldStartAbove;
    this.maintenance = List.copyOf(b.maintenance);
    this.publicUrl = b.publicUrl;
  }

  /**
   * Starts an endpoint named {@code name} (1-64 letters, digits, '_', '.', '-').
   *
   * @throws IllegalArgumentException for a name that is not valid
   */
  public static Builder builder(String name, Probe probe) {
    return new Builder(name, probe);
  }

  public Builder toBuilder() {
    Builder b = new Builder(name, probe);
    b.service = service;
    b.interval = interval;
    b.jitter = jitter;
    b.failuresToOpen = failuresToOpen;
    b.successesToResolve = successesToResolve;
    b.degradedAbove = degradedAbove;
    b.certificateWarnDays = certificateWarnDays;
    b.coldStartAbove = coldStartAbove;
    b.maintenance.addAll(maintenance);
    b.publicUrl = publicUrl;
    return b;
  }

  public String name() {
    return name;
  }

  /** The service it belongs to on the status page; the endpoint's name unless set. */
  public String service() {
    return service;
  }

  public Probe probe() {
    return probe;
  }

  /**
   * The address people use, shown on the status page; empty unless set. The probed URL is never
   * shown there as it is: it may be internal, or carry a token in its query.
   */
  public Optional<String> publicUrl() {
    return Optional.ofNullable(publicUrl);
  }

  public Duration interval() {
    return interval;
  }

  public Duration jitter() {
    return jitter;
  }

  /** The probe's own timeout bounds each check. */
  public Duration timeout() {
    return probe.timeout();
  }

  public int failuresToOpen() {
    return failuresToOpen;
  }

  public int successesToResolve() {
    return successesToResolve;
  }

  public Optional<Duration> degradedAbove() {
    return Optional.ofNullable(degradedAbove);
  }

  /** 0 when certificate days do not matter. */
  public int certificateWarnDays() {
    return certificateWarnDays;
  }

  public Optional<Duration> coldStartAbove() {
    return Optional.ofNullable(coldStartAbove);
  }

  public List<MaintenanceWindow> maintenance() {
    return maintenance;
  }

  /** Whether {@code at} is inside one of the maintenance windows. */
  public boolean inMaintenance(Instant at) {
    for (MaintenanceWindow w : maintenance) if (w.covers(at)) return true;
    return false;
  }

  @Override
  public String toString() {
    return "Endpoint{" + name + " " + probe.target() + " every " + interval.toMillis() + "ms}";
  }

  /** Collects an endpoint's settings; not thread-safe. */
  public static final class Builder {
    private final String name;
    private final Probe probe;
    private @Nullable String service;
    private Duration interval = Duration.ofSeconds(60);
    private Duration jitter = Duration.ZERO;
    private int failuresToOpen = 3;
    private int successesToResolve = 2;
    private @Nullable Duration degradedAbove;
    private int certificateWarnDays;
    private @Nullable Duration coldStartAbove;
    private final List<MaintenanceWindow> maintenance = new ArrayList<>();
    private @Nullable String publicUrl;

    private Builder(String name, Probe probe) {
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "monitor: endpoint '" + KeyMask.mask(name) + "': not a valid name; use 1-64 letters, digits, '_', '.' or '-'");
      }
      this.name = name;
      this.probe = Objects.requireNonNull(probe, "probe");
    }

    public Builder service(String value) {
      this.service = Objects.requireNonNull(value, "value");
      return this;
    }

    /** How often to check; at least 1 s. */
    public Builder interval(Duration value) {
      if (value.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("monitor: endpoint '" + KeyMask.mask(name) + "': interval must be at least 1s but was " + value);
      }
      this.interval = value;
      return this;
    }

    /** Up to this much is added to each endpoint's schedule, fixed per endpoint; below the interval. */
    public Builder jitter(Duration value) {
      if (value.isNegative()) throw new IllegalArgumentException("monitor: endpoint '" + KeyMask.mask(name) + "': jitter must be >= 0");
      this.jitter = value;
      return this;
    }

    public Builder failuresToOpen(int value) {
      if (value < 1) throw new IllegalArgumentException("monitor: endpoint '" + KeyMask.mask(name) + "': failuresToOpen must be >= 1 but was " + value);
      this.failuresToOpen = value;
      return this;
    }

    public Builder successesToResolve(int value) {
      if (value < 1) throw new IllegalArgumentException("monitor: endpoint '" + KeyMask.mask(name) + "': successesToResolve must be >= 1 but was " + value);
      this.successesToResolve = value;
      return this;
    }

    public Builder degradedAbove(Duration value) {
      this.degradedAbove = Objects.requireNonNull(value, "value");
      return this;
    }

    public Builder certificateWarnDays(int days) {
      this.certificateWarnDays = days;
      return this;
    }

    /**
     * Records an answer slower than {@code slow} as a cold start: a service that had spun down
     * while idle (Render's free instances after 15 minutes) takes tens of seconds to answer its
     * first request, against a few hundred milliseconds when warm. Pick a value between the two.
     */
    public Builder coldStartAbove(Duration slow) {
      this.coldStartAbove = Objects.requireNonNull(slow, "slow");
      return this;
    }

    /**
     * The public address the status page shows for this endpoint ({@code https://acme.example.com});
     * its query and fragment are dropped.
     *
     * @throws IllegalArgumentException when it is not an absolute http(s) URL
     */
    public Builder publicUrl(String url) {
      java.net.URI u;
      try {
        u = java.net.URI.create(url);
      } catch (IllegalArgumentException e) {
        u = null;
      }
      if (u == null || u.getHost() == null || !("https".equals(u.getScheme()) || "http".equals(u.getScheme()))) {
        throw new IllegalArgumentException("monitor: endpoint '" + KeyMask.mask(name) + "': public URL '"
            + KeyMask.mask(url.replaceAll("[?#].*", ""))
            + "' is not an http(s) URL; write it as https://host/path");
      }
      this.publicUrl = u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "")
          + (u.getRawPath() == null ? "" : u.getRawPath());
      return this;
    }

    public Builder maintenance(MaintenanceWindow window) {
      maintenance.add(Objects.requireNonNull(window, "window"));
      return this;
    }

    /**
     * The endpoint.
     *
     * @throws IllegalArgumentException when the jitter is not below the interval
     */
    public Endpoint build() {
      if (jitter.compareTo(interval) >= 0) {
        throw new IllegalArgumentException("monitor: endpoint '" + KeyMask.mask(name) + "': jitter " + jitter.toMillis()
            + " ms must be below the interval " + interval.toMillis() + " ms; lower the jitter");
      }
      return new Endpoint(this);
    }
  }
}

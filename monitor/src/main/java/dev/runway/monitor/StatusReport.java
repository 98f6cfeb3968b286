package dev.runway.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the status page shows, read from a {@link History}: per endpoint the current state, uptime
 * over the last day, 7, 30 and 90 days, 90 daily bars, response-time percentiles and points over
 * the last 24 hours, and the incidents of the last 90 days. Immutable; make one with
 * {@link StatusPage#report}.
 */
public record StatusReport(String title, Instant generated, @Nullable String historyProblem,
    List<EndpointStatus> endpoints, List<Incident> incidents) {
  public StatusReport {
    Objects.requireNonNull(title, "title");
    endpoints = List.copyOf(endpoints);
    incidents = List.copyOf(incidents);
  }

  /** Why the history is in memory only, when it is. */
  public Optional<String> historyWarning() {
    return Optional.ofNullable(historyProblem);
  }

  /**
   * The worst of every endpoint's current state and every open incident's severity (an incident
   * stays open until its success threshold, after the first good check); maintenance counts as up.
   */
  public State overall() {
    State worst = State.UP;
    List<State> seen = new java.util.ArrayList<>();
    for (EndpointStatus e : endpoints) seen.add(e.state());
    for (Incident i : incidents) if (i.open()) seen.add(i.severity());
    for (State s : seen) {
      if (s == State.DOWN) return State.DOWN;
      if (s == State.DEGRADED) worst = State.DEGRADED;
    }
    return worst;
  }

  /**
   * One endpoint. Uptime values are ratios in [0, 1], NaN without checks; {@code points} are
   * (time, milliseconds) pairs, at most 96, each the mean of its slice of the last 24 hours.
   * {@code url} is the public address (empty when there is none safe to show); messages never
   * hold an address. The page is public: the probed URL, which may be internal or carry a token,
   * never appears in a report.
   */
  public record EndpointStatus(String name, String service, String url, State state, @Nullable Instant lastChecked,
      String message, double uptimeDay, double uptime7, double uptime30, double uptime90, List<DailyUptime> days,
      @Nullable Duration p50, @Nullable Duration p95, @Nullable Duration p99, List<Point> points, long coldStarts) {
    public EndpointStatus {
      days = List.copyOf(days);
      points = List.copyOf(points);
    }
  }

  /** One point of the response-time chart. */
  public record Point(Instant at, double millis) {}
}

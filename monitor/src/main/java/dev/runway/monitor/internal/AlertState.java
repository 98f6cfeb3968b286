package dev.runway.monitor.internal;

import dev.runway.monitor.Endpoint;
import dev.runway.monitor.Incident;
import dev.runway.monitor.Observation;
import dev.runway.monitor.State;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The alert rule of one endpoint: {@code failuresToOpen} bad checks in a row open an incident,
 * {@code successesToResolve} good ones resolve it; a degraded incident that goes down escalates.
 * Each of these is one {@link Transition}, so one alert. Maintenance checks change nothing. Not
 * thread-safe: the scheduler applies one endpoint's observations one at a time, in order.
 */
public final class AlertState {
  /** What changed, with the incident as it is now. */
  public record Transition(Kind kind, Incident incident) {
    public enum Kind { OPENED, ESCALATED, RESOLVED }
  }

  private final Endpoint endpoint;
  private int bad;
  private int good;
  private @Nullable State worst;
  private String cause = "";
  private @Nullable Incident open;

  public AlertState(Endpoint endpoint, @Nullable Incident open) {
    this.endpoint = endpoint;
    this.open = open;
  }

  public Optional<Incident> open() {
    return Optional.ofNullable(open);
  }

  /**
   * Rebuilds the counters from recent observations (oldest first) without opening or resolving
   * anything, so a monitor that restarts (or runs once per GitHub Actions job) keeps counting.
   */
  public void restore(Iterable<Observation> recent) {
    for (Observation o : recent) {
      if (o.state() == State.MAINTENANCE) continue;
      if (o.state() == State.UP) {
        good++;
        bad = 0;
        worst = null;
      } else {
        if (bad == 0) cause = o.message();
        bad++;
        good = 0;
        worst = worst == null ? o.state() : worse(worst, o.state());
      }
    }
  }

  /** Applies one observation; {@code ids} hands out incident ids. */
  public Optional<Transition> apply(Observation o, LongSupplier ids) {
    switch (o.state()) {
      case MAINTENANCE:
        return Optional.empty();
      case UP:
        good++;
        bad = 0;
        worst = null;
        if (open != null && good >= endpoint.successesToResolve()) {
          Incident resolved = open.withResolved(o.at());
          open = null;
          return Optional.of(new Transition(Transition.Kind.RESOLVED, resolved));
        }
        return Optional.empty();
      default:
        if (bad == 0) cause = o.message();
        bad++;
        good = 0;
        worst = worst == null ? o.state() : worse(worst, o.state());
        if (open == null && bad >= endpoint.failuresToOpen()) {
          open = new Incident(ids.getAsLong(), endpoint.name(), worst, o.at(), null, cause.isEmpty() ? o.message() : cause);
          return Optional.of(new Transition(Transition.Kind.OPENED, open));
        }
        if (open != null && o.state() == State.DOWN && open.severity() == State.DEGRADED) {
          open = open.withSeverity(State.DOWN);
          return Optional.of(new Transition(Transition.Kind.ESCALATED, open));
        }
        return Optional.empty();
    }
  }

  private static State worse(State a, State b) {
    return a == State.DOWN || b == State.DOWN ? State.DOWN : State.DEGRADED;
  }
}

package dev.runway.monitor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.health.HttpProbe;
import dev.runway.monitor.Endpoint;
import dev.runway.monitor.Observation;
import dev.runway.monitor.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class AlertStateProperties {
  /**
   * For any sequence of checks: transitions alternate opened (escalated)* resolved; an incident opens
   * exactly when the failure threshold is reached with none open, and resolves exactly when the
   * success threshold is reached; maintenance changes nothing.
   */
  @Property(tries = 500)
  void oneAlertPerTransitionAndOnlyAtTheThresholds(@ForAll @Size(max = 60) List<State> states,
      @ForAll @IntRange(min = 1, max = 4) int toOpen, @ForAll @IntRange(min = 1, max = 4) int toResolve) {
    Endpoint e = Endpoint.builder("api", HttpProbe.get("http://127.0.0.1:1/").build())
        .failuresToOpen(toOpen).successesToResolve(toResolve).build();
    AlertState alerts = new AlertState(e, null);
    AtomicLong ids = new AtomicLong(1);
    List<AlertState.Transition.Kind> kinds = new ArrayList<>();
    int bad = 0;
    int good = 0;
    boolean open = false;
    boolean down = false;
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    for (State s : states) {
      t = t.plusSeconds(60);
      var transition = alerts.apply(new Observation("api", t, s, 1, s.wire(), false), ids::getAndIncrement);
      // the model
      AlertState.Transition.Kind expected = null;
      if (s == State.UP) {
        good++;
        bad = 0;
        if (open && good >= toResolve) {
          expected = AlertState.Transition.Kind.RESOLVED;
          open = false;
        }
      } else if (s != State.MAINTENANCE) {
        bad++;
        good = 0;
        if (!open && bad >= toOpen) {
          expected = AlertState.Transition.Kind.OPENED;
          open = true;
          down = false;
        }
        if (open && s == State.DOWN && !down) {
          if (expected == null) expected = AlertState.Transition.Kind.ESCALATED;
          down = true;
        }
      }
      if (expected == AlertState.Transition.Kind.OPENED) {
        // an incident opened by a run containing a down check is already down
        down = transition.map(tr -> tr.incident().severity() == State.DOWN).orElse(false);
      }
      assertThat(transition.map(AlertState.Transition::kind).orElse(null)).isEqualTo(expected);
      transition.ifPresent(tr -> kinds.add(tr.kind()));
      assertThat(alerts.open().isPresent()).isEqualTo(open);
    }
    AlertState.Transition.Kind previous = AlertState.Transition.Kind.RESOLVED;
    for (AlertState.Transition.Kind k : kinds) {
      if (k == AlertState.Transition.Kind.OPENED) assertThat(previous).isEqualTo(AlertState.Transition.Kind.RESOLVED);
      else assertThat(previous).isNotEqualTo(AlertState.Transition.Kind.RESOLVED);
      previous = k;
    }
  }
}

package dev.runway.monitor.internal;

import dev.runway.monitor.Endpoint;
import dev.runway.monitor.Incident;
import dev.runway.monitor.Observation;
import dev.runway.notify.Notification;
import java.time.Duration;

/** The notification of one transition: one alert when an incident opens, escalates or resolves. */
final class Alerts {
  private Alerts() {}

  static Notification notification(Endpoint e, AlertState.Transition t, Observation o) {
    Incident i = t.incident();
    String what = switch (t.kind()) {
      case OPENED, ESCALATED -> i.severity().wire();
      case RESOLVED -> "resolved";
    };
    Notification.Severity severity = switch (t.kind()) {
      case RESOLVED -> Notification.Severity.SUCCESS;
      default -> i.severity() == dev.runway.monitor.State.DOWN ? Notification.Severity.FAILURE : Notification.Severity.WARNING;
    };
    String title = e.name() + (t.kind() == AlertState.Transition.Kind.RESOLVED ? " is back up" : " is " + what);
    Notification n = Notification.of("monitor." + what, severity, title)
        .text(t.kind() == AlertState.Transition.Kind.RESOLVED
            ? "Resolved after " + human(i.duration(o.at())) + "; cause was: " + i.cause()
            : i.cause())
        .field("endpoint", e.name())
        .field("service", e.service())
        .field("target", e.probe().target())
        .field("incident", String.valueOf(i.id()))
        .field("opened", i.opened().toString());
    if (i.resolved().isPresent()) n = n.field("resolved", i.resolved().get().toString());
    return n;
  }

  static String human(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s < 120) return s + " s";
    if (s < 7200) return (s / 60) + " min";
    return (s / 3600) + " h " + (s % 3600 / 60) + " min";
  }
}

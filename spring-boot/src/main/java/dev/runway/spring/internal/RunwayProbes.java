package dev.runway.spring.internal;

import dev.runway.health.Group;
import dev.runway.health.HealthRegistry;
import dev.runway.health.HealthReport;
import dev.runway.health.Status;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A registry's probes as Actuator sees them, independent of the Boot generation: which probes each
 * Runway group adds of its own, and one probe's state as an Actuator status and details.
 */
public final class RunwayProbes {
  /** The contributor names, one composite per Runway group. */
  public static final String LIVENESS = "runwayLiveness";
  public static final String READINESS = "runwayReadiness";
  public static final String DEEP = "runwayDeep";

  /** The Actuator groups each composite joins. */
  static final Map<String, Set<String>> GROUP_MEMBERS = Map.of(
      "liveness", Set.of(LIVENESS),
      "readiness", Set.of(READINESS, DEEP));

  /** The availability indicator Boot puts in each of its probe groups. */
  static final Map<String, String> AVAILABILITY_STATE = Map.of("liveness", "livenessState", "readiness", "readinessState");

  /** One probe's state: Actuator {@code UP} or {@code DOWN}, and its details. */
  public record State(boolean up, Map<String, Object> details) {}

  private final HealthRegistry registry;

  public RunwayProbes(HealthRegistry registry) {
    this.registry = registry;
  }

  /** The probes registered in {@code group} itself (a readiness request also runs liveness probes). */
  public List<String> own(Group group) {
    List<String> names = new ArrayList<>(registry.names(group));
    switch (group) {
      case LIVENESS -> {}
      case READINESS -> names.removeAll(registry.names(Group.LIVENESS));
      case DEEP -> names.removeAll(registry.names(Group.READINESS));
    }
    return names;
  }

  /**
   * Runs (or reuses, within its cache TTL) the probes of {@code group} and reads one. A failing
   * non-critical probe is UP, as it only makes a Runway report warn.
   */
  public State state(Group group, String name) {
    HealthReport.Entry e = registry.check(group).entry(name)
        .orElseThrow(() -> new IllegalStateException("health: no probe named '" + name + "' in " + group));
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("status", e.status().wire());
    d.put("kind", e.kind());
    d.put("target", e.target());
    if (!e.message().isEmpty()) d.put("message", e.message());
    d.put("critical", e.critical());
    d.put("durationMs", Math.round(e.duration().toNanos() / 1_000.0) / 1_000.0);
    d.put("cached", e.cached());
    e.details().forEach(d::putIfAbsent);
    boolean up = e.status() != Status.FAIL || !e.critical();
    return new State(up, Collections.unmodifiableMap(d));
  }

  /** Whether {@code member} (a contributor name or a path below one) is one of {@code names}. */
  static boolean isOneOf(String member, Set<String> names) {
    for (String n : names) {
      if (member.equals(n) || member.startsWith(n + "/")) return true;
    }
    return false;
  }
}

package dev.runway.health.internal;

import dev.runway.health.HealthReport;
import dev.runway.health.HealthReport.Entry;
import dev.runway.health.Status;
import dev.runway.internal.Json;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The three JSON shapes of a report: IETF health+json, Actuator and MicroProfile. */
public final class HealthJson {
  private HealthJson() {}

  public static String write(HealthReport report, HealthReport.Format format, boolean details) {
    ObjectNode root = switch (format) {
      case IETF -> ietf(report, details);
      case ACTUATOR -> actuator(report, details);
      case MICROPROFILE -> microprofile(report, details);
    };
    return Json.mapper().writeValueAsString(root);
  }

  /** draft-inadarei-api-health-check: checks keyed {@code component:measurement}, each an array. */
  private static ObjectNode ietf(HealthReport report, boolean details) {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("status", report.status().wire());
    if (!details) return root;
    root.put("description", report.group().name().toLowerCase(java.util.Locale.ROOT));
    ObjectNode checks = root.putObject("checks");
    for (Entry e : report.entries()) {
      ArrayNode list = checks.has(e.key()) ? (ArrayNode) checks.get(e.key()) : checks.putArray(e.key());
      ObjectNode c = list.addObject();
      c.put("componentId", e.name());
      c.put("componentType", e.kind());
      c.put("observedValue", round(e.observedValue()));
      c.put("observedUnit", e.observedUnit());
      c.put("status", e.status().wire());
      c.put("time", e.checkedAt().toString());
      if (!e.message().isEmpty()) c.put("output", e.message());
      c.put("critical", e.critical());
      c.put("cached", e.cached());
      c.put("durationMs", round(e.duration().toNanos() / 1_000_000.0));
      c.put("target", e.target());
      if (!e.details().isEmpty()) putAll(c.putObject("details"), e.details());
    }
    return root;
  }

  private static ObjectNode actuator(HealthReport report, boolean details) {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("status", actuatorStatus(report.status()));
    if (!details) return root;
    ObjectNode components = root.putObject("components");
    for (Entry e : report.entries()) {
      ObjectNode c = components.putObject(e.name());
      c.put("status", actuatorStatus(e.status()));
      ObjectNode d = c.putObject("details");
      d.put("kind", e.kind());
      d.put("target", e.target());
      if (!e.message().isEmpty()) d.put("message", e.message());
      d.put("critical", e.critical());
      d.put("durationMs", round(e.duration().toNanos() / 1_000_000.0));
      putAll(d, e.details());
    }
    return root;
  }

  private static String actuatorStatus(Status s) {
    return switch (s) {
      case PASS -> "UP";
      case WARN -> "WARN";
      case FAIL -> "DOWN";
    };
  }

  /** MicroProfile knows only UP and DOWN: warn is UP (the service still serves). */
  private static ObjectNode microprofile(HealthReport report, boolean details) {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("status", report.status() == Status.FAIL ? "DOWN" : "UP");
    ArrayNode checks = root.putArray("checks");
    if (!details) return root;
    for (Entry e : report.entries()) {
      ObjectNode c = checks.addObject();
      c.put("name", e.name());
      c.put("status", e.status() == Status.FAIL ? "DOWN" : "UP");
      ObjectNode d = c.putObject("data");
      d.put("status", e.status().wire());
      d.put("kind", e.kind());
      d.put("target", e.target());
      if (!e.message().isEmpty()) d.put("message", e.message());
      d.put("critical", e.critical());
      d.put("durationMs", round(e.duration().toNanos() / 1_000_000.0));
      putAll(d, e.details());
    }
    return root;
  }

  private static void putAll(ObjectNode node, Map<String, Object> details) {
    details.forEach((k, v) -> {
      if (v instanceof Boolean b) node.put(k, b);
      else if (v instanceof Integer i) node.put(k, i);
      else if (v instanceof Long l) node.put(k, l);
      else if (v instanceof Number n) node.put(k, n.doubleValue());
      else node.put(k, String.valueOf(v));
    });
  }

  private static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}

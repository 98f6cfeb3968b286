package dev.runway.health.internal;

import dev.runway.base.JsonWriter;
import dev.runway.health.HealthReport;
import dev.runway.health.HealthReport.Entry;
import dev.runway.health.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The three JSON shapes of a report: IETF health+json, Actuator and MicroProfile. Written with
 * the package's own {@link JsonWriter}: a health endpoint is often the only JSON a service writes,
 * and it must not pull a JSON library (or clash with the one a framework's BOM chose).
 */
public final class HealthJson {
  private HealthJson() {}

  public static String write(HealthReport report, HealthReport.Format format, boolean details) {
    JsonWriter g = new JsonWriter(details ? 512 : 32);
    switch (format) {
      case IETF -> ietf(g, report, details);
      case ACTUATOR -> actuator(g, report, details);
      case MICROPROFILE -> microprofile(g, report, details);
    }
    return g.toString();
  }

  /** draft-inadarei-api-health-check: checks keyed {@code component:measurement}, each an array. */
  private static void ietf(JsonWriter g, HealthReport report, boolean details) {
    g.beginObject();
    g.name("status").value(report.status().wire());
    if (details) {
      g.name("description").value(report.group().name().toLowerCase(Locale.ROOT));
      Map<String, List<Entry>> byKey = new LinkedHashMap<>();
      for (Entry e : report.entries()) byKey.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e);
      g.name("checks").beginObject();
      for (Map.Entry<String, List<Entry>> key : byKey.entrySet()) {
        g.name(key.getKey()).beginArray();
        for (Entry e : key.getValue()) {
          Map<String, Object> c = new LinkedHashMap<>();
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
          if (!e.details().isEmpty()) c.put("details", e.details());
          g.any(c);
        }
        g.endArray();
      }
      g.endObject();
    }
    g.endObject();
  }

  private static void actuator(JsonWriter g, HealthReport report, boolean details) {
    g.beginObject();
    g.name("status").value(actuatorStatus(report.status()));
    if (details) {
      g.name("components").beginObject();
      for (Entry e : report.entries()) {
        g.name(e.name()).beginObject();
        g.name("status").value(actuatorStatus(e.status()));
        g.name("details").any(entryData(e, false));
        g.endObject();
      }
      g.endObject();
    }
    g.endObject();
  }

  private static String actuatorStatus(Status s) {
    return switch (s) {
      case PASS -> "UP";
      case WARN -> "WARN";
      case FAIL -> "DOWN";
    };
  }

  /** MicroProfile knows only UP and DOWN: warn is UP (the service still serves). */
  private static void microprofile(JsonWriter g, HealthReport report, boolean details) {
    g.beginObject();
    g.name("status").value(report.status() == Status.FAIL ? "DOWN" : "UP");
    g.name("checks").beginArray();
    if (details) {
      for (Entry e : report.entries()) {
        g.beginObject();
        g.name("name").value(e.name());
        g.name("status").value(e.status() == Status.FAIL ? "DOWN" : "UP");
        g.name("data").any(entryData(e, true));
        g.endObject();
      }
    }
    g.endArray();
    g.endObject();
  }

  /** Actuator's details and MicroProfile's data: the probe's own details win over ours on a clash. */
  private static Map<String, Object> entryData(Entry e, boolean withStatus) {
    Map<String, Object> d = new LinkedHashMap<>();
    if (withStatus) d.put("status", e.status().wire());
    d.put("kind", e.kind());
    d.put("target", e.target());
    if (!e.message().isEmpty()) d.put("message", e.message());
    d.put("critical", e.critical());
    d.put("durationMs", round(e.duration().toNanos() / 1_000_000.0));
    d.putAll(e.details());
    return d;
  }

  private static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}

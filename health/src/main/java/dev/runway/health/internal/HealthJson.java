package dev.runway.health.internal;

import dev.runway.health.HealthReport;
import dev.runway.health.HealthReport.Entry;
import dev.runway.health.Status;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

/**
 * The three JSON shapes of a report: IETF health+json, Actuator and MicroProfile. Written with
 * Jackson's streaming generator alone: a health endpoint is often the only JSON a service writes
 * early, and a databind mapper would cost it a few hundred KiB of heap and 400 classes.
 */
public final class HealthJson {
  private static final JsonFactory JSON = new JsonFactory();

  private HealthJson() {}

  public static String write(HealthReport report, HealthReport.Format format, boolean details) {
    StringWriter out = new StringWriter(details ? 512 : 32);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      switch (format) {
        case IETF -> ietf(g, report, details);
        case ACTUATOR -> actuator(g, report, details);
        case MICROPROFILE -> microprofile(g, report, details);
      }
    }
    return out.toString();
  }

  /** draft-inadarei-api-health-check: checks keyed {@code component:measurement}, each an array. */
  private static void ietf(JsonGenerator g, HealthReport report, boolean details) {
    g.writeStartObject();
    g.writeStringProperty("status", report.status().wire());
    if (details) {
      g.writeStringProperty("description", report.group().name().toLowerCase(Locale.ROOT));
      Map<String, List<Entry>> byKey = new LinkedHashMap<>();
      for (Entry e : report.entries()) byKey.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e);
      g.writeObjectPropertyStart("checks");
      for (Map.Entry<String, List<Entry>> key : byKey.entrySet()) {
        g.writeArrayPropertyStart(key.getKey());
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
          writeObject(g, c);
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void actuator(JsonGenerator g, HealthReport report, boolean details) {
    g.writeStartObject();
    g.writeStringProperty("status", actuatorStatus(report.status()));
    if (details) {
      g.writeObjectPropertyStart("components");
      for (Entry e : report.entries()) {
        g.writeObjectPropertyStart(e.name());
        g.writeStringProperty("status", actuatorStatus(e.status()));
        g.writeName("details");
        writeObject(g, entryData(e, false));
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static String actuatorStatus(Status s) {
    return switch (s) {
      case PASS -> "UP";
      case WARN -> "WARN";
      case FAIL -> "DOWN";
    };
  }

  /** MicroProfile knows only UP and DOWN: warn is UP (the service still serves). */
  private static void microprofile(JsonGenerator g, HealthReport report, boolean details) {
    g.writeStartObject();
    g.writeStringProperty("status", report.status() == Status.FAIL ? "DOWN" : "UP");
    g.writeArrayPropertyStart("checks");
    if (details) {
      for (Entry e : report.entries()) {
        g.writeStartObject();
        g.writeStringProperty("name", e.name());
        g.writeStringProperty("status", e.status() == Status.FAIL ? "DOWN" : "UP");
        g.writeName("data");
        writeObject(g, entryData(e, true));
        g.writeEndObject();
      }
    }
    g.writeEndArray();
    g.writeEndObject();
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

  /** Booleans and integers as such, other numbers as doubles, maps as objects, anything else as text. */
  private static void writeObject(JsonGenerator g, Map<?, ?> fields) {
    g.writeStartObject();
    for (Map.Entry<?, ?> f : fields.entrySet()) {
      g.writeName(String.valueOf(f.getKey()));
      Object v = f.getValue();
      if (v == null) g.writeNull();
      else if (v instanceof Boolean b) g.writeBoolean(b);
      else if (v instanceof Integer i) g.writeNumber(i);
      else if (v instanceof Long l) g.writeNumber(l);
      else if (v instanceof Number n) g.writeNumber(n.doubleValue());
      else if (v instanceof Map<?, ?> m) writeObject(g, m);
      else g.writeString(String.valueOf(v));
    }
    g.writeEndObject();
  }

  private static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}

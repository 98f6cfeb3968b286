package dev.runway.observability.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes one event as an ECS or GELF JSON line. It reads only the event's accessors, so what it
 * writes is exactly what masking left in the event; a field name is written at most once (an MDC
 * entry or key-value pair named like a field already written is left out) so every line is an
 * object with unique keys.
 */
public final class StructuredLines {
  /** The ecs-logging specification version the ECS lines follow. */
  public static final String ECS_VERSION = "1.2.0";
  /** MDC keys holding the trace id, first found wins: Micrometer Tracing, then OpenTelemetry. */
  public static final List<String> TRACE_ID_KEYS = List.of("traceId", "trace_id");
  /** MDC keys holding the span id, first found wins: Micrometer Tracing, then OpenTelemetry. */
  public static final List<String> SPAN_ID_KEYS = List.of("spanId", "span_id");

  private static final JsonFactory JSON = new JsonFactory();
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final byte[] NEWLINE = {'\n'};

  private StructuredLines() {}

  /** The labels a line carries; absent ones are not written. */
  public record Labels(@Nullable String service, @Nullable String environment, @Nullable String version) {}

  /** One ECS line, ending in a newline. */
  public static byte[] ecs(ILoggingEvent e, Labels labels) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    Set<String> written = new HashSet<>();
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      put(g, written, "@timestamp", TIMESTAMP.format(e.getInstant()));
      put(g, written, "log.level", e.getLevel().toString());
      put(g, written, "message", e.getFormattedMessage());
      put(g, written, "ecs.version", ECS_VERSION);
      put(g, written, "service.name", labels.service());
      put(g, written, "service.version", labels.version());
      put(g, written, "service.environment", labels.environment());
      put(g, written, "log.logger", e.getLoggerName());
      put(g, written, "process.thread.name", e.getThreadName());
      Map<String, String> mdc = e.getMDCPropertyMap();
      String traceKey = firstPresent(mdc, TRACE_ID_KEYS);
      String spanKey = firstPresent(mdc, SPAN_ID_KEYS);
      if (traceKey != null) put(g, written, "trace.id", mdc.get(traceKey));
      if (spanKey != null) put(g, written, "span.id", mdc.get(spanKey));
      IThrowableProxy t = e.getThrowableProxy();
      if (t != null) {
        put(g, written, "error.type", t.getClassName());
        put(g, written, "error.message", t.getMessage());
        put(g, written, "error.stack_trace", ThrowableProxyUtil.asString(t));
      }
      tags(g, written, "tags", e.getMarkerList());
      extras(g, written, e, "", traceKey, spanKey);
      g.writeEndObject();
    }
    out.writeBytes(NEWLINE);
    return out.toByteArray();
  }

  /** One GELF 1.1 line, ending in a newline. */
  public static byte[] gelf(ILoggingEvent e, Labels labels, String host) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    Set<String> written = new HashSet<>();
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      put(g, written, "version", "1.1");
      put(g, written, "host", host);
      put(g, written, "short_message", e.getFormattedMessage());
      IThrowableProxy t = e.getThrowableProxy();
      if (t != null) put(g, written, "full_message", ThrowableProxyUtil.asString(t));
      written.add("timestamp");
      g.writeNumberProperty("timestamp", BigDecimal.valueOf(e.getTimeStamp(), 3));
      written.add("level");
      g.writeNumberProperty("level", syslogSeverity(e.getLevel()));
      put(g, written, "_logger", e.getLoggerName());
      put(g, written, "_thread", e.getThreadName());
      put(g, written, "_service", labels.service());
      put(g, written, "_environment", labels.environment());
      put(g, written, "_version", labels.version());
      Map<String, String> mdc = e.getMDCPropertyMap();
      String traceKey = firstPresent(mdc, TRACE_ID_KEYS);
      String spanKey = firstPresent(mdc, SPAN_ID_KEYS);
      if (traceKey != null) put(g, written, "_trace_id", mdc.get(traceKey));
      if (spanKey != null) put(g, written, "_span_id", mdc.get(spanKey));
      if (t != null) {
        put(g, written, "_error_type", t.getClassName());
        put(g, written, "_error_message", t.getMessage());
      }
      List<Marker> markers = e.getMarkerList();
      if (markers != null && !markers.isEmpty()) {
        put(g, written, "_tags", String.join(",", markers.stream().map(Marker::getName).toList()));
      }
      extras(g, written, e, "_", traceKey, spanKey);
      g.writeEndObject();
    }
    out.writeBytes(NEWLINE);
    return out.toByteArray();
  }

  /** Syslog severity, as GELF's {@code level}: error 3, warning 4, informational 6, debug 7. */
  static int syslogSeverity(Level level) {
    return switch (level.toInt()) {
      case Level.ERROR_INT -> 3;
      case Level.WARN_INT -> 4;
      case Level.INFO_INT -> 6;
      default -> 7;
    };
  }

  /**
   * MDC entries (but the ones the trace and span ids came from), then key-value pairs, each as a
   * top-level field named {@code prefix + key}.
   */
  private static void extras(JsonGenerator g, Set<String> written, ILoggingEvent e, String prefix,
      @Nullable String traceKey, @Nullable String spanKey) {
    for (Map.Entry<String, String> m : e.getMDCPropertyMap().entrySet()) {
      String key = m.getKey();
      if (key.equals(traceKey) || key.equals(spanKey)) continue;   // written as the trace and span ids
      put(g, written, name(prefix, key), m.getValue());
    }
    List<KeyValuePair> kvs = e.getKeyValuePairs();
    if (kvs != null) {
      for (KeyValuePair kv : kvs) {
        if (kv.key != null) put(g, written, name(prefix, kv.key), kv.value == null ? null : String.valueOf(kv.value));
      }
    }
  }

  /**
   * A GELF additional field name must match {@code ^[\w.-]*$} and must not be {@code _id}: other
   * characters become {@code _}, and {@code id} is written as {@code _id_}.
   */
  private static String name(String prefix, String key) {
    if (prefix.isEmpty()) return key;
    StringBuilder b = new StringBuilder(prefix.length() + key.length()).append(prefix);
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean ok = c == '.' || c == '-' || c == '_' || (c < 128 && Character.isLetterOrDigit(c));
      b.append(ok ? c : '_');
    }
    String n = b.toString();
    return n.equals("_id") ? "_id_" : n;
  }

  private static void tags(JsonGenerator g, Set<String> written, String field, @Nullable List<Marker> markers) {
    if (markers == null || markers.isEmpty() || !written.add(field)) return;
    g.writeName(field);
    g.writeStartArray();
    for (Marker m : markers) g.writeString(m.getName());
    g.writeEndArray();
  }

  private static void put(JsonGenerator g, Set<String> written, String field, @Nullable String value) {
    if (value == null || !written.add(field)) return;
    g.writeStringProperty(field, value);
  }

  private static @Nullable String firstPresent(Map<String, String> mdc, List<String> keys) {
    for (String k : keys) {
      String v = mdc.get(k);
      if (v != null && !v.isEmpty()) return k;
    }
    return null;
  }
}

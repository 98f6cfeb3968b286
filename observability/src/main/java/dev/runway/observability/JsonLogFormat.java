package dev.runway.observability;

import java.util.Locale;

/**
 * The field names of a JSON log line: which log platform reads it without extra mapping. Every
 * format carries the same content — time, level, message, logger, thread, the service labels, the
 * MDC, SLF4J key-value pairs, trace ids and the exception — and every format is masked the same
 * way ({@link Masker}) before it is written.
 *
 * <pre>{@code
 * Observability.logging().service("acme-api").jsonFormat(JsonLogFormat.ECS).install();
 * }</pre>
 *
 * or, in a {@code logback.xml} of your own, {@code <format>ecs</format>} on a {@link JsonLogEncoder}.
 */
public enum JsonLogFormat {
  /**
   * logstash-logback-encoder's field names (the default): {@code @timestamp}, {@code level},
   * {@code message}, {@code logger_name}, {@code thread_name}, {@code stack_trace}, the labels as
   * {@code service}, {@code environment}, {@code version}, each MDC entry and key-value pair as a
   * top-level field under its own name (so Micrometer Tracing's {@code traceId}/{@code spanId} and
   * OpenTelemetry's {@code trace_id}/{@code span_id} appear as written).
   */
  LOGSTASH,
  /**
   * Elastic Common Schema 1.x, as the ecs-logging libraries write it ({@code ecs.version} 1.2.0):
   * {@code @timestamp}, {@code log.level}, {@code message}, {@code log.logger},
   * {@code process.thread.name}, {@code service.name}/{@code service.version}/{@code
   * service.environment}, {@code trace.id}/{@code span.id} (from {@code traceId}/{@code spanId} or
   * {@code trace_id}/{@code span_id} in the MDC), {@code error.type}/{@code error.message}/{@code
   * error.stack_trace}, {@code tags} for markers; other MDC entries and key-value pairs as
   * top-level fields.
   */
  ECS,
  /**
   * GELF 1.1 (Graylog): {@code version}, {@code host}, {@code short_message}, {@code
   * full_message} (the stack trace), {@code timestamp} (seconds), {@code level} (syslog severity),
   * and additional fields prefixed {@code _}: {@code _logger}, {@code _thread}, {@code _service},
   * {@code _environment}, {@code _version}, {@code _trace_id}, {@code _span_id}, {@code
   * _error_type}, {@code _error_message}, each MDC entry and key-value pair.
   */
  GELF;

  /**
   * The format named {@code name}, ignoring case: {@code logstash}, {@code ecs} or {@code gelf}.
   *
   * @param name the format's name, as written in {@code logback.xml}
   * @return the format
   * @throws IllegalArgumentException naming the formats that exist, when there is no such format
   */
  public static JsonLogFormat of(String name) {
    String n = name.trim().toUpperCase(Locale.ROOT);
    for (JsonLogFormat f : values()) {
      if (f.name().equals(n)) return f;
    }
    throw new IllegalArgumentException("observability: logging: JSON format '" + name
        + "' is not a JSON log format; use logstash, ecs or gelf");
  }
}

package dev.runway.observability;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import dev.runway.observability.internal.MaskedEvent;
import dev.runway.observability.internal.MaskingAppender;
import dev.runway.observability.internal.StructuredLines;
import java.io.StringWriter;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import net.logstash.logback.encoder.LogstashEncoder;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * A Logback encoder writing one JSON object per line in the chosen {@link JsonLogFormat}
 * ({@code logstash} by default, {@code ecs}, {@code gelf}), with the service, environment and
 * version labels. {@link Logging} uses it for its JSON lines; with a {@code logback.xml} of your
 * own, use it in any output appender:
 *
 * <pre>{@code
 * <appender name="JSON" class="ch.qos.logback.core.ConsoleAppender">
 *   <encoder class="dev.runway.observability.JsonLogEncoder">
 *     <format>ecs</format>
 *     <service>acme-api</service>
 *     <environment>production</environment>
 *   </encoder>
 * </appender>
 * }</pre>
 *
 * <p>Masking: an event that did not pass a masking appender is masked here, with the masker of
 * the logger context (the built-in key formats, and the env's secrets once
 * {@link Logging#maskSecretsOf} or {@link Logging.Builder#install()} has run in that context), so
 * no format ever writes a secret. Events already masked are written as they are.
 *
 * <p>Configure, then {@link #start()}; the settings are fixed once started. Thread-safe once
 * started.
 */
public final class JsonLogEncoder extends EncoderBase<ILoggingEvent> {
  private static final JsonFactory JSON = new JsonFactory();

  private JsonLogFormat format = JsonLogFormat.LOGSTASH;
  private @Nullable String service;
  private @Nullable String environment;
  private @Nullable String version;
  private @Nullable String host;
  private StructuredLines.@Nullable Labels labels;
  private @Nullable LogstashEncoder logstash;
  private String resolvedHost = "localhost";
  private @Nullable String formatProblem;

  /** An encoder writing logstash-logback-encoder's field names, without labels, until configured. */
  public JsonLogEncoder() {}

  /**
   * The field names: {@code logstash} (default), {@code ecs} or {@code gelf}, in any case. Any other
   * name is reported when the encoder starts, as an error in Logback's status (which Logback prints
   * at start-up), naming the formats that exist; the encoder then writes the default format, so a
   * typo in {@code logback.xml} does not silence the log.
   *
   * @param value the format's name
   */
  public void setFormat(String value) {
    try {
      format(JsonLogFormat.of(Objects.requireNonNull(value, "value")));
      formatProblem = null;
    } catch (IllegalArgumentException e) {
      formatProblem = e.getMessage();
    }
  }

  /**
   * The service name on every line ({@code service}, {@code service.name}, {@code _service}).
   *
   * @param value the name
   */
  public void setService(String value) {
    this.service = blankToNull(value);
  }

  /**
   * The environment name on every line.
   *
   * @param value the environment, e.g. {@code production}
   */
  public void setEnvironment(String value) {
    this.environment = blankToNull(value);
  }

  /**
   * The deployed version on every line.
   *
   * @param value the version, e.g. a commit
   */
  public void setVersion(String value) {
    this.version = blankToNull(value);
  }

  /**
   * GELF's {@code host}; default this machine's host name.
   *
   * @param value the host name
   */
  public void setHost(String value) {
    this.host = blankToNull(value);
  }

  /**
   * The format lines are written in.
   *
   * @return the format
   */
  public JsonLogFormat format() {
    return format;
  }

  JsonLogEncoder format(JsonLogFormat value) {
    this.format = Objects.requireNonNull(value, "value");
    return this;
  }

  JsonLogEncoder labels(Map<String, String> values) {
    this.service = values.get("service");
    this.environment = values.get("environment");
    this.version = values.get("version");
    return this;
  }

  @Override
  public void start() {
    if (formatProblem != null) addError(formatProblem + " (writing " + format.name().toLowerCase(java.util.Locale.ROOT)
        + " lines meanwhile)");
    labels = new StructuredLines.Labels(service, environment, version);
    if (format == JsonLogFormat.LOGSTASH) {
      LogstashEncoder json = new LogstashEncoder();
      json.setContext(getContext());
      String custom = customFields();
      if (custom != null) json.setCustomFields(custom);
      json.setIncludeContext(false);
      json.start();
      logstash = json;
    } else if (format == JsonLogFormat.GELF) {
      resolvedHost = host != null ? host : localHostName();
    }
    super.start();
  }

  @Override
  public void stop() {
    if (logstash != null) logstash.stop();
    super.stop();
  }

  @Override
  public byte @Nullable [] headerBytes() {
    return null;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    ILoggingEvent e = event instanceof MaskedEvent ? event : MaskedEvent.of(event, masker());
    StructuredLines.Labels l = labels != null ? labels : new StructuredLines.Labels(service, environment, version);
    return switch (format) {
      case LOGSTASH -> logstash().encode(e);
      case ECS -> StructuredLines.ecs(e, l);
      case GELF -> StructuredLines.gelf(e, l, resolvedHost);
    };
  }

  @Override
  public byte @Nullable [] footerBytes() {
    return null;
  }

  private LogstashEncoder logstash() {
    LogstashEncoder l = logstash;
    if (l == null) throw new IllegalStateException("observability: logging: JsonLogEncoder was not started; call start()");
    return l;
  }

  private Masker masker() {
    return context == null ? Masker.formatsOnly() : MaskingAppender.holder(context).get();
  }

  private @Nullable String customFields() {
    Map<String, String> fields = new LinkedHashMap<>();
    if (service != null) fields.put("service", service);
    if (environment != null) fields.put("environment", environment);
    if (version != null) fields.put("version", version);
    if (fields.isEmpty()) return null;
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      fields.forEach(g::writeStringProperty);
      g.writeEndObject();
    }
    return out.toString();
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException | SecurityException e) {
      return "localhost";
    }
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }

  @Override
  public String toString() {
    return "JsonLogEncoder{" + format + "}";
  }
}

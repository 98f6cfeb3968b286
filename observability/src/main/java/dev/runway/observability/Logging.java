package dev.runway.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import dev.runway.env.Env;
import dev.runway.observability.internal.BoundedAsyncAppender;
import dev.runway.observability.internal.ErrorAggregator;
import dev.runway.observability.internal.MaskingAppender;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Runway's ready Logback set-up, installed in place of whatever the root logger had:
 *
 * <pre>
 * logging thread:  root logger → masking → error aggregation → bounded queue ┐
 * writer thread:                                   ┌──────────────────────────┘
 *                                                  └→ JSON lines (or human lines) → console or file
 * </pre>
 *
 * <p>Every event is masked ({@link Masker}) on the logging thread before any appender sees it:
 * message, arguments, MDC, key-value pairs and exception messages. A JSON line carries
 * {@code service}, {@code environment}, {@code version} and the MDC (a {@code requestId}, see
 * {@link Observability#requestIds()}). The queue is bounded: when it is full, events are dropped
 * and counted ({@link #dropped()}) instead of blocking the application, and the drop is reported
 * in the log itself.
 *
 * <pre>{@code
 * Env env = AcmeEnv.SCHEMA.load(EnvSources.standard(Path.of(".")));
 * Logging logging = Observability.logging().service("acme-api").env(env)
 *     .errorAlerts(ErrorAlerts.builder().sink(sink).build()).install();
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} writes what is queued and stops the appenders.
 */
public final class Logging implements AutoCloseable {
  /** The output shape of each line. */
  public enum Format {
    /** One JSON object per line, with the field names of {@link Builder#jsonFormat(JsonLogFormat)} (logstash's by default). */
    JSON,
    /** {@code 12:00:01.234 INFO  c.a.Api [req-1] message}: for people, in development. */
    HUMAN,
    /** HUMAN in the development environment, JSON everywhere else. */
    AUTO
  }

  /** Platform variables that hold the deployed commit, first found wins. */
  static final List<String> VERSION_VARIABLES = List.of(
      "RUNWAY_VERSION", "RENDER_GIT_COMMIT", "VERCEL_GIT_COMMIT_SHA", "GITHUB_SHA", "SOURCE_VERSION", "GIT_COMMIT");

  private final LoggerContext context;
  private final MaskingAppender masking;
  private final BoundedAsyncAppender async;
  private final ErrorAggregator errors;
  private final AtomicReference<Masker> masker;
  private final Map<String, String> labels;
  private final Format format;
  private final JsonLogFormat jsonFormat;

  private Logging(LoggerContext context, MaskingAppender masking, BoundedAsyncAppender async, ErrorAggregator errors,
      AtomicReference<Masker> masker, Map<String, String> labels, Format format, JsonLogFormat jsonFormat) {
    this.context = context;
    this.masking = masking;
    this.async = async;
    this.errors = errors;
    this.masker = masker;
    this.labels = labels;
    this.format = format;
    this.jsonFormat = jsonFormat;
  }

  static Builder builder() {
    return new Builder();
  }

  /** Adds the values of {@code env}'s SECRET variables to what is masked, from the next event on. */
  public Logging maskSecretsOf(Env env) {
    masker.updateAndGet(m -> m.toBuilder().secrets(env).build());
    return this;
  }

  /** Masks {@code value} from the next event on. */
  public Logging maskSecret(String value) {
    masker.updateAndGet(m -> m.toBuilder().secret(value).build());
    return this;
  }

  /** What is masked now. */
  public Masker masker() {
    return masker.get();
  }

  /** The labels every line carries: service, environment, version (those that are known). */
  public Map<String, String> labels() {
    return labels;
  }

  public Format format() {
    return format;
  }

  /** The field names of JSON lines (also when {@link #format()} is HUMAN: what JSON would use). */
  public JsonLogFormat jsonFormat() {
    return jsonFormat;
  }

  /** Events dropped because the queue was full. */
  public long dropped() {
    return async.dropped();
  }

  /** Error groups seen so far, most errors first. */
  public List<ErrorGroup> errorGroups() {
    return errors.groups();
  }

  /** ERROR events seen so far. */
  public long errors() {
    return errors.errors();
  }

  public long alertsSent() {
    return errors.alertsSent();
  }

  public long alertsFailed() {
    return errors.alertsFailed();
  }

  /** Alerts dropped because the alert sink was too far behind. */
  public long alertsDropped() {
    return errors.alertsDropped();
  }

  /** Writes what is queued (for up to 2 s), then detaches and stops Runway's appenders. */
  @Override
  public void close() {
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.detachAppender(masking);
    masking.stop();
  }

  @Override
  public String toString() {
    return "Logging{" + format + ", " + jsonFormat + ", " + labels + ", " + masker.get() + "}";
  }

  /** Collects settings; nothing happens before {@link #install()}. */
  public static final class Builder {
    private @Nullable String service;
    private @Nullable String environment;
    private @Nullable String version;
    private @Nullable Env env;
    private Format format = Format.AUTO;
    private JsonLogFormat jsonFormat = JsonLogFormat.LOGSTASH;
    private @Nullable Path file;
    private @Nullable OutputStream stream;
    private int queueCapacity = 8192;
    private Level level = Level.INFO;
    private ErrorAlerts errorAlerts = ErrorAlerts.none();
    private Masker masker = Masker.formatsOnly();
    private Map<String, String> platformVariables = System.getenv();
    private @Nullable LoggerContext context;

    private Builder() {}

    /** The service name on every line; default {@code $RENDER_SERVICE_NAME}. */
    public Builder service(String value) {
      this.service = Objects.requireNonNull(value, "value");
      return this;
    }

    /** The environment name on every line; default the loaded env's. */
    public Builder environment(String value) {
      this.environment = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * The loaded environment: its SECRET values are masked, its name labels every line and
     * decides {@link Format#AUTO}.
     */
    public Builder env(Env value) {
      this.env = Objects.requireNonNull(value, "value");
      return this;
    }

    /** The version on every line; default the commit the platform says it deployed ({@code RENDER_GIT_COMMIT}, ...). */
    public Builder version(String value) {
      this.version = Objects.requireNonNull(value, "value");
      return this;
    }

    public Builder format(Format value) {
      this.format = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * The field names of JSON lines: {@link JsonLogFormat#LOGSTASH} (default), {@link JsonLogFormat#ECS}
     * or {@link JsonLogFormat#GELF} (whose {@code host} is {@code $HOSTNAME}, else this machine's name).
     * Every format is masked the same way.
     */
    public Builder jsonFormat(JsonLogFormat value) {
      this.jsonFormat = Objects.requireNonNull(value, "value");
      return this;
    }

    /** Appends to this file instead of writing to standard output. */
    public Builder file(Path value) {
      this.file = Objects.requireNonNull(value, "value");
      this.stream = null;
      return this;
    }

    /** Writes to this stream instead of standard output (for tests and embedding). */
    public Builder stream(OutputStream value) {
      this.stream = Objects.requireNonNull(value, "value");
      this.file = null;
      return this;
    }

    /** The root level; default INFO. */
    public Builder level(String value) {
      this.level = Level.toLevel(value, null);
      if (level == null) {
        throw new IllegalArgumentException("observability: logging: level '" + value
            + "' is not a level; use TRACE, DEBUG, INFO, WARN or ERROR");
      }
      return this;
    }

    /** Events that may wait for the writer; more are dropped and counted. Default 8192. */
    public Builder queueCapacity(int value) {
      if (value < 16) {
        throw new IllegalArgumentException("observability: logging: queueCapacity must be >= 16 but was " + value);
      }
      this.queueCapacity = value;
      return this;
    }

    public Builder errorAlerts(ErrorAlerts value) {
      this.errorAlerts = Objects.requireNonNull(value, "value");
      return this;
    }

    /** More secrets or formats to mask than the env's; default the built-in key formats. */
    public Builder masker(Masker value) {
      this.masker = Objects.requireNonNull(value, "value");
      return this;
    }

    /** Where defaults are read from; default the process environment. */
    public Builder platformVariables(Map<String, String> values) {
      this.platformVariables = Map.copyOf(values);
      return this;
    }

    /** The Logback context to configure; default the one SLF4J is bound to. */
    public Builder context(LoggerContext value) {
      this.context = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * Replaces the root logger's appenders with Runway's chain and starts it.
     *
     * @throws RunwayException when SLF4J is not bound to Logback, or the file cannot be opened
     */
    public Logging install() {
      LoggerContext ctx = context != null ? context : boundContext();
      Map<String, String> labels = labels();
      Format resolved = format != Format.AUTO ? format
          : "development".equals(labels.get("environment")) ? Format.HUMAN : Format.JSON;

      AtomicReference<Masker> holder = MaskingAppender.holder(ctx);
      Masker m = masker;
      if (env != null) m = m.toBuilder().secrets(env).build();
      holder.set(m);

      OutputStreamAppender<ILoggingEvent> out = output(ctx);
      out.setEncoder(encoder(ctx, resolved, jsonFormat, labels, platformVariables.get("HOSTNAME")));
      out.setContext(ctx);
      out.setImmediateFlush(false);
      out.start();
      if (!out.isStarted()) {
        throw new RunwayException.IoFailed("observability: logging: " + file + ": cannot be opened for writing; "
            + "check that its folder exists and is writable", Origin.of(String.valueOf(file)), null);
      }

      BoundedAsyncAppender async = new BoundedAsyncAppender();
      async.setContext(ctx);
      async.setCapacity(queueCapacity);
      async.addAppender(out);
      async.start();

      ErrorAggregator errors = new ErrorAggregator(errorAlerts, labels);
      errors.setContext(ctx);
      errors.start();

      MaskingAppender masking = new MaskingAppender();
      masking.setContext(ctx);
      masking.addAppender(errors);
      masking.addAppender(async);
      masking.start();

      Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
      root.detachAndStopAllAppenders();
      root.setLevel(level);
      root.addAppender(masking);
      return new Logging(ctx, masking, async, errors, holder, labels, resolved, jsonFormat);
    }

    private Map<String, String> labels() {
      Map<String, String> labels = new LinkedHashMap<>();
      String s = service != null ? service : platformVariables.get("RENDER_SERVICE_NAME");
      if (s != null && !s.isBlank()) labels.put("service", s);
      String e = environment != null ? environment
          : env != null ? env.environment().name() : platformVariables.get("RUNWAY_ENV");
      if (e != null && !e.isBlank()) labels.put("environment", e);
      String v = version != null ? version : versionFrom(platformVariables).orElse(null);
      if (v != null) labels.put("version", v);
      return Map.copyOf(labels);
    }

    private OutputStreamAppender<ILoggingEvent> output(LoggerContext ctx) {
      if (file != null) {
        FileAppender<ILoggingEvent> f = new FileAppender<>();
        f.setContext(ctx);
        f.setName("RUNWAY_FILE");
        f.setFile(file.toString());
        f.setAppend(true);
        f.setBufferSize(new ch.qos.logback.core.util.FileSize(64 * 1024));
        return f;
      }
      if (stream != null) {
        OutputStream target = stream;
        OutputStreamAppender<ILoggingEvent> s = new OutputStreamAppender<>();
        s.setContext(ctx);
        s.setName("RUNWAY_STREAM");
        s.setOutputStream(target);
        return s;
      }
      ConsoleAppender<ILoggingEvent> c = new ConsoleAppender<>();
      c.setContext(ctx);
      c.setName("RUNWAY_CONSOLE");
      return c;
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext ctx, Format format, JsonLogFormat jsonFormat,
        Map<String, String> labels, @Nullable String host) {
      if (format == Format.HUMAN) {
        PatternLayoutEncoder p = new PatternLayoutEncoder();
        p.setContext(ctx);
        p.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{24} [%X{requestId:--}] %msg%n");
        p.start();
        return p;
      }
      JsonLogEncoder json = new JsonLogEncoder().format(jsonFormat).labels(labels);
      if (host != null) json.setHost(host);
      json.setContext(ctx);
      json.start();
      return json;
    }

    private static LoggerContext boundContext() {
      ILoggerFactory factory = LoggerFactory.getILoggerFactory();
      if (factory instanceof LoggerContext lc) return lc;
      throw new RunwayException("observability: logging: SLF4J is bound to " + factory.getClass().getName()
          + ", not Logback; remove the other SLF4J provider (e.g. slf4j-simple, slf4j-nop) from the classpath");
    }
  }

  static Optional<String> versionFrom(Map<String, String> variables) {
    return VERSION_VARIABLES.stream().map(variables::get).filter(x -> x != null && !x.isBlank()).findFirst();
  }
}

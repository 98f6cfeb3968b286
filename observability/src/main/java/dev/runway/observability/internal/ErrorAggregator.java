package dev.runway.observability.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.runway.observability.Alert;
import dev.runway.observability.AlertSink;
import dev.runway.observability.ErrorAlerts;
import dev.runway.observability.ErrorGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Groups ERROR events by fingerprint, counts them per one-minute window and raises alerts when a
 * threshold is crossed. Runs on the logging thread, so it only counts: alerts are queued (at most
 * {@value #ALERT_QUEUE}) to one alert thread, and a sink that hangs or fails never reaches a
 * logging thread. Sits below the masking appender, so the texts it keeps are masked.
 */
public final class ErrorAggregator extends UnsynchronizedAppenderBase<ILoggingEvent> {
  static final int ALERT_QUEUE = 16;
  private static final int MAX_GROUPS = 1000;
  private static final List<String> LIBRARY_PREFIXES = List.of(
      "java.", "javax.", "jdk.", "sun.", "com.sun.", "ch.qos.logback.", "org.slf4j.", "org.apache.maven.surefire.",
      "org.junit.", "net.jqwik.");

  private final ErrorAlerts settings;
  private final Map<String, String> labels;
  private final ConcurrentHashMap<String, Group> groups = new ConcurrentHashMap<>();
  private final ArrayBlockingQueue<Alert> alerts = new ArrayBlockingQueue<>(ALERT_QUEUE);
  private final LongAdder sent = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder droppedAlerts = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final Object rateLock = new Object();
  private long rateMinute = -1;
  private long rateCount;
  private long rateAlertedAt = Long.MIN_VALUE / 2;
  private @Nullable Thread alertThread;

  /**
   * @param labels service, environment and version, for alert titles and fields
   */
  public ErrorAggregator(ErrorAlerts settings, Map<String, String> labels) {
    this.settings = settings;
    this.labels = Map.copyOf(labels);
    setName("RUNWAY_ERRORS");
  }

  @Override
  public void start() {
    if (settings.sink().isPresent()) {
      Thread t = new Thread(this::deliver, "runway-alerts");
      t.setDaemon(true);
      alertThread = t;
      t.start();
    }
    super.start();
  }

  @Override
  public void stop() {
    super.stop();
    Thread t = alertThread;
    if (t != null) t.interrupt();
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (!event.getLevel().isGreaterOrEqual(Level.ERROR)) return;
    errors.increment();
    long now = settings.clock().millis();
    long minute = now / 60_000;
    String key = key(event);
    Group group = groups.get(key);
    if (group == null) {
      if (groups.size() >= MAX_GROUPS) key = "overflow";
      group = groups.computeIfAbsent(key, k -> newGroup(k, event, now));
    }
    boolean groupAlert;
    boolean quietGroup;
    long count;
    synchronized (group) {
      if (group.minute != minute) {
        group.minute = minute;
        group.windowCount = 0;
      }
      group.windowCount++;
      group.total++;
      group.lastSeen = now;
      group.lastMessage = cut(event.getFormattedMessage());
      count = group.windowCount;
      quietGroup = now - group.alertedAt < settings.quietPeriod().toMillis();
      groupAlert = !quietGroup && count >= settings.perGroupPerMinute();
      if (groupAlert) group.alertedAt = now;
    }
    if (groupAlert) {
      raise(groupAlert(group, count, now));
      return;
    }
    if (quietGroup) return;
    boolean rateAlert;
    long rate;
    synchronized (rateLock) {
      if (rateMinute != minute) {
        rateMinute = minute;
        rateCount = 0;
      }
      rate = ++rateCount;
      rateAlert = rate >= settings.perMinute() && now - rateAlertedAt >= settings.quietPeriod().toMillis();
      if (rateAlert) rateAlertedAt = now;
    }
    if (rateAlert) raise(rateAlert(rate, now));
  }

  private void raise(Alert alert) {
    if (settings.sink().isEmpty()) return;
    if (!alerts.offer(alert)) droppedAlerts.increment();
  }

  private void deliver() {
    AlertSink sink = settings.sink().orElseThrow();
    while (true) {
      Alert alert;
      try {
        alert = alerts.poll(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        if (isStarted()) continue;
        return;
      }
      if (alert == null) {
        if (!isStarted()) return;
        continue;
      }
      try {
        sink.send(alert);
        sent.increment();
      } catch (RuntimeException e) {
        failed.increment();
        // Logback's status list, not a log event: an ERROR here would feed this aggregator.
        addWarn("alert '" + alert.title() + "' not delivered: " + e.getClass().getSimpleName());
      }
    }
  }

  private String key(ILoggingEvent event) {
    IThrowableProxy t = event.getThrowableProxy();
    if (t == null) return event.getLoggerName() + "|" + event.getMessage();
    return t.getClassName() + "|" + String.join("|", frames(t));
  }

  private List<String> frames(IThrowableProxy t) {
    StackTraceElementProxy[] proxies = t.getStackTraceElementProxyArray();
    List<String> own = new ArrayList<>();
    List<String> any = new ArrayList<>();
    if (proxies != null) {
      for (StackTraceElementProxy p : proxies) {
        StackTraceElement e = p.getStackTraceElement();
        String frame = e.getClassName() + "." + e.getMethodName() + ":" + e.getLineNumber();
        if (any.size() < settings.frames()) any.add(frame);
        if (isApplication(e.getClassName())) {
          own.add(frame);
          if (own.size() == settings.frames()) break;
        }
      }
    }
    return own.isEmpty() ? any : own;
  }

  private boolean isApplication(String className) {
    if (!settings.applicationPackages().isEmpty()) {
      return settings.applicationPackages().stream().anyMatch(className::startsWith);
    }
    return LIBRARY_PREFIXES.stream().noneMatch(className::startsWith);
  }

  private Group newGroup(String key, ILoggingEvent event, long now) {
    IThrowableProxy t = event.getThrowableProxy();
    String type = t == null ? event.getLoggerName() : t.getClassName();
    List<String> frames = t == null ? List.of() : frames(t);
    return new Group(fingerprint(key), type, frames, now);
  }

  static String fingerprint(String key) {
    try { // the first 6 bytes of the SHA-256 of the UTF-8 key
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private Alert groupAlert(Group g, long count, long now) {
    String simple = g.type.substring(g.type.lastIndexOf('.') + 1);
    String title = prefix() + simple + " " + count + " times in a minute";
    StringBuilder text = new StringBuilder(g.lastMessage);
    for (String frame : g.frames) text.append("\n  at ").append(frame);
    Map<String, String> fields = new LinkedHashMap<>(labels);
    fields.put("fingerprint", g.fingerprint);
    fields.put("type", g.type);
    fields.put("count", String.valueOf(count));
    fields.put("threshold", settings.perGroupPerMinute() + " per minute");
    fields.put("firstSeen", Instant.ofEpochMilli(g.firstSeen).toString());
    return new Alert("error.group", title, text.toString(), fields, Instant.ofEpochMilli(now));
  }

  private Alert rateAlert(long count, long now) {
    String title = prefix() + count + " errors in a minute";
    Map<String, String> fields = new LinkedHashMap<>(labels);
    fields.put("count", String.valueOf(count));
    fields.put("threshold", settings.perMinute() + " per minute");
    String text = "Errors across " + groups.size() + " groups; the busiest: " + groups().stream()
        .sorted(Comparator.comparingLong(ErrorGroup::lastMinute).reversed()).limit(3)
        .map(g -> g.type() + " (" + g.lastMinute() + ")").reduce((a, b) -> a + ", " + b).orElse("none");
    return new Alert("error.rate", title, text, fields, Instant.ofEpochMilli(now));
  }

  private String prefix() {
    String service = labels.getOrDefault("service", "");
    String environment = labels.getOrDefault("environment", "");
    if (service.isEmpty()) return "";
    return service + (environment.isEmpty() ? "" : " (" + environment + ")") + ": ";
  }

  private static String cut(@Nullable String message) {
    if (message == null) return "";
    return message.length() <= 500 ? message : message.substring(0, 500) + "...";
  }

  /** Snapshot of every group, most errors first. */
  public List<ErrorGroup> groups() {
    long minute = settings.clock().millis() / 60_000;
    List<ErrorGroup> out = new ArrayList<>();
    for (Group g : groups.values()) {
      synchronized (g) {
        out.add(new ErrorGroup(g.fingerprint, g.type, g.frames, g.total, g.minute == minute ? g.windowCount : 0,
            g.lastMessage, Instant.ofEpochMilli(g.firstSeen), Instant.ofEpochMilli(g.lastSeen)));
      }
    }
    out.sort(Comparator.comparingLong(ErrorGroup::total).reversed());
    return out;
  }

  public long errors() {
    return errors.sum();
  }

  public long alertsSent() {
    return sent.sum();
  }

  public long alertsFailed() {
    return failed.sum();
  }

  /** Alerts not queued because the alert thread was {@value #ALERT_QUEUE} behind. */
  public long alertsDropped() {
    return droppedAlerts.sum();
  }

  private static final class Group {
    final String fingerprint;
    final String type;
    final List<String> frames;
    final long firstSeen;
    long lastSeen;
    long minute = -1;
    long windowCount;
    long total;
    long alertedAt = Long.MIN_VALUE / 2;
    String lastMessage = "";

    Group(String fingerprint, String type, List<String> frames, long now) {
      this.fingerprint = fingerprint;
      this.type = type;
      this.frames = List.copyOf(frames);
      this.firstSeen = now;
      this.lastSeen = now;
    }
  }
}

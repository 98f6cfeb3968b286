package dev.runway.notify;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One message: an event name ({@code pipeline.started}, {@code monitor.down}), a severity, a title,
 * a text, optional fields and a link. Callers are responsible for passing no secret values; the
 * pipeline engine masks its secrets before it builds one. Immutable and thread-safe.
 *
 * <pre>{@code
 * Notification.of("pipeline.failed", Notification.Severity.FAILURE, "production-deploy failed")
 *     .text("step smoke failed: HTTP 503").field("branch", "main").link(URI.create("https://ci/run/42"));
 * }</pre>
 */
public final class Notification {
  /** How the message is coloured and how loudly it reads. */
  public enum Severity { INFO, SUCCESS, WARNING, FAILURE }

  private final String event;
  private final Severity severity;
  private final String title;
  private final String text;
  private final Map<String, String> fields;
  private final @Nullable URI link;

  private Notification(String event, Severity severity, String title, String text, Map<String, String> fields,
      @Nullable URI link) {
    this.event = Objects.requireNonNull(event, "event");
    this.severity = Objects.requireNonNull(severity, "severity");
    this.title = Objects.requireNonNull(title, "title");
    this.text = Objects.requireNonNull(text, "text");
    this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    this.link = link;
  }

  public static Notification of(String event, Severity severity, String title) {
    return new Notification(event, severity, title, "", Map.of(), null);
  }

  public Notification text(String body) {
    return new Notification(event, severity, title, body, fields, link);
  }

  public Notification field(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(fields);
    copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return new Notification(event, severity, title, text, copy, link);
  }

  public Notification link(URI url) {
    return new Notification(event, severity, title, text, fields, Objects.requireNonNull(url, "url"));
  }

  public String event() {
    return event;
  }

  public Severity severity() {
    return severity;
  }

  public String title() {
    return title;
  }

  public String text() {
    return text;
  }

  public Map<String, String> fields() {
    return fields;
  }

  public Optional<URI> link() {
    return Optional.ofNullable(link);
  }

  @Override
  public String toString() {
    return event + " " + severity + ": " + title;
  }
}

package dev.runway.observability.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import dev.runway.observability.Masker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * A logging event with every text a secret could hide in masked: the message (template and
 * formatted), the arguments, MDC values, key-value pairs and exception messages down the cause and
 * suppressed chains. Built on the logging thread, immutable afterwards, so it can be queued.
 */
public final class MaskedEvent implements ILoggingEvent {
  private final ILoggingEvent original;
  private final String threadName;
  private final String message;
  private final String formattedMessage;
  private final Object @Nullable [] arguments;
  private final Map<String, String> mdc;
  private final @Nullable List<KeyValuePair> keyValuePairs;
  private final @Nullable IThrowableProxy throwable;

  private MaskedEvent(ILoggingEvent e, Masker masker) {
    this.original = e;
    this.threadName = masker.mask(String.valueOf(e.getThreadName()));
    String template = e.getMessage();
    this.message = template == null ? "" : masker.mask(template);
    String formatted = e.getFormattedMessage();
    // without arguments the formatted message is the template: mask it once
    this.formattedMessage = formatted == null ? "" : formatted.equals(template) ? message : masker.mask(formatted);
    Object[] args = e.getArgumentArray();
    if (args == null) {
      this.arguments = null;
    } else {
      Object[] masked = new Object[args.length];
      for (int i = 0; i < args.length; i++) masked[i] = args[i] == null ? null : masker.mask(String.valueOf(args[i]));
      this.arguments = masked;
    }
    Map<String, String> m = e.getMDCPropertyMap();
    if (m == null || m.isEmpty()) {
      this.mdc = Map.of();
    } else {
      this.mdc = maskValues(m, masker);
    }
    List<KeyValuePair> kvs = e.getKeyValuePairs();
    if (kvs == null || kvs.isEmpty()) {
      this.keyValuePairs = kvs;
    } else {
      List<KeyValuePair> copy = new ArrayList<>(kvs.size());
      for (KeyValuePair kv : kvs) {
        copy.add(new KeyValuePair(kv.key, kv.value == null ? null : masker.mask(String.valueOf(kv.value))));
      }
      this.keyValuePairs = Collections.unmodifiableList(copy);
    }
    IThrowableProxy t = e.getThrowableProxy();
    this.throwable = t == null ? null : new MaskedThrowable(t, masker, 0);
  }

  /**
   * The map itself when no value holds a secret (Logback hands each event its own read-only
   * snapshot of the MDC), else a read-only copy with the values masked.
   */
  private static Map<String, String> maskValues(Map<String, String> m, Masker masker) {
    Map<String, String> copy = null;
    for (Map.Entry<String, String> entry : m.entrySet()) {
      String v = entry.getValue();
      if (v == null || masker.mask(v) == v) continue;
      copy = new HashMap<>(m.size() * 2);
      for (Map.Entry<String, String> each : m.entrySet()) {
        String value = each.getValue();
        copy.put(each.getKey(), value == null ? null : masker.mask(value));
      }
      break;
    }
    return copy == null ? m : Collections.unmodifiableMap(copy);
  }

  /** Masks {@code e}; an event that is already masked is masked again with {@code masker}. */
  public static MaskedEvent of(ILoggingEvent e, Masker masker) {
    return new MaskedEvent(e instanceof MaskedEvent m ? m.original : e, masker);
  }

  @Override
  public String getThreadName() {
    return threadName;
  }

  @Override
  public Level getLevel() {
    return original.getLevel();
  }

  @Override
  public String getMessage() {
    return message;
  }

  @Override
  public Object @Nullable [] getArgumentArray() {
    return arguments == null ? null : arguments.clone();
  }

  @Override
  public String getFormattedMessage() {
    return formattedMessage;
  }

  @Override
  public String getLoggerName() {
    return original.getLoggerName();
  }

  @Override
  public LoggerContextVO getLoggerContextVO() {
    return original.getLoggerContextVO();
  }

  @Override
  public @Nullable IThrowableProxy getThrowableProxy() {
    return throwable;
  }

  @Override
  public StackTraceElement[] getCallerData() {
    return original.hasCallerData() ? original.getCallerData() : new StackTraceElement[0];
  }

  @Override
  public boolean hasCallerData() {
    return original.hasCallerData();
  }

  @Override
  public @Nullable List<Marker> getMarkerList() {
    return original.getMarkerList();
  }

  @Override
  public Map<String, String> getMDCPropertyMap() {
    return mdc;
  }

  @Override
  @SuppressWarnings("deprecation")
  public Map<String, String> getMdc() {
    return mdc;
  }

  @Override
  public long getTimeStamp() {
    return original.getTimeStamp();
  }

  @Override
  public int getNanoseconds() {
    return original.getNanoseconds();
  }

  @Override
  public Instant getInstant() {
    return original.getInstant();
  }

  @Override
  public long getSequenceNumber() {
    return original.getSequenceNumber();
  }

  @Override
  public @Nullable List<KeyValuePair> getKeyValuePairs() {
    return keyValuePairs;
  }

  @Override
  public void prepareForDeferredProcessing() {
    // everything was copied at construction
  }

  @Override
  public String toString() {
    return "[" + getLevel() + "] " + formattedMessage;
  }

  /** An exception with its message, causes and suppressed exceptions masked; frames kept. */
  static final class MaskedThrowable implements IThrowableProxy {
    private static final int MAX_DEPTH = 32;
    private final IThrowableProxy original;
    private final @Nullable String message;
    private final @Nullable String overridingMessage;
    private final @Nullable IThrowableProxy cause;
    private final IThrowableProxy[] suppressed;

    MaskedThrowable(IThrowableProxy t, Masker masker, int depth) {
      this.original = t;
      String m = t.getMessage();
      this.message = m == null ? null : masker.mask(m);
      String o = t.getOverridingMessage();
      this.overridingMessage = o == null ? null : masker.mask(o);
      IThrowableProxy c = t.getCause();
      this.cause = c == null || depth >= MAX_DEPTH ? null : new MaskedThrowable(c, masker, depth + 1);
      IThrowableProxy[] s = t.getSuppressed();
      if (s == null || depth >= MAX_DEPTH) {
        this.suppressed = new IThrowableProxy[0];
      } else {
        this.suppressed = new IThrowableProxy[s.length];
        for (int i = 0; i < s.length; i++) suppressed[i] = new MaskedThrowable(s[i], masker, depth + 1);
      }
    }

    @Override
    public @Nullable String getMessage() {
      return message;
    }

    @Override
    public @Nullable String getOverridingMessage() {
      return overridingMessage;
    }

    @Override
    public String getClassName() {
      return original.getClassName();
    }

    @Override
    public StackTraceElementProxy[] getStackTraceElementProxyArray() {
      return original.getStackTraceElementProxyArray();
    }

    @Override
    public int getCommonFrames() {
      return original.getCommonFrames();
    }

    @Override
    public @Nullable IThrowableProxy getCause() {
      return cause;
    }

    @Override
    public IThrowableProxy[] getSuppressed() {
      return suppressed.clone();
    }

    @Override
    public boolean isCyclic() {
      return original.isCyclic();
    }
  }
}

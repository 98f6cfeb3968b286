package dev.runway.base;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A compact JSON writer (RFC 8259) into a {@link StringBuilder}, for the modules that must carry no
 * JSON library (runway-health serves its reports with it; {@link Problems#toJson()} uses it). Your own
 * code should use a JSON library; this one writes, never reads, and knows only plain values.
 *
 * <p>Strings are escaped completely: quotes, backslashes, every control character, U+2028 and U+2029
 * (JavaScript before ES2019 rejects them raw), and a lone surrogate as a {@code \\uXXXX} escape, so the
 * output is always valid UTF-8 JSON. Commas are placed by the writer; the caller pairs
 * {@code begin*}/{@code end*} and writes a {@link #name} before each object member.
 *
 * <pre>{@code
 * String json = new JsonWriter(64).beginObject().name("status").value("pass").endObject().toString();
 * }</pre>
 *
 * <p>Not thread-safe: one per document.
 */
public final class JsonWriter {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final StringBuilder out;
  private boolean comma;

  public JsonWriter(int capacity) {
    this.out = new StringBuilder(capacity);
  }

  public JsonWriter beginObject() {
    separate();
    out.append('{');
    comma = false;
    return this;
  }

  public JsonWriter endObject() {
    out.append('}');
    comma = true;
    return this;
  }

  public JsonWriter beginArray() {
    separate();
    out.append('[');
    comma = false;
    return this;
  }

  public JsonWriter endArray() {
    out.append(']');
    comma = true;
    return this;
  }

  /** An object member's name; its value follows. */
  public JsonWriter name(String name) {
    separate();
    quote(out, name, true);
    out.append(':');
    comma = false;
    return this;
  }

  public JsonWriter value(String text) {
    separate();
    quote(out, text, true);
    comma = true;
    return this;
  }

  public JsonWriter value(boolean b) {
    separate();
    out.append(b);
    comma = true;
    return this;
  }

  public JsonWriter value(long n) {
    separate();
    out.append(n);
    comma = true;
    return this;
  }

  /**
   * A double as {@link Double#toString} writes it ({@code 12.0}, {@code 1.0E-4}); NaN and the
   * infinities, which JSON cannot express as numbers, as the strings {@code "NaN"},
   * {@code "Infinity"} and {@code "-Infinity"} (as Jackson writes them by default).
   */
  public JsonWriter value(double d) {
    separate();
    if (Double.isFinite(d)) out.append(Double.toString(d));
    else out.append('"').append(Double.toString(d)).append('"');
    comma = true;
    return this;
  }

  public JsonWriter nullValue() {
    separate();
    out.append("null");
    comma = true;
    return this;
  }

  /**
   * Any value: null, booleans, {@link Integer}/{@link Long} as integers, other numbers as doubles,
   * maps as objects (keys by {@code String.valueOf}), lists and arrays of objects as arrays,
   * anything else as its {@code String.valueOf} text.
   */
  public JsonWriter any(@Nullable Object v) {
    if (v == null) return nullValue();
    if (v instanceof Boolean b) return value(b.booleanValue());
    if (v instanceof Integer || v instanceof Long) return value(((Number) v).longValue());
    if (v instanceof Number n) return value(n.doubleValue());
    if (v instanceof Map<?, ?> m) {
      beginObject();
      for (Map.Entry<?, ?> f : m.entrySet()) name(String.valueOf(f.getKey())).any(f.getValue());
      return endObject();
    }
    if (v instanceof List<?> list) {
      beginArray();
      for (Object o : list) any(o);
      return endArray();
    }
    if (v instanceof Object[] array) return any(java.util.Arrays.asList(array));
    return value(String.valueOf(v));
  }

  private void separate() {
    if (comma) out.append(',');
  }

  @Override
  public String toString() {
    return out.toString();
  }

  /** {@code "text"} in JSON: the quotes, and the escapes described on {@link JsonWriter}. */
  public static String quote(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 2);
    quote(sb, text, true);
    return sb.toString();
  }

  /**
   * Appends {@code text} as a JSON string. Always escaped: {@code "}, {@code \\} and the control
   * characters below U+0020 ({@code \\b \\t \\n \\f \\r} by name, the rest as {@code \\u00XX}).
   * With {@code strict}, also U+2028, U+2029 and lone surrogates; without, those are written raw
   * (exactly as Jackson writes them, for text compared with what Jackson used to produce).
   */
  public static void quote(StringBuilder sb, String text, boolean strict) {
    sb.append('"');
    int n = text.length();
    int run = 0; // start of the pending unescaped run
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      String named = null;
      boolean escape;
      if (c < 0x20) {
        escape = true;
        named = switch (c) {
          case '\b' -> "\\b";
          case '\t' -> "\\t";
          case '\n' -> "\\n";
          case '\f' -> "\\f";
          case '\r' -> "\\r";
          default -> null;
        };
      } else if (c == '"') {
        escape = true;
        named = "\\\"";
      } else if (c == '\\') {
        escape = true;
        named = "\\\\";
      } else if (!strict || c < 0x2028) {
        escape = false;
      } else if (c == 0x2028 || c == 0x2029) {
        escape = true;
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++; // a well-formed pair: both chars raw
          escape = false;
        } else {
          escape = true;
        }
      } else {
        escape = Character.isLowSurrogate(c); // a low surrogate reached here has no high one before it
      }
      if (!escape) continue;
      sb.append(text, run, i);
      if (named != null) sb.append(named);
      else sb.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
      run = i + 1;
    }
    sb.append(text, run, n).append('"');
  }
}

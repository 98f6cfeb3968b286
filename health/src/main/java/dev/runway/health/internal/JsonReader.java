package dev.runway.health.internal;

import dev.runway.base.JsonWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A strict JSON reader (RFC 8259) for the bodies that HTTP probes' JSON conditions read, with the
 * semantics those conditions had when Jackson's {@code readTree} and {@code JsonNode.at} read them,
 * so that no condition passes or fails differently ({@code JsonReaderProperties} compares the two):
 *
 * <ul>
 *   <li>Values: {@link Map} (members in document order; a repeated name keeps its first place and
 *       its last value), {@link List}, {@link String}, {@link Boolean}, {@code null}, and numbers:
 *       an integer literal as {@link Long} (or {@link BigInteger} beyond a long), any literal with a
 *       fraction or exponent as {@link Double} (so {@code 1.50} reads {@code 1.5} and {@code 1E400}
 *       {@code Infinity}).
 *   <li>Strict: no comments, trailing commas, single quotes, leading zeros, {@code NaN}, byte order
 *       mark or raw control characters in strings; whitespace is space, tab, CR and LF only; nothing
 *       but whitespace after the value. A document of whitespace alone is {@link #ABSENT} (every
 *       pointer into it is missing), as Jackson's missing node was.
 *   <li>Bounded as Jackson's defaults bound it: at most {@value #MAX_DEPTH} nested arrays and
 *       objects (so the recursion cannot exhaust a probe thread's stack), at most
 *       {@value #MAX_NUMBER_DIGITS} digits in a number (so a number cannot cost quadratic time).
 * </ul>
 *
 * <p>Errors ({@link Malformed}) name a position and what was expected, never the text itself: a
 * body may carry anything, secrets included.
 */
public final class JsonReader {
  /** The value of an empty document, and of a pointer that leads nowhere. */
  public static final Object ABSENT = new Object() {
    @Override
    public String toString() {
      return "(absent)";
    }
  };

  static final int MAX_DEPTH = 500;
  static final int MAX_NUMBER_DIGITS = 1000;

  /** Why a text is not JSON; the message names a position, never the text. */
  public static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  private final String s;
  private int pos;

  private JsonReader(String text) {
    this.s = text;
  }

  /** The value {@code text} holds, {@link #ABSENT} for whitespace alone. */
  public static @Nullable Object parse(String text) throws Malformed {
    JsonReader r = new JsonReader(text);
    r.skipWhitespace();
    if (r.pos == text.length()) return ABSENT;
    Object v = r.value(0);
    r.skipWhitespace();
    if (r.pos != text.length()) throw r.error("end of input after the value");
    return v;
  }

  private @Nullable Object value(int depth) throws Malformed {
    if (pos >= s.length()) throw error("a value");
    char c = s.charAt(pos);
    switch (c) {
      case '{':
        return object(depth + 1);
      case '[':
        return array(depth + 1);
      case '"':
        return string();
      case 't':
        literal("true");
        return Boolean.TRUE;
      case 'f':
        literal("false");
        return Boolean.FALSE;
      case 'n':
        literal("null");
        return null;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return number();
        throw error("a value");
    }
  }

  private Map<String, @Nullable Object> object(int depth) throws Malformed {
    if (depth > MAX_DEPTH) throw error("at most " + MAX_DEPTH + " nested arrays and objects");
    pos++; // {
    Map<String, @Nullable Object> map = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return map;
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') throw error("a member name in double quotes");
      String name = string();
      skipWhitespace();
      if (peek() != ':') throw error("':'");
      pos++;
      skipWhitespace();
      map.put(name, value(depth));
      skipWhitespace();
      char c = peek();
      pos++;
      if (c == '}') return map;
      if (c != ',') {
        pos--;
        throw error("',' or '}'");
      }
    }
  }

  private List<@Nullable Object> array(int depth) throws Malformed {
    if (depth > MAX_DEPTH) throw error("at most " + MAX_DEPTH + " nested arrays and objects");
    pos++; // [
    List<@Nullable Object> list = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return list;
    }
    while (true) {
      skipWhitespace();
      list.add(value(depth));
      skipWhitespace();
      char c = peek();
      pos++;
      if (c == ']') return list;
      if (c != ',') {
        pos--;
        throw error("',' or ']'");
      }
    }
  }

  private String string() throws Malformed {
    pos++; // "
    StringBuilder sb = null;
    int run = pos;
    while (true) {
      if (pos >= s.length()) throw error("a closing '\"'");
      char c = s.charAt(pos);
      if (c == '"') {
        String tail = s.substring(run, pos++);
        return sb == null ? tail : sb.append(tail).toString();
      }
      if (c < 0x20) throw error("no raw control character in a string (escape it)");
      if (c != '\\') {
        pos++;
        continue;
      }
      if (sb == null) sb = new StringBuilder();
      sb.append(s, run, pos);
      if (++pos >= s.length()) throw error("an escape after '\\'");
      char e = s.charAt(pos++);
      switch (e) {
        case '"' -> sb.append('"');
        case '\\' -> sb.append('\\');
        case '/' -> sb.append('/');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          int u = 0;
          for (int k = 0; k < 4; k++) {
            int d = hex(peek());
            if (d < 0) throw error("four hex digits after '\\u'");
            u = u << 4 | d;
            pos++;
          }
          sb.append((char) u); // a lone surrogate stays one, as RFC 8259's grammar allows
        }
        default -> {
          pos--;
          throw error("one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
        }
      }
      run = pos;
    }
  }

  private void literal(String word) throws Malformed {
    if (!s.startsWith(word, pos)) throw error("a value");
    pos += word.length();
  }

  private Object number() throws Malformed {
    int start = pos;
    if (peek() == '-') pos++;
    int digits = 0;
    char c = peek();
    if (c == '0') {
      pos++;
      digits++;
      if (isDigit(peek())) throw error("no leading zero in a number");
    } else if (isDigit(c)) {
      while (isDigit(peek())) {
        pos++;
        digits++;
      }
    } else {
      throw error("a digit");
    }
    boolean integer = true;
    if (peek() == '.') {
      integer = false;
      pos++;
      if (!isDigit(peek())) throw error("a digit after '.'");
      while (isDigit(peek())) {
        pos++;
        digits++;
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      integer = false;
      pos++;
      if (peek() == '+' || peek() == '-') pos++;
      if (!isDigit(peek())) throw error("a digit in the exponent");
      while (isDigit(peek())) {
        pos++;
        digits++;
      }
    }
    if (digits > MAX_NUMBER_DIGITS) throw error("a number of at most " + MAX_NUMBER_DIGITS + " digits");
    String text = s.substring(start, pos);
    if (!integer) return Double.parseDouble(text);
    if (digits <= 18) return Long.parseLong(text);
    BigInteger big = new BigInteger(text);
    return big.bitLength() < 64 ? (Object) big.longValue() : big;
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The char at the position, or NUL at the end (never valid where a char is looked for). */
  private char peek() {
    return pos < s.length() ? s.charAt(pos) : '\0';
  }

  private void skipWhitespace() {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
      pos++;
    }
  }

  private Malformed error(String expected) {
    String found = pos >= s.length() ? "the end" : describe(s.charAt(pos));
    return new Malformed("at char " + pos + ": expected " + expected + " but found " + found);
  }

  /** A character class, not the character: the body may be a secret. */
  private static String describe(char c) {
    if (c < 0x20 || c == 0x7F) return "a control character";
    if (Character.isLetterOrDigit(c)) return "a letter or digit";
    if (c < 0x80) return "'" + c + "'"; // punctuation only
    return "a non-ASCII character";
  }

  /**
   * The value at an RFC 6901 pointer ({@code ""} is the whole document, {@code "/a/0"} member
   * {@code a}'s first element), or {@link #ABSENT}. As Jackson's {@code JsonNode.at}: {@code ~0} is
   * {@code ~} and {@code ~1} is {@code /}, a {@code ~} before anything else stays as written; an
   * array index is {@code 0} or a decimal without leading zeros up to {@link Integer#MAX_VALUE}
   * (so {@code -}, {@code 01} and {@code +1} are missing); on an object every segment is a member
   * name, digits included; a pointer that goes on past a scalar or {@code null} is missing.
   */
  public static @Nullable Object at(@Nullable Object root, String pointer) {
    if (pointer.isEmpty()) return root;
    if (pointer.charAt(0) != '/') return ABSENT;
    Object node = root;
    int i = 1;
    while (true) {
      int end = pointer.indexOf('/', i);
      if (end < 0) end = pointer.length();
      String segment = unescape(pointer, i, end);
      if (node instanceof Map<?, ?> map) {
        if (!map.containsKey(segment)) return ABSENT;
        node = map.get(segment);
      } else if (node instanceof List<?> list) {
        int index = index(segment);
        if (index < 0 || index >= list.size()) return ABSENT;
        node = list.get(index);
      } else {
        return ABSENT;
      }
      if (end == pointer.length()) return node;
      i = end + 1;
    }
  }

  private static String unescape(String p, int from, int to) {
    int tilde = p.indexOf('~', from);
    if (tilde < 0 || tilde >= to) return p.substring(from, to);
    StringBuilder sb = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      char c = p.charAt(i);
      if (c != '~' || i + 1 == to) {
        sb.append(c);
        continue;
      }
      char next = p.charAt(++i);
      if (next == '0') sb.append('~');
      else if (next == '1') sb.append('/');
      else sb.append('~').append(next);
    }
    return sb.toString();
  }

  private static int index(String segment) {
    int len = segment.length();
    if (len == 0 || len > 10) return -1;
    char first = segment.charAt(0);
    if (first == '0') return len == 1 ? 0 : -1;
    for (int i = 0; i < len; i++) {
      if (!isDigit(segment.charAt(i))) return -1;
    }
    long v = Long.parseLong(segment);
    return v > Integer.MAX_VALUE ? -1 : (int) v;
  }

  /**
   * A value as a JSON condition compares it: a string's own text, a number's or boolean's
   * literal ({@code 1.5}, {@code 100.0}, {@code true}), {@code ""} for {@code null}, and an array
   * or object as compact JSON ({@code {"a":1}}), as Jackson's {@code asString()} and
   * {@code toString()} gave them.
   */
  public static String text(@Nullable Object value) {
    if (value == null) return "";
    if (value instanceof String str) return str;
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      StringBuilder sb = new StringBuilder();
      compact(sb, value);
      return sb.toString();
    }
    return String.valueOf(value);
  }

  private static void compact(StringBuilder sb, @Nullable Object v) {
    if (v instanceof Map<?, ?> map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) sb.append(',');
        first = false;
        JsonWriter.quote(sb, (String) e.getKey(), false);
        sb.append(':');
        compact(sb, e.getValue());
      }
      sb.append('}');
    } else if (v instanceof List<?> list) {
      sb.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) sb.append(',');
        compact(sb, list.get(i));
      }
      sb.append(']');
    } else if (v instanceof String str) {
      JsonWriter.quote(sb, str, false);
    } else if (v instanceof Double d && !Double.isFinite(d)) {
      sb.append('"').append(d).append('"');
    } else {
      sb.append(v); // null, booleans, Long, BigInteger, finite Double
    }
  }
}

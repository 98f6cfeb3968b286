package dev.runway.base.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes plain values — maps with string keys, lists, strings, numbers, booleans, null — as JSON
 * text laid out the way Jackson's default pretty printer lays it out, so reports read the same
 * whichever module wrote them. Base carries no Jackson: a health-only service must not need it.
 */
public final class JsonText {
  private JsonText() {}

  /** An empty map that keeps insertion order, for building objects field by field. */
  public static Map<String, Object> object() {
    return new LinkedHashMap<>();
  }

  public static List<Object> array() {
    return new ArrayList<>();
  }

  public static String pretty(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value, 0);
    return out.toString();
  }

  private static void write(StringBuilder out, Object value, int depth) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.append("{ }");
        return;
      }
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.append(first ? "\n" : ",\n");
        first = false;
        indent(out, depth + 1);
        quote(out, String.valueOf(e.getKey()));
        out.append(" : ");
        write(out, e.getValue(), depth + 1);
      }
      out.append('\n');
      indent(out, depth);
      out.append('}');
    } else if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        out.append("[ ]");
        return;
      }
      out.append("[ ");
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) out.append(", ");
        write(out, list.get(i), depth);
      }
      out.append(" ]");
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else {
      quote(out, value.toString());
    }
  }

  private static void indent(StringBuilder out, int depth) {
    out.append("  ".repeat(depth));
  }

  /** A JSON string literal (RFC 8259): quotes, backslashes and every control character escaped. */
  public static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) out.append(String.format("\\u%04X", (int) c));
          else out.append(c);
        }
      }
    }
    out.append('"');
  }
}

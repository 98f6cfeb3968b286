package dev.runway.env.internal.dotenv;

import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Map;

/** Writes dotenv text that {@link DotenvParser} reads back to exactly the same values. */
public final class DotenvWriter {
  private DotenvWriter() {}

  /**
   * One {@code NAME=value} line per entry, in map order. A value made only of safe characters is
   * written bare; anything else is double-quoted with {@code \\ \" \$ \n \r} and control characters
   * escaped, so that neither expansion nor a comment can change it.
   */
  public static String format(Map<String, String> values) {
    StringBuilder out = new StringBuilder(values.size() * 32);
    for (Map.Entry<String, String> e : values.entrySet()) {
      String name = e.getKey();
      String value = e.getValue();
      if (name == null || !Names.isValidName(name)) {
        throw new IllegalArgumentException("not a dotenv variable name: '" + name
            + "'; names are non-empty and use letters, digits and _ . - [ ]");
      }
      if (value == null) throw new IllegalArgumentException("null value for " + name);
      out.append(name).append('=');
      appendValue(out, value);
      out.append('\n');
    }
    return out.toString();
  }

  private static void appendValue(StringBuilder out, String value) {
    if (isBare(value)) {
      out.append(value);
      return;
    }
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\': out.append("\\\\"); break;
        case '"': out.append("\\\""); break;
        case '$': out.append("\\$"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\u0007': out.append("\\a"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        case '\u000B': out.append("\\v"); break;
        default:
          if (c < 0x20 && c != '\t') {
            // \0ooo, the one escape compose-go has for the other control characters.
            out.append("\\0").append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7)))
                .append((char) ('0' + (c & 7)));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  private static boolean isBare(String value) {
    if (value.isEmpty()) return true;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '_' || c == '-' || c == '.' || c == '/' || c == ':' || c == '@' || c == ',' || c == '+'
          || c == '=' || c == '%';
      if (!safe) return false;
    }
    return true;
  }
}

package dev.runway.sync.internal;

import dev.runway.base.Origin;
import dev.runway.env.Dotenv;
import dev.runway.env.DotenvEntry;
import dev.runway.env.DotenvFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Changes one variable of a dotenv file's text in place and leaves every other byte as it was:
 * comments, blank lines, bare {@code NAME} lines, other variables, {@code ${REF}} references, quoting,
 * a BOM and CRLF line ends. A changed value keeps its quoting where the new value allows it; a new
 * variable is appended as {@code NAME=value}.
 *
 * <p>Statements are found by the line the parser gives each assignment and read the parser's way
 * (compose-go's), so the span replaced is exactly the value's; every edit is parsed back and
 * checked to give the value asked for.
 */
final class DotenvEditor {
  private DotenvEditor() {}

  /** {@code text} with {@code name} set to {@code value}; the same text when it already reads so. */
  static String set(String text, Origin origin, String name, String value) {
    DotenvFile file = parse(text, origin);
    if (value.equals(file.values().get(name))) return text;
    Optional<DotenvEntry> last = file.entry(name);
    String out;
    if (last.isEmpty()) {
      out = append(text, name, value);
    } else {
      Span span = span(text, last.get().origin().line());
      out = text;
      // The old quoting first; else the canonical form; else double quotes, which an empty value before
      // a trailing comment needs (D=   # note reads as "# note", D=""   # note as "").
      for (char quote : new char[] {span.quote, '\0', '"'}) {
        out = text.substring(0, span.valueStart) + encode(name, value, quote) + text.substring(span.valueEnd);
        if (value.equals(parse(out, origin).values().get(name))) break;
      }
    }
    if (!value.equals(parse(out, origin).values().get(name))) {
      throw new IllegalStateException(origin + ": " + name + ": the edited file does not read back the value written");
    }
    return out;
  }

  /** {@code text} without any assignment of {@code name} (whole lines, with their comments); the rest as it was. */
  static String remove(String text, Origin origin, String name) {
    DotenvFile file = parse(text, origin);
    List<Span> spans = new ArrayList<>();
    for (DotenvEntry e : file.entries()) {
      if (e.name().equals(name)) spans.add(span(text, e.origin().line()));
    }
    if (spans.isEmpty()) return text;
    StringBuilder out = new StringBuilder(text.length());
    int at = 0;
    for (Span s : spans) {
      out.append(text, at, s.lineStart);
      at = s.lineEnd;
    }
    out.append(text, at, text.length());
    return out.toString();
  }

  private static DotenvFile parse(String text, Origin origin) {
    // No lookup: the file's own values, as the store reads them.
    return Dotenv.parse(text, origin, n -> Optional.empty());
  }

  private static String append(String text, String name, String value) {
    String nl = text.contains("\r\n") ? "\r\n" : "\n";
    String line = name + "=" + encode(name, value, '\0') + nl;
    if (text.isEmpty() || text.equals("\uFEFF") || text.endsWith("\n")) return text + line;
    return text + nl + line;
  }

  /**
   * The value as dotenv text: in single quotes when it was and the value can be (no quote, backslash
   * or carriage return), in double quotes when it was, else bare or double-quoted as needed.
   */
  static String encode(String name, String value, char quote) {
    String line = Dotenv.format(Map.of(name, value));
    String canonical = line.substring(name.length() + 1, line.length() - 1);
    if (quote == '\'' && value.indexOf('\'') < 0 && value.indexOf('\\') < 0 && value.indexOf('\r') < 0) {
      return "'" + value + "'";
    }
    if (quote == '"' && !canonical.startsWith("\"")) return "\"" + canonical + "\"";
    return canonical;
  }

  /** Where one statement stands in the text: its line, its value (quotes included) and its end. */
  private record Span(int lineStart, int valueStart, int valueEnd, int lineEnd, char quote) {}

  /** The statement whose name is on line {@code line} (1-based), read as DotenvParser reads it. */
  private static Span span(String text, int line) {
    int n = text.length();
    int start = 0;
    for (int l = 1; l < line; l++) {
      int nl = text.indexOf('\n', start);
      if (nl < 0) throw new IllegalStateException("line " + line + " is past the end of the text");
      start = nl + 1;
    }
    int pos = start;
    if (pos == 0 && pos < n && text.charAt(0) == '\uFEFF') pos++;
    while (pos < n && isBlank(text.charAt(pos))) pos++;
    if (text.startsWith("export", pos) && pos + 6 < n && isSpace(text.charAt(pos + 6))) {
      pos += 6;
      while (pos < n && isSpace(text.charAt(pos))) pos++;
    }
    while (pos < n && text.charAt(pos) != '=' && text.charAt(pos) != ':' && text.charAt(pos) != '\n') pos++;
    if (pos >= n || text.charAt(pos) == '\n') throw new IllegalStateException("line " + line + " is no assignment");
    pos++; // the separator
    while (pos < n && isSpace(text.charAt(pos))) pos++;
    int valueStart = pos;
    char q = pos < n ? text.charAt(pos) : '\n';
    int valueEnd;
    if (q == '"' || q == '\'') {
      boolean escaped = false;
      int i = pos + 1;
      for (; i < n; i++) {
        char c = text.charAt(i);
        if (escaped) escaped = false;
        else if (c == '\\') escaped = true;
        else if (c == q) break;
      }
      if (i >= n) throw new IllegalStateException("line " + line + ": unterminated quote");
      valueEnd = i + 1;
    } else {
      q = '\0';
      int nl = text.indexOf('\n', pos);
      int end = nl < 0 ? n : nl;
      int stop = end;
      for (int i = pos + 1; i < end; i++) {
        char c = text.charAt(i);
        if (c == '#' && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')) {
          stop = i;
          break;
        }
      }
      while (stop > pos && (Character.isWhitespace(text.charAt(stop - 1)) || isSpace(text.charAt(stop - 1)))) stop--;
      valueEnd = stop;
    }
    int nl = text.indexOf('\n', valueEnd);
    int lineEnd = nl < 0 ? n : nl + 1;
    return new Span(start, valueStart, valueEnd, lineEnd, q);
  }

  /** DotenvParser's spaces (compose-go's): a carriage return counts, so CRLF lines read as LF ones. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\u000B' || c == '\f' || c == '\r' || c == '\u0085' || c == '\u00A0';
  }

  private static boolean isBlank(char c) {
    return c != '\n' && (isSpace(c) || Character.isWhitespace(c));
  }
}

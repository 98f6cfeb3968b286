package dev.runway.env.internal.dotenv;

import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import dev.runway.env.DotenvEntry;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads dotenv text the way compose-go does (see docs/dotenv.md for the differences), one
 * statement at a time, tracking the line of each name.
 *
 * <p>Every failure is a {@link RunwayException.ParseFailed} naming file:line and the fix; no
 * message ever includes text from the value (or from a line that may be one), since dotenv files
 * hold secrets.
 */
public final class DotenvParser {
  private static final String NOT_SHOWN = " (the value is not shown)";
  private static final String LINE_NOT_SHOWN = " (the line is not shown)";

  private final String src;
  private final Origin source;
  private final Function<String, Optional<String>> lookup;
  private final List<DotenvEntry> entries = new ArrayList<>();
  private final Map<String, DotenvEntry> last;
  private final Function<String, Optional<String>> resolve;
  private int pos;
  private int line = 1;

  private DotenvParser(String text, Origin source, Function<String, Optional<String>> lookup) {
    String t = text;
    if (!t.isEmpty() && t.charAt(0) == '\uFEFF') t = t.substring(1);
    if (t.indexOf('\r') >= 0) t = t.replace("\r\n", "\n");
    this.src = t;
    this.last = new LinkedHashMap<>(Math.max(16, t.length() / 24));
    this.source = source;
    this.lookup = lookup;
    // A name assigned earlier in the file wins over the lookup (the environment).
    this.resolve = name -> {
      DotenvEntry e = last.get(name);
      return e != null ? Optional.of(e.value()) : lookupSafely(name);
    };
  }

  /** What {@link #parse} found: every entry in order, and the last entry of each name. */
  public record Result(List<DotenvEntry> entries, Map<String, DotenvEntry> last) {}

  /** Parses {@code text}; origins are {@code source} at the line of each name. */
  public static Result parse(String text, Origin source, Function<String, Optional<String>> lookup) {
    DotenvParser p = new DotenvParser(text, source, lookup);
    p.run();
    return new Result(Collections.unmodifiableList(p.entries), Collections.unmodifiableMap(p.last));
  }

  /**
   * Decodes a file's bytes as UTF-8 (a BOM is dropped later), refusing UTF-16 and malformed UTF-8
   * with the line of the first bad byte.
   */
  public static String decode(byte[] bytes, Origin file) {
    if (bytes.length >= 2
        && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE) || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
      throw new RunwayException.ParseFailed(file.withLine(1) + ": the file is UTF-16, not UTF-8;"
          + " save it as UTF-8 (Docker Compose and Next.js read UTF-8)", file.withLine(1));
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) result = decoder.flush(out);
    if (result.isError()) {
      int bad = in.position();
      int badLine = 1;
      for (int i = 0; i < bad; i++) if (bytes[i] == '\n') badLine++;
      Origin at = file.withLine(badLine);
      throw new RunwayException.ParseFailed(at + ": the file is not valid UTF-8 (byte " + (bad + 1)
          + "); save it as UTF-8" + LINE_NOT_SHOWN, at);
    }
    out.flip();
    return out.toString();
  }

  private void run() {
    while (true) {
      skipBlankLinesAndComments();
      if (pos >= src.length()) return;
      statement();
    }
  }

  private void skipBlankLinesAndComments() {
    int n = src.length();
    while (pos < n) {
      char c = src.charAt(pos);
      if (c == '\n') {
        line++;
        pos++;
      } else if (Names.isSpace(c) || Character.isWhitespace(c)) {
        pos++;
      } else if (c == '#') {
        int nl = src.indexOf('\n', pos);
        pos = nl < 0 ? n : nl;
      } else {
        return;
      }
    }
  }

  private void statement() {
    int n = src.length();
    int keyLine = line;
    if (src.startsWith("export", pos) && pos + 6 < n && Names.isSpace(src.charAt(pos + 6))) {
      pos += 6;
      while (pos < n && Names.isSpace(src.charAt(pos))) pos++;
    }
    int nameStart = pos;
    int nameEnd = pos; // end of the last name character seen
    boolean spaceInside = false;
    char separator = '\n';
    while (pos < n) {
      char c = src.charAt(pos);
      if (c == '=' || c == ':' || c == '\n') {
        separator = c;
        break;
      }
      if (Names.isSpace(c)) {
        pos++;
        continue;
      }
      if (!Names.isNameChar(c)) {
        if (c == '"' || c == '\'' || c == '`') {
          throw fail(keyLine, "a quote where a variable name should start; values are quoted after the =,"
              + " as NAME=\"value\"" + LINE_NOT_SHOWN);
        }
        throw fail(keyLine, "unexpected character " + Names.describe(c) + " in a variable name;"
            + " names use letters, digits and _ . - [ ], and each line reads NAME=value" + LINE_NOT_SHOWN);
      }
      if (nameEnd < pos && nameEnd > nameStart) spaceInside = true;
      pos++;
      nameEnd = pos;
    }
    String name = src.substring(nameStart, nameEnd);
    if (spaceInside) {
      throw fail(keyLine, "a variable name cannot contain a space; write NAME=value with the name as one"
          + " word, or comment the line out with #" + LINE_NOT_SHOWN);
    }
    if (name.isEmpty() && separator == '\n') {
      throw fail(keyLine, "export with no variable name; write export NAME=value" + LINE_NOT_SHOWN);
    }
    if (name.isEmpty()) {
      throw fail(keyLine, "an assignment has no variable name before the " + separator
          + "; write NAME=value" + LINE_NOT_SHOWN);
    }
    if (separator == '\n') {
      // A bare NAME inherits its value from the lookup and is left out when that has none.
      Optional<String> inherited = lookupSafely(name);
      inherited.ifPresent(v -> add(name, v, keyLine));
      return;
    }
    pos++; // the separator
    while (pos < n && Names.isSpace(src.charAt(pos))) pos++;
    String value;
    char q = pos < n ? src.charAt(pos) : '\n';
    if (q == '"' || q == '\'') {
      value = quoted(name, q, keyLine);
    } else {
      value = unquoted(name, keyLine);
    }
    add(name, value, keyLine);
  }

  private String unquoted(String name, int keyLine) {
    int n = src.length();
    int nl = src.indexOf('\n', pos);
    int end = nl < 0 ? n : nl;
    int stop = end;
    for (int i = pos + 1; i < end; i++) {
      char c = src.charAt(i);
      if (c == '#' && (src.charAt(i - 1) == ' ' || src.charAt(i - 1) == '\t')) {
        stop = i;
        break;
      }
    }
    while (stop > pos && (Character.isWhitespace(src.charAt(stop - 1)) || Names.isSpace(src.charAt(stop - 1)))) stop--;
    String raw = src.substring(pos, stop);
    int nextBacktick = pos < end && src.charAt(pos) == '`' ? src.indexOf('`', pos + 1) : 0;
    boolean openBacktick = nextBacktick < 0 || nextBacktick >= end;
    pos = end;
    if (openBacktick) {
      throw fail(keyLine, "the value for " + name + " opens a ` quote that this line does not close;"
          + " Docker Compose does not treat ` as a quote, so use double quotes for a multi-line value: "
          + name + "=\"...\"" + NOT_SHOWN);
    }
    return expand(raw, name, keyLine);
  }

  private String quoted(String name, char quote, int keyLine) {
    int n = src.length();
    StringBuilder chars = new StringBuilder();
    boolean escaped = false;
    int i = pos + 1;
    int closing = -1;
    int linesInside = 0;
    for (; i < n; i++) {
      char c = src.charAt(i);
      if (c == '\n') linesInside++;
      if (escaped) {
        escaped = false;
        if (c != quote) chars.append('\\');
        chars.append(c);
        continue;
      }
      if (c == '\\') {
        escaped = true;
      } else if (c == quote) {
        closing = i;
        break;
      } else {
        chars.append(c);
      }
    }
    String kind = quote == '"' ? "double-quoted" : "single-quoted";
    if (closing < 0) {
      throw fail(keyLine, "unterminated " + kind + " value for " + name + "; add the closing " + quote + NOT_SHOWN);
    }
    line += linesInside;
    pos = closing + 1;
    // After the closing quote only spaces and a comment may follow on the line.
    while (pos < n && Names.isSpace(src.charAt(pos))) pos++;
    if (pos < n && src.charAt(pos) != '\n' && src.charAt(pos) != '#') {
      if (linesInside > 0) {
        throw fail(keyLine, "the " + kind + " value for " + name + " ends on line " + line
            + " and text follows its closing " + quote + " there; if the value should end on line " + keyLine
            + ", add the closing " + quote + " there, or escape a " + quote + " inside the value as \\" + quote
            + NOT_SHOWN);
      }
      throw fail(keyLine, "unexpected text after the closing " + quote + " of the value for " + name
          + "; escape a " + quote + " inside the value as \\" + quote + ", or start a comment with \" #\""
          + NOT_SHOWN);
    }
    String raw = chars.toString();
    return quote == '"' ? expand(Escapes.unescape(raw), name, keyLine) : raw;
  }

  private String expand(String raw, String name, int keyLine) {
    if (raw.indexOf('$') < 0) return raw;
    try {
      return Interpolator.expand(raw, resolve);
    } catch (Interpolator.Invalid e) {
      throw fail(keyLine, name + ": " + e.getMessage() + NOT_SHOWN);
    }
  }

  private void add(String name, String value, int keyLine) {
    DotenvEntry e = new DotenvEntry(name, value, source.withLine(keyLine));
    entries.add(e);
    last.put(name, e);
  }

  private Optional<String> lookupSafely(String name) {
    Optional<String> v = lookup.apply(name);
    return v == null ? Optional.empty() : v;
  }

  private RunwayException.ParseFailed fail(int atLine, String problemAndFix) {
    Origin at = source.withLine(atLine);
    String where = source.path().isPresent() ? at.toString() : source + " line " + atLine;
    return new RunwayException.ParseFailed(where + ": " + problemAndFix, at);
  }
}

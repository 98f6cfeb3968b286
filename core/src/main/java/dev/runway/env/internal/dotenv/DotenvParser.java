package dev.runway.env.internal.dotenv;

import dev.runway.base.Origin;
import dev.runway.base.Problem;
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
import org.jspecify.annotations.Nullable;

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
  private final Interpolator.Budget budget = new Interpolator.Budget();
  private int pos;
  private int line = 1;
  /** Set by {@link #check}: problems collected instead of the first one thrown, and readers' differences noted. */
  private @Nullable List<Problem> problems;

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

  /** Readers' disagreement on what a line means: a warning from {@link #check}. */
  public static final String READERS_DIFFER = "READERS_DIFFER";

  /**
   * Every problem in dotenv text, for a check without a model: syntax errors (reading resumes on
   * the next line), duplicate names, and lines that Docker Compose (compose-go) and Next.js
   * (motdotla/dotenv) read differently. Values are never shown. {@code ${VAR}} resolves as if every
   * variable were set, since the environment the file will meet is unknown here.
   */
  public static List<Problem> check(String text, Origin source) {
    DotenvParser p = new DotenvParser(text, source, name -> Optional.of("x"));
    p.problems = new ArrayList<>();
    p.run();
    Map<String, Integer> first = new LinkedHashMap<>();
    for (DotenvEntry e : p.entries) {
      Integer at = first.putIfAbsent(e.name(), e.origin().line());
      if (at != null) {
        p.problems.add(Problem.warning(Problem.DUPLICATE, e.name(), "is assigned again (first at line " + at
            + "); Docker Compose and Next.js both keep this last value, so the first one is dead")
            .withOrigin(e.origin()).withFix("remove one of the two lines"));
      }
    }
    return p.problems;
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
      if (problems == null) {
        statement();
        continue;
      }
      int startPos = pos;
      int startLine = line;
      try {
        statement();
      } catch (RunwayException.ParseFailed e) {
        problems.add(syntax(e));
        // Resume on the line after the statement's first line: one bad line hides no other.
        int nl = src.indexOf('\n', startPos);
        pos = nl < 0 ? src.length() : nl + 1;
        line = startLine + 1;
      }
    }
  }

  private Problem syntax(RunwayException.ParseFailed e) {
    Origin at = e.origin().orElse(source);
    String prefix = (source.path().isPresent() ? at.toString() : source + " line " + at.line()) + ": ";
    String text = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
    return Problem.error(Problem.MALFORMED, "syntax", text).withOrigin(at);
  }

  private void differ(int atLine, String name, String message, String fix) {
    if (problems != null) {
      problems.add(Problem.warning(READERS_DIFFER, name, message + " (the value is not shown)")
          .withOrigin(source.withLine(atLine)).withFix(fix));
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
    if (problems != null) names(name, keyLine);
    if (separator == '\n') {
      // A bare NAME inherits its value from the lookup and is left out when that has none.
      Optional<String> inherited = lookupSafely(name);
      inherited.ifPresent(v -> add(name, v, keyLine));
      return;
    }
    pos++; // the separator
    int afterSeparator = pos;
    while (pos < n && Names.isSpace(src.charAt(pos))) pos++;
    boolean spaced = pos > afterSeparator;
    String value;
    char q = pos < n ? src.charAt(pos) : '\n';
    if (q == '"' || q == '\'') {
      value = quoted(name, q, keyLine);
    } else {
      if (problems != null) unquotedNotes(name, keyLine, spaced);
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
    int open = pos;
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
    if (problems != null) quotedNotes(name, keyLine, quote, src.substring(open + 1, closing));
    return quote == '"' ? expand(Escapes.unescape(raw), name, keyLine) : raw;
  }

  /** Names Next.js skips: motdotla/dotenv matches names with [\\w.-]+ only; compose-go's Read drops a leading digit. */
  private void names(String name, int keyLine) {
    if (Character.isDigit(name.charAt(0))) {
      differ(keyLine, name, "starts with a digit: Docker Compose drops the line without a word, Next.js reads it,"
          + " and no shell can export it", "rename it to start with a letter or _");
      return;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean dotenvChar = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
          || c == '-';
      if (!dotenvChar) {
        differ(keyLine, name, "has " + Names.describe(c) + " in its name: Docker Compose reads the line, Next.js"
            + " (motdotla/dotenv) skips it, since its names are letters, digits and _ . - only", "rename it with A-Z, 0-9 and _");
        return;
      }
    }
  }

  /**
   * What motdotla/dotenv (Next.js) reads differently in an unquoted value: it ends the value at the
   * first {@code #} wherever it stands and strips backtick quotes; compose-go ends it only at
   * {@code " #"} and keeps backticks.
   */
  private void unquotedNotes(String name, int keyLine, boolean spaced) {
    int nl = src.indexOf('\n', pos);
    String raw = src.substring(pos, nl < 0 ? src.length() : nl);
    if (raw.startsWith("#")) {
      if (spaced) {
        differ(keyLine, name, "is followed by a comment and no value: Docker Compose (and Runway) read the comment"
            + " text as the value, Next.js (motdotla/dotenv) reads an empty value",
            "for an empty value write " + name + "= with the comment on its own line above; for a value starting with #,"
                + " quote it: " + name + "=\"#...\"");
      } else {
        differ(keyLine, name, "starts with #: Docker Compose (and Runway) read the value, Next.js (motdotla/dotenv)"
            + " reads it as a comment and the value as empty", "quote it: " + name + "=\"#...\"");
      }
      return;
    }
    if (raw.startsWith("`")) {
      differ(keyLine, name, "is in backticks: Next.js (motdotla/dotenv) strips them, Docker Compose (and Runway) keep"
          + " them as part of the value", "use double quotes: " + name + "=\"...\"");
      return;
    }
    for (int i = 1; i < raw.length(); i++) {
      char c = raw.charAt(i);
      char before = raw.charAt(i - 1);
      if (c == '#' && (before == ' ' || before == '\t')) return; // a comment for both readers
      if (c == '#') {
        differ(keyLine, name, "has a # inside its unquoted value: Docker Compose (and Runway) keep it, Next.js"
            + " (motdotla/dotenv) cuts the value there", "quote the value: " + name + "=\"...\"");
        return;
      }
    }
  }

  /** Escapes that motdotla/dotenv leaves as written: it turns only \\n and \\r in double quotes into characters. */
  private void quotedNotes(String name, int keyLine, char quote, String raw) {
    for (int i = 0; i + 1 < raw.length(); i++) {
      if (raw.charAt(i) != '\\') continue;
      char next = raw.charAt(i + 1);
      if (quote == '\'' && next == '\'') {
        differ(keyLine, name, "has \\' inside single quotes: Docker Compose (and Runway) read ', Next.js"
            + " (motdotla/dotenv) reads \\' with the backslash", "put the value in double quotes, where ' needs no escape");
        return;
      }
      if (quote == '"' && next != 'n' && next != 'r' && next != '$') {
        differ(keyLine, name, "has the escape \\" + next + " inside double quotes: Docker Compose (and Runway) read it"
            + " as one character, Next.js (motdotla/dotenv) keeps the backslash (it unescapes only \\n and \\r)",
            next == '"' ? "use single quotes around a value that holds \", as " + name + "='...'"
                : "write the character itself, or use single quotes (no escapes)");
        return;
      }
      i++;
    }
  }

  private String expand(String raw, String name, int keyLine) {
    if (raw.indexOf('$') < 0) return raw;
    try {
      return Interpolator.expand(raw, resolve, budget);
    } catch (Interpolator.Invalid e) {
      RunwayException.ParseFailed failed = fail(keyLine, name + ": " + e.getMessage() + NOT_SHOWN);
      // Past a limit the file cannot be read at all: not one of its problems, but why it cannot be checked.
      if (e.limit) throw new RunwayException.IoFailed(failed.getMessage(), failed.origin().orElse(source), null);
      throw failed;
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

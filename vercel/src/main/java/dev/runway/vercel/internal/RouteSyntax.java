package dev.runway.vercel.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The syntax checks Vercel applies to vercel.json strings that the schema types only as text: a
 * route's {@code source} (path-to-regexp 6, the library Vercel reads it with) and a cron
 * {@code schedule} (five numeric fields, UTC). Each finding says what is wrong in words and the fix.
 */
final class RouteSyntax {
  private RouteSyntax() {}

  /** What is wrong with a finding's value, and the fix. */
  record Finding(String message, String fix) {}

  // ---------------------------------------------------------------- path-to-regexp 6

  private enum Kind { MODIFIER, ESCAPED, OPEN, CLOSE, NAME, PATTERN, CHAR, END }

  private record Token(Kind kind, int index, String value) {}

  private static final class Bad extends Exception {
    private static final long serialVersionUID = 1L;
    final transient Finding finding;

    Bad(String message, String fix) {
      super(message, null, false, false);
      this.finding = new Finding(message, fix);
    }
  }

  private static final String ESCAPE = "or escape it to match it literally (\\\\%s in the JSON string)";

  /**
   * Why path-to-regexp 6 refuses {@code source}, as Vercel does when it deploys; empty when it
   * reads. Follows its lexer and parser: {@code :name} parameters, {@code (...)} patterns without
   * capturing groups inside, {@code {...}} groups, {@code ? * +} only after one of those.
   */
  static Optional<Finding> source(String source) {
    try {
      parse(lex(source));
      return Optional.empty();
    } catch (Bad e) {
      return Optional.of(e.finding);
    }
  }

  private static List<Token> lex(String s) throws Bad {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == '*' || c == '+' || c == '?') {
        tokens.add(new Token(Kind.MODIFIER, i, String.valueOf(c)));
        i++;
      } else if (c == '\\') {
        tokens.add(new Token(Kind.ESCAPED, i, i + 1 < n ? String.valueOf(s.charAt(i + 1)) : ""));
        i += 2;
      } else if (c == '{') {
        tokens.add(new Token(Kind.OPEN, i++, "{"));
      } else if (c == '}') {
        tokens.add(new Token(Kind.CLOSE, i++, "}"));
      } else if (c == ':') {
        int j = i + 1;
        while (j < n && isNameChar(s.charAt(j))) j++;
        if (j == i + 1) {
          throw new Bad("the ':' at character " + (i + 1) + " is not followed by a parameter name",
              "name the parameter (:slug, :path*), " + String.format(Locale.ROOT, ESCAPE, ":"));
        }
        tokens.add(new Token(Kind.NAME, i, s.substring(i + 1, j)));
        i = j;
      } else if (c == '(') {
        int count = 1;
        int j = i + 1;
        if (j < n && s.charAt(j) == '?') {
          throw new Bad("the pattern at character " + (i + 1) + " starts with '?'",
              "write a pattern such as (.*) or [^/]+; to name what it matches, write :name(...)");
        }
        StringBuilder pattern = new StringBuilder();
        while (j < n) {
          char d = s.charAt(j);
          if (d == '\\') {
            pattern.append(d);
            if (j + 1 < n) pattern.append(s.charAt(j + 1));
            j += 2;
            continue;
          }
          if (d == ')') {
            count--;
            if (count == 0) {
              j++;
              break;
            }
          } else if (d == '(') {
            count++;
            if (j + 1 >= n || s.charAt(j + 1) != '?') {
              throw new Bad("the pattern at character " + (i + 1) + " holds a capturing group (at character " + (j + 1) + ")",
                  "make the inner group non-capturing: (?:...)");
            }
          }
          pattern.append(d);
          j++;
        }
        if (count != 0) {
          throw new Bad("the '(' at character " + (i + 1) + " is never closed",
              "close it with ')', " + String.format(Locale.ROOT, ESCAPE, "("));
        }
        if (pattern.length() == 0) {
          throw new Bad("the '()' at character " + (i + 1) + " holds no pattern", "write one inside, such as (.*)");
        }
        tokens.add(new Token(Kind.PATTERN, i, pattern.toString()));
        i = j;
      } else {
        tokens.add(new Token(Kind.CHAR, i++, String.valueOf(c)));
      }
    }
    tokens.add(new Token(Kind.END, n, ""));
    return tokens;
  }

  private static boolean isNameChar(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  }

  private static void parse(List<Token> tokens) throws Bad {
    int[] at = {0};
    while (at[0] < tokens.size()) {
      boolean text = take(tokens, at, Kind.CHAR) || take(tokens, at, Kind.ESCAPED);
      if (text) continue;
      if (take(tokens, at, Kind.NAME) || take(tokens, at, Kind.PATTERN)) {
        take(tokens, at, Kind.MODIFIER);
        continue;
      }
      Token open = tokens.get(at[0]);
      if (take(tokens, at, Kind.OPEN)) {
        while (take(tokens, at, Kind.CHAR) || take(tokens, at, Kind.ESCAPED)) { /* prefix */ }
        take(tokens, at, Kind.NAME);
        take(tokens, at, Kind.PATTERN);
        while (take(tokens, at, Kind.CHAR) || take(tokens, at, Kind.ESCAPED)) { /* suffix */ }
        Token next = tokens.get(at[0]);
        if (next.kind() != Kind.CLOSE) {
          if (next.kind() == Kind.END) {
            throw new Bad("the '{' at character " + (open.index() + 1) + " is never closed",
                "close it with '}', " + String.format(Locale.ROOT, ESCAPE, "{"));
          }
          throw new Bad("the {...} group at character " + (open.index() + 1) + " holds '" + next.value()
              + "' at character " + (next.index() + 1) + ", where it allows only text, one parameter or pattern, and text",
              "move it out of the group, " + String.format(Locale.ROOT, ESCAPE, next.value()));
        }
        at[0]++;
        take(tokens, at, Kind.MODIFIER);
        continue;
      }
      Token next = tokens.get(at[0]);
      if (next.kind() == Kind.END) return;
      if (next.kind() == Kind.MODIFIER) {
        throw new Bad("the '" + next.value() + "' at character " + (next.index() + 1) + " follows no parameter or pattern",
            "write :path* for any number of segments or (.*) for any text, " + String.format(Locale.ROOT, ESCAPE, next.value()));
      }
      throw new Bad("the '" + next.value() + "' at character " + (next.index() + 1) + " closes no group",
          "remove it, " + String.format(Locale.ROOT, ESCAPE, next.value()));
    }
  }

  private static boolean take(List<Token> tokens, int[] at, Kind kind) {
    if (at[0] < tokens.size() && tokens.get(at[0]).kind() == kind) {
      at[0]++;
      return true;
    }
    return false;
  }

  // ---------------------------------------------------------------- cron schedules

  private static final String[] FIELDS = {"minute", "hour", "day of month", "month", "day of week"};
  private static final int[] MIN = {0, 0, 1, 1, 0};
  private static final int[] MAX = {59, 23, 31, 12, 7};

  /**
   * Why Vercel refuses {@code schedule}: not five fields, or a field that is not {@code *},
   * a number in its range, a range {@code a-b}, a step {@code * /n} or {@code a-b/n}, or a list of
   * those; Vercel takes no names (MON, JAN) and none of L, W, # or ?. Empty when it reads.
   */
  static Optional<Finding> cron(String schedule) {
    String[] fields = schedule.trim().split("\\s+");
    if (fields.length != 5) return Optional.of(new Finding("is not a cron expression", "write the schedule in UTC with five fields"));
    for (int f = 0; f < 5; f++) {
      for (String item : fields[f].split(",", -1)) {
        Optional<String> wrong = item(item, f);
        if (wrong.isPresent()) {
          return Optional.of(new Finding("is not a cron expression Vercel accepts: its " + FIELDS[f] + " field '" + fields[f]
              + "' " + wrong.get(), "write the " + FIELDS[f] + " as *, a number from " + MIN[f] + " to " + MAX[f]
              + ", a range (1-5), a step (*/15) or a list (1,15)"));
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> item(String item, int f) {
    if (item.isEmpty()) return Optional.of("has an empty list item");
    String range = item;
    int slash = item.indexOf('/');
    if (slash >= 0) {
      range = item.substring(0, slash);
      String step = item.substring(slash + 1);
      if (!step.matches("\\d{1,4}") || Integer.parseInt(step) == 0) return Optional.of("has a step that is not a whole number from 1");
    }
    if (range.equals("*")) return Optional.empty();
    if (range.matches(".*[A-Za-z].*")) return Optional.of("uses a name or letter; Vercel takes numbers only");
    String[] ends = range.split("-", -1);
    if (ends.length > 2) return Optional.of("is not a number, a range or a step");
    int low = -1;
    for (String end : ends) {
      if (!end.matches("\\d{1,4}")) return Optional.of("is not a number, a range or a step");
      int v = Integer.parseInt(end);
      if (v < MIN[f] || v > MAX[f]) return Optional.of("holds " + v + ", outside " + MIN[f] + "-" + MAX[f]);
      if (v < low) return Optional.of("has a range that runs backwards");
      low = v;
    }
    return Optional.empty();
  }
}

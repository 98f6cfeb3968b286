package dev.runway.env.internal.dotenv;

import java.util.Optional;
import java.util.function.Function;

/**
 * {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}}, {@code ${VAR-default}}, {@code ${VAR:+alt}},
 * {@code ${VAR+alt}}, {@code ${VAR:?why}}, {@code ${VAR?why}} and {@code $$} (a literal {@code $}),
 * the grammar of compose-go's template package. Defaults may nest ({@code ${A:-${B:-x}}}). A
 * {@code $} not followed by a name, {@code $} or <code>{</code> stays as it is.
 */
final class Interpolator {
  /** {@code ${A:-${B:-...}}} levels; compose files nest two or three. */
  static final int MAX_DEPTH = 32;
  /** Characters all of a file's values may add up to once expanded ({@code B=${A}${A}}, {@code C=${B}${B}}, ...). */
  static final int MAX_EXPANDED = 16 * 1024 * 1024;

  private Interpolator() {}

  /** What is left of one file's expansion budget; a parser keeps one for all its values. */
  static final class Budget {
    private long left = MAX_EXPANDED;

    private void spend(long chars) {
      left -= chars;
      if (left < 0) {
        throw new Invalid("expands past 16 MB of text (the limit for a dotenv file's values); refer to each"
            + " variable fewer times", true);
      }
    }
  }

  /** Why an expression cannot be expanded; the text never includes the value being expanded. */
  static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** True when the text is past a limit (nesting, expansion) rather than malformed. */
    final boolean limit;

    Invalid(String problemAndFix) {
      this(problemAndFix, false);
    }

    Invalid(String problemAndFix, boolean limit) {
      super(problemAndFix, null, false, false);
      this.limit = limit;
    }
  }

  static String expand(String text, Function<String, Optional<String>> resolve, Budget budget) {
    String out = expand(text, resolve, budget, 0);
    budget.spend(out.length());
    return out;
  }

  private static String expand(String text, Function<String, Optional<String>> resolve, Budget budget, int depth) {
    if (depth > MAX_DEPTH) {
      throw new Invalid("nests ${...} more than " + MAX_DEPTH + " levels deep (the limit for a dotenv file);"
          + " nest fewer defaults", true);
    }
    int dollar = text.indexOf('$');
    if (dollar < 0) return text;
    StringBuilder out = new StringBuilder(text.length() + 16);
    out.append(text, 0, dollar);
    int i = dollar;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c != '$' || i + 1 >= n) {
        out.append(c);
        i++;
        continue;
      }
      char d = text.charAt(i + 1);
      if (d == '$') {
        out.append('$');
        i += 2;
      } else if (d == '{') {
        int close = closingBrace(text, i + 2);
        if (close < 0) {
          throw new Invalid("a ${ has no closing }; close it, or write $$ for a literal $");
        }
        out.append(braced(text.substring(i + 2, close), resolve, budget, depth));
        i = close + 1;
        if (out.length() > budget.left) budget.spend(out.length());
      } else if (isNameStart(d)) {
        int end = i + 2;
        while (end < n && isNamePart(text.charAt(end))) end++;
        out.append(resolve.apply(text.substring(i + 1, end)).orElse(""));
        i = end;
        if (out.length() > budget.left) budget.spend(out.length());
      } else {
        out.append('$');
        i++;
      }
    }
    return out.toString();
  }

  private static String braced(String inner, Function<String, Optional<String>> resolve, Budget budget, int depth) {
    int end = 0;
    if (inner.isEmpty() || !isNameStart(inner.charAt(0))) throw invalid();
    while (end < inner.length() && isNamePart(inner.charAt(end))) end++;
    String name = inner.substring(0, end);
    Optional<String> value = resolve.apply(name);
    if (end == inner.length()) return value.orElse("");
    boolean colon = inner.charAt(end) == ':';
    int op = colon ? end + 1 : end;
    if (op >= inner.length()) throw invalid();
    char kind = inner.charAt(op);
    String operand = inner.substring(op + 1);
    // With ':' an empty value counts as unset, as in the shell.
    boolean set = value.isPresent() && !(colon && value.get().isEmpty());
    switch (kind) {
      case '-':
        return set ? value.get() : expand(operand, resolve, budget, depth + 1);
      case '+':
        return set ? expand(operand, resolve, budget, depth + 1) : "";
      case '?':
        if (set) return value.get();
        throw new Invalid("${" + name + (colon ? ":?" : "?") + "...} requires " + name + ", which is "
            + (value.isPresent() ? "empty" : "not set") + "; set " + name
            + " earlier in the file or in the environment");
      default:
        throw invalid();
    }
  }

  private static Invalid invalid() {
    return new Invalid("invalid ${...} expression; write ${NAME}, ${NAME:-default} or ${NAME-default}"
        + " with NAME made of letters, digits and _, or write $$ for a literal $");
  }

  /** The index of the } closing a ${ whose body starts at {@code from}, counting nested braces. */
  private static int closingBrace(String text, int from) {
    int depth = 1;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') depth++;
      else if (c == '}' && --depth == 0) return i;
    }
    return -1;
  }

  private static boolean isNameStart(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  }

  private static boolean isNamePart(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
  }
}

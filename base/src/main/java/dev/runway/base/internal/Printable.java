package dev.runway.base.internal;

/**
 * Makes text that quotes input safe to print: control characters (C0, DEL, C1) and the Unicode
 * characters that reorder or break a line (bidi controls U+202A–U+202E, U+2066–U+2069, U+200E,
 * U+200F, U+061C, and U+2028, U+2029) become visible escapes (<code>&#92;u001b</code>, <code>&#92;u202e</code>;
 * {@code \n}, {@code \r}, {@code \t}). A file name, an app name or a value holding
 * {@code ESC[2J} then cannot clear or recolour the reader's terminal, and a right-to-left override
 * cannot make a message read differently from what it says.
 *
 * <p>Backslashes are left as they are, so Windows paths stay readable.
 */
public final class Printable {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Printable() {}

  /** Whether {@code c} is escaped by {@link #escape}. */
  public static boolean isUnsafe(int c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f)
        || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
        || c == 0x200e || c == 0x200f || c == 0x061c || c == 0x2028 || c == 0x2029;
  }

  /** {@code text} with every unsafe character, newlines too, as a visible escape; one line. */
  public static String escape(CharSequence text) {
    return escape(text, false);
  }

  /** {@code 'text'}, escaped: for quoting input in a message. */
  public static String quote(CharSequence text) {
    return "'" + escape(text, false) + "'";
  }

  /**
   * {@code text} escaped as {@link #escape}, except line feeds (and a carriage return before one)
   * and tabs, which stay: for a message whose own lines are intended, such as a list of problems.
   */
  public static String escapeKeepingLines(CharSequence text) {
    return escape(text, true);
  }

  private static String escape(CharSequence text, boolean keepLines) {
    int n = text.length();
    int i = 0;
    while (i < n && !needsEscape(text, i, keepLines)) i++;
    if (i == n) return text.toString();
    StringBuilder sb = new StringBuilder(n + 16).append(text, 0, i);
    for (; i < n; i++) {
      char c = text.charAt(i);
      if (!needsEscape(text, i, keepLines)) {
        sb.append(c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c == '\t') {
        sb.append("\\t");
      } else {
        sb.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
            .append(HEX[c & 0xf]);
      }
    }
    return sb.toString();
  }

  private static boolean needsEscape(CharSequence text, int i, boolean keepLines) {
    char c = text.charAt(i);
    if (!isUnsafe(c)) return false;
    if (!keepLines) return true;
    if (c == '\n' || c == '\t') return false;
    return !(c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n');
  }
}

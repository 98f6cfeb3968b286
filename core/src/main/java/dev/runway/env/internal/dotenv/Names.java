package dev.runway.env.internal.dotenv;

/** What a variable name may contain: letters, digits and {@code _ . - [ ]}, as compose-go allows. */
final class Names {
  private Names() {}

  static boolean isNameChar(char c) {
    if (c < 0x80) {
      return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '_' || c == '.' || c == '-' || c == '[' || c == ']';
    }
    // Letters and digits of any script in the BMP (compose-go takes unicode.IsLetter / IsNumber).
    return Character.isLetterOrDigit(c);
  }

  /** A name {@link DotenvParser} reads back as written: non-empty and made of name characters. */
  static boolean isValidName(String name) {
    if (name.isEmpty()) return false;
    for (int i = 0; i < name.length(); i++) {
      if (!isNameChar(name.charAt(i))) return false;
    }
    return true;
  }

  /** Horizontal space: compose-go's isSpace (tab, VT, FF, CR, space, NEL, NBSP), never a newline. */
  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\u000B' || c == '\f' || c == '\r' || c == '\u0085' || c == '\u00A0';
  }

  /** How a character is shown in an error: printable ASCII as itself, anything else as U+XXXX. */
  static String describe(char c) {
    if (c > 0x20 && c < 0x7F) return "'" + c + "' (U+" + String.format("%04X", (int) c) + ")";
    return "U+" + String.format("%04X", (int) c);
  }
}

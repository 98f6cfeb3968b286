package dev.runway.env.internal.dotenv;

/**
 * The backslash escapes of a double-quoted value, as compose-go reads them: {@code \a \b \f \n \r
 * \t \v \\}, {@code \0ooo} (octal), and {@code \$}, which becomes {@code $$} so that expansion
 * leaves a literal {@code $}. Any other backslash stays as written.
 */
final class Escapes {
  private Escapes() {}

  static String unescape(String raw) {
    int bs = raw.indexOf('\\');
    if (bs < 0) return raw;
    StringBuilder out = new StringBuilder(raw.length());
    out.append(raw, 0, bs);
    int n = raw.length();
    int i = bs;
    while (i < n) {
      char c = raw.charAt(i);
      if (c != '\\' || i + 1 >= n) {
        out.append(c);
        i++;
        continue;
      }
      char e = raw.charAt(i + 1);
      switch (e) {
        case 'a': out.append('\u0007'); i += 2; break;
        case 'b': out.append('\b'); i += 2; break;
        case 'f': out.append('\f'); i += 2; break;
        case 'n': out.append('\n'); i += 2; break;
        case 'r': out.append('\r'); i += 2; break;
        case 't': out.append('\t'); i += 2; break;
        case 'v': out.append('\u000B'); i += 2; break;
        case '\\': out.append('\\'); i += 2; break;
        case '"': out.append('"'); i += 2; break;
        case '$': out.append("$$"); i += 2; break;
        case '0': {
          int v = octal(raw, i + 2);
          if (v >= 0) {
            out.append((char) v);
            i += 5;
          } else {
            out.append("\\0");
            i += 2;
          }
          break;
        }
        default:
          out.append('\\');
          i++;
      }
    }
    return out.toString();
  }

  /** The value of three octal digits at {@code at} when it fits a byte, else -1. */
  private static int octal(String s, int at) {
    if (at + 3 > s.length()) return -1;
    int v = 0;
    for (int k = at; k < at + 3; k++) {
      char d = s.charAt(k);
      if (d < '0' || d > '7') return -1;
      v = v * 8 + (d - '0');
    }
    return v <= 0xFF ? v : -1;
  }
}

package dev.runway.security.internal;

import dev.runway.env.Dotenv;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The comments and blank lines of a plain dotenv file, kept (encrypted) in its {@code .enc} file so
 * that decrypting gives them back. One entry per line of the plain file: a comment line as it was,
 * a blank line as {@code ""}, an assignment as {@code =NAME}. Comments after a value on the same
 * line are not kept.
 */
public final class Layout {
  private static final Pattern ASSIGNMENT =
      Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.\\-]*)\\s*=(.*)$");

  private Layout() {}

  /** The layout of a plain file, or {@code null} when it has no comment and no blank line. */
  public static @org.jspecify.annotations.Nullable String of(String plain) {
    String[] lines = plain.replace("\r\n", "\n").split("\n", -1);
    int end = lines.length;
    if (end > 0 && lines[end - 1].isEmpty()) end--; // the final newline is no blank line
    List<String> out = new ArrayList<>();
    boolean decorated = false;
    for (int i = 0; i < end; i++) {
      String line = lines[i];
      if (i == 0 && line.startsWith("\uFEFF")) line = line.substring(1);
      if (line.isBlank()) {
        out.add("");
        decorated = true;
        continue;
      }
      if (line.stripLeading().startsWith("#")) {
        out.add(line);
        decorated = true;
        continue;
      }
      Matcher m = ASSIGNMENT.matcher(line);
      if (!m.matches()) continue;
      out.add("=" + m.group(1));
      // A quoted value may run over several lines: skip to its closing quote.
      String rest = m.group(2).stripLeading();
      if (rest.isEmpty()) continue;
      char q = rest.charAt(0);
      if (q != '"' && q != '\'' && q != '`') continue;
      int from = 1;
      String text = rest;
      while (closing(text, from, q) < 0 && i + 1 < end) {
        i++;
        text = lines[i];
        from = 0;
      }
    }
    return decorated ? String.join("\n", out) : null;
  }

  private static int closing(String text, int from, char q) {
    for (int j = from; j < text.length(); j++) {
      char c = text.charAt(j);
      if (c == '\\' && q == '"') {
        j++;
      } else if (c == q) {
        return j;
      }
    }
    return -1;
  }

  /** Dotenv text of {@code values} laid out by {@code layout}; values it does not name go last. */
  public static String render(@org.jspecify.annotations.Nullable String layout, Map<String, String> values) {
    if (layout == null) return Dotenv.format(values);
    StringBuilder out = new StringBuilder();
    Set<String> done = new HashSet<>();
    for (String entry : layout.split("\n", -1)) {
      if (entry.startsWith("=")) {
        String name = entry.substring(1);
        if (values.containsKey(name) && done.add(name)) out.append(Dotenv.format(Map.of(name, values.get(name))));
      } else {
        out.append(entry).append('\n');
      }
    }
    Map<String, String> rest = new LinkedHashMap<>();
    values.forEach((name, value) -> {
      if (!done.contains(name)) rest.put(name, value);
    });
    if (!rest.isEmpty()) out.append(Dotenv.format(rest));
    return out.toString();
  }
}

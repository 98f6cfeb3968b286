package dev.runway.dockersim.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile as instructions with their first line: comments, parser directives and line
 * continuations handled, heredoc bodies skipped. Never throws: text that is not an instruction is
 * kept as an instruction with an unknown keyword, which the checks ignore.
 */
public final class Dockerfile {
  private static final Pattern HEREDOC = Pattern.compile("<<-?\\s*[\"']?([A-Za-z_][A-Za-z0-9_]*)[\"']?");
  private static final Pattern ESCAPE_DIRECTIVE = Pattern.compile("#\\s*escape\\s*=\\s*(\\S)", Pattern.CASE_INSENSITIVE);

  private Dockerfile() {}

  /** One instruction: keyword in upper case, the arguments as written (continuations joined), its first line. */
  public record Instruction(String keyword, String arguments, int line) {
    /** The exec form's words, when the arguments are a JSON array of strings. */
    public Optional<List<String>> execForm() {
      return jsonArray(arguments);
    }
  }

  public static List<Instruction> parse(String text) {
    String[] lines = text.split("\r?\n", -1);
    char escape = '\\';
    int i = 0;
    // Parser directives come first, before any instruction, blank line or other comment.
    while (i < lines.length && lines[i].trim().startsWith("#")) {
      Matcher m = ESCAPE_DIRECTIVE.matcher(lines[i].trim());
      if (m.matches()) escape = m.group(1).charAt(0);
      else if (!lines[i].trim().matches("#\\s*[a-zA-Z]+\\s*=.*")) break;
      i++;
    }
    List<Instruction> out = new ArrayList<>();
    while (i < lines.length) {
      String line = lines[i];
      String trimmed = line.trim();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        i++;
        continue;
      }
      int first = i + 1;
      StringBuilder sb = new StringBuilder();
      String current = stripTrailing(line);
      while (endsWithEscape(current, escape) && i + 1 < lines.length) {
        sb.append(current, 0, current.length() - 1).append(' ');
        i++;
        // Comment lines inside a continuation are removed, as Docker does.
        while (i < lines.length && lines[i].trim().startsWith("#")) i++;
        current = i < lines.length ? stripTrailing(lines[i]) : "";
      }
      sb.append(endsWithEscape(current, escape) ? current.substring(0, current.length() - 1) : current);
      i++;
      String joined = sb.toString().trim();
      int space = firstSpace(joined);
      String keyword = (space < 0 ? joined : joined.substring(0, space)).toUpperCase(Locale.ROOT);
      String args = space < 0 ? "" : joined.substring(space).trim();
      out.add(new Instruction(keyword, args, first));
      Matcher heredoc = HEREDOC.matcher(args);
      if ((keyword.equals("RUN") || keyword.equals("COPY")) && heredoc.find()) {
        String end = heredoc.group(1);
        while (i < lines.length && !lines[i].trim().equals(end)) i++;
        i++;
      }
    }
    return out;
  }

  private static boolean endsWithEscape(String s, char escape) {
    return !s.isEmpty() && s.charAt(s.length() - 1) == escape;
  }

  private static String stripTrailing(String s) {
    int end = s.length();
    while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) end--;
    return s.substring(0, end);
  }

  private static int firstSpace(String s) {
    for (int k = 0; k < s.length(); k++) if (Character.isWhitespace(s.charAt(k))) return k;
    return -1;
  }

  /** A JSON array of strings, as the exec form writes it; empty when it is not one. */
  static Optional<List<String>> jsonArray(String text) {
    String s = text.trim();
    if (!s.startsWith("[") || !s.endsWith("]")) return Optional.empty();
    List<String> words = new ArrayList<>();
    int k = 1;
    int n = s.length() - 1;
    while (true) {
      while (k < n && Character.isWhitespace(s.charAt(k))) k++;
      if (k >= n) break;
      if (s.charAt(k) != '"') return Optional.empty();
      StringBuilder w = new StringBuilder();
      k++;
      boolean closed = false;
      while (k < n) {
        char c = s.charAt(k++);
        if (c == '\\' && k < n) {
          char e = s.charAt(k++);
          w.append(switch (e) {
            case 'n' -> '\n';
            case 't' -> '\t';
            default -> e;
          });
        } else if (c == '"') {
          closed = true;
          break;
        } else {
          w.append(c);
        }
      }
      if (!closed) return Optional.empty();
      words.add(w.toString());
      while (k < n && Character.isWhitespace(s.charAt(k))) k++;
      if (k < n) {
        if (s.charAt(k) != ',') return Optional.empty();
        k++;
      }
    }
    return Optional.of(List.copyOf(words));
  }
}

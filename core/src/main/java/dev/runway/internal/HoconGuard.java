package dev.runway.internal;

import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Looks at HOCON text before Typesafe Config parses and resolves it, because Typesafe Config's
 * parser recurses once per nesting level (3,000 levels overflow the stack) and resolves
 * {@code b = ${a}${a}, c = ${b}${b}, ...} by building every doubled value (the memory runs out).
 *
 * <p>The scan is linear and deliberately rough: it finds fields ({@code key = value},
 * {@code key { ... }}, {@code key += value}) and their {@code ${path}} substitutions, and
 * over-estimates the size of every value once substituted. Real files are far below the limits;
 * what it cannot see (a bomb spread over included files) is still caught by
 * {@link HoconModel}, which turns the resulting memory or stack error into a one-line message.
 */
final class HoconGuard {
  /** Brackets and braces open at once; real runway.conf files nest fewer than ten. */
  static final int MAX_NESTING = 64;
  /** Links in a chain of substitutions ({@code a = ${b}}, {@code b = ${c}}, ...). */
  static final int MAX_SUBSTITUTION_DEPTH = 64;
  /** The text all values add up to once substituted, in characters. */
  static final long MAX_EXPANDED = 16L * 1024 * 1024;

  private record Field(String path, int line, long literal, List<String> refs) {}

  private final String text;
  private final Origin origin;
  private final List<Field> fields = new ArrayList<>();
  private final Map<String, List<Integer>> byPath = new HashMap<>();
  private final Map<String, List<Integer>> byPrefix = new HashMap<>();
  private final Map<String, long[]> pathMemo = new HashMap<>(); // path -> {size, depth}
  private long[] fieldSize = new long[0];
  private int[] fieldDepth = new int[0];

  private HoconGuard(String text, Origin origin) {
    this.text = text;
    this.origin = origin;
  }

  /** @throws RunwayException.ParseFailed when the text nests or expands past the limits */
  static void check(String text, Origin origin) {
    HoconGuard guard = new HoconGuard(text, origin);
    guard.scan();
    guard.expansion();
  }

  // ------------------------------------------------------------------ scanning

  private void scan() {
    int n = text.length();
    int line = 1;
    List<String> frames = new ArrayList<>(); // path prefixes of the open objects
    int valueDepth = 0;                       // brackets open inside the current value
    boolean expectKey = true;
    StringBuilder key = new StringBuilder();
    boolean inKey = false;
    String fieldPath = null;
    int fieldLine = 0;
    long literal = 0;
    List<String> refs = new ArrayList<>();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        i++;
        if (valueDepth == 0) {
          if (fieldPath != null) fieldPath = endField(fieldPath, fieldLine, literal, refs);
          if (!inKey) expectKey = true;
        }
        continue;
      }
      if (c == '#' || (c == '/' && i + 1 < n && text.charAt(i + 1) == '/')) {
        while (i < n && text.charAt(i) != '\n') i++;
        continue;
      }
      if (c == '"') {
        int end = stringEnd(i);
        for (int k = i; k < end; k++) if (text.charAt(k) == '\n') line++;
        if (inKey || expectKey) {
          key.append(text, i, end);
          inKey = true;
          expectKey = false;
        } else {
          literal += end - i;
        }
        i = end;
        continue;
      }
      if (expectKey || inKey) {
        if (Character.isWhitespace(c) && !inKey) {
          i++;
          continue;
        }
        if (c == '}' && !inKey) {
          if (!frames.isEmpty()) frames.remove(frames.size() - 1);
          i++;
          continue;
        }
        if (c == ',' && !inKey) {
          i++;
          continue;
        }
        if (!inKey && text.startsWith("include", i) && i + 7 < n && !isKeyPart(text.charAt(i + 7))
            && text.charAt(i + 7) != '=' && text.charAt(i + 7) != ':') {
          while (i < n && text.charAt(i) != '\n') i++;
          continue;
        }
        if (c == '=' || c == ':' || c == '{' || (c == '+' && i + 1 < n && text.charAt(i + 1) == '=')) {
          String path = prefix(frames) + normalize(key);
          key.setLength(0);
          inKey = false;
          expectKey = false;
          if (c == '+') i++;
          boolean append = c == '+';
          i++;
          if (c != '{') {
            while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) i++;
            if (i < n && text.charAt(i) == '{') c = '{';
          }
          if (c == '{' && !append) {
            if (i < n && text.charAt(i) == '{') i++;
            frames.add(path);
            nesting(frames.size(), line);
            expectKey = true;
            continue;
          }
          fieldPath = path;
          fieldLine = line;
          literal = 0;
          refs = new ArrayList<>();
          if (append) refs.add(path);
          continue;
        }
        if (c == '[' || c == ']') {
          // An array where a key belongs (a root array): count it as a value.
          inKey = false;
          expectKey = false;
          fieldPath = prefix(frames) + "[]";
          fieldLine = line;
          literal = 0;
          refs = new ArrayList<>();
          continue;
        }
        key.append(c);
        inKey = true;
        i++;
        continue;
      }
      // inside a value
      if (c == '$' && i + 1 < n && text.charAt(i + 1) == '{') {
        int close = text.indexOf('}', i + 2);
        if (close < 0) close = n;
        String ref = text.substring(i + 2, close).trim();
        if (ref.startsWith("?")) ref = ref.substring(1).trim();
        refs.add(ref.replace("\"", ""));
        i = Math.min(n, close + 1);
        continue;
      }
      if (c == '[' || c == '{') {
        valueDepth++;
        nesting(frames.size() + valueDepth, line);
      } else if ((c == ']' || c == '}') && valueDepth > 0) {
        valueDepth--;
      } else if (valueDepth == 0 && (c == ',' || c == '}')) {
        if (fieldPath != null) fieldPath = endField(fieldPath, fieldLine, literal, refs);
        expectKey = true;
        if (c == '}' && !frames.isEmpty()) frames.remove(frames.size() - 1);
        i++;
        continue;
      }
      literal++;
      i++;
    }
    if (fieldPath != null) endField(fieldPath, fieldLine, literal, refs);
  }

  private @org.jspecify.annotations.Nullable String endField(String path, int line, long literal, List<String> refs) {
    int index = fields.size();
    fields.add(new Field(path, line, literal, List.copyOf(refs)));
    byPath.computeIfAbsent(path, k -> new ArrayList<>()).add(index);
    for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
      byPrefix.computeIfAbsent(path.substring(0, dot), k -> new ArrayList<>()).add(index);
    }
    return null;
  }

  private void nesting(int depth, int line) {
    if (depth > MAX_NESTING) {
      Origin at = origin.withLine(line);
      throw new RunwayException.ParseFailed(at + ": nests more than " + MAX_NESTING + " levels of { } and [ ] (the"
          + " limit for runway.conf); flatten the structure", at);
    }
  }

  private int stringEnd(int start) {
    int n = text.length();
    if (text.startsWith("\"\"\"", start)) {
      int close = text.indexOf("\"\"\"", start + 3);
      if (close < 0) return n;
      int end = close + 3;
      while (end < n && text.charAt(end) == '"') end++;
      return end;
    }
    for (int i = start + 1; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\\') i++;
      else if (c == '"' || c == '\n') return i + 1;
    }
    return n;
  }

  private static boolean isKeyPart(char c) {
    return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.';
  }

  private static String prefix(List<String> frames) {
    return frames.isEmpty() ? "" : frames.get(frames.size() - 1) + ".";
  }

  private static String normalize(StringBuilder key) {
    return key.toString().trim().replace("\"", "").replaceAll("\\s+", " ");
  }

  // ------------------------------------------------------------------ expansion

  private void expansion() {
    fieldSize = new long[fields.size()];
    fieldDepth = new int[fields.size()];
    java.util.Arrays.fill(fieldSize, -1);
    long total = 0;
    for (int i = 0; i < fields.size(); i++) {
      long size = fieldSize(i, 0);
      total = Math.min(MAX_EXPANDED + 1, total + size);
      if (size > MAX_EXPANDED || total > MAX_EXPANDED) throw tooLarge(fields.get(i));
    }
  }

  /**
   * Over-estimated size of field {@code i} once substituted, and (in {@link #fieldDepth}) the
   * longest chain of substitutions below it; {@code level} is this call's own recursion depth.
   */
  private long fieldSize(int i, int level) {
    if (fieldSize[i] >= 0) return fieldSize[i];
    Field f = fields.get(i);
    if (level > MAX_SUBSTITUTION_DEPTH) throw tooDeep(f);
    long size = f.literal();
    int depth = 0;
    for (String ref : f.refs()) {
      long add = 0;
      int below = 0;
      if (ref.equals(f.path())) { // a self-reference means the value before this field
        for (int j : byPath.getOrDefault(ref, List.of())) {
          if (j >= i) break;
          add = Math.min(MAX_EXPANDED + 1, add + fieldSize(j, level + 1));
          below = Math.max(below, fieldDepth[j]);
        }
      } else {
        long[] p = pathSize(ref, level + 1);
        add = p[0];
        below = (int) p[1];
      }
      size = Math.min(MAX_EXPANDED + 1, size + add);
      depth = Math.max(depth, below + 1);
    }
    if (depth > MAX_SUBSTITUTION_DEPTH) throw tooDeep(f);
    fieldSize[i] = size;
    fieldDepth[i] = depth;
    return size;
  }

  /** {size, depth} of everything defined at or below {@code path}. */
  private long[] pathSize(String path, int level) {
    long[] memo = pathMemo.get(path);
    if (memo != null) return memo; // {0, 0} while in progress: a cycle, which Typesafe Config reports
    pathMemo.put(path, new long[] {0, 0});
    long size = 0;
    int depth = 0;
    for (Map<String, List<Integer>> index : List.of(byPath, byPrefix)) {
      for (int j : index.getOrDefault(path, List.of())) {
        size = Math.min(MAX_EXPANDED + 1, size + fieldSize(j, level));
        depth = Math.max(depth, fieldDepth[j]);
      }
    }
    long[] result = {size, depth};
    pathMemo.put(path, result);
    return result;
  }

  private RunwayException tooDeep(Field f) {
    Origin at = origin.withLine(f.line());
    return new RunwayException.ParseFailed(at + ": " + f.path() + ": substitutions refer to substitutions more than "
        + MAX_SUBSTITUTION_DEPTH + " levels deep (the limit for runway.conf); refer to the value itself", at);
  }

  private RunwayException tooLarge(Field f) {
    Origin at = origin.withLine(f.line());
    return new RunwayException.ParseFailed(at + ": " + f.path() + ": substitutions expand past 16 MB of text (the"
        + " limit for runway.conf); refer to each value fewer times", at);
  }
}

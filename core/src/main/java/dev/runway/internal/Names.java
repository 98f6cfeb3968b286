package dev.runway.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" suggestions and "(known: a, b)" lists for messages about unknown names. */
public final class Names {
  private Names() {}

  /** The known name closest to {@code name}, when one is close enough to be a likely typo. */
  public static Optional<String> closest(String name, Collection<String> known) {
    String lower = name.toLowerCase(Locale.ROOT);
    int limit = Math.max(1, Math.min(3, name.length() / 4));
    return known.stream()
        .filter(k -> k.equalsIgnoreCase(name) || distance(lower, k.toLowerCase(Locale.ROOT)) <= limit)
        .min(Comparator.comparingInt((String k) -> distance(lower, k.toLowerCase(Locale.ROOT))).thenComparing(k -> k));
  }

  /** {@code "known: a, b, c"}, sorted, or {@code "none declared"}. */
  public static String known(Collection<String> names) {
    if (names.isEmpty()) return "none declared";
    return "known: " + String.join(", ", names.stream().sorted().toList());
  }

  /** Levenshtein distance. */
  public static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}

package dev.runway.platform;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" suggestions and "(known: a, b)" lists for messages about unknown names. */
public final class Names {
  private Names() {}

  /** The known name closest to {@code name}, when one is close enough to be a likely typo. */
  public static Optional<String> closest(String name, Collection<String> known) {
    return closest(name, known, Math.max(1, Math.min(3, name.length() / 4)));
  }

  /** The known name closest to {@code name} within {@code maxDistance} edits (case ignored). */
  public static Optional<String> closest(String name, Collection<String> known, int maxDistance) {
    String lower = name.toLowerCase(Locale.ROOT);
    int limit = maxDistance;
    return known.stream()
        .filter(k -> k.equalsIgnoreCase(name) || distance(lower, k.toLowerCase(Locale.ROOT)) <= limit)
        .min(Comparator.comparingInt((String k) -> distance(lower, k.toLowerCase(Locale.ROOT))).thenComparing(k -> k));
  }

  /** {@code "known: a, b, c"}, sorted, or {@code "none declared"}. */
  public static String known(Collection<String> names) {
    if (names.isEmpty()) return "none declared";
    return "known: " + String.join(", ", names.stream().sorted().toList());
  }

  /**
   * Edit distance counting an insertion, a deletion, a substitution or a swap of two adjacent
   * characters as one edit (optimal string alignment), so that {@code prot} is one edit from
   * {@code port}, as a typist would count it.
   */
  public static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}

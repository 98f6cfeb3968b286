package dev.runway.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** What the env-store properties of core, Render and Vercel share: generated contents and temp clean-up. */
public final class SyncFixtures {
  private static final String[] NAMES = {"A", "B", "C", "D", "E", "F", "OPENAI_API_KEY", "PORT", "X_1"};

  private SyncFixtures() {}

  /** Up to 7 variables, values including the awkward ones: empty, spaces, quotes, new lines, {@code $}, {@code #}, non-ASCII. */
  public static Arbitrary<Map<String, String>> contents() {
    Arbitrary<String> values = Arbitraries.oneOf(
        Arbitraries.strings().alpha().numeric().ofMaxLength(12),
        Arbitraries.of("", "same", "with space", "quote\"d", "multi\nline", "$HOME", "a #b", "é😀"));
    return Arbitraries.maps(Arbitraries.of(NAMES), values).ofMaxSize(7);
  }

  /** Subsets of the same names, for key-restricted syncs. */
  public static Arbitrary<Set<String>> keySets() {
    return Arbitraries.of(NAMES).set().ofMaxSize(9);
  }

  /** Every key of either map. */
  public static Set<String> union(Map<String, String> a, Map<String, String> b) {
    Set<String> s = new HashSet<>(a.keySet());
    s.addAll(b.keySet());
    return s;
  }

  /** Deletes each folder with everything in it, then forgets them. */
  public static void deleteAll(List<Path> dirs) throws IOException {
    for (Path dir : dirs) {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
      }
    }
    dirs.clear();
  }
}

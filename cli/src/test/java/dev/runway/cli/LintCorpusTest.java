package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.base.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runway's model-free checks on real public files (src/test/resources/corpus, origins in its
 * README): every finding on them was reviewed as a real problem for the platform and is listed in
 * expected-findings.txt. A finding not listed is either a real problem (review it, then add it) or
 * a false positive (fix the rule); a listed one that disappears means a check was lost.
 */
class LintCorpusTest {
  private static final Path CORPUS = Path.of("src/test/resources/corpus");
  private static final Path EXPECTED = CORPUS.resolve("expected-findings.txt");

  static List<String> findings() throws IOException {
    List<String> out = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(CORPUS)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path file : files) {
      Optional<LintCommand.FileKind> kind = LintCommand.FileKind.of(file.getFileName().toString());
      if (kind.isEmpty()) continue;
      String name = CORPUS.relativize(file).toString().replace('\\', '/');
      for (Problem p : Linters.check(kind.get(), file, Optional.empty()).all()) {
        int line = p.origin().map(o -> o.line()).orElse(0);
        out.add(name + ":" + line + " " + p.severity() + " " + p.code() + " " + p.subject());
      }
    }
    return out;
  }

  @Test
  void everyFindingOnTheRealFilesIsAReviewedRealProblem() throws IOException {
    List<String> found = findings();
    if (Boolean.getBoolean("runway.corpus.write")) {
      Files.write(EXPECTED, new TreeSet<>(found), StandardCharsets.UTF_8);   // to review, after a rule changes
    }
    TreeSet<String> expected = new TreeSet<>();
    for (String line : Files.readAllLines(EXPECTED, StandardCharsets.UTF_8)) {
      if (!line.isBlank() && !line.startsWith("#")) expected.add(line);
    }
    TreeSet<String> unexpected = new TreeSet<>(found);
    unexpected.removeAll(expected);
    TreeSet<String> lost = new TreeSet<>(expected);
    found.forEach(lost::remove);
    assertThat(unexpected).as("findings on real files that nobody reviewed (a false positive, or a real problem to add)")
        .isEmpty();
    assertThat(lost).as("reviewed findings no longer reported").isEmpty();
  }

  @Test
  void theCorpusHoldsAtLeastThirtyFilesOfEachKind() throws IOException {
    for (String kind : List.of("render", "vercel", "compose", "env")) {
      try (Stream<Path> walk = Files.walk(CORPUS.resolve(kind))) {
        assertThat(walk.filter(Files::isRegularFile).count()).as(kind).isGreaterThanOrEqualTo(30);
      }
    }
  }
}

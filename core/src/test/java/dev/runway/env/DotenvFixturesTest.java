package dev.runway.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import dev.runway.internal.Json;
import dev.runway.testkit.Specs;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Runs every fixture in {@code shared/specs/dotenv/} (other parsers' test files, read in place)
 * through Runway's parser and compares with {@code src/test/resources/dotenv/expected/<folder>/}:
 * the upstream test's expected values, or Runway's value with a {@code differs} note where Runway
 * deliberately parts from a parser other than compose-go (listed in docs/dotenv.md).
 */
class DotenvFixturesTest {

  static Path expectedRoot() throws URISyntaxException {
    URL url = DotenvFixturesTest.class.getResource("/dotenv/expected");
    assertThat(url).as("test resources dotenv/expected").isNotNull();
    return Path.of(url.toURI());
  }

  static Path fixturesRoot() {
    return Specs.path("dotenv");
  }

  static List<Path> fixtureFiles() throws IOException {
    try (Stream<Path> s = Files.walk(fixturesRoot())) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().equals("SOURCE.txt"))
          .sorted()
          .toList();
    }
  }

  static Stream<Arguments> expectations() throws Exception {
    Path root = expectedRoot();
    List<Arguments> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        out.add(Arguments.of(root.relativize(p).toString(), Json.mapper().readTree(Files.readString(p))));
      }
    }
    return out.stream();
  }

  @Test
  void everyFixtureFileHasAnExpectation() throws Exception {
    Path root = expectedRoot();
    List<Path> fixtures = fixtureFiles();
    assertThat(fixtures).hasSizeGreaterThanOrEqualTo(40);
    Set<String> covered = new HashSet<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(f -> f.toString().endsWith(".json"))
          .forEach(f -> covered.add(Json.mapper().readTree(readUnchecked(f)).get("fixture").asString()));
    }
    List<String> missing = new ArrayList<>();
    for (Path f : fixtures) {
      String rel = fixturesRoot().relativize(f).toString().replace('\\', '/');
      if (!covered.contains(rel)) missing.add(rel);
      assertThat(Files.exists(root.resolve(rel + ".json"))).as("expected/%s.json", rel).isTrue();
    }
    assertThat(missing).as("fixtures without an expectation").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expectations")
  void parsesLikeTheUpstreamTestExpectsOrAsDocumented(String name, JsonNode expectation) throws Exception {
    assertThat(expectation.path("source").asString()).as("source").isNotBlank();
    Path fixture = fixturesRoot().resolve(expectation.get("fixture").asString());
    Map<String, String> lookupValues = strings(expectation.path("lookup"));
    java.util.function.Function<String, Optional<String>> lookup = n -> Optional.ofNullable(lookupValues.get(n));

    java.util.concurrent.Callable<DotenvFile> parse;
    if (expectation.has("blankLines")) {
      Set<Integer> blank = new HashSet<>();
      expectation.get("blankLines").forEach(n -> blank.add(n.asInt()));
      String text = Files.readString(fixture, StandardCharsets.UTF_8);
      String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length; i++) if (blank.contains(i + 1)) lines[i] = "";
      String edited = String.join("\n", lines);
      parse = () -> Dotenv.parse(edited, Origin.file(fixture), lookup);
    } else {
      parse = () -> Dotenv.read(fixture, lookup);
    }

    if (expectation.has("error")) {
      int line = expectation.get("error").get("line").asInt();
      RunwayException.ParseFailed e = catchThrowableOfType(RunwayException.ParseFailed.class, parse::call);
      assertThat(e).as("ParseFailed").isNotNull();
      assertThat(e.origin()).contains(Origin.file(fixture, line));
      assertThat(e.getMessage())
          .isEqualTo(fixture + ":" + line + ": " + expectation.get("error").get("message").asString());
      assertNoValueOfTheFileIn(e.getMessage(), fixture);
    } else {
      DotenvFile file = parse.call();
      Map<String, String> expected = strings(expectation.get("values"));
      assertThat(file.values()).containsExactlyEntriesOf(expected);
      assertThat(file.source()).isEqualTo(Origin.file(fixture));
    }
  }

  /** Every value-looking text of the fixture (after = or :, 4+ characters) is absent from the message. */
  private static void assertNoValueOfTheFileIn(String message, Path fixture) throws IOException {
    for (String line : Files.readAllLines(fixture, StandardCharsets.ISO_8859_1)) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) continue;
      int eq = t.indexOf('=');
      String value = eq >= 0 ? t.substring(eq + 1).strip() : t;
      if (value.length() >= 6) assertThat(message).doesNotContain(value);
    }
  }

  private static Map<String, String> strings(JsonNode node) {
    Map<String, String> m = new LinkedHashMap<>();
    if (node != null && node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) m.put(e.getKey(), e.getValue().asString());
    }
    return m;
  }

  private static String readUnchecked(Path p) {
    try (InputStream in = Files.newInputStream(p)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

package dev.runway.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class DotenvProperties {
  private static final Origin SOURCE = Origin.file(Path.of(".env.test"));

  @Provide
  Arbitrary<String> names() {
    Arbitrary<Character> first = Arbitraries.of('A', 'Z', 'a', '_', 'é', 'Ж');
    Arbitrary<String> rest = Arbitraries.strings().withChars("ABCXYZabcz0129_.-[]éЖ").ofMaxLength(12);
    return Combinators.combine(first, rest).as((f, r) -> f + r)
        .filter(n -> !n.equals("export") && !n.startsWith("export"));
  }

  @Provide
  Arbitrary<String> values() {
    Arbitrary<String> tricky = Arbitraries.strings()
        .withChars(" \t\n\r\"'`\\$#{}=:-+?!()@é😀\u0000\u0007\u000B\u00A0\u0085\uFEFFaZ09")
        .ofMaxLength(24);
    return Arbitraries.oneOf(tricky, Arbitraries.strings().ofMaxLength(24), Arbitraries.just(""),
        Arbitraries.of("  lead", "trail  ", "${HOME}", "$HOME", "a #b", "#x", "\"q\"", "'s'", "\\", "\\$", "$$"));
  }

  @Property(tries = 400)
  void formatThenParseGivesBackTheSameValues(
      @ForAll("maps") Map<String, String> values) {
    DotenvFile parsed = Dotenv.parse(Dotenv.format(values), SOURCE, n -> Optional.of("LOOKUP-" + n));
    assertThat(parsed.values()).isEqualTo(values);
  }

  @Provide
  Arbitrary<Map<String, String>> maps() {
    return Arbitraries.maps(names(), values()).ofMaxSize(8);
  }

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> structured = Arbitraries.strings()
        .withChars("AB_ =:\"'`\\$#{}\n\r\t-.export \uFEFF")
        .ofMaxLength(60);
    Arbitrary<String> lines = Arbitraries.of(
            "A=1", "export B='x'", "C=\"multi", "line\"", "D=${A:-x}", "E=${", "F=${A:?no}", "G", "# c",
            "H: v", "=v", "I J=1", "K=`open", "L=\"a\"b", "M=$(x)", "N=${A.B}", "", "   ", "\t#x")
        .list().ofMaxSize(8).map(l -> String.join("\n", l));
    return Arbitraries.oneOf(structured, lines, Arbitraries.strings().ofMaxLength(80));
  }

  @Property(tries = 1000)
  void anyTextParsesOrFailsWithAnOrigin(@ForAll("texts") String text) {
    try {
      DotenvFile f = Dotenv.parse(text, SOURCE, n -> n.startsWith("A") ? Optional.of("a") : Optional.empty());
      assertThat(f.entries()).allSatisfy(e -> assertThat(e.origin().path()).isPresent());
    } catch (RunwayException e) {
      assertThat(e).isInstanceOf(RunwayException.ParseFailed.class);
      assertThat(e.origin()).isPresent();
      assertThat(e.origin().orElseThrow().line()).isPositive();
      assertThat(e.getMessage()).startsWith(".env.test:" + e.origin().orElseThrow().line() + ": ");
    }
  }

  @Provide
  Arbitrary<String> secrets() {
    return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/+")
        .ofMinLength(12).ofMaxLength(40).map(s -> "sk" + s);
  }

  /** Malformed lines that carry a secret; %s is where the secret goes. */
  @Provide
  Arbitrary<String> brokenLines() {
    return Arbitraries.of(
        "API_KEY=\"%s", "API_KEY='%s", "API_KEY=\"%s\"tail", "API_KEY=\"%s\nmore\"x", "API KEY=%s",
        "%s", "my secret %s", "API_KEY=`%s", "API_KEY=${%s}", "API_KEY=${X:?%s}", "=%s", "%s=1 2",
        "API_KEY=${%s");
  }

  @Property(tries = 500)
  void aParseErrorNeverContainsTheValueOfTheOffendingLine(
      @ForAll("secrets") String secret, @ForAll("brokenLines") String template, @ForAll boolean leadingLines) {
    String text = (leadingLines ? "OK=1\n# comment\n" : "") + template.formatted(secret);
    try {
      Dotenv.parse(text, SOURCE, n -> Optional.empty());
    } catch (RunwayException e) {
      assertThat(e.getMessage()).doesNotContain(secret).doesNotContain(secret.substring(2, 10));
      return;
    }
    // Some templates are valid for some secrets (e.g. "%s" alone is a bare name); then nothing was reported.
    assertThat(List.of("%s", "%s=1 2", "API_KEY=${%s}")).contains(template);
  }
}

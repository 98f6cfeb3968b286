package dev.runway.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/** Var.parse on any text yields a value or an IllegalArgumentException, never another exception. */
class VarParseProperties {

  enum Level { DEBUG, INFO, LOG_LEVEL }

  private static final List<Var<?>> BUILT_IN = List.of(Var.string("V"), Var.integer("V"), Var.longInteger("V"),
      Var.bool("V"), Var.decimal("V"), Var.duration("V"), Var.port("V"), Var.url("V"), Var.uri("V"), Var.host("V"),
      Var.email("V"), Var.oneOf("V", "debug", "info"), Var.enumeration("V", Level.class), Var.list("V"),
      Var.list("V", ";"), Var.json("V"), Var.postgresUrl("V"), Var.secret("V"));

  /** A built-in variable with any text, or with text close to its own grammar so that its parser gets deep. */
  @Provide
  Arbitrary<Tuple2<Var<?>, String>> cases() {
    return Arbitraries.of(BUILT_IN).flatMap(v -> Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.strings().ofMaxLength(300)),
            Tuple.of(1, symbols()),
            Tuple.of(3, grammarOf(v.typeName())))
        .map(text -> Tuple.of(v, text)));
  }

  private static Arbitrary<String> symbols() {
    return Arbitraries.strings().withChars("0123456789-+.eEPTDHMSmshd:/@[]?&=%#{}\"',; _xXaz\\").ofMaxLength(60);
  }

  /** Numbers of every length from 1 to 25 digits: overflow lives at 10 to 20. */
  private static Arbitrary<String> digits() {
    return Arbitraries.integers().between(1, 25).flatMap(n -> Arbitraries.strings().numeric().ofLength(n));
  }

  private static Arbitrary<String> grammarOf(String type) {
    Arbitrary<String> signed = digits().flatMap(d -> Arbitraries.of("", "-", "+", " ").map(sign -> sign + d));
    return switch (type) {
      case "integer", "long", "port", "decimal" -> Arbitraries.oneOf(signed,
          signed.flatMap(a -> digits().map(b -> a + "." + b)), signed.map(n -> n + "e" + n));
      case "duration" -> Arbitraries.oneOf(
          digits().flatMap(n -> Arbitraries.of("ms", "s", "m", "h", "d").map(u -> n + u))
              .list().ofMinSize(1).ofMaxSize(4).map(parts -> String.join("", parts)),
          signed.flatMap(n -> Arbitraries.of("PT%sS", "PT%sH", "P%sD", "PT%sM", "P%sW", "PT%s.5S", "-PT%sS")
              .map(f -> String.format(f, n))));
      case "url", "uri", "host", "email" -> Arbitraries.of("http://", "https://", "ws://", "mailto:", "", "//", "[")
          .flatMap(p -> symbols().map(s -> p + s));
      case "postgres-url" -> Arbitraries.of("postgres://", "postgresql://", "jdbc:postgresql://", "postgres://u:p@",
              "postgresql://[", "postgres://h:")
          .flatMap(p -> symbols().map(s -> p + s));
      case "json" -> Arbitraries.oneOf(symbols(),
          Arbitraries.integers().between(1, 3000).map(n -> "[".repeat(n) + "]".repeat(n)),
          Arbitraries.integers().between(1, 3000).map(n -> "{\"a\":".repeat(n) + "1" + "}".repeat(n)),
          signed);
      default -> symbols();
    };
  }

  @Property(tries = 3000)
  void parseYieldsAValueOrAnIllegalArgumentNamingTheVariable(@ForAll("cases") Tuple2<Var<?>, String> example) {
    Var<?> variable = example.get1();
    String text = example.get2();
    Object value;
    try {
      value = variable.parse(text);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).startsWith("V: ").endsWith(" (expected " + variable.expected() + ")");
      // the message never repeats the text (a long text, that is: a short one may match any word by chance)
      if (text.trim().length() >= 12 && !e.getMessage().contains(" has port ") && !variable.expected().contains(text)) {
        assertThat(e.getMessage()).doesNotContain(text);
      }
      return;
    }
    assertThat(value).isNotNull();
  }
}

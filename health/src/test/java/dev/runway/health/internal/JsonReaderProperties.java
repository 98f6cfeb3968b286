package dev.runway.health.internal;

import dev.runway.base.JsonWriter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reader agrees with Jackson's readTree + JsonNode.at, which JSON conditions used before it:
 * same accept/reject decision, same text at every pointer; and garbage is only ever Malformed.
 */
class JsonReaderProperties {
  private static final JsonMapper JACKSON = JsonMapper.builder().build();

  @Provide
  Arbitrary<String> json() {
    return value(3);
  }

  private Arbitrary<String> value(int depth) {
    Arbitrary<String> scalar = Arbitraries.oneOf(
        Arbitraries.of("true", "false", "null", "0", "-0", "1.50", "1e2", "-1E-3", "1E400", "12345678901234567890",
            "9223372036854775807", "-9223372036854775808", "0.1", "3.0e+10"),
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.doubles().map(String::valueOf).filter(s -> !s.contains("N") && !s.contains("I")),
        text().map(JsonWriter::quote));
    if (depth == 0) return scalar;
    Arbitrary<String> array = value(depth - 1).list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]");
    Arbitrary<String> member = Arbitraries.oneOf(Arbitraries.of("a", "b", "0", "", "~", "x/y", "m~n"), text())
        .flatMap(k -> value(depth - 1).map(v -> JsonWriter.quote(k) + " : " + v));
    Arbitrary<String> object = member.list().ofMaxSize(4).map(l -> "{ " + String.join(",\n", l) + "}");
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, scalar), net.jqwik.api.Tuple.of(2, array),
        net.jqwik.api.Tuple.of(2, object));
  }

  private Arbitrary<String> text() {
    return Arbitraries.oneOf(
            Arbitraries.chars().range('\u0000', '\u001f').map(String::valueOf),
            Arbitraries.of("\"", "\\", "/", "\u00e9", "\ud83d\ude00", "a", "b", "0"),
            Arbitraries.integers().between(0x10000, 0x10FFFF).map(Character::toString),
            Arbitraries.chars().range(' ', '~').map(String::valueOf))
        .list().ofMaxSize(8).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<String> pointer() {
    return Arbitraries.of("", "/a", "/b", "/0", "/1", "/00", "/-", "/", "//", "/a/0", "/a/b", "/b/0/a", "/x~1y",
        "/m~0n", "/~", "/a/1/b", "/0/0", "/1/a");
  }

  @Property(tries = 800)
  void agreesWithJacksonOnEveryPointer(@ForAll("json") String doc, @ForAll("pointer") String pointer) throws Exception {
    JsonNode tree = JACKSON.readTree(doc);
    Object ours = JsonReader.parse(doc);
    JsonNode at = tree.at(pointer);
    Object mine = JsonReader.at(ours, pointer);
    if (at.isMissingNode()) {
      assertThat(mine).isSameAs(JsonReader.ABSENT);
    } else {
      assertThat(JsonReader.text(mine)).isEqualTo(at.isValueNode() ? at.asString() : at.toString());
    }
  }

  @Provide
  Arbitrary<String> garbage() {
    return Arbitraries.oneOf(
        json().map(j -> j.isEmpty() ? j : j.substring(0, j.length() / 2)),
        json().flatMap(j -> Arbitraries.integers().between(0, j.length()).flatMap(i ->
            Arbitraries.of("{", "}", "[", "]", ",", ":", "\"", "\\", "x", "\u0000", "01", "NaN", "//", "'", "\ufeff")
                .map(g -> j.substring(0, i) + g + j.substring(i)))),
        Arbitraries.strings().all().ofMaxLength(30));
  }

  @Property(tries = 1500)
  void garbageIsRejectedExactlyWhenJacksonRejectsItAndOnlyAsMalformed(@ForAll("garbage") String text) {
    boolean jacksonAccepts;
    try {
      JACKSON.readTree(text);
      jacksonAccepts = true;
    } catch (tools.jackson.core.JacksonException e) {
      jacksonAccepts = false;
    }
    boolean weAccept;
    try {
      JsonReader.parse(text);
      weAccept = true;
    } catch (JsonReader.Malformed e) {
      weAccept = false;
      assertThat(e.getMessage()).startsWith("at char ");
    }
    assertThat(weAccept).as("accepts %s", text).isEqualTo(jacksonAccepts);
  }

  @Test
  void anEmptyDocumentIsAbsentAndErrorsNeverEchoTheBody() throws Exception {
    assertThat(JsonReader.parse(" \n")).isSameAs(JsonReader.ABSENT);
    assertThat(JsonReader.at(JsonReader.ABSENT, "/status")).isSameAs(JsonReader.ABSENT);
    assertThatThrownBy(() -> JsonReader.parse("{\"token\": sk-secret-123}"))
        .isInstanceOf(JsonReader.Malformed.class)
        .hasMessage("at char 10: expected a value but found a letter or digit");
  }

  @Test
  void depthIsBoundedAsJacksonBoundsIt() throws Exception {
    assertThat(JsonReader.parse("[".repeat(500) + "]".repeat(500))).isInstanceOf(List.class);
    assertThatThrownBy(() -> JsonReader.parse("[".repeat(501) + "]".repeat(501)))
        .hasMessageContaining("at most 500 nested arrays and objects");
    assertThatThrownBy(() -> JsonReader.parse("[".repeat(100_000))).isInstanceOf(JsonReader.Malformed.class);
  }

  @Test
  void numbersReadAsJacksonReadThem() throws Exception {
    assertThat(JsonReader.text(JsonReader.parse("1.50"))).isEqualTo("1.5");
    assertThat(JsonReader.text(JsonReader.parse("1e2"))).isEqualTo("100.0");
    assertThat(JsonReader.text(JsonReader.parse("-0"))).isEqualTo("0");
    assertThat(JsonReader.text(JsonReader.parse("null"))).isEqualTo("");
    assertThat(JsonReader.text(JsonReader.parse("[1E400,null,\"a\"]"))).isEqualTo("[\"Infinity\",null,\"a\"]");
  }
}

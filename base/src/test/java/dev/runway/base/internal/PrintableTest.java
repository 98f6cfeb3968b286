package dev.runway.base.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PrintableTest {
  @Test
  void escapesAnsiEscapesAndBidiControlsVisibly() {
    assertThat(Printable.escape("prod\u001b[31mX\u202eY")).isEqualTo("prod\\u001b[31mX\\u202eY");
    assertThat(Printable.quote("a\u0007b\u009bc")).isEqualTo("'a\\u0007b\\u009bc'");
  }

  @Test
  void leavesPlainTextBackslashesAndNonLatinLettersAlone() {
    String plain = "C:\\Users\\ana\\.env.production: Привет 東京 é ü";
    assertThat(Printable.escape(plain)).isSameAs(plain);
  }

  @Test
  void escapesLineBreaksInOneLineTextButKeepsAMessagesOwnLines() {
    assertThat(Printable.escape("a\nb\r\nc\td")).isEqualTo("a\\nb\\r\\nc\\td");
    assertThat(Printable.escapeKeepingLines("a\nb\r\nc\td\re\u001b")).isEqualTo("a\nb\r\nc\td\\re\\u001b");
  }

  @ParameterizedTest
  @ValueSource(ints = {0x00, 0x1b, 0x7f, 0x85, 0x9f, 0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e,
      0x2066, 0x2067, 0x2068, 0x2069, 0x2028, 0x2029})
  void everyControlAndBidiCharacterBecomesAVisibleEscape(int c) {
    String escaped = Printable.escapeKeepingLines("x" + (char) c + "y");
    assertThat(escaped).isEqualTo("x\\u" + String.format("%04x", c) + "y");
    assertThat(escaped.chars().noneMatch(Printable::isUnsafe)).isTrue();
  }
}

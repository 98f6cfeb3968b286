package dev.runway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.base.Origin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class EnvCryptoProperties {
  private static final EnvKey KEY = EnvKey.generate();
  private static final Origin SOURCE = Origin.of("prop");

  @Provide
  Arbitrary<Map<String, String>> maps() {
    Arbitrary<String> names = Arbitraries.strings().withChars("ABCXYZ_019").ofMinLength(1).ofMaxLength(8)
        .filter(n -> !Character.isDigit(n.charAt(0)));
    Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
        Arbitraries.strings().withChars("ab\n\r\t=#\"' é😀").ofMaxLength(20))
        .filter(EnvCryptoProperties::isValidUnicode);
    return Arbitraries.maps(names, values).ofMaxSize(8);
  }

  static boolean isValidUnicode(String s) {
    return java.nio.charset.StandardCharsets.UTF_8.newEncoder().canEncode(s);
  }

  @Property(tries = 200)
  void decryptingGivesBackExactlyWhatWasEncrypted(@ForAll("maps") Map<String, String> values) {
    assertThat(EnvCrypto.decrypt(EnvCrypto.encrypt(values, KEY), SOURCE, KEY)).containsExactlyEntriesOf(values);
  }

  @Property(tries = 100)
  void reEncryptingUnchangedValuesChangesNothing(@ForAll("maps") Map<String, String> values) {
    String first = EnvCrypto.encrypt(values, KEY);
    assertThat(EnvCrypto.encrypt(values, KEY, first)).isEqualTo(first);
  }

  @Property(tries = 300)
  void anyChangedCharacterIsRejected(@ForAll("maps") Map<String, String> values,
      @ForAll @IntRange(min = 0, max = 100_000) int where, @ForAll char replacement) {
    String text = EnvCrypto.encrypt(values, KEY);
    int i = where % text.length();
    Assume.that(text.charAt(i) != replacement);
    String changed = text.substring(0, i) + replacement + text.substring(i + 1);
    assertThatThrownBy(() -> EnvCrypto.decrypt(changed, SOURCE, KEY)).isInstanceOf(DecryptionFailed.class);
  }

  @Property(tries = 200)
  void aDroppedOrDuplicatedLineIsRejected(@ForAll("maps") Map<String, String> values,
      @ForAll @IntRange(min = 0, max = 1000) int where, @ForAll boolean duplicate) {
    List<String> lines = new ArrayList<>(EnvCrypto.encrypt(values, KEY).lines().toList());
    int i = where % lines.size();
    if (duplicate) lines.add(i, lines.get(i));
    else lines.remove(i);
    String changed = String.join("\n", lines) + "\n";
    assertThatThrownBy(() -> EnvCrypto.decrypt(changed, SOURCE, KEY)).isInstanceOf(DecryptionFailed.class);
  }

  @Property(tries = 200)
  void swappedOrReorderedEntriesAreRejected(@ForAll("maps") Map<String, String> values,
      @ForAll @IntRange(min = 0, max = 1000) int a, @ForAll @IntRange(min = 0, max = 1000) int b,
      @ForAll boolean swapValuesOnly) {
    Assume.that(values.size() >= 2);
    List<String> lines = new ArrayList<>(EnvCrypto.encrypt(values, KEY).lines().toList());
    List<Integer> entries = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains("=enc:v1:")) entries.add(i);
    int x = entries.get(a % entries.size());
    int y = entries.get(b % entries.size());
    Assume.that(x != y);
    String lx = lines.get(x);
    String ly = lines.get(y);
    if (swapValuesOnly) {
      lines.set(x, lx.substring(0, lx.indexOf('=')) + ly.substring(ly.indexOf('=')));
      lines.set(y, ly.substring(0, ly.indexOf('=')) + lx.substring(lx.indexOf('=')));
    } else {
      lines.set(x, ly);
      lines.set(y, lx);
    }
    String changed = String.join("\n", lines) + "\n";
    assertThatThrownBy(() -> EnvCrypto.decrypt(changed, SOURCE, KEY)).isInstanceOf(DecryptionFailed.class);
  }

  @Property(tries = 50)
  void aWrongKeyIsAlwaysNamedAsSuch(@ForAll("maps") Map<String, String> values) {
    String text = EnvCrypto.encrypt(values, KEY);
    assertThatThrownBy(() -> EnvCrypto.decrypt(text, SOURCE, EnvKey.generate()))
        .isInstanceOfSatisfying(DecryptionFailed.class,
            e -> assertThat(e.reason()).isEqualTo(DecryptionFailed.Reason.WRONG_KEY));
  }
}

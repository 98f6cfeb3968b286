package dev.runway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.env.KeyFormat;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The masker's indexes (secrets by their first two characters, formats by the two characters a
 * word starts with) are only shortcuts: for random secrets, formats and texts it must mask exactly
 * what the plain rule masks — every occurrence of every secret, every word (or dot-separated part)
 * matching any format.
 */
class MaskerProperties {
  private static final List<KeyFormat> EXTRA_FORMATS = List.of(
      KeyFormat.of("acme", "^acme_[0-9]{6,}$", "an Acme key"),
      KeyFormat.of("any-case", "(?i)^tok-[a-z]{8,}$", "a token in any case"),
      KeyFormat.of("contains", ".*INTERNAL.*", "anything internal"),
      KeyFormat.of("digits-first", "^[0-9]{3}[a-f]{7,}$", "digits then hex"));

  @Property(tries = 1000)
  void masksExactlyWhatThePlainRuleMasks(@ForAll("secrets") List<String> secrets,
      @ForAll("texts") String text, @ForAll boolean extraFormats) {
    Masker.Builder builder = Masker.builder();
    secrets.forEach(builder::secret);
    if (extraFormats) EXTRA_FORMATS.forEach(builder::format);
    Masker masker = builder.build();

    assertThat(masker.mask(text)).isEqualTo(reference(secrets, masker.formats(), text));
  }

  @Provide
  Arbitrary<List<String>> secrets() {
    // no '@', so no secret is a URL with a password (masked on its own, tested in MaskerTest)
    return Arbitraries.strings().withChars("abcsk-_.XY09 :/").ofMinLength(1).ofMaxLength(12).list().ofMaxSize(8);
  }

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> noise = Arbitraries.strings().withChars("abcsk-_.XY09 @:/,;\n").ofMaxLength(14);
    Arbitrary<String> alnum = Arbitraries.strings().alpha().numeric().ofMinLength(8).ofMaxLength(40);
    Arbitrary<String> key = Combinators.combine(Arbitraries.of("sk-proj-", "sk-ant-", "llx-", "sbp_", "rnd_",
        "ghp_", "sk_live_", "sb_secret_", "eyJ", "AKIA", "acme_", "TOK-", "123abc", "xINTERNAL", ""), alnum)
        .as(String::concat);
    Arbitrary<String> jwt = Combinators.combine(alnum, alnum).as((a, b) -> "eyJ" + a + "." + b + ".sig");
    return Arbitraries.oneOf(noise, key, jwt).list().ofMaxSize(10).map(parts -> String.join(" ", parts));
  }

  /** The rule written the slow, obvious way. */
  private static String reference(List<String> secretValues, List<KeyFormat> formats, String text) {
    boolean[] masked = new boolean[text.length()];
    for (String secret : secretValues) {
      if (secret.length() < Masker.MIN_SECRET_LENGTH) continue;
      for (int i = text.indexOf(secret); i >= 0; i = text.indexOf(secret, i + 1)) {
        for (int k = i; k < i + secret.length(); k++) masked[k] = true;
      }
    }
    List<Pattern> patterns = formats.stream().map(f -> Pattern.compile(f.regex())).toList();
    int i = 0;
    while (i < text.length()) {
      if (!wordChar(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < text.length() && wordChar(text.charAt(i))) i++;
      int end = i;
      while (end > start && text.charAt(end - 1) == '.') end--;
      if (i - start < Masker.MIN_KEY_LENGTH) continue;
      if (anyMatches(patterns, text.substring(start, end))) {
        for (int k = start; k < end; k++) masked[k] = true;
        continue;
      }
      int partStart = start;
      for (int k = start; k <= end; k++) {
        if (k == end || text.charAt(k) == '.') {
          if (k - partStart >= Masker.MIN_KEY_LENGTH && anyMatches(patterns, text.substring(partStart, k))) {
            for (int x = partStart; x < k; x++) masked[x] = true;
          }
          partStart = k + 1;
        }
      }
    }
    StringBuilder out = new StringBuilder();
    for (int k = 0; k < text.length(); k++) {
      if (!masked[k]) {
        out.append(text.charAt(k));
      } else if (k == 0 || !masked[k - 1]) {
        out.append("****");
      }
    }
    return out.toString();
  }

  private static boolean anyMatches(List<Pattern> patterns, String word) {
    for (Pattern p : patterns) {
      if (p.matcher(word).matches()) return true;
    }
    return false;
  }

  private static boolean wordChar(char c) {
    return Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '-' || c == '.';
  }
}

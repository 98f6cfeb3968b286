package dev.runway.pipeline.internal;

import dev.runway.base.Secret;
import dev.runway.env.KeyMask;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Replaces every known secret value, and its base64 spellings, with the mask; longest first so
 * overlapping values stay hidden. Then masks what has a key's shape or is a URL's password
 * ({@link KeyMask}), declared or not: a step that prints a key it read from elsewhere.
 */
public final class Masker {
  /** Base64 runs shorter than this are not masked: they would match ordinary words. */
  private static final int MIN_ENCODED_LENGTH = 6;

  private final List<String> values;

  public Masker(Collection<String> secretValues) {
    List<String> all = new ArrayList<>();
    for (String v : secretValues) {
      if (v.length() < 3) continue;
      all.add(v);
      for (String encoded : base64Spellings(v)) if (encoded.length() >= MIN_ENCODED_LENGTH) all.add(encoded);
    }
    this.values = all.stream().distinct().sorted(Comparator.comparingInt(String::length).reversed()).toList();
  }

  public String mask(String text) {
    String out = text;
    for (String v : values) if (out.contains(v)) out = out.replace(v, Secret.MASK);
    return KeyMask.mask(out);
  }

  /**
   * The characters of the value's base64 (standard and URL-safe) that do not depend on what comes
   * before or after it, for each of the three alignments it can have inside a longer encoded text
   * ({@code Basic base64(user:secret)}, a JSON credentials file printed as base64).
   */
  static List<String> base64Spellings(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    for (int offset = 0; offset < 3; offset++) {
      byte[] shifted = new byte[offset + bytes.length];
      System.arraycopy(bytes, 0, shifted, offset, bytes.length);
      String encoded = Base64.getEncoder().encodeToString(shifted);
      int from = (8 * offset + 5) / 6; // the first character whose six bits are all the value's
      int to = (8 * (offset + bytes.length)) / 6;
      if (to <= from) continue;
      String stable = encoded.substring(from, to);
      out.add(stable);
      out.add(stable.replace('+', '-').replace('/', '_'));
    }
    // the whole encoding, padding included, as a step prints `echo -n $KEY | base64`
    out.add(Base64.getEncoder().encodeToString(bytes));
    out.add(Base64.getUrlEncoder().encodeToString(bytes));
    return out;
  }
}

package dev.runway.security;

import dev.runway.security.internal.Crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Fingerprints of values, for comparing secrets without showing them. A fingerprint is an
 * HMAC-SHA256 keyed with a salt that lives only as long as one report or plan, truncated to 8 hex
 * digits: equal values get equal fingerprints within the report, and a fingerprint cannot be tested
 * against guesses after the report is gone (an unsalted hash of a weak secret could be).
 */
public final class Fingerprints {
  private final byte[] salt;

  private Fingerprints(byte[] salt) {
    this.salt = salt;
  }

  /** Fingerprints with a fresh random salt. */
  public static Fingerprints fresh() {
    return new Fingerprints(Crypto.random(32));
  }

  /** {@code fp:1a2b3c4d}. */
  public String of(String value) {
    byte[] mac = Crypto.hmac(salt, value.getBytes(StandardCharsets.UTF_8));
    return "fp:" + HexFormat.of().formatHex(Arrays.copyOf(mac, 4));
  }

  /** The full HMAC, for equality tests where a collision of 8 hex digits would matter. */
  public String full(String value) {
    return HexFormat.of().formatHex(Crypto.hmac(salt, value.getBytes(StandardCharsets.UTF_8)));
  }
}

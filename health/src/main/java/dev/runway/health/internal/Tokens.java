package dev.runway.health.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Constant-time token comparison: both sides are hashed to SHA-256 first, so neither the
 * content nor the length of the expected token shows in the timing.
 */
public final class Tokens {
  private Tokens() {}

  public static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  public static boolean matches(byte[] expectedDigest, String presented) {
    return MessageDigest.isEqual(expectedDigest, digest(presented));
  }
}

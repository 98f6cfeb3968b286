package dev.runway.security.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The JDK primitives behind encrypted env files: AES-256-GCM per value, HMAC-SHA256 for key
 * derivation, the file MAC, key ids and fingerprints. No other algorithm, no other library.
 */
public final class Crypto {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private Crypto() {}

  /** HMAC-SHA256(key, label): sub-keys are derived per purpose so one key never serves two. */
  public static byte[] derive(byte[] key, String label) {
    return hmac(key, label.getBytes(StandardCharsets.UTF_8));
  }

  public static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  public static String keyId(byte[] key) {
    return HexFormat.of().formatHex(Arrays.copyOf(derive(key, "runway key id v1"), 8));
  }

  /** base64url(nonce || ciphertext || tag); a fresh random nonce every call. */
  public static String seal(byte[] encKey, String plaintext, byte[] aad) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(encKey, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad);
      byte[] sealed = cipher.doFinal(utf8(plaintext));
      byte[] out = new byte[nonce.length + sealed.length];
      System.arraycopy(nonce, 0, out, 0, nonce.length);
      System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
      return B64.encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM/NoPadding is missing from this JDK", e);
    }
  }

  /** The plaintext, or empty when the token is malformed or does not authenticate. */
  public static Optional<String> open(byte[] encKey, String token, byte[] aad) {
    byte[] in;
    try {
      in = B64D.decode(token);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (in.length < NONCE_BYTES + TAG_BITS / 8) return Optional.empty();
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(encKey, "AES"),
          new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      cipher.updateAAD(aad);
      byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
      return Optional.of(StandardCharsets.UTF_8.newDecoder()
          .decode(java.nio.ByteBuffer.wrap(plain)).toString());
    } catch (javax.crypto.AEADBadTagException | java.nio.charset.CharacterCodingException e) {
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  /** Strict UTF-8: a string with a lone surrogate cannot be written to a file and read back. */
  public static byte[] utf8(String text) {
    try {
      java.nio.ByteBuffer b = StandardCharsets.UTF_8.newEncoder().encode(java.nio.CharBuffer.wrap(text));
      byte[] out = new byte[b.remaining()];
      b.get(out);
      return out;
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalArgumentException("value is not valid Unicode text (it holds a lone surrogate)");
    }
  }

  public static String base64(byte[] bytes) {
    return B64.encodeToString(bytes);
  }

  public static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}

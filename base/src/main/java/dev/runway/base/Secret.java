package dev.runway.base;

import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A secret value. {@link #toString()} and JSON serialisation show only {@link #MASK}; the value is
 * read with {@link #reveal()}, which makes every place that handles the real value easy to find.
 *
 * <pre>{@code
 * Secret key = env.get(OPENAI_API_KEY);
 * log.info("key {}", key);                        // key ****
 * request.header("Authorization", "Bearer " + key.reveal());
 * }</pre>
 *
 * <p>Immutable and thread-safe. {@link #equals} compares in constant time.
 */
public final class Secret {
  /** What every rendering of a secret shows. */
  public static final String MASK = "****";

  private final String value;
  private volatile byte @Nullable [] digest; // of value, for matches(); never shown

  private Secret(String value) {
    this.value = value;
  }

  public static Secret of(String value) {
    return new Secret(Objects.requireNonNull(value, "value"));
  }

  /** The real value. Never log it, never put it in an exception message. */
  public String reveal() {
    return value;
  }

  /** The number of characters, for length rules; says nothing else about the value. */
  public int length() {
    return value.length();
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  /**
   * Whether {@code presented} is this secret, compared in constant time over SHA-256 digests, so
   * neither the content nor the length of the secret leaks through timing. For checking tokens.
   */
  public boolean matches(@Nullable String presented) {
    if (presented == null) return false;
    byte[] own = digest;
    if (own == null) digest = own = sha256(value); // once: a token is checked on every request
    return MessageDigest.isEqual(own, sha256(presented));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Secret other
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return 0x5ec7e7; // a constant: a hash of the value would say something about it
  }

  /** Always {@link #MASK}. */
  @JsonValue
  @Override
  public String toString() {
    return MASK;
  }
}

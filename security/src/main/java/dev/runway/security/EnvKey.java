package dev.runway.security;

import dev.runway.base.InputFiles;
import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import dev.runway.env.Environment;
import dev.runway.security.internal.Crypto;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The key of one environment's encrypted env file: 32 random bytes, written as base64 (44
 * characters). It lives outside the repository, in {@code RUNWAY_KEY_<ENVIRONMENT>} (for example
 * {@code RUNWAY_KEY_PRODUCTION}, a dash becoming {@code _}) or in a key file, by default
 * {@code ~/.config/runway/keys/<environment>.key} (the folder can be moved with
 * {@code RUNWAY_KEYS_DIR}).
 *
 * <p>From the key, two sub-keys are derived with HMAC-SHA256: one encrypts values, one
 * authenticates the file. Its {@link #id()} — a 16-hex-digit HMAC of the key, which says nothing
 * about the key — is written in the file so that a wrong key is named as such.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows the id only.
 *
 * <pre>{@code
 * EnvKey key = EnvKey.generate();
 * Files.writeString(keyFile, key.encoded());                // keep it out of the repository
 * EnvKey again = EnvKey.parse(Files.readString(keyFile), "production.key");
 * }</pre>
 */
public final class EnvKey {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] material;
  private final String source;

  private EnvKey(byte[] material, String source) {
    this.material = material;
    this.source = source;
  }

  /** A fresh random key. */
  public static EnvKey generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return new EnvKey(bytes, "generated");
  }

  /**
   * A key from its base64 text (surrounding white space ignored).
   *
   * @param source names where the text came from in messages: {@code RUNWAY_KEY_PRODUCTION}, a file
   * @throws RunwayException.ParseFailed when the text is not 32 bytes in base64; the message never
   *     shows the text
   */
  public static EnvKey parse(String text, String source) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      bytes = new byte[0];
    }
    if (bytes.length != 32) {
      throw new RunwayException.ParseFailed(source + ": is not a Runway key (expected 32 bytes in base64, 44 characters);"
          + " create one with: runway keygen --env <environment>", Origin.of(source));
    }
    return new EnvKey(bytes, source);
  }

  /** The environment variable that holds an environment's key: {@code RUNWAY_KEY_PRODUCTION}. */
  public static String variableFor(Environment environment) {
    return "RUNWAY_KEY_" + environment.name().toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** The default folder of key files: {@code $RUNWAY_KEYS_DIR}, else {@code ~/.config/runway/keys}. */
  public static Path defaultKeysDir(Function<String, Optional<String>> processEnv) {
    return processEnv.apply("RUNWAY_KEYS_DIR").filter(s -> !s.isBlank()).map(Path::of)
        .orElseGet(() -> Path.of(System.getProperty("user.home"), ".config", "runway", "keys"));
  }

  /** The default key file of an environment: {@code <keys dir>/<environment>.key}. */
  public static Path defaultFileFor(Environment environment, Function<String, Optional<String>> processEnv) {
    return defaultKeysDir(processEnv).resolve(environment.name() + ".key");
  }

  /**
   * The environment's key from {@code RUNWAY_KEY_<ENV>} in the process environment, else from its
   * default key file, when either exists. A key file inside {@code projectDir} is refused: keys never
   * live in the repository.
   *
   * @throws RunwayException when a key is present but malformed, or its file lies in the project
   */
  public static Optional<EnvKey> find(Environment environment, Path projectDir) {
    return find(environment, name -> Optional.ofNullable(System.getenv(name)), projectDir);
  }

  /** {@link #find(Environment, Path)} with an explicit process environment, for tests and tools. */
  public static Optional<EnvKey> find(
      Environment environment, Function<String, Optional<String>> processEnv, Path projectDir) {
    String variable = variableFor(environment);
    Optional<String> text = processEnv.apply(variable).filter(s -> !s.isBlank());
    if (text.isPresent()) return Optional.of(parse(text.get(), variable));
    Path file = defaultFileFor(environment, processEnv);
    if (!Files.exists(file)) return Optional.empty();
    return Optional.of(fromFile(file, projectDir));
  }

  /**
   * The key in a file.
   *
   * @param projectDir the project's folder; a key file inside it is refused
   * @throws RunwayException.IoFailed when the file cannot be read or lies inside the project
   * @throws RunwayException.ParseFailed when it does not hold a key
   */
  public static EnvKey fromFile(Path file, @Nullable Path projectDir) {
    Origin origin = Origin.file(file);
    if (projectDir != null) requireOutsideProject(file, projectDir);
    return parse(InputFiles.readText(file, "key file"), file.toString());
  }

  /**
   * Refuses a key file inside the project: keys never live in the repository.
   *
   * @throws RunwayException.IoFailed when {@code file} lies inside {@code projectDir}
   */
  public static void requireOutsideProject(Path file, Path projectDir) {
    if (file.toAbsolutePath().normalize().startsWith(projectDir.toAbsolutePath().normalize())) {
      throw new RunwayException.IoFailed(file + ": key file lies inside the project (" + projectDir
          + "); move it out of the repository, for example to " + Path.of("~", ".config", "runway", "keys"),
          Origin.file(file), null);
    }
  }

  /** The key as base64 text, for writing to a key file or a CI secret. Handle with care. */
  public String encoded() {
    return Base64.getEncoder().encodeToString(material);
  }

  /** A 16-hex-digit identifier derived from the key (an HMAC, so it reveals nothing about it). */
  public String id() {
    return Crypto.keyId(material);
  }

  /** Where the key came from: {@code RUNWAY_KEY_PRODUCTION}, a file, {@code generated}. */
  public String source() {
    return source;
  }

  /** The raw key; for {@link EnvCrypto} and backups only. */
  byte[] material() {
    return material.clone();
  }

  /** Keys are equal when their bytes are (compared in constant time). */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof EnvKey k && MessageDigest.isEqual(material, k.material);
  }

  @Override
  public int hashCode() {
    return 0x6e7;
  }

  /** {@code EnvKey[<id> from <source>]}: never the key. */
  @Override
  public String toString() {
    return "EnvKey[" + id() + " from " + source + "]";
  }
}

package dev.runway.security;

import dev.runway.base.AtomicFiles;
import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import dev.runway.env.Dotenv;
import dev.runway.env.EnvSource;
import dev.runway.env.Environment;
import dev.runway.env.RawValue;
import dev.runway.security.internal.Crypto;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Encrypted env files: {@code .env.<environment>} ↔ {@code .env.<environment>.enc}. Names stay
 * readable, so diffs and reviews work; each value is encrypted on its own.
 *
 * <pre>
 * # Runway encrypted env file: names are readable, every value is encrypted (AES-256-GCM).
 * # Change it with runway encrypt / decrypt / rotate; the last line authenticates the whole file.
 * #runway:v1 key=3f9c0a7d2b1e4c55
 * OPENAI_API_KEY=enc:v1:Wm9v...
 * PORT=enc:v1:QmFy...
 * #runway:mac 6l1k...
 * </pre>
 *
 * <ul>
 *   <li>Each value is sealed with AES-256-GCM under a fresh random 96-bit nonce, with the variable
 *       name as associated data: a value moved to another name does not decrypt.
 *   <li>An HMAC-SHA256 over every line before it (with a key derived from the same {@link EnvKey})
 *       ends the file: a dropped, added, reordered or edited line is detected before any value is
 *       decrypted.
 *   <li>The key id in the header names a wrong key as such, instead of as tampering.
 *   <li>Re-encrypting keeps the old ciphertext of every unchanged value ({@link #encrypt(Map, EnvKey,
 *       String)}), so an unchanged file stays byte for byte the same and a changed value changes one
 *       line; {@link #rotate} re-encrypts every value.
 * </ul>
 *
 * <p>docs/security.md compares the format with dotenvx and SOPS. All methods are thread-safe.
 */
public final class EnvCrypto {
  static final String HEADER = "#runway:v1 key=";
  static final String LABEL = "#runway:label ";
  static final String MAC = "#runway:mac ";
  static final String PREFIX = "enc:v1:";
  private static final List<String> PREAMBLE = List.of(
      "# Runway encrypted env file: names are readable, every value is encrypted (AES-256-GCM).",
      "# Change it with runway encrypt / decrypt / rotate; the last line authenticates the whole file.");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]+");

  private EnvCrypto() {}

  /** The encrypted file of an environment: {@code dir/.env.<environment>.enc}. */
  public static Path fileFor(Path dir, Environment environment) {
    return dir.resolve(".env." + environment.name() + ".enc");
  }

  /** Encrypts values, every one under a fresh nonce. */
  public static String encrypt(Map<String, String> values, EnvKey key) {
    return write(values, key, Map.of(), null);
  }

  /**
   * Encrypts values, keeping the previous ciphertext of every value that did not change, so that
   * re-encrypting an unchanged file gives the same bytes. A previous text that does not decrypt with
   * this key (another key, tampered, not a Runway file) is ignored: everything is re-encrypted.
   */
  public static String encrypt(Map<String, String> values, EnvKey key, @Nullable String previous) {
    Map<String, String> reuse = Map.of();
    if (previous != null) {
      try {
        reuse = parse(previous, Origin.of("previous"), key).tokensOfUnchanged(values);
      } catch (RunwayException e) {
        reuse = Map.of();
      }
    }
    return write(values, key, reuse, null);
  }

  /** Encrypts values with a one-line label (a backup's store name) that the MAC also covers. */
  public static String encryptLabelled(Map<String, String> values, EnvKey key, String label) {
    if (label.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException("label must be one line without control characters");
    }
    return write(values, key, Map.of(), label);
  }

  /**
   * Decrypts an encrypted env file's text, in file order.
   *
   * @param source names the text in messages ({@code Origin.file(path)} gives {@code file:line})
   * @throws DecryptionFailed with {@link DecryptionFailed.Reason#WRONG_KEY} when the key is not the
   *     file's, {@link DecryptionFailed.Reason#TAMPERED} when the file changed after encryption,
   *     {@link DecryptionFailed.Reason#MALFORMED} when it is no encrypted env file
   */
  public static Map<String, String> decrypt(String text, Origin source, EnvKey key) {
    return parse(text, source, key).values();
  }

  /** The label written by {@link #encryptLabelled}, after the file authenticated. */
  public static Optional<String> label(String text, Origin source, EnvKey key) {
    return Optional.ofNullable(parse(text, source, key).label);
  }

  /**
   * Re-encrypts every value under a fresh nonce, with {@code newKey} (which may be {@code oldKey}).
   *
   * @throws DecryptionFailed when the text does not decrypt with {@code oldKey}
   */
  public static String rotate(String text, Origin source, EnvKey oldKey, EnvKey newKey) {
    Parsed parsed = parse(text, source, oldKey);
    return write(parsed.values(), newKey, Map.of(), parsed.label);
  }

  /**
   * Encrypts {@code plain} (a dotenv file) into {@code encrypted}, reusing the ciphertext of
   * unchanged values when {@code encrypted} exists and decrypts with the key. The write is atomic.
   *
   * @return whether the encrypted file's bytes changed
   */
  public static boolean encryptFile(Path plain, Path encrypted, EnvKey key) {
    Map<String, String> values = Dotenv.read(plain, name -> Optional.empty()).values();
    String previous = readIfPresent(encrypted);
    String text = encrypt(values, key, previous);
    if (text.equals(previous)) return false;
    AtomicFiles.write(encrypted, text);
    return true;
  }

  /** Decrypts a file, in file order. See {@link #decrypt}. */
  public static Map<String, String> decryptFile(Path encrypted, EnvKey key) {
    return decrypt(read(encrypted), Origin.file(encrypted), key);
  }

  /** Re-encrypts a file in place with fresh nonces, under {@code newKey}. See {@link #rotate}. */
  public static void rotateFile(Path encrypted, EnvKey oldKey, EnvKey newKey) {
    AtomicFiles.write(encrypted, rotate(read(encrypted), Origin.file(encrypted), oldKey, newKey));
    dev.runway.base.SecurityEvents.keyRotated(encrypted.toString());
  }

  /**
   * The source layer {@code dir/.env.<environment>.enc}, decrypted with the environment's key
   * ({@link EnvKey#find(Environment, Path)}); skipped when the file is absent.
   *
   * @see dev.runway.env.EnvSources#standard(Path)
   */
  public static EnvSource layer(Path dir) {
    return layer(dir, environment -> EnvKey.find(environment, dir));
  }

  /** {@link #layer(Path)} with keys found by {@code keys}, for tests and tools. */
  public static EnvSource layer(Path dir, Function<Environment, Optional<EnvKey>> keys) {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(keys, "keys");
    return new EnvSource() {
      @Override
      public List<RawValue> read(Environment environment, Function<String, Optional<String>> below) {
        Path file = fileFor(dir, environment);
        if (!Files.exists(file)) return List.of();
        EnvKey key = keys.apply(environment).orElseThrow(() -> new RunwayException.IoFailed(file
            + ": no key to decrypt it; set " + EnvKey.variableFor(environment) + " or write the key to "
            + EnvKey.defaultFileFor(environment, n -> Optional.ofNullable(System.getenv(n))),
            Origin.file(file), null));
        Parsed parsed = parse(EnvCrypto.read(file), Origin.file(file), key);
        List<RawValue> out = new ArrayList<>();
        parsed.values().forEach((name, value) ->
            out.add(new RawValue(name, value, Origin.file(file, parsed.lines.get(name)))));
        return out;
      }

      @Override
      public String describe() {
        return dir.resolve(".env.<environment>.enc").toString();
      }
    };
  }

  // --- format ------------------------------------------------------------------------------

  private static String write(Map<String, String> values, EnvKey key, Map<String, String> reuse, @Nullable String label) {
    byte[] material = key.material();
    byte[] encKey = Crypto.derive(material, "runway env encryption v1");
    byte[] macKey = Crypto.derive(material, "runway env mac v1");
    List<String> lines = new ArrayList<>(PREAMBLE);
    lines.add(HEADER + key.id());
    if (label != null) lines.add(LABEL + label);
    values.forEach((name, value) -> {
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("variable name '" + name
            + "' must start with a letter or '_' and hold only letters, digits and '_', '.', '-'");
      }
      Objects.requireNonNull(value, name);
      String token = reuse.get(name);
      if (token == null) {
        try {
          token = Crypto.seal(encKey, value, aad(name));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
      }
      lines.add(name + "=" + PREFIX + token);
    });
    String body = String.join("\n", lines) + "\n";
    return body + MAC + Crypto.base64(Crypto.hmac(macKey, body.getBytes(StandardCharsets.UTF_8))) + "\n";
  }

  private static byte[] aad(String name) {
    return ("runway env v1\n" + name).getBytes(StandardCharsets.UTF_8);
  }

  private static Parsed parse(String text, Origin source, EnvKey key) {
    // Byte-exact: the MAC covers every byte before the MAC line, so a changed line end counts too.
    String content = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    List<String> lines = List.of(content.split("\n", -1));
    int header = -1;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.startsWith(HEADER)) {
        header = i;
        break;
      }
      if (!l.isBlank() && !l.startsWith("#")) break;
    }
    if (header < 0) {
      throw malformed(source, 1, "not a Runway encrypted env file (no '" + HEADER.strip() + "' header);"
          + " encrypt the plain file with: runway encrypt --env <environment>");
    }
    int macLine = lines.size() - 1;
    if (macLine <= header || !lines.get(macLine).startsWith(MAC) || !text.endsWith("\n")) {
      throw new DecryptionFailed(DecryptionFailed.Reason.TAMPERED, source
          + ": the last line is not the file's MAC (the file was cut short or edited);"
          + " restore it from version control or encrypt the plain file again", source);
    }
    String fileKeyId = lines.get(header).substring(HEADER.length());
    if (!fileKeyId.equals(key.id())) {
      throw new DecryptionFailed(DecryptionFailed.Reason.WRONG_KEY, source + ": was encrypted with key "
          + fileKeyId + " but the key from " + key.source() + " is key " + key.id()
          + "; use the key the file was encrypted with (runway rotate re-encrypts it with a new one)", source);
    }
    byte[] material = key.material();
    byte[] macKey = Crypto.derive(material, "runway env mac v1");
    String body = content.substring(0, content.length() - lines.get(macLine).length());
    byte[] expected = Crypto.hmac(macKey, body.getBytes(StandardCharsets.UTF_8));
    byte[] actual = lines.get(macLine).substring(MAC.length()).getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(Crypto.base64(expected).getBytes(StandardCharsets.UTF_8), actual)) {
      throw new DecryptionFailed(DecryptionFailed.Reason.TAMPERED, source
          + ": the file was changed after encryption (a line was added, removed, reordered or edited);"
          + " restore it from version control or encrypt the plain file again", source);
    }
    // Authenticated: from here on, a failure means a bug or a forgery with the key itself.
    byte[] encKey = Crypto.derive(material, "runway env encryption v1");
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> tokens = new LinkedHashMap<>();
    Map<String, Integer> lineOf = new LinkedHashMap<>();
    String label = null;
    for (int i = header + 1; i < macLine; i++) {
      String l = lines.get(i);
      int lineNo = i + 1;
      if (i == header + 1 && l.startsWith(LABEL)) {
        label = l.substring(LABEL.length());
        continue;
      }
      int eq = l.indexOf('=');
      String name = eq < 0 ? "" : l.substring(0, eq);
      String rest = eq < 0 ? "" : l.substring(eq + 1);
      if (!NAME.matcher(name).matches() || !rest.startsWith(PREFIX)
          || !TOKEN.matcher(rest.substring(PREFIX.length())).matches()) {
        throw malformed(source.withLine(lineNo), lineNo, "not a NAME=" + PREFIX + "... line;"
            + " encrypt the plain file again with: runway encrypt --env <environment>");
      }
      if (values.containsKey(name)) {
        throw malformed(source.withLine(lineNo), lineNo, name + ": appears twice; encrypt the plain file again");
      }
      String token = rest.substring(PREFIX.length());
      String value = Crypto.open(encKey, token, aad(name)).orElseThrow(() -> new DecryptionFailed(
          DecryptionFailed.Reason.TAMPERED, source.withLine(lineNo) + ": " + name
              + ": value does not decrypt under this name (it was changed or moved from another variable);"
              + " encrypt the plain file again", source.withLine(lineNo)));
      values.put(name, value);
      tokens.put(name, token);
      lineOf.put(name, lineNo);
    }
    return new Parsed(Collections.unmodifiableMap(values), tokens, lineOf, label);
  }

  private static DecryptionFailed malformed(Origin at, int line, String message) {
    Origin origin = at.path().isPresent() ? at.withLine(line) : at;
    return new DecryptionFailed(DecryptionFailed.Reason.MALFORMED, origin + ": " + message, origin);
  }

  private static final class Parsed {
    private final Map<String, String> values;
    private final Map<String, String> tokens;
    final Map<String, Integer> lines;
    final @Nullable String label;

    Parsed(Map<String, String> values, Map<String, String> tokens, Map<String, Integer> lines, @Nullable String label) {
      this.values = values;
      this.tokens = tokens;
      this.lines = lines;
      this.label = label;
    }

    Map<String, String> values() {
      return values;
    }

    Map<String, String> tokensOfUnchanged(Map<String, String> next) {
      Map<String, String> out = new LinkedHashMap<>();
      next.forEach((name, value) -> {
        if (value.equals(values.get(name))) out.put(name, tokens.get(name));
      });
      return out;
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new RunwayException.IoFailed(file + ": no such file; create it with runway encrypt", Origin.file(file), e);
    } catch (IOException e) {
      throw new RunwayException.IoFailed(file + ": cannot read the file (" + e.getClass().getSimpleName()
          + "); check that it is a readable file", Origin.file(file), e);
    }
  }

  private static @Nullable String readIfPresent(Path file) {
    return Files.exists(file) ? read(file) : null;
  }
}

package dev.runway.security;

import dev.runway.base.AtomicFiles;
import dev.runway.base.InputFiles;
import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import dev.runway.env.Dotenv;
import dev.runway.env.EnvSource;
import dev.runway.env.Environment;
import dev.runway.env.RawValue;
import dev.runway.security.internal.Crypto;
import dev.runway.security.internal.Layout;
import dev.runway.security.internal.VersionLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypted env files: {@code .env.<environment>} ↔ {@code .env.<environment>.enc}. Names stay
 * readable, so diffs and reviews work; each value is encrypted on its own.
 *
 * <pre>
 * # Runway encrypted env file: names are readable, every value is encrypted (AES-256-GCM).
 * # Change it with runway encrypt / decrypt / rotate; the last line authenticates the whole file.
 * #runway:v2 key=3f9c0a7d2b1e4c55 purpose=env env=production app=acme version=4
 * #runway:comments enc:v1:Q29t...
 * OPENAI_API_KEY=enc:v1:Wm9v...
 * PORT=enc:v1:QmFy...
 * #runway:mac 6l1k...
 * </pre>
 *
 * <ul>
 *   <li>The header binds the file: {@code purpose} ({@code env} for an environment's file,
 *       {@code backup} for a sync snapshot), {@code env} (the environment), {@code app} (when
 *       known) and a {@code version} that grows by one on every change. Reading a file as an
 *       environment's ({@link #layer}, {@link #decryptFile}, {@link #open}) refuses one written for
 *       another environment, app or purpose ({@link DecryptionFailed.Reason#WRONG_BINDING}).
 *   <li>Each value is sealed with AES-256-GCM under a fresh random 96-bit nonce, with the binding
 *       and the variable name as associated data: a value moved to another name or file does not
 *       decrypt.
 *   <li>An HMAC-SHA256 over every byte before it (header included, with a key derived from the same
 *       {@link EnvKey}) ends the file: a dropped, added, reordered or edited line, or an edited
 *       binding or version, is detected before any value is decrypted.
 *   <li>The key id in the header names a wrong key as such, instead of as tampering.
 *   <li>Re-encrypting keeps the old ciphertext (and version) of an unchanged file, so it stays byte
 *       for byte the same, and a changed value changes one line, the version and the MAC;
 *       {@link #rotate} re-encrypts every value.
 *   <li>The plain file's comments and blank lines are kept, encrypted, in a {@code #runway:comments}
 *       line, so decrypting gives them back ({@link Decrypted#dotenv()}).
 *   <li>Files in the first format ({@code #runway:v1}) still decrypt, with a warning to migrate them
 *       ({@code runway rotate --env <environment>} rewrites them bound); a {@code #runway:v1} file with
 *       a label is a backup and is refused as an environment's file.
 *   <li>A file whose lines end in CRLF (a Windows checkout) is read as if they ended in LF.
 * </ul>
 *
 * <p>Rollback: the highest version of each file that this checkout decrypted or wrote is kept in
 * {@code .runway/encrypted-versions} next to it; a lower one gives a warning. Like SOPS's, this only
 * knows what this checkout saw. docs/security.md compares the format with dotenvx and SOPS. All
 * methods are thread-safe.
 */
public final class EnvCrypto {
  static final String HEADER = "#runway:v2 ";
  static final String HEADER_V1 = "#runway:v1 key=";
  static final String LABEL = "#runway:label ";
  static final String COMMENTS = "#runway:comments ";
  static final String MAC = "#runway:mac ";
  // The value encoding (base64url of nonce, ciphertext, tag) is unchanged since v1, so values keep
  // their prefix; the header's format says which associated data they were sealed with.
  static final String PREFIX = "enc:v1:";
  static final String PREFIX_V1 = "enc:v1:";
  static final String ENV = "env";
  static final String BACKUP = "backup";
  private static final Logger LOG = LoggerFactory.getLogger(EnvCrypto.class);
  private static final List<String> PREAMBLE = List.of(
      "# Runway encrypted env file: names are readable, every value is encrypted (AES-256-GCM).",
      "# Change it with runway encrypt / decrypt / rotate; the last line authenticates the whole file.");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern APP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern ENV_FILE = Pattern.compile("\\.env\\.([A-Za-z][A-Za-z0-9-]*)\\.enc");

  private EnvCrypto() {}

  /**
   * What an environment's encrypted file is bound to: its environment and, when known, its app.
   * Immutable and thread-safe.
   *
   * <pre>{@code
   * EnvCrypto.Binding.of(Environment.PRODUCTION).withApp("acme")
   * }</pre>
   */
  public record Binding(Environment environment, Optional<String> app) {
    public Binding {
      Objects.requireNonNull(environment, "environment");
      Objects.requireNonNull(app, "app");
      app.ifPresent(a -> {
        if (!APP.matcher(a).matches()) {
          throw new IllegalArgumentException("app name '" + a + "' must start with a letter or digit and hold only"
              + " letters, digits and '.', '_', '-'");
        }
      });
    }

    /** Bound to an environment, app unknown. */
    public static Binding of(Environment environment) {
      return new Binding(environment, Optional.empty());
    }

    /** A copy bound to {@code app} too. */
    public Binding withApp(String app) {
      return new Binding(environment, Optional.of(app));
    }
  }

  /**
   * A decrypted environment file: its values in file order, its version, the warnings reading it
   * gave (an old format, a version older than this checkout saw; never a value) and its plain text
   * with the original comments. Immutable.
   */
  public static final class Decrypted {
    private final Map<String, String> values;
    private final long version;
    private final List<String> warnings;
    private final @Nullable String layout;

    Decrypted(Map<String, String> values, long version, List<String> warnings, @Nullable String layout) {
      this.values = values;
      this.version = version;
      this.warnings = List.copyOf(warnings);
      this.layout = layout;
    }

    public Map<String, String> values() {
      return values;
    }

    /** The file's version: 1 for a new file, one more on every change; 0 for a first-format file. */
    public long version() {
      return version;
    }

    public List<String> warnings() {
      return warnings;
    }

    /** Dotenv text of the values, with the comments and blank lines of the file that was encrypted. */
    public String dotenv() {
      return Layout.render(layout, values);
    }
  }

  /** The encrypted file of an environment: {@code dir/.env.<environment>.enc}. */
  public static Path fileFor(Path dir, Environment environment) {
    return dir.resolve(".env." + environment.name() + ".enc");
  }

  /** Encrypts values, every one under a fresh nonce, bound to no environment (prefer {@link #encrypt(Map, EnvKey, String, Binding)}). */
  public static String encrypt(Map<String, String> values, EnvKey key) {
    return write(values, key, Map.of(), null, new Header(2, key.id(), ENV, null, null, 1), null, null);
  }

  /**
   * Encrypts values, keeping the previous ciphertext of every value that did not change, so that
   * re-encrypting an unchanged file gives the same bytes. The previous file's binding, comments
   * and version (plus one on a change) carry over. A previous text that does not decrypt with this
   * key (another key, tampered, not a Runway file) is ignored: everything is re-encrypted.
   */
  public static String encrypt(Map<String, String> values, EnvKey key, @Nullable String previous) {
    return encode(values, key, previous, null, null, false, 0);
  }

  /**
   * {@link #encrypt(Map, EnvKey, String)} bound to {@code binding} (the previous file's app is kept
   * when {@code binding} has none).
   */
  public static String encrypt(Map<String, String> values, EnvKey key, @Nullable String previous, Binding binding) {
    Objects.requireNonNull(binding, "binding");
    return encode(values, key, previous, binding, null, false, 0);
  }

  /** Encrypts values with a one-line label (a backup's store name) that the MAC also covers; purpose {@code backup}. */
  public static String encryptLabelled(Map<String, String> values, EnvKey key, String label) {
    if (label.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException("label must be one line without control characters");
    }
    return write(values, key, Map.of(), label, new Header(2, key.id(), BACKUP, null, null, 1), null, null);
  }

  /**
   * Encrypts a sync backup: the values, a one-line label (its time and store) and, for a file store,
   * the file's exact text, all under the MAC. Its purpose is {@code backup}, so it never decrypts as
   * an environment's file ({@link #open}, {@link #layer} refuse it), and it is bound to
   * {@code binding}'s environment and app, so {@link #openBackup} tells which environment it is of.
   *
   * @param binding the environment the backup is of; {@code null} when unknown
   * @param fileText the store's file, byte for byte (comments, layout), when the store is a file
   */
  public static String encryptBackup(Map<String, String> values, EnvKey key, String label, @Nullable Binding binding,
      @Nullable String fileText) {
    if (label.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException("label must be one line without control characters");
    }
    Header header = new Header(2, key.id(), BACKUP, binding == null ? null : binding.environment().name(),
        binding == null ? null : binding.app().orElse(null), 1);
    return write(values, key, Map.of(), label, header, fileText, null);
  }

  /**
   * A sync backup written by {@link #encryptBackup} or {@link #encryptLabelled}, after the file
   * authenticated.
   *
   * @throws DecryptionFailed as {@link #decrypt(String, Origin, EnvKey)}; with
   *     {@link DecryptionFailed.Reason#WRONG_BINDING} when the text is an environment's file, not a backup
   */
  public static Backup openBackup(String text, Origin source, EnvKey key) {
    Parsed parsed = parse(text, source, key);
    // A first-format backup is told by its label alone (that format had no purpose field).
    if (parsed.label == null || (parsed.header.format == 2 && !BACKUP.equals(parsed.header.purpose))) {
      throw new DecryptionFailed(DecryptionFailed.Reason.WRONG_BINDING, source + ": is an encrypted env file, not a"
          + " sync backup; pass a file from .runway/backups/", source);
    }
    Header h = parsed.header;
    return new Backup(parsed.label, Optional.ofNullable(h.env).map(Environment::named), Optional.ofNullable(h.app),
        parsed.values, Optional.ofNullable(parsed.layout));
  }

  /**
   * A decrypted sync backup: its label, the environment (and app) it is bound to when it was bound,
   * its values and, for a file store, the file's exact text. Immutable; {@link #toString()} shows
   * the label and the variable count, never a value.
   */
  public static final class Backup {
    private final String label;
    private final Optional<Environment> environment;
    private final Optional<String> app;
    private final Map<String, String> values;
    private final Optional<String> fileText;

    Backup(String label, Optional<Environment> environment, Optional<String> app, Map<String, String> values,
        Optional<String> fileText) {
      this.label = label;
      this.environment = environment;
      this.app = app;
      this.values = values;
      this.fileText = fileText;
    }

    public String label() {
      return label;
    }

    /** The environment the backup is of; empty for a backup written before backups were bound. */
    public Optional<Environment> environment() {
      return environment;
    }

    public Optional<String> app() {
      return app;
    }

    /** The values, in file order; secrets, never log them. */
    public Map<String, String> values() {
      return values;
    }

    /** The store's file byte for byte, when the store was a file; secrets, never log it. */
    public Optional<String> fileText() {
      return fileText;
    }

    @Override
    public String toString() {
      return "Backup[" + label + ", " + values.size() + " variables]";
    }
  }

  /**
   * Decrypts an encrypted env file's text, in file order. When {@code source} is a file named
   * {@code .env.<environment>.enc}, the text must be that environment's file (see {@link #open});
   * warnings are logged to SLF4J.
   *
   * @param source names the text in messages ({@code Origin.file(path)} gives {@code file:line})
   * @throws DecryptionFailed with {@link DecryptionFailed.Reason#WRONG_KEY} when the key is not the
   *     file's, {@link DecryptionFailed.Reason#TAMPERED} when the file changed after encryption,
   *     {@link DecryptionFailed.Reason#WRONG_BINDING} when it was written for another environment or
   *     purpose, {@link DecryptionFailed.Reason#MALFORMED} when it is no encrypted env file
   */
  public static Map<String, String> decrypt(String text, Origin source, EnvKey key) {
    Parsed parsed = parse(text, source, key);
    List<String> warnings = new ArrayList<>();
    Binding expected = expectedFrom(source);
    if (expected != null) check(parsed, source, expected, warnings);
    warnings.forEach(LOG::warn);
    return parsed.values;
  }

  /** {@link #decrypt(String, Origin, EnvKey)} of an environment's file bound to {@code expected}. */
  public static Decrypted decrypt(String text, Origin source, EnvKey key, Binding expected) {
    Parsed parsed = parse(text, source, key);
    List<String> warnings = new ArrayList<>();
    check(parsed, source, expected, warnings);
    return new Decrypted(parsed.values, parsed.header.version, warnings, parsed.layout);
  }

  /** The label written by {@link #encryptLabelled}, after the file authenticated. */
  public static Optional<String> label(String text, Origin source, EnvKey key) {
    return Optional.ofNullable(parse(text, source, key).label);
  }

  /**
   * Re-encrypts every value under a fresh nonce, with {@code newKey} (which may be {@code oldKey}),
   * one version up. A file bound to nothing (or in the first format) whose {@code source} is named
   * {@code .env.<environment>.enc} comes out bound to that environment.
   *
   * @throws DecryptionFailed when the text does not decrypt with {@code oldKey}
   */
  public static String rotate(String text, Origin source, EnvKey oldKey, EnvKey newKey) {
    Parsed parsed = parse(text, source, oldKey);
    Binding expected = expectedFrom(source);
    if (expected != null) check(parsed, source, expected, new ArrayList<>());
    return reseal(parsed, newKey, expected);
  }

  /** {@link #rotate(String, Origin, EnvKey, EnvKey)} of an environment's file, bound to {@code expected} after. */
  public static String rotate(String text, Origin source, EnvKey oldKey, EnvKey newKey, Binding expected) {
    Parsed parsed = parse(text, source, oldKey);
    check(parsed, source, expected, new ArrayList<>());
    return reseal(parsed, newKey, expected);
  }

  private static String reseal(Parsed parsed, EnvKey newKey, @Nullable Binding binding) {
    Header h = parsed.header;
    String env = binding != null ? binding.environment().name() : h.env;
    String app = binding != null && binding.app().isPresent() ? binding.app().get() : h.app;
    String purpose = parsed.label != null ? BACKUP : h.purpose;
    Header next = new Header(2, newKey.id(), purpose, env, app, h.version + 1);
    return write(parsed.values, newKey, Map.of(), parsed.label, next, parsed.layout, null);
  }

  /**
   * Encrypts {@code plain} (a dotenv file) into {@code encrypted}, bound to the environment its name
   * says ({@code .env.<environment>.enc}); see {@link #encryptFile(Path, Path, EnvKey, Binding)}.
   *
   * @return whether the encrypted file's bytes changed
   */
  public static boolean encryptFile(Path plain, Path encrypted, EnvKey key) {
    Binding binding = expectedFrom(Origin.file(encrypted));
    return encryptFile(plain, encrypted, key, binding);
  }

  /**
   * Encrypts {@code plain} (a dotenv file, comments included) into {@code encrypted}, reusing the
   * ciphertext of unchanged values when {@code encrypted} exists and decrypts with the key. The
   * version goes one above both the previous file's and the highest this checkout saw. The write
   * is atomic.
   *
   * @return whether the encrypted file's bytes changed
   */
  public static boolean encryptFile(Path plain, Path encrypted, EnvKey key, @Nullable Binding binding) {
    Map<String, String> values = Dotenv.read(plain, name -> Optional.empty()).values();
    String layout = Layout.of(read(plain));
    String previous = readIfPresent(encrypted);
    long floor = VersionLog.last(encrypted).orElse(0);
    String text = encode(values, key, previous, binding, layout, true, floor);
    if (text.equals(previous)) return false;
    AtomicFiles.write(encrypted, text);
    VersionLog.record(encrypted, parse(text, Origin.file(encrypted), key).header.version);
    return true;
  }

  /** Decrypts a file, in file order; warnings are logged. See {@link #decrypt} and {@link #open}. */
  public static Map<String, String> decryptFile(Path encrypted, EnvKey key) {
    Binding expected = expectedFrom(Origin.file(encrypted));
    if (expected == null) return decrypt(read(encrypted), Origin.file(encrypted), key);
    Decrypted d = open(encrypted, key, expected);
    d.warnings().forEach(LOG::warn);
    return d.values();
  }

  /**
   * Decrypts an environment's file, which must be bound to {@code expected} (or to nothing, or be
   * in the first format: both with a warning). Records its version in {@code .runway/} next to it
   * and warns when it is older than one this checkout saw before.
   *
   * @throws DecryptionFailed see {@link #decrypt(String, Origin, EnvKey)}
   */
  public static Decrypted open(Path encrypted, EnvKey key, Binding expected) {
    Origin source = Origin.file(encrypted);
    Decrypted d = decrypt(read(encrypted), source, key, expected);
    if (d.version() == 0) return d;
    OptionalLong last = VersionLog.last(encrypted);
    List<String> warnings = new ArrayList<>(d.warnings());
    if (last.isPresent() && last.getAsLong() > d.version()) {
      warnings.add(source + ": is version " + d.version() + ", older than version " + last.getAsLong()
          + " that this checkout decrypted before (an older copy put back?); restore the newest from version"
          + " control, or if these values are meant, encrypt them again: runway encrypt --env " + expected.environment());
    } else {
      VersionLog.record(encrypted, d.version());
    }
    return new Decrypted(d.values(), d.version(), warnings, d.layout);
  }

  /** Re-encrypts a file in place with fresh nonces, under {@code newKey}. See {@link #rotate}. */
  public static void rotateFile(Path encrypted, EnvKey oldKey, EnvKey newKey) {
    Binding expected = expectedFrom(Origin.file(encrypted));
    rotateFile(encrypted, oldKey, newKey, expected);
  }

  /** {@link #rotateFile(Path, EnvKey, EnvKey)} of an environment's file, bound to {@code expected} after. */
  public static void rotateFile(Path encrypted, EnvKey oldKey, EnvKey newKey, @Nullable Binding expected) {
    Origin source = Origin.file(encrypted);
    String text = expected == null ? rotate(read(encrypted), source, oldKey, newKey)
        : rotate(read(encrypted), source, oldKey, newKey, expected);
    long version = parse(text, source, newKey).header.version;
    long floor = VersionLog.last(encrypted).orElse(0);
    if (version <= floor) {
      Parsed p = parse(text, source, newKey);
      text = write(p.values, newKey, Map.of(), p.label, p.header.withVersion(floor + 1), p.layout, null);
    }
    AtomicFiles.write(encrypted, text);
    VersionLog.record(encrypted, Math.max(version, floor + 1));
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
        open(file, key, Binding.of(environment)).warnings().forEach(LOG::warn);
        List<RawValue> out = new ArrayList<>();
        parsed.values.forEach((name, value) ->
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

  /** The header's fields. {@code format} 1 is the first format (key id only). */
  private record Header(int format, String keyId, String purpose, @Nullable String env, @Nullable String app, long version) {
    /** The fields the values' associated data binds: everything but the key id and the version. */
    String binding() {
      return "purpose=" + purpose + (env == null ? "" : " env=" + env) + (app == null ? "" : " app=" + app);
    }

    String line() {
      return HEADER + "key=" + keyId + " purpose=" + purpose + (env == null ? "" : " env=" + env)
          + (app == null ? "" : " app=" + app) + " version=" + version;
    }

    Header withVersion(long v) {
      return new Header(format, keyId, purpose, env, app, v);
    }
  }

  private static @Nullable Binding expectedFrom(Origin source) {
    Optional<Path> path = source.path();
    if (path.isEmpty() || path.get().getFileName() == null) return null;
    Matcher m = ENV_FILE.matcher(path.get().getFileName().toString());
    return m.matches() ? Binding.of(Environment.named(m.group(1))) : null;
  }

  private static String encode(Map<String, String> values, EnvKey key, @Nullable String previous,
      @Nullable Binding binding, @Nullable String layout, boolean layoutGiven, long floor) {
    Parsed prev = null;
    if (previous != null) {
      try {
        prev = parse(previous, Origin.of("previous"), key);
      } catch (RunwayException e) {
        prev = null;
      }
    }
    if (prev != null && prev.label != null) prev = null; // a backup is no previous env file
    String env = binding != null ? binding.environment().name() : prev != null ? prev.header.env : null;
    String app = binding != null && binding.app().isPresent() ? binding.app().get() : prev != null ? prev.header.app : null;
    String nextLayout = layoutGiven ? layout : prev != null ? prev.layout : null;
    Header header = new Header(2, key.id(), ENV, env, app, 1);
    Map<String, String> reuse = Map.of();
    String reuseLayout = null;
    if (prev != null) {
      header = header.withVersion(Math.max(prev.header.version, floor) + 1);
      if (prev.header.format == 2 && prev.header.binding().equals(header.binding())) {
        reuse = prev.tokensOfUnchanged(values);
        if (Objects.equals(prev.layout, nextLayout)) reuseLayout = prev.layoutToken;
        boolean unchanged = reuse.size() == values.size() && prev.values.size() == values.size()
            && List.copyOf(prev.values.keySet()).equals(List.copyOf(values.keySet()))
            && Objects.equals(prev.layout, nextLayout) && prev.header.version >= floor;
        if (unchanged) return previous;
      }
    } else if (floor > 0) {
      header = header.withVersion(floor + 1);
    }
    return write(values, key, reuse, null, header, nextLayout, reuseLayout);
  }

  private static String write(Map<String, String> values, EnvKey key, Map<String, String> reuse,
      @Nullable String label, Header header, @Nullable String layout, @Nullable String layoutToken) {
    byte[] material = key.material();
    byte[] encKey = Crypto.derive(material, "runway env encryption v1");
    byte[] macKey = Crypto.derive(material, "runway env mac v1");
    List<String> lines = new ArrayList<>(PREAMBLE);
    lines.add(header.line());
    if (label != null) lines.add(LABEL + label);
    if (layout != null) {
      lines.add(COMMENTS + PREFIX + (layoutToken != null ? layoutToken : Crypto.seal(encKey, layout, aad(header, "#comments"))));
    }
    values.forEach((name, value) -> {
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("variable name '" + name
            + "' must start with a letter or '_' and hold only letters, digits and '_', '.', '-'");
      }
      Objects.requireNonNull(value, name);
      String token = reuse.get(name);
      if (token == null) {
        try {
          token = Crypto.seal(encKey, value, aad(header, name));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
      }
      lines.add(name + "=" + PREFIX + token);
    });
    String body = String.join("\n", lines) + "\n";
    return body + MAC + Crypto.base64(Crypto.hmac(macKey, body.getBytes(StandardCharsets.UTF_8))) + "\n";
  }

  private static byte[] aad(Header header, String name) {
    String text = header.format == 1 ? "runway env v1\n" + name : "runway env v2\n" + header.binding() + "\n" + name;
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static Parsed parse(String original, Origin source, EnvKey key) {
    // A checkout with CRLF line ends (git autocrlf) is read as LF, the bytes the MAC was made over.
    String text = original;
    if (text.indexOf('\r') >= 0) {
      text = text.replace("\r\n", "\n");
      if (text.indexOf('\r') >= 0) {
        throw malformed(source, 1, "holds a carriage return that does not end a line; restore it from version"
            + " control, and mark encrypted files LF-only in .gitattributes: *.enc text eol=lf");
      }
    }
    // Byte-exact: the MAC covers every byte before the MAC line.
    String content = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    List<String> lines = List.of(content.split("\n", -1));
    int headerAt = -1;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.startsWith(HEADER) || l.startsWith(HEADER_V1)) {
        headerAt = i;
        break;
      }
      if (!l.isBlank() && !l.startsWith("#")) break;
    }
    if (headerAt < 0) {
      throw malformed(source, 1, "not a Runway encrypted env file (no '" + HEADER.strip() + "' header);"
          + " encrypt the plain file with: runway encrypt --env <environment>");
    }
    int macLine = lines.size() - 1;
    if (macLine <= headerAt || !lines.get(macLine).startsWith(MAC) || !text.endsWith("\n")) {
      throw new DecryptionFailed(DecryptionFailed.Reason.TAMPERED, source
          + ": the last line is not the file's MAC (the file was cut short or edited);"
          + " restore it from version control or encrypt the plain file again", source);
    }
    Header header = header(lines.get(headerAt), source, headerAt + 1);
    if (!header.keyId.equals(key.id())) {
      throw new DecryptionFailed(DecryptionFailed.Reason.WRONG_KEY, source + ": was encrypted with key "
          + header.keyId + " but the key from " + key.source() + " is key " + key.id()
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
    String prefix = header.format == 1 ? PREFIX_V1 : PREFIX;
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> tokens = new LinkedHashMap<>();
    Map<String, Integer> lineOf = new LinkedHashMap<>();
    String label = null;
    String layout = null;
    String layoutToken = null;
    int first = headerAt + 1;
    if (first < macLine && lines.get(first).startsWith(LABEL)) {
      label = lines.get(first).substring(LABEL.length());
      first++;
    }
    if (header.format == 2 && first < macLine && lines.get(first).startsWith(COMMENTS)) {
      String rest = lines.get(first).substring(COMMENTS.length());
      int lineNo = first + 1;
      if (!rest.startsWith(PREFIX)) throw malformed(source, lineNo, "not a " + COMMENTS + PREFIX + "... line; encrypt the plain file again");
      layoutToken = rest.substring(PREFIX.length());
      layout = Crypto.open(encKey, layoutToken, aad(header, "#comments")).orElseThrow(() -> new DecryptionFailed(
          DecryptionFailed.Reason.TAMPERED, source.withLine(lineNo) + ": the comments do not decrypt;"
              + " encrypt the plain file again", source.withLine(lineNo)));
      first++;
    }
    if (header.format == 2 && (label != null) != header.purpose.equals(BACKUP)) {
      throw malformed(source, headerAt + 1, "purpose=" + header.purpose + (label == null ? " without" : " with")
          + " a label line; encrypt the plain file again");
    }
    for (int i = first; i < macLine; i++) {
      String l = lines.get(i);
      int lineNo = i + 1;
      int eq = l.indexOf('=');
      String name = eq < 0 ? "" : l.substring(0, eq);
      String rest = eq < 0 ? "" : l.substring(eq + 1);
      if (!NAME.matcher(name).matches() || !rest.startsWith(prefix)
          || !TOKEN.matcher(rest.substring(prefix.length())).matches()) {
        throw malformed(source.withLine(lineNo), lineNo, "not a NAME=" + prefix + "... line;"
            + " encrypt the plain file again with: runway encrypt --env <environment>");
      }
      if (values.containsKey(name)) {
        throw malformed(source.withLine(lineNo), lineNo, name + ": appears twice; encrypt the plain file again");
      }
      String token = rest.substring(prefix.length());
      String value = Crypto.open(encKey, token, aad(header, name)).orElseThrow(() -> new DecryptionFailed(
          DecryptionFailed.Reason.TAMPERED, source.withLine(lineNo) + ": " + name
              + ": value does not decrypt under this name (it was changed or moved from another variable);"
              + " encrypt the plain file again", source.withLine(lineNo)));
      values.put(name, value);
      tokens.put(name, token);
      lineOf.put(name, lineNo);
    }
    return new Parsed(header, Collections.unmodifiableMap(values), tokens, lineOf, label, layout, layoutToken);
  }

  private static Header header(String line, Origin source, int lineNo) {
    if (line.startsWith(HEADER_V1)) {
      return new Header(1, line.substring(HEADER_V1.length()), ENV, null, null, 0);
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (String part : line.substring(HEADER.length()).split(" ", -1)) {
      int eq = part.indexOf('=');
      if (eq <= 0 || fields.put(part.substring(0, eq), part.substring(eq + 1)) != null) {
        throw malformed(source, lineNo, "the header is not 'key=<id> purpose=<env|backup> [env=<name>] [app=<name>]"
            + " version=<n>'; restore the file from version control or encrypt the plain file again");
      }
    }
    String keyId = fields.remove("key");
    String purpose = fields.remove("purpose");
    String env = fields.remove("env");
    String app = fields.remove("app");
    String version = fields.remove("version");
    long v = -1;
    try {
      if (version != null) v = Long.parseLong(version);
    } catch (NumberFormatException e) {
      v = -1;
    }
    if (keyId == null || !(ENV.equals(purpose) || BACKUP.equals(purpose)) || v < 1 || !fields.isEmpty()) {
      throw malformed(source, lineNo, "the header is not 'key=<id> purpose=<env|backup> [env=<name>] [app=<name>]"
          + " version=<n>'; restore the file from version control or encrypt the plain file again");
    }
    return new Header(2, keyId, purpose, env, app, v);
  }

  /** Refuses a file written for another environment, app or purpose; warns about an unbound one. */
  private static void check(Parsed parsed, Origin source, Binding expected, List<String> warnings) {
    Header h = parsed.header;
    String want = expected.environment().name();
    if (parsed.label != null || BACKUP.equals(h.purpose)) {
      throw new DecryptionFailed(DecryptionFailed.Reason.WRONG_BINDING, source + ": is a sync backup, not the"
          + " encrypted env file of " + want + " (a backup copied over it?); restore " + fileFor(Path.of(""),
          expected.environment()) + " from version control, or put a backup's values back with: runway sync restore --env "
          + want + " --service <service> <backup>", source);
    }
    if (h.format == 1) {
      warnings.add(source + ": is in the first format, which binds it to no environment and has no version;"
          + " migrate it with: runway rotate --env " + want);
      return;
    }
    if (h.env == null) {
      warnings.add(source + ": is bound to no environment; bind it with: runway rotate --env " + want);
    } else if (!h.env.equals(want)) {
      throw new DecryptionFailed(DecryptionFailed.Reason.WRONG_BINDING, source + ": was encrypted for environment '"
          + h.env + "', not '" + want + "' (a file copied over another?); restore it from version control, or encrypt"
          + " .env." + want + " again with: runway encrypt --env " + want, source);
    }
    if (h.app != null && expected.app().isPresent() && !h.app.equals(expected.app().get())) {
      throw new DecryptionFailed(DecryptionFailed.Reason.WRONG_BINDING, source + ": was encrypted for app '"
          + h.app + "', not '" + expected.app().get() + "' (a file copied from another project?); restore it from"
          + " version control, or encrypt .env." + want + " again with: runway encrypt --env " + want, source);
    }
  }

  private static DecryptionFailed malformed(Origin at, int line, String message) {
    Origin origin = at.path().isPresent() ? at.withLine(line) : at;
    return new DecryptionFailed(DecryptionFailed.Reason.MALFORMED, origin + ": " + message, origin);
  }

  private static final class Parsed {
    final Header header;
    final Map<String, String> values;
    private final Map<String, String> tokens;
    final Map<String, Integer> lines;
    final @Nullable String label;
    final @Nullable String layout;
    final @Nullable String layoutToken;

    Parsed(Header header, Map<String, String> values, Map<String, String> tokens, Map<String, Integer> lines,
        @Nullable String label, @Nullable String layout, @Nullable String layoutToken) {
      this.header = header;
      this.values = values;
      this.tokens = tokens;
      this.lines = lines;
      this.label = label;
      this.layout = layout;
      this.layoutToken = layoutToken;
    }

    Map<String, String> tokensOfUnchanged(Map<String, String> next) {
      Map<String, String> out = new LinkedHashMap<>();
      next.forEach((name, value) -> {
        if (value.equals(values.get(name))) out.put(name, tokens.get(name));
      });
      return out;
    }
  }

  /** An encrypted env file's text, read the bounded way: a regular file of at most 5 MB, UTF-8. */
  static String read(Path file) {
    if (!Files.exists(file)) {
      throw new RunwayException.IoFailed(file + ": no such file; create it with runway encrypt", Origin.file(file), null);
    }
    return InputFiles.readText(file, "encrypted env file");
  }

  private static @Nullable String readIfPresent(Path file) {
    return Files.exists(file) ? read(file) : null;
  }
}

package dev.runway.env;

import dev.runway.base.Problem;
import dev.runway.base.Problems;
import dev.runway.base.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Masks credentials in text that quotes input: every message, path, expectation and fix that
 * repeats what a user wrote goes through here, whatever the sensitivity of the variable it came
 * from, so a key pasted into the wrong place never reaches a report.
 *
 * <ul>
 *   <li>A <em>key-shaped word</em> — a run of letters, digits, {@code _}, {@code -} and {@code .}
 *       (or a run of its dot-separated parts) that one of {@link KeyFormat#builtIn()} matches as a
 *       whole — keeps only the public prefix of its format: {@code sk-proj-****}, {@code ghp_****},
 *       {@code sk_live_****}, {@code AKIA****}, {@code eyJ****}; a format without a prefix (a Vercel
 *       token) shows {@link Secret#MASK} alone.
 *   <li>A PEM private key block shows its BEGIN line and the mask:
 *       {@code -----BEGIN PRIVATE KEY-----****}.
 *   <li>The password of any URL: {@code ftp://mon:****@ftp.example.com/}.
 * </ul>
 *
 * <pre>{@code
 * KeyMask.mask("is not a port number: 'sk-proj-...'");  // "is not a port number: 'sk-proj-****'"
 * KeyMask.mask("ftp://mon:hunter22@example.com");       // "ftp://mon:****@example.com"
 * }</pre>
 *
 * <p>Masking is idempotent and leaves text without credentials unchanged. Stateless and
 * thread-safe.
 */
public final class KeyMask {
  private KeyMask() {}

  private static final Pattern WORD = Pattern.compile("[\\w.-]+");
  /**
   * {@code scheme://user:password@host}: the password runs to the last {@code @} of the URL
   * (passwords are often pasted unencoded, with {@code @} or {@code /} in them); an {@code @} in
   * the path masks more than the password, never less.
   */
  private static final Pattern URL_PASSWORD = Pattern.compile(
      "(\\b[A-Za-z][A-Za-z0-9+.-]*://[^\\s/?#@:'\"<>]*:)([^\\s'\"<>]*)@");
  /** Passwords that are documentation, not secrets: {@code user:password@host}, {@code ${DB_PASSWORD}}. */
  // Only ${NAME} counts as a reference: a bare $word may be a real password that starts with '$'.
  private static final Pattern PLACEHOLDER = Pattern.compile("(?i)password|\\$\\{\\w+}|\\*+");
  /** The whole block; an END line cut off by truncation masks to the end of the text. */
  private static final Pattern PRIVATE_KEY = Pattern.compile(
      "(-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----)(?s:.*?)(?:-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----|\\z)");
  /** The public part of each built-in format, shown before the mask. */
  private static final Map<String, String> PREFIXES = Map.ofEntries(
      Map.entry("openai", "sk-(?:proj-|svcacct-|admin-)?"),
      Map.entry("anthropic", "sk-ant-"),
      Map.entry("llamacloud", "llx-"),
      Map.entry("jwt", "eyJ"),
      Map.entry("supabase-publishable", "sb_publishable_"),
      Map.entry("supabase-secret", "sb_secret_"),
      Map.entry("supabase-access-token", "sbp_"),
      Map.entry("render", "rnd_"),
      Map.entry("github", "gh[pousr]_|github_pat_"),
      Map.entry("stripe-secret", "(?:sk|rk)_(?:live|test)_"),
      Map.entry("aws-access-key", "A3T|AKIA|ASIA|ABIA|ACCA"));

  /** {@code text} with every key-shaped word, private key and URL password masked. */
  public static String mask(String text) {
    if (text.isEmpty()) return text;
    String out = text.contains("PRIVATE KEY") ? PRIVATE_KEY.matcher(text).replaceAll(m ->
        Matcher.quoteReplacement(m.group(1) + Secret.MASK)) : text;
    if (out.contains("://")) {
      out = URL_PASSWORD.matcher(out).replaceAll(m -> Matcher.quoteReplacement(
          PLACEHOLDER.matcher(m.group(2)).matches() ? m.group() : m.group(1) + Secret.MASK + "@"));
    }
    Matcher words = WORD.matcher(out);
    StringBuilder sb = null;
    int copied = 0;
    while (words.find()) {
      String word = words.group();
      String masked = maskWord(word);
      if (masked.equals(word)) continue;
      if (sb == null) sb = new StringBuilder(out.length());
      sb.append(out, copied, words.start()).append(masked);
      copied = words.end();
    }
    if (sb == null) return out;
    return sb.append(out, copied, out.length()).toString();
  }

  /** The same problem with its subject, message, expectation and fix masked. */
  public static Problem mask(Problem p) {
    Problem masked = Problem.error(p.code(), mask(p.subject()), mask(p.message()))
        .withSeverity(p.severity())
        .withEnvironment(p.environment().orElse(null))
        .withOrigin(p.origin().orElse(null))
        .withExpected(p.expected().map(KeyMask::mask).orElse(null))
        .withFix(p.fix().map(KeyMask::mask).orElse(null));
    return masked.equals(p) ? p : masked;
  }

  /** Every problem masked, in the same order. */
  public static List<Problem> mask(List<Problem> problems) {
    List<Problem> out = new ArrayList<>(problems.size());
    for (Problem p : problems) out.add(mask(p));
    return out;
  }

  /** Every problem masked. */
  public static Problems mask(Problems problems) {
    return Problems.of(mask(problems.all()));
  }

  /** A word, a word without its trailing dots, or runs of its dot-separated parts. */
  private static String maskWord(String word) {
    Optional<String> whole = masked(word);
    if (whole.isPresent()) return whole.get();
    String trimmed = word.replaceFirst("\\.+$", "");
    if (!trimmed.equals(word) && !trimmed.isEmpty()) {
      Optional<String> t = masked(trimmed);
      if (t.isPresent()) return t.get() + word.substring(trimmed.length());
    }
    if (word.indexOf('.') < 0) return word;
    String[] parts = word.split("\\.", -1);
    StringBuilder sb = new StringBuilder();
    boolean changed = false;
    int i = 0;
    while (i < parts.length) {
      int end = -1;
      String replacement = null;
      // the longest run of parts starting here that is a key (a JWT is three parts)
      for (int j = parts.length - 1; j >= i && replacement == null; j--) {
        Optional<String> m = masked(String.join(".", List.of(parts).subList(i, j + 1)));
        if (m.isPresent()) {
          replacement = m.get();
          end = j;
        }
      }
      if (i > 0) sb.append('.');
      if (replacement != null) {
        sb.append(replacement);
        changed = true;
        i = end + 1;
      } else {
        sb.append(parts[i]);
        i++;
      }
    }
    return changed ? sb.toString() : word;
  }

  private static Optional<String> masked(String candidate) {
    if (candidate.length() < 7) return Optional.empty(); // the shortest shape, a JWT, is eyJ?.?.
    for (Shape shape : SHAPES) {
      if (!shape.key.matcher(candidate).matches()) continue;
      Matcher m = shape.prefix == null ? null : shape.prefix.matcher(candidate);
      String shown = m != null && m.lookingAt() ? candidate.substring(0, m.end()) : "";
      return Optional.of(shown + Secret.MASK);
    }
    return Optional.empty();
  }

  /**
   * A built-in format matched ignoring case, unlike {@link KeyFormat#matches}: messages that
   * upper-case what they quote ({@code method SK-PROJ-...}) must not show the key either.
   */
  private record Shape(Pattern key, @Nullable Pattern prefix) {}

  private static final List<Shape> SHAPES = KeyFormat.builtIn().stream()
      .filter(f -> f != KeyFormat.PRIVATE_KEY)
      .map(f -> new Shape(Pattern.compile(f.regex(), Pattern.CASE_INSENSITIVE),
          PREFIXES.containsKey(f.name()) ? Pattern.compile(PREFIXES.get(f.name()), Pattern.CASE_INSENSITIVE) : null))
      .toList();
}

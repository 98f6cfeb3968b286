package dev.runway.observability;

import dev.runway.env.Env;
import dev.runway.env.KeyFormat;
import dev.runway.base.Secret;
import dev.runway.env.Var;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Replaces secrets in text with {@link Secret#MASK}: every known secret value wherever it occurs,
 * and every word that has the shape of a known key ({@link KeyFormat#builtIn()} and any formats
 * added), whether Runway loaded it or not.
 *
 * <pre>{@code
 * Masker masker = Masker.of(env);                 // env's SECRET values + built-in key formats
 * masker.mask("calling with sk-proj-abc...xyz");  // "calling with ****"
 * }</pre>
 *
 * <p>Terms: a <em>word</em> is a run of letters, digits, {@code _}, {@code -} and {@code .}; key
 * formats are matched against whole words of at least {@value #MIN_KEY_LENGTH} characters (and,
 * for words with dots, against each dot-separated part and the word without a trailing dot).
 * Secret values are matched anywhere, but values shorter than {@value #MIN_SECRET_LENGTH}
 * characters are not masked (they would mask ordinary text; the security audit flags them as
 * weak). A secret URL's password ({@code postgres://user:PASSWORD@host}) is masked on its own too.
 *
 * <p>Immutable and thread-safe; {@code toString()} counts the secrets but never shows one.
 */
public final class Masker {
  /** Secret values shorter than this are not masked. */
  public static final int MIN_SECRET_LENGTH = 4;
  /** Words shorter than this are never taken for keys. */
  public static final int MIN_KEY_LENGTH = 10;

  /** The characters words are made of; their order numbers the pairs in {@link #formatsByPair}. */
  private static final String WORD_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.";
  private static final byte[] WORD_CHAR_INDEX = new byte[128];
  /** 1 for a word character, else 0, by ASCII code. */
  private static final int[] WORD_CHAR = new int[128];
  private static final int PAIR_BUCKETS = 1024;
  private static final char[] MASK_CHARS = Secret.MASK.toCharArray();

  static {
    Arrays.fill(WORD_CHAR_INDEX, (byte) -1);
    for (int i = 0; i < WORD_CHARS.length(); i++) {
      WORD_CHAR_INDEX[WORD_CHARS.charAt(i)] = (byte) i;
      WORD_CHAR[WORD_CHARS.charAt(i)] = 1;
    }
  }

  /** Viable pairs by expression: computed once per JVM, maskers are built per environment. */
  private static final Map<String, BitSet> VIABLE_PAIRS = new ConcurrentHashMap<>();
  private static final Masker FORMATS_ONLY = new Masker(List.of(), KeyFormat.builtIn());

  private final String[] secrets;
  private final List<KeyFormat> formats;
  private final Pattern[] patterns;
  private final ThreadLocal<Scratch> scratch;
  /** Secrets by the hash of their first two characters: a text is scanned once, not once per secret. */
  private final @Nullable Bucket[] secretsByPair;
  /** Bit {@code c & 63} set for the first character {@code c} of every secret: a one-instruction first filter. */
  private final long secretFirstChars;
  /**
   * For each pair of word characters, the formats (bit {@code f} for {@code patterns[f]}) whose
   * expression can match a word starting with that pair; formats past the 32nd are always tried.
   */
  private final int[] formatsByPair;

  private Masker(Collection<String> secretValues, Collection<KeyFormat> formats) {
    Set<String> unique = new LinkedHashSet<>();
    for (String s : secretValues) {
      if (s.length() >= MIN_SECRET_LENGTH) unique.add(s);
      String password = urlPassword(s);
      if (password != null && password.length() >= MIN_SECRET_LENGTH) unique.add(password);
    }
    this.secrets = unique.toArray(String[]::new);
    this.formats = List.copyOf(new LinkedHashSet<>(formats));
    this.patterns = this.formats.stream().map(f -> Pattern.compile(f.regex())).toArray(Pattern[]::new);
    Pattern[] p = patterns;
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(p));
    this.secretsByPair = indexByFirstPair(secrets);
    long firsts = 0;
    for (String secret : secrets) firsts |= 1L << secret.charAt(0); // Java shifts a long by (n & 63)
    this.secretFirstChars = firsts;
    this.formatsByPair = viableFormatsByPair(patterns);
  }

  private static @Nullable Bucket[] indexByFirstPair(String[] secrets) {
    Map<Integer, List<String>> byHash = new HashMap<>();
    for (String s : secrets) byHash.computeIfAbsent(pairHash(s.charAt(0), s.charAt(1)), h -> new ArrayList<>()).add(s);
    Bucket[] index = new Bucket[PAIR_BUCKETS];
    byHash.forEach((h, list) -> index[h] = new Bucket(list));
    return index;
  }

  private static int[] viableFormatsByPair(Pattern[] patterns) {
    int[] viable = new int[WORD_CHARS.length() * WORD_CHARS.length()];
    for (int f = 0; f < Math.min(patterns.length, 32); f++) {
      Pattern pattern = patterns[f];
      BitSet pairs = VIABLE_PAIRS.computeIfAbsent(pattern.pattern(), regex -> viablePairs(pattern));
      for (int pair = pairs.nextSetBit(0); pair >= 0; pair = pairs.nextSetBit(pair + 1)) viable[pair] |= 1 << f;
    }
    return viable;
  }

  /**
   * Asks the expression which two-character starts it could still match: a matcher run on the pair
   * either matches or reports that it hit the end of the input wanting more. Exact, since it is the
   * regex engine's own answer, and it works for formats users add as well as the built-in ones.
   */
  private static BitSet viablePairs(Pattern pattern) {
    int n = WORD_CHARS.length();
    BitSet viable = new BitSet(n * n);
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        Matcher m = pattern.matcher(new String(new char[] {WORD_CHARS.charAt(a), WORD_CHARS.charAt(b)}));
        if (m.matches() || m.hitEnd()) viable.set(a * n + b);
      }
    }
    return viable;
  }

  /** Masks the built-in key formats only: for logging before the environment is loaded. */
  public static Masker formatsOnly() {
    return FORMATS_ONLY;
  }

  /** Masks the values of every SECRET variable in {@code env} and the built-in key formats. */
  public static Masker of(Env env) {
    return builder().secrets(env).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this masker's secrets and formats, to add more. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.secrets.addAll(Arrays.asList(secrets));
    b.formats.clear();
    b.formats.addAll(formats);
    return b;
  }

  /** How many distinct secret values are masked. */
  public int secretCount() {
    return secrets.length;
  }

  public List<KeyFormat> formats() {
    return formats;
  }

  /** The text with every secret replaced by {@link Secret#MASK}; the same instance when there is none. */
  public String mask(String text) {
    int len = text.length();
    if (len < MIN_SECRET_LENGTH || secrets.length == 0 && patterns.length == 0) return text;
    Scratch work = scratch.get();
    // scanning a char[] is several times faster than String.charAt, and the buffer is reused
    char[] chars = work.chars(len);
    text.getChars(0, len, chars, 0);
    Ranges ranges = work.ranges;
    ranges.clear();
    if (secrets.length > 0) {
      Bucket[] index = secretsByPair;
      long firsts = secretFirstChars;
      for (int i = 0, last = len - MIN_SECRET_LENGTH; i <= last; i++) {
        if ((firsts >>> chars[i] & 1) == 0) continue; // no secret starts with a character like this one
        Bucket bucket = index[pairHash(chars[i], chars[i + 1])];
        if (bucket != null) bucket.findAt(text, i, ranges);
      }
    }
    if (patterns.length > 0) {
      // Count the current run of word characters without branching on word boundaries (text
      // switches between words and separators every few characters, which defeats branch
      // prediction); only a run reaching key length leaves the straight path.
      int run = 0;
      for (int i = 0; i < len; i++) {
        char c = chars[i];
        run = (run + 1) * (c < 128 ? WORD_CHAR[c] : 0);
        if (run == MIN_KEY_LENGTH) {
          int start = i + 1 - MIN_KEY_LENGTH;
          int end = i + 1;
          while (end < len && isWordChar(chars[end])) end++;
          if (!ranges.covers(start, end)) checkWord(text, start, end, work.matchers, ranges);
          i = end; // the character at end is not a word character
          run = 0;
        }
      }
    }
    return ranges.isEmpty() ? text : ranges.apply(chars, len);
  }

  private static int pairHash(char a, char b) {
    return (a * 31 + b) & (PAIR_BUCKETS - 1);
  }

  private void checkWord(String text, int start, int end, Matcher[] m, Ranges ranges) {
    int e = end;
    while (e > start && text.charAt(e - 1) == '.') e--;
    if (matchesKey(text, start, e, m)) {
      ranges.add(start, e);
      return;
    }
    int firstDot = text.indexOf('.', start);
    if (firstDot < 0 || firstDot >= e) return;
    int partStart = start;
    for (int i = start; i <= e; i++) {
      if (i == e || text.charAt(i) == '.') {
        if (i - partStart >= MIN_KEY_LENGTH && matchesKey(text, partStart, i, m)) ranges.add(partStart, i);
        partStart = i + 1;
      }
    }
  }

  /** Whether text[start, end), a run of word characters, has the shape of one of the formats. */
  private boolean matchesKey(String text, int start, int end, Matcher[] m) {
    int candidates = formatsByPair[WORD_CHAR_INDEX[text.charAt(start)] * WORD_CHARS.length()
        + WORD_CHAR_INDEX[text.charAt(start + 1)]];
    for (int f = 0; f < m.length; f++) {
      if (f < 32 && (candidates & (1 << f)) == 0) continue;
      Matcher matcher = m[f];
      matcher.reset(text);
      matcher.region(start, end);
      if (matcher.matches()) return true;
    }
    return false;
  }

  private static boolean isWordChar(char c) {
    return c < 128 && WORD_CHAR[c] != 0;
  }

  private static @Nullable String urlPassword(String value) {
    int scheme = value.indexOf("://");
    if (scheme <= 0) return null;
    try {
      String userInfo = URI.create(value).getRawUserInfo();
      if (userInfo == null) return null;
      int colon = userInfo.indexOf(':');
      return colon < 0 ? null : userInfo.substring(colon + 1);
    } catch (IllegalArgumentException e) {
      int at = value.indexOf('@', scheme);
      int colon = value.indexOf(':', scheme + 3);
      return at > 0 && colon > 0 && colon < at ? value.substring(colon + 1, at) : null;
    }
  }

  @Override
  public String toString() {
    return "Masker{" + secrets.length + " secrets, formats=" + formats + "}";
  }

  /**
   * The secrets whose first two characters share a hash. Secrets often share a long start (JWTs
   * begin with the same encoded header), so that start is compared once, then each secret's rest.
   */
  private static final class Bucket {
    final String commonStart;
    final String[] secrets;

    Bucket(List<String> secrets) {
      this.secrets = secrets.toArray(String[]::new);
      String common = secrets.get(0);
      for (String s : secrets) {
        int n = 0;
        while (n < common.length() && n < s.length() && common.charAt(n) == s.charAt(n)) n++;
        common = common.substring(0, n);
      }
      this.commonStart = common;
    }

    void findAt(String text, int i, Ranges ranges) {
      if (!text.startsWith(commonStart, i)) return;
      int skip = commonStart.length();
      for (String secret : secrets) {
        if (text.regionMatches(i + skip, secret, skip, secret.length() - skip)) ranges.add(i, i + secret.length());
      }
    }
  }

  /** Per-thread working state, so masking a text allocates nothing but the masked result. */
  private static final class Scratch {
    /** Longer texts get a buffer of their own, so an odd huge message does not pin memory per thread. */
    private static final int MAX_KEPT = 8192;
    final Matcher[] matchers;
    final Ranges ranges = new Ranges();
    private char[] chars = new char[256];

    Scratch(Pattern[] patterns) {
      matchers = new Matcher[patterns.length];
      for (int i = 0; i < patterns.length; i++) matchers[i] = patterns[i].matcher("");
    }

    char[] chars(int length) {
      if (length <= chars.length) return chars;
      if (length > MAX_KEPT) return new char[length];
      chars = new char[Math.max(length, Math.min(MAX_KEPT, chars.length * 2))];
      return chars;
    }
  }

  /** Start and end offsets of the parts to mask; merged when applied. */
  private static final class Ranges {
    private int[] starts = new int[4];
    private int[] ends = new int[4];
    private int size;

    void add(int start, int end) {
      if (size == starts.length) {
        starts = Arrays.copyOf(starts, size * 2);
        ends = Arrays.copyOf(ends, size * 2);
      }
      // insertion sort by start: there are few ranges
      int i = size++;
      while (i > 0 && starts[i - 1] > start) {
        starts[i] = starts[i - 1];
        ends[i] = ends[i - 1];
        i--;
      }
      starts[i] = start;
      ends[i] = end;
    }

    /** Whether [start, end) already lies inside one range (a secret's value): no need to test its shape. */
    boolean covers(int start, int end) {
      for (int i = 0; i < size && starts[i] <= start; i++) {
        if (ends[i] >= end) return true;
      }
      return false;
    }

    void clear() {
      size = 0;
    }

    boolean isEmpty() {
      return size == 0;
    }

    /**
     * The masked text, written over {@code chars} in place: every range is at least
     * {@link Secret#MASK}'s length long, so the output never overtakes the input.
     */
    String apply(char[] chars, int len) {
      int out = 0;
      int pos = 0;
      int i = 0;
      while (i < size) {
        int start = starts[i];
        int end = ends[i];
        i++;
        while (i < size && starts[i] <= end) {
          end = Math.max(end, ends[i]);
          i++;
        }
        if (start > pos) {
          System.arraycopy(chars, pos, chars, out, start - pos);
          out += start - pos;
        }
        int maskStart = out;
        out += MASK_CHARS.length;
        System.arraycopy(MASK_CHARS, 0, chars, maskStart, MASK_CHARS.length);
        pos = Math.max(pos, end);
      }
      System.arraycopy(chars, pos, chars, out, len - pos);
      out += len - pos;
      return new String(chars, 0, out);
    }
  }

  /** Collects secret values and key formats; starts with {@link KeyFormat#builtIn()}. */
  public static final class Builder {
    private final List<String> secrets = new ArrayList<>();
    private final List<KeyFormat> formats = new ArrayList<>(KeyFormat.builtIn());

    private Builder() {}

    /** One secret value to mask. */
    public Builder secret(String value) {
      secrets.add(Objects.requireNonNull(value, "value"));
      return this;
    }

    public Builder secret(Secret value) {
      return secret(value.reveal());
    }

    /** The values of every variable classified SECRET that has a value in {@code env}. */
    public Builder secrets(Env env) {
      for (Var<?> v : env.schema().variables()) {
        if (v.isSecret() && env.names().contains(v.name())) env.text(v.name()).ifPresent(secrets::add);
      }
      return this;
    }

    /** Another key shape to mask wherever it appears. */
    public Builder format(KeyFormat format) {
      formats.add(Objects.requireNonNull(format, "format"));
      return this;
    }

    /** No key formats: only the given secret values are masked. */
    public Builder noFormats() {
      formats.clear();
      return this;
    }

    public Masker build() {
      return new Masker(secrets, formats);
    }
  }
}

package dev.runway.observability;

import dev.runway.env.Env;
import dev.runway.env.KeyFormat;
import dev.runway.env.Secret;
import dev.runway.env.Var;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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

  private static final Masker FORMATS_ONLY = new Masker(List.of(), KeyFormat.builtIn());

  private final String[] secrets;
  private final List<KeyFormat> formats;
  private final Pattern[] patterns;
  private final ThreadLocal<Matcher[]> matchers;

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
    this.matchers = ThreadLocal.withInitial(() -> {
      Matcher[] m = new Matcher[p.length];
      for (int i = 0; i < p.length; i++) m[i] = p[i].matcher("");
      return m;
    });
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
    if (len < MIN_SECRET_LENGTH) return text;
    Ranges ranges = null;
    for (String secret : secrets) {
      int i = text.indexOf(secret);
      while (i >= 0) {
        if (ranges == null) ranges = new Ranges();
        ranges.add(i, i + secret.length());
        i = text.indexOf(secret, i + 1);
      }
    }
    if (patterns.length > 0) {
      Matcher[] m = null;
      int i = 0;
      while (i < len) {
        if (!isWordChar(text.charAt(i))) {
          i++;
          continue;
        }
        int start = i;
        while (i < len && isWordChar(text.charAt(i))) i++;
        if (i - start >= MIN_KEY_LENGTH) {
          if (m == null) m = matchers.get();
          ranges = checkWord(text, start, i, m, ranges);
        }
      }
    }
    return ranges == null ? text : ranges.apply(text);
  }

  private @Nullable Ranges checkWord(String text, int start, int end, Matcher[] m, @Nullable Ranges ranges) {
    int e = end;
    while (e > start && text.charAt(e - 1) == '.') e--;
    if (matchesKey(text, start, e, m)) return add(ranges, start, e);
    if (text.indexOf('.', start) < 0 || text.indexOf('.', start) >= e) return ranges;
    int partStart = start;
    for (int i = start; i <= e; i++) {
      if (i == e || text.charAt(i) == '.') {
        if (i - partStart >= MIN_KEY_LENGTH && matchesKey(text, partStart, i, m)) ranges = add(ranges, partStart, i);
        partStart = i + 1;
      }
    }
    return ranges;
  }

  private static Ranges add(@Nullable Ranges ranges, int start, int end) {
    Ranges r = ranges == null ? new Ranges() : ranges;
    r.add(start, end);
    return r;
  }

  private static boolean matchesKey(String text, int start, int end, Matcher[] m) {
    for (Matcher matcher : m) {
      matcher.reset(text);
      matcher.region(start, end);
      if (matcher.matches()) return true;
    }
    return false;
  }

  private static boolean isWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
        || c == '.';
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

    String apply(String text) {
      StringBuilder out = new StringBuilder(text.length());
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
        if (start > pos) out.append(text, pos, start);
        out.append(Secret.MASK);
        pos = Math.max(pos, end);
      }
      out.append(text, pos, text.length());
      return out.toString();
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

package dev.runway.env.internal;

import dev.runway.base.Problem;
import dev.runway.env.KeyFormat;
import dev.runway.base.Secret;
import java.math.BigDecimal;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A check on one variable's parsed value. Constraints are values (records), so that a schema
 * declared in Java and the same schema read from runway.conf compare equal; only {@link Custom}
 * checks, which hold a lambda, are equal to themselves alone.
 */
public sealed interface Constraint {

  /** A failed check: code, message (never the value), expectation and fix. */
  record Failure(String code, String message, @org.jspecify.annotations.Nullable String expected, String fix) {}

  /**
   * Checks a value in an environment.
   *
   * @param text the raw text (for secrets too: only matched, never shown)
   * @param value the parsed value
   */
  Optional<Failure> check(String environment, String text, Object value);

  /** Whether this constraint applies to a type. */
  boolean appliesTo(VarType<?> type);

  /** The whole text matches a regular expression. */
  record Matches(String regex) implements Constraint {
    public Optional<Failure> check(String environment, String text, Object value) {
      if (Pattern.compile(regex).matcher(text).matches()) return Optional.empty();
      return Optional.of(new Failure(Problem.MALFORMED, "does not match the pattern " + regex,
          "text matching " + regex, "set a value that matches " + regex));
    }

    public boolean appliesTo(VarType<?> type) {
      return true;
    }
  }

  /** The value has the shape of a known credential. */
  record Format(KeyFormat format) implements Constraint {
    public Optional<Failure> check(String environment, String text, Object value) {
      if (format.matches(text.trim())) return Optional.empty();
      return Optional.of(new Failure(Problem.MALFORMED, "is not " + format.description(), null, format.fix()));
    }

    public boolean appliesTo(VarType<?> type) {
      return type.kind() == VarType.Kind.TEXT;
    }
  }

  /** A number between min and max, both inclusive; either may be absent (null). */
  record Range(@org.jspecify.annotations.Nullable BigDecimal min, @org.jspecify.annotations.Nullable BigDecimal max)
      implements Constraint {
    public Optional<Failure> check(String environment, String text, Object value) {
      BigDecimal v = new BigDecimal(value.toString());
      boolean low = min != null && v.compareTo(min) < 0;
      boolean high = max != null && v.compareTo(max) > 0;
      if (!low && !high) return Optional.empty();
      String range = describe();
      return Optional.of(new Failure(Problem.OUT_OF_RANGE, "is outside the range " + range,
          "a number " + range, "set a number " + range));
    }

    String describe() {
      if (min != null && max != null) return "from " + min.toPlainString() + " to " + max.toPlainString();
      if (min != null) return "of at least " + min.toPlainString();
      return "of at most " + (max == null ? "?" : max.toPlainString());
    }

    public boolean appliesTo(VarType<?> type) {
      return type.kind() == VarType.Kind.NUMBER;
    }
  }

  /** Text of min to max characters (a secret's length is checked without showing it). */
  record Length(int min, int max) implements Constraint {
    public Optional<Failure> check(String environment, String text, Object value) {
      int n = value instanceof Secret s ? s.length() : text.length();
      if (n >= min && n <= max) return Optional.empty();
      boolean minOnly = max == Integer.MAX_VALUE;
      String range = minOnly ? "at least " + min : min + " to " + max;
      String actual = "is " + n + (n == 1 ? " character" : " characters") + " long, ";
      return Optional.of(new Failure(Problem.OUT_OF_RANGE, actual + (minOnly ? "shorter than " + min : "outside " + range),
          range + " characters", "set a value of " + range + " characters"));
    }

    public boolean appliesTo(VarType<?> type) {
      return type.kind() == VarType.Kind.TEXT;
    }
  }

  /** A URL whose scheme is one of these. */
  record Schemes(Set<String> schemes) implements Constraint {
    public Optional<Failure> check(String environment, String text, Object value) {
      String scheme = ((URI) value).getScheme().toLowerCase(Locale.ROOT);
      if (schemes.contains(scheme)) return Optional.empty();
      List<String> sorted = schemes.stream().sorted().toList();
      String allowed = String.join(", ", sorted);
      String prefixes = String.join(" or ", sorted.stream().map(x -> x + "://").toList());
      return Optional.of(new Failure(Problem.MALFORMED, "uses scheme " + scheme + ", not one of " + allowed,
          "a URL with scheme " + allowed, "write the URL with " + prefixes));
    }

    public boolean appliesTo(VarType<?> type) {
      return type.kind() == VarType.Kind.URL;
    }
  }

  /** A URL that must be https (or wss) in these environments. */
  record HttpsIn(Set<String> environments) implements Constraint {
    public Optional<Failure> check(String environment, String text, Object value) {
      if (!environments.contains(environment)) return Optional.empty();
      String scheme = ((URI) value).getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("ws")) return Optional.empty();
      String secure = scheme.equals("ws") ? "wss" : "https";
      return Optional.of(new Failure(Problem.INSECURE, "uses " + scheme + ":// in " + environment,
          "a " + secure + ":// URL", "change the URL to " + secure + "://"));
    }

    public boolean appliesTo(VarType<?> type) {
      return type.kind() == VarType.Kind.URL;
    }
  }

  /** A check of the user's own; equal only to itself. */
  @SuppressWarnings("rawtypes")
  final class Custom implements Constraint {
    private final String description;
    private final Predicate predicate;

    public Custom(String description, Predicate<?> predicate) {
      this.description = description;
      this.predicate = predicate;
    }

    @SuppressWarnings("unchecked")
    public Optional<Failure> check(String environment, String text, Object value) {
      boolean ok;
      try {
        ok = predicate.test(value);
      } catch (RuntimeException e) {
        ok = false;
      }
      if (ok) return Optional.empty();
      return Optional.of(new Failure(Problem.MALFORMED, "fails the check: " + description,
          "a value that " + description, "set a value that " + description));
    }

    public boolean appliesTo(VarType<?> type) {
      return true;
    }

    public String description() {
      return description;
    }
  }

  static Set<String> names(Collection<?> environments) {
    return Set.copyOf(environments.stream().map(Object::toString).toList());
  }
}

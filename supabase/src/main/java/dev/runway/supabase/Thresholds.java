package dev.runway.supabase;

/**
 * When a usage ratio warns and when it fails: {@code warn} and {@code fail} are fractions of the
 * limit, {@code 0 < warn <= fail}. The default warns at 80% and fails at 95%.
 *
 * <pre>{@code
 * Thresholds t = Thresholds.of(0.7, 0.9);
 * t.warns(75, 100);   // true
 * t.fails(75, 100);   // false
 * }</pre>
 */
public record Thresholds(double warn, double fail) {
  /** Warn at 80%, fail at 95%. */
  public static final Thresholds DEFAULT = new Thresholds(0.80, 0.95);

  public Thresholds {
    if (!(warn > 0) || !(fail > 0) || warn > fail || fail > 10) {
      throw new IllegalArgumentException("supabase: thresholds: need 0 < warn <= fail (fractions such as 0.8 and 0.95)"
          + " but were warn=" + warn + ", fail=" + fail);
    }
  }

  public static Thresholds of(double warn, double fail) {
    return new Thresholds(warn, fail);
  }

  /** The fraction {@code used / limit} is at or past {@code fail}. */
  public boolean fails(long used, long limit) {
    return limit <= 0 || used >= fail * limit;
  }

  /** The fraction {@code used / limit} is at or past {@code warn}. */
  public boolean warns(long used, long limit) {
    return limit <= 0 || used >= warn * limit;
  }
}

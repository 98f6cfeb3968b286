package dev.runway.base;

import dev.runway.base.internal.Printable;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One thing wrong (or worth a warning) in a model, an environment or a platform file.
 *
 * <p>A problem reads {@code <origin>: <subject>: <message>; <fix>} — for example
 * {@code .env.production:7: OPENAI_API_KEY: is not an OpenAI API key (expected sk-... or sk-proj-...);
 * copy the key from platform.openai.com/api-keys}. Its {@link #code()} is stable and meant for
 * machines; its text is meant for people. A problem never carries a secret value, and its text is
 * one line that is safe to print: control characters and Unicode bidi controls in what it quotes
 * are shown as escapes (<code>&#92;u001b</code>, <code>&#92;u202e</code>).
 *
 * <p>Immutable and thread-safe; refine one with the {@code with} methods.
 */
public final class Problem {

  /** A required value is absent. */
  public static final String MISSING = "MISSING";
  /** A value does not parse as its type or format. */
  public static final String MALFORMED = "MALFORMED";
  /** A value parses but lies outside its allowed range, length or set. */
  public static final String OUT_OF_RANGE = "OUT_OF_RANGE";
  /** A value is set in an environment where it must not be. */
  public static final String NOT_ALLOWED = "NOT_ALLOWED";
  /** A variable appears in a file but the schema does not declare it. */
  public static final String UNKNOWN = "UNKNOWN";
  /** A cross-variable rule is broken. */
  public static final String RULE = "RULE";
  /** A secret would reach a place that is not secret (a browser bundle, a generated file). */
  public static final String LEAK = "LEAK";
  /** Two declarations or values disagree. */
  public static final String CONFLICT = "CONFLICT";
  /** A setting is insecure for the environment (http in production, a placeholder secret). */
  public static final String INSECURE = "INSECURE";
  /** The same name is declared twice. */
  public static final String DUPLICATE = "DUPLICATE";

  /** Whether a problem fails validation. */
  public enum Severity {
    ERROR,
    WARNING
  }

  private final String code;
  private final Severity severity;
  private final String subject;
  private final @Nullable String environment;
  private final @Nullable Origin origin;
  private final String message;
  private final @Nullable String expected;
  private final @Nullable String fix;

  private Problem(
      String code,
      Severity severity,
      String subject,
      @Nullable String environment,
      @Nullable Origin origin,
      String message,
      @Nullable String expected,
      @Nullable String fix) {
    // Problems quote input (names, values, file names): a control or bidi character in it is shown
    // as an escape, never printed raw to a terminal.
    this.code = Printable.escape(Objects.requireNonNull(code, "code"));
    this.severity = Objects.requireNonNull(severity, "severity");
    this.subject = Printable.escape(Objects.requireNonNull(subject, "subject"));
    this.environment = environment == null ? null : Printable.escape(environment);
    this.origin = origin;
    this.message = Printable.escape(Objects.requireNonNull(message, "message"));
    this.expected = expected == null ? null : Printable.escape(expected);
    this.fix = fix == null ? null : Printable.escape(fix);
  }

  /**
   * An error.
   *
   * @param code a stable code such as {@link #MISSING}; platform modules add their own
   * @param subject what is wrong: a variable name, a field path ({@code services.api.plan}), a file
   * @param message what is wrong, in a short clause that never contains a secret value
   */
  public static Problem error(String code, String subject, String message) {
    return new Problem(code, Severity.ERROR, subject, null, null, message, null, null);
  }

  /** A warning; see {@link #error}. */
  public static Problem warning(String code, String subject, String message) {
    return new Problem(code, Severity.WARNING, subject, null, null, message, null, null);
  }

  /** A copy that applies to one environment. */
  public Problem withEnvironment(@Nullable String newEnvironment) {
    return new Problem(code, severity, subject, newEnvironment, origin, message, expected, fix);
  }

  /** A copy that names where the offending value came from. */
  public Problem withOrigin(@Nullable Origin newOrigin) {
    return new Problem(code, severity, subject, environment, newOrigin, message, expected, fix);
  }

  /** A copy that names the expected form. */
  public Problem withExpected(@Nullable String newExpected) {
    return new Problem(code, severity, subject, environment, origin, message, newExpected, fix);
  }

  /** A copy that names the exact thing to write or run. */
  public Problem withFix(@Nullable String newFix) {
    return new Problem(code, severity, subject, environment, origin, message, expected, newFix);
  }

  /** A copy with another severity. */
  public Problem withSeverity(Severity newSeverity) {
    return new Problem(code, newSeverity, subject, environment, origin, message, expected, fix);
  }

  public String code() {
    return code;
  }

  public Severity severity() {
    return severity;
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  public String subject() {
    return subject;
  }

  public Optional<String> environment() {
    return Optional.ofNullable(environment);
  }

  public Optional<Origin> origin() {
    return Optional.ofNullable(origin);
  }

  public String message() {
    return message;
  }

  public Optional<String> expected() {
    return Optional.ofNullable(expected);
  }

  public Optional<String> fix() {
    return Optional.ofNullable(fix);
  }

  /** {@code <origin>: <subject>: <message> (expected <expected>); <fix>} — the line users read. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    if (origin != null) sb.append(origin).append(": ");
    sb.append(subject).append(": ").append(message);
    if (expected != null) sb.append(" (expected ").append(expected).append(')');
    if (fix != null) sb.append("; ").append(fix);
    return sb.toString();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Problem p
        && code.equals(p.code)
        && severity == p.severity
        && subject.equals(p.subject)
        && Objects.equals(environment, p.environment)
        && Objects.equals(origin, p.origin)
        && message.equals(p.message)
        && Objects.equals(expected, p.expected)
        && Objects.equals(fix, p.fix);
  }

  @Override
  public int hashCode() {
    return Objects.hash(code, severity, subject, environment, origin, message, expected, fix);
  }

  @Override
  public String toString() {
    return severity + " " + code + " " + text();
  }
}

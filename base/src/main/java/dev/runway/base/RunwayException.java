package dev.runway.base;

import dev.runway.base.internal.Printable;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The one unchecked exception root of Runway. Every instance may carry an {@link Origin}, and
 * every message reads {@code <origin>: <subject>: <problem>; <fix>}. Control characters and Unicode
 * bidi controls in a message are shown as escapes (<code>&#92;u001b</code>, <code>&#92;u202e</code>), so a message
 * that quotes input is safe to print.
 *
 * <p>Catch the nested kinds to react to one kind of failure; catch this class to report any. A
 * message never contains a secret value.
 */
public class RunwayException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient @Nullable Origin origin;

  public RunwayException(String message) {
    this(message, null, null);
  }

  public RunwayException(String message, @Nullable Origin origin, @Nullable Throwable cause) {
    // Messages quote input; a control or bidi character in it is shown as an escape (backslash u001b), never
    // sent raw to the terminal that prints the message. A message's own line breaks stay.
    super(message == null ? null : Printable.escapeKeepingLines(message), cause);
    this.origin = origin;
  }

  /** Where the failure comes from, when it comes from somewhere in particular. */
  public Optional<Origin> origin() {
    return Optional.ofNullable(origin);
  }

  /** A file (dotenv, HOCON, YAML, JSON) could not be parsed; the message names file:line. */
  public static final class ParseFailed extends RunwayException {
    private static final long serialVersionUID = 1L;

    public ParseFailed(String message, Origin origin) {
      super(message, origin, null);
    }

    public ParseFailed(String message, Origin origin, @Nullable Throwable cause) {
      super(message, origin, cause);
    }
  }

  /** A file or directory could not be read or written. */
  public static final class IoFailed extends RunwayException {
    private static final long serialVersionUID = 1L;

    public IoFailed(String message, Origin origin, @Nullable Throwable cause) {
      super(message, origin, cause);
    }
  }

  /**
   * A model (runway.conf or a Java declaration) is inconsistent: an unknown type, a duplicate
   * variable, a target that names no service.
   */
  public static final class ModelInvalid extends RunwayException {
    private static final long serialVersionUID = 1L;

    public ModelInvalid(String message, @Nullable Origin origin) {
      super(message, origin, null);
    }
  }

  /** A name was looked up that does not exist; the message lists the names that do. */
  public static final class UnknownName extends RunwayException {
    private static final long serialVersionUID = 1L;

    public UnknownName(String message) {
      super(message);
    }
  }

  /** Validation found errors; {@link #problems()} lists every one, sorted by origin. */
  public static final class ValidationFailed extends RunwayException {
    private static final long serialVersionUID = 1L;

    private final transient Problems problems;

    public ValidationFailed(Problems problems) {
      super(problems.toText(), null, null);
      this.problems = problems;
    }

    public Problems problems() {
      return problems;
    }
  }

  /** A platform API refused a call; carries the HTTP status and the vendor's error code. */
  public static final class PlatformRejected extends RunwayException {
    private static final long serialVersionUID = 1L;

    private final String platform;
    private final int status;
    private final @Nullable String vendorCode;

    public PlatformRejected(
        String platform, int status, @Nullable String vendorCode, String message, @Nullable Throwable cause) {
      super(message, Origin.of(platform), cause);
      this.platform = platform;
      this.status = status;
      this.vendorCode = vendorCode;
    }

    public String platform() {
      return platform;
    }

    /** The HTTP status, or 0 when the call never got an answer (timeout, reset). */
    public int status() {
      return status;
    }

    public Optional<String> vendorCode() {
      return Optional.ofNullable(vendorCode);
    }
  }

  /** A deploy ended in a failed state; the message names the status and links the deploy. */
  public static final class DeployFailed extends RunwayException {
    private static final long serialVersionUID = 1L;

    private final String status;

    public DeployFailed(String message, Origin origin, String status) {
      super(message, origin, null);
      this.status = status;
    }

    public String status() {
      return status;
    }
  }

  /** A wait ran out of time; the message names the target, the expectation and the last result. */
  public static final class Timeout extends RunwayException {
    private static final long serialVersionUID = 1L;

    private final Duration after;

    public Timeout(String message, @Nullable Origin origin, Duration after) {
      super(message, origin, null);
      this.after = after;
    }

    public Duration after() {
      return after;
    }
  }

}

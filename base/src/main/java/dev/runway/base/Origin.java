package dev.runway.base;

import dev.runway.base.internal.Printable;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a value, a setting or a problem came from: a file and line, the process environment, a
 * platform ({@code render:srv-123}), a schema default or an explicit override.
 *
 * <p>Every error Runway raises names its origin first, so the reader knows which file to open.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * Origin.file(Path.of(".env.production"), 12).toString();   // ".env.production:12"
 * Origin.of("process env").toString();                        // "process env"
 * }</pre>
 */
public final class Origin {
  private final String description;
  private final @Nullable Path file;
  private final int line;

  private Origin(String description, @Nullable Path file, int line) {
    // A file name can hold anything but '/' and NUL: an escape sequence in it is shown, never sent.
    this.description = Printable.escape(description);
    this.file = file;
    this.line = line;
  }

  /** A position in a file; {@code line} counts from 1, or is 0 when the whole file is meant. */
  public static Origin file(Path file, int line) {
    Objects.requireNonNull(file, "file");
    if (line < 0) throw new IllegalArgumentException("line must be >= 0 but was " + line);
    String name = file.toString();
    return new Origin(line > 0 ? name + ":" + line : name, file, line);
  }

  /** A whole file. */
  public static Origin file(Path file) {
    return file(file, 0);
  }

  /** An origin that is not a file: {@code "process env"}, {@code "default"}, {@code "render:srv-1"}. */
  public static Origin of(String description) {
    Objects.requireNonNull(description, "description");
    return new Origin(description, null, 0);
  }

  /** The process environment ({@code System.getenv()}). */
  public static Origin processEnv() {
    return of("process env");
  }

  /** The file, when this origin is one. */
  public Optional<Path> path() {
    return Optional.ofNullable(file);
  }

  /** The line in {@link #path()}, from 1; 0 when unknown or not a file. */
  public int line() {
    return line;
  }

  /** A copy of this file origin at another line. */
  public Origin withLine(int newLine) {
    if (file == null) return this;
    return file(file, newLine);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Origin other
        && description.equals(other.description)
        && Objects.equals(file, other.file)
        && line == other.line;
  }

  @Override
  public int hashCode() {
    return Objects.hash(description, file, line);
  }

  /** {@code file:line}, or the description. */
  @Override
  public String toString() {
    return description;
  }
}

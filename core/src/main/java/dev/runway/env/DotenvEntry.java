package dev.runway.env;

import dev.runway.base.Origin;
import java.util.Objects;

/**
 * One assignment read from a dotenv file: the variable's name, its value after quoting, escapes and
 * {@code ${VAR}} expansion, and where its name stands ({@code .env.production:7}).
 *
 * <p>{@link #toString()} shows the name and the origin only, never the value, so an entry can be
 * logged or put in an exception message without leaking a secret. Immutable and thread-safe.
 *
 * @param name the variable name as written (after {@code export }), never empty
 * @param value the value, possibly empty, possibly spanning lines
 * @param origin the file and line of the name (the first line of a multi-line value)
 */
public record DotenvEntry(String name, String value, Origin origin) {

  public DotenvEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(origin, "origin");
  }

  /** {@code NAME (origin)}: the value is never shown. */
  @Override
  public String toString() {
    return name + " (" + origin + ")";
  }
}

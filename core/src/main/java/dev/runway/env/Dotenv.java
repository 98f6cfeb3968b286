package dev.runway.env;

import dev.runway.base.AtomicFiles;
import dev.runway.base.InputFiles;
import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.base.Problems;
import dev.runway.base.RunwayException;
import dev.runway.env.internal.dotenv.DotenvParser;
import dev.runway.env.internal.dotenv.DotenvWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads and writes dotenv files ({@code .env}, {@code .env.production}) the way Docker Compose
 * reads them (compose-go's parser); docs/dotenv.md lists every difference from compose-go and from
 * motdotla/dotenv, which Next.js uses.
 *
 * <p>The format, in short:
 *
 * <ul>
 *   <li>{@code NAME=value} or {@code NAME: value}, optionally after {@code export }; spaces around
 *       the name and the separator are ignored; blank lines and lines starting with {@code #} are
 *       skipped.
 *   <li>Unquoted values end at the line's end or at a {@code #} preceded by a space, and are
 *       trimmed.
 *   <li>{@code 'single'} quotes keep the text as written, across lines; only {@code \'} is
 *       unescaped.
 *   <li>{@code "double"} quotes span lines and understand {@code \n \r \t \\ \" \$} and the rest of
 *       compose-go's escapes.
 *   <li>Unquoted and double-quoted values expand {@code $VAR}, {@code ${VAR}},
 *       {@code ${VAR:-default}} (unset or empty), {@code ${VAR-default}} (unset) and {@code $$}. A
 *       name resolves to its last assignment earlier in the file, else through the lookup.
 *   <li>A bare {@code NAME} line takes its value from the lookup and is left out when the lookup
 *       has none.
 *   <li>A UTF-8 byte order mark is ignored; CRLF line ends read as LF.
 * </ul>
 *
 * <p>Malformed text raises {@link RunwayException.ParseFailed} whose origin and message name the
 * file and line and the fix; a message never shows a value, since dotenv files hold secrets.
 *
 * <pre>{@code
 * DotenvFile env = Dotenv.read(Path.of(".env.production"));
 * env.values().get("DATABASE_URL");
 * Dotenv.write(Path.of(".env.local"), Map.of("PORT", "10000", "GREETING", "say \"hi\""));
 * }</pre>
 */
public final class Dotenv {
  /**
   * Problem code ({@link #check}, a warning): Docker Compose and Next.js read the line differently,
   * for example {@code KEY= # note}, which Compose (and Runway) read as the text {@code # note}
   * and Next.js as empty.
   */
  public static final String READERS_DIFFER = DotenvParser.READERS_DIFFER;

  private Dotenv() {}

  /**
   * Checks a dotenv file on its own, without a model: every problem at once, each at
   * {@code file:line}, none showing a value.
   *
   * <ul>
   *   <li>{@link Problem#MALFORMED} (error): what {@link #read} refuses (an unterminated quote, a
   *       name with a space, text after a closing quote, not UTF-8, ...); reading resumes on the
   *       next line, so one mistake hides no other;
   *   <li>{@link Problem#DUPLICATE} (warning): a name assigned twice; both readers keep the last;
   *   <li>{@link #READERS_DIFFER} (warning): a line that Docker Compose (compose-go, which Runway
   *       follows) and Next.js (motdotla/dotenv) read differently: an unquoted value that starts
   *       with {@code #} ({@code KEY= # note}) or holds one ({@code a#b}), backtick quotes, escapes
   *       other than {@code \n \r} in double quotes, {@code \'} in single quotes, a name that
   *       starts with a digit or holds characters other than letters, digits and {@code _ . -}.
   * </ul>
   *
   * <p>{@code ${VAR}} references are read as if every variable were set: whether one is depends on
   * the environment the file meets, not on the file. {@code export NAME=...} lines are fine: both
   * readers accept them.
   *
   * <pre>{@code
   * Dotenv.check(Path.of(".env.example")).orThrow();   // throws on syntax errors; warnings never fail
   * }</pre>
   */
  public static Problems check(Path file) {
    Objects.requireNonNull(file, "file");
    Origin origin = Origin.file(file);
    try {
      String text = DotenvParser.decode(InputFiles.readBytes(file, "dotenv file"), origin);
      return Problems.of(DotenvParser.check(text, origin));
    } catch (RunwayException.IoFailed e) {
      // "<file>: dotenv file is a folder, not a file; ..." reads "dotenv file: is a folder, not a file; ..."
      Origin at = e.origin().orElse(origin);
      String message = e.getMessage().replaceFirst("^\\Q" + at + "\\E: (dotenv file:? )?", "");
      return Problems.of(List.of(Problem.error(Problem.MISSING, "dotenv file", message).withOrigin(at)));
    } catch (RunwayException.ParseFailed e) {
      Origin at = e.origin().orElse(origin);
      String message = e.getMessage().startsWith(at + ": ") ? e.getMessage().substring(at.toString().length() + 2) : e.getMessage();
      return Problems.of(List.of(Problem.error(Problem.MALFORMED, "encoding", message).withOrigin(at)));
    }
  }

  /**
   * Reads a UTF-8 file (a BOM is stripped); {@code ${VAR}} not defined earlier in the file resolves
   * through {@code lookup}, which also supplies bare {@code NAME} lines.
   *
   * @throws RunwayException.ParseFailed when the text is malformed or not UTF-8 (names file:line)
   * @throws RunwayException.IoFailed when the file cannot be read
   */
  public static DotenvFile read(Path file, Function<String, Optional<String>> lookup) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(lookup, "lookup");
    Origin origin = Origin.file(file);
    if (!Files.exists(file)) {
      throw new RunwayException.IoFailed(origin + ": no such file; create it or check the path", origin, null);
    }
    byte[] bytes = InputFiles.readBytes(file, "dotenv file");
    return parse(DotenvParser.decode(bytes, origin), origin, lookup);
  }

  /** {@link #read(Path, Function)} with the process environment ({@link System#getenv(String)}) as lookup. */
  public static DotenvFile read(Path file) {
    return read(file, name -> Optional.ofNullable(System.getenv(name)));
  }

  /**
   * Parses dotenv text; entries' origins are {@code source} at the line of each name (for a file
   * origin, {@code file:line}).
   *
   * @throws RunwayException.ParseFailed when the text is malformed
   */
  public static DotenvFile parse(String text, Origin source, Function<String, Optional<String>> lookup) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(lookup, "lookup");
    DotenvParser.Result r = DotenvParser.parse(text, source, lookup);
    return new DotenvFile(source, r.entries(), r.last());
  }

  /**
   * Text that parses back to exactly these entries (quoting and escaping as needed, {@code $}
   * escaped against expansion), one {@code NAME=value} line each, in map order.
   *
   * @throws IllegalArgumentException when a name is empty or has a character other than letters,
   *     digits and {@code _ . - [ ]}
   */
  public static String format(Map<String, String> values) {
    Objects.requireNonNull(values, "values");
    return DotenvWriter.format(values);
  }

  /**
   * Writes {@link #format(Map) format(values)} atomically: to a temporary file in the same folder,
   * then an atomic move over {@code file}, so no reader ever sees a half-written file. An existing
   * file keeps its POSIX permissions.
   *
   * @throws RunwayException.IoFailed when the file cannot be written
   */
  public static void write(Path file, Map<String, String> values) {
    Objects.requireNonNull(file, "file");
    AtomicFiles.write(file, format(values));
  }
}

package dev.runway.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Finds the vendors' contracts (OpenAPI specs, JSON schemas, other parsers' dotenv fixtures),
 * which tests read in place and never copy into the project.
 *
 * <p>The folder is looked for, in order:
 * <ol>
 *   <li>the {@code runway.specs} system property ({@code -Drunway.specs=DIR} on the Maven command line);</li>
 *   <li>the {@code RUNWAY_SPECS} environment variable;</li>
 *   <li>{@code shared/specs} in the checkout root (system property {@code runway.root}, which the
 *       build sets) or any folder above it, then the same from the working directory;</li>
 *   <li>{@code .runway/specs} in the checkout root (the folder holding {@code mvnw}), where
 *       {@code scripts/fetch-specs} puts them by default.</li>
 * </ol>
 * A folder named by the property or the variable that does not exist is an error naming it, never a
 * silent fallback; a relative one is taken from the checkout root. When no folder is found, a
 * test that needs a spec is <em>skipped</em> (a JUnit assumption, {@link SpecsMissing}) with a
 * message naming the file and how to get the specs; under {@code CI=true} it <em>fails</em> with the same message ({@link SpecsMissingInCi}), so a CI job
 * can never pass without its contract checks.
 */
public final class Specs {
  /** The property naming the specs folder. */
  public static final String PROPERTY = "runway.specs";
  /** The environment variable naming the specs folder. */
  public static final String VARIABLE = "RUNWAY_SPECS";
  /** What every "not found" message says to do. */
  public static final String HOW_TO_GET =
      "run scripts/fetch-specs, or pass -D" + PROPERTY + "=DIR or " + VARIABLE;

  private static volatile @Nullable Location location;

  private Specs() {}

  /**
   * The specs folder.
   *
   * @throws SpecsMissing (a skip) when none is found, {@link SpecsMissingInCi} (a failure) when none is found under {@code CI=true}
   * @throws IllegalStateException when {@code -Drunway.specs} or {@code RUNWAY_SPECS} names a folder that does not exist
   */
  public static Path root() {
    return root("the specs folder");
  }

  /** The specs folder if one is found; empty when none is (a configured folder that does not exist still throws). */
  public static Optional<Path> find() {
    return Optional.ofNullable(location().found);
  }

  /**
   * A file under the specs folder, e.g. {@code "render/render-yaml.schema.json"}.
   *
   * @throws SpecsMissing or {@link SpecsMissingInCi} when there is no specs folder (see {@link #root()})
   * @throws IllegalStateException when the folder is there but the file is not
   */
  public static Path path(String relative) {
    Path p = root(relative).resolve(relative);
    if (!Files.exists(p)) {
      throw new IllegalStateException(p + ": no such spec file in the specs folder; " + HOW_TO_GET
          + " to get a complete set");
    }
    return p;
  }

  /** The text (UTF-8) of a file under the specs folder; throws as {@link #path(String)} does. */
  public static String read(String relative) {
    try {
      return Files.readString(path(relative), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Checks up front that every file is there, for a {@code @BeforeAll} (or a jqwik
   * {@code @BeforeContainer}) so that a whole class is skipped at once when the specs are missing.
   */
  public static void require(String... relative) {
    for (String r : relative) path(r);
  }

  /**
   * A supplier that builds its value on first use and keeps it, for a {@code static final} field
   * that needs a spec: building in a static initialiser would turn a missing spec into an
   * {@code ExceptionInInitializerError} instead of a skip. A build that throws is not kept: the
   * next {@code get()} tries again (and skips again).
   */
  public static <T> Supplier<T> lazily(Supplier<T> build) {
    return new Supplier<>() {
      private volatile @Nullable T value;

      @Override
      public T get() {
        T v = value;
        if (v != null) return v;
        synchronized (this) {
          if (value == null) value = build.get();
          return value;
        }
      }
    };
  }

  /**
   * Why a test that needs {@code relative} should be skipped: empty when the specs folder is found,
   * and empty under {@code CI=true} too (the test then runs and fails on the missing file). For
   * engines where an assumption cannot skip a whole test, such as a jqwik {@code SkipExecutionHook}.
   */
  public static Optional<String> skipReason(String relative) {
    Location l = location();
    if (l.found != null || underCi()) return Optional.empty();
    return Optional.of(missing(relative, l, false).getMessage());
  }

  /** Whether the build runs under CI ({@code CI=true}), where missing specs fail instead of skipping. */
  public static boolean underCi() {
    String ci = System.getenv("CI");
    return ci != null && ci.strip().toLowerCase(Locale.ROOT).equals("true");
  }

  private static Path root(String needed) {
    Location l = location();
    if (l.found != null) return l.found;
    Throwable missing = missing(needed, l, underCi());
    if (missing instanceof Error e) throw e;
    throw (RuntimeException) missing;
  }

  /** The skip (or, under CI, the failure) for a file needed when no specs folder was found. */
  static Throwable missing(String needed, Location l, boolean ci) {
    String message = needed + ": vendor specs not found (looked in " + String.join(", ", l.looked) + "); " + HOW_TO_GET;
    return ci ? new SpecsMissingInCi(message + " (CI=true: contract tests fail instead of skipping)")
        : new SpecsMissing(message);
  }

  private static Location location() {
    Location l = location;
    if (l == null) {
      l = locate(System.getProperty(PROPERTY), System.getenv(VARIABLE), System.getProperty("runway.root"),
          Path.of("").toAbsolutePath());
      location = l;
    }
    return l;
  }

  /** Where the specs are, from the given settings: the lookup order of the class comment. */
  static Location locate(@Nullable String property, @Nullable String variable, @Nullable String checkoutRoot, Path workingDir) {
    Path base = checkoutRoot != null && !checkoutRoot.isBlank() ? Path.of(checkoutRoot) : workingDir;
    if (property != null && !property.isBlank()) return configured("-D" + PROPERTY, property, base);
    if (variable != null && !variable.isBlank()) return configured(VARIABLE, variable, base);
    List<Path> starts = new ArrayList<>();
    if (checkoutRoot != null && !checkoutRoot.isBlank()) starts.add(Path.of(checkoutRoot).toAbsolutePath().normalize());
    Path cwd = workingDir.toAbsolutePath().normalize();
    if (starts.isEmpty() || !cwd.startsWith(starts.get(0))) starts.add(cwd);
    List<String> looked = new ArrayList<>();
    for (Path start : starts) {
      looked.add("shared/specs in " + start + " and above");
      for (Path dir = start; dir != null; dir = dir.getParent()) {
        Path candidate = dir.resolve("shared").resolve("specs");
        if (Files.isDirectory(candidate)) return new Location(candidate, looked);
      }
    }
    // .runway/specs (scripts/fetch-specs' default) in the checkout root: the first folder at or
    // above a start that holds the Maven wrapper.
    for (Path start : starts) {
      for (Path dir = start; dir != null; dir = dir.getParent()) {
        if (!Files.exists(dir.resolve("mvnw"))) continue;
        Path fetched = dir.resolve(".runway").resolve("specs");
        if (!looked.contains(fetched.toString())) looked.add(fetched.toString());
        if (Files.isDirectory(fetched)) return new Location(fetched, looked);
        break;
      }
    }
    return new Location(null, looked);
  }

  /** A folder named by a setting; a relative one is taken from the checkout root (tests run in module folders). */
  private static Location configured(String setting, String value, Path base) {
    Path p = base.resolve(value).toAbsolutePath().normalize();
    if (!Files.isDirectory(p)) {
      throw new IllegalStateException(setting + "=" + value + ": no such folder (" + p + "); point it at the"
          + " vendor specs folder, or run scripts/fetch-specs and leave it unset");
    }
    return new Location(p, List.of(setting + "=" + value));
  }

  /** A lookup's outcome: the folder, or null, and every place looked. */
  static final class Location {
    final @Nullable Path found;
    final List<String> looked;

    Location(@Nullable Path found, List<String> looked) {
      this.found = found;
      this.looked = List.copyOf(looked);
    }
  }

  /** A test skipped because no specs folder was found (outside CI). */
  public static final class SpecsMissing extends TestAbortedException {
    private static final long serialVersionUID = 1L;

    SpecsMissing(String message) {
      super(message);
    }
  }

  /** A test failed because no specs folder was found under {@code CI=true}. */
  public static final class SpecsMissingInCi extends AssertionFailedError {
    private static final long serialVersionUID = 1L;

    SpecsMissingInCi(String message) {
      super(message);
    }
  }
}

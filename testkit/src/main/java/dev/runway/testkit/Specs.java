package dev.runway.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the vendors' contracts in {@code ../shared/specs} (beside the checkout), which tests read
 * in place and never copy into the project.
 */
public final class Specs {
  private static volatile Path root;

  private Specs() {}

  /** The specs folder: the {@code runway.specs} system property, else {@code shared/specs} found walking up. */
  public static Path root() {
    Path r = root;
    if (r != null) return r;
    String configured = System.getProperty("runway.specs");
    if (configured != null && Files.isDirectory(Path.of(configured))) {
      r = Path.of(configured).toAbsolutePath().normalize();
    } else {
      for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
        Path candidate = dir.resolve("shared/specs");
        if (Files.isDirectory(candidate)) {
          r = candidate;
          break;
        }
      }
    }
    if (r == null) {
      throw new IllegalStateException(
          "shared/specs not found: run tests from the checkout (it expects ../shared/specs beside it)"
              + " or pass -Drunway.specs=/path/to/shared/specs");
    }
    root = r;
    return r;
  }

  /** A file under the specs folder, e.g. {@code "render/render-yaml.schema.json"}. */
  public static Path path(String relative) {
    Path p = root().resolve(relative);
    if (!Files.exists(p)) throw new IllegalStateException("no spec file " + p);
    return p;
  }

  public static String read(String relative) {
    try {
      return Files.readString(path(relative), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.runway.dockersim;

import dev.runway.App;
import dev.runway.Runway;
import java.nio.file.Files;
import java.nio.file.Path;

/** The example app of the repository, read from examples/acme. */
final class Acme {
  private Acme() {}

  static Path root() {
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      Path candidate = p.resolve("examples/acme/runway.conf");
      if (Files.isRegularFile(candidate)) return candidate.getParent();
    }
    throw new IllegalStateException("examples/acme not found above " + here);
  }

  static App app() {
    return Runway.load(root().resolve("runway.conf"));
  }
}

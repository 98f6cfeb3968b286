package dev.runway.cli;

import dev.runway.App;
import dev.runway.base.Problems;
import dev.runway.dockersim.DockerSim;
import dev.runway.env.Dotenv;
import dev.runway.render.Render;
import dev.runway.vercel.Vercel;
import java.nio.file.Path;
import java.util.Optional;

/** Which module checks which kind of file; the model, when given, adds drift for render.yaml and vercel.json. */
final class Linters {
  private Linters() {}

  static Problems check(LintCommand.FileKind kind, Path file, Optional<App> app) {
    return LintCommand.guarded(file, () -> switch (kind) {
      case RENDER -> app.isPresent() ? Render.check(app.get(), file) : Render.check(file);
      case VERCEL -> app.isPresent() ? Vercel.check(app.get(), file) : Vercel.check(file);
      case COMPOSE -> DockerSim.checkCompose(file);
      case DOTENV -> Dotenv.check(file);
    });
  }
}

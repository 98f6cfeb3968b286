package dev.runway.cli;

import dev.runway.App;
import dev.runway.base.InputFiles;
import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.base.RunwayException;
import dev.runway.dockersim.ComposeFile;
import dev.runway.env.Dotenv;
import dev.runway.env.EnvSource;
import dev.runway.env.EnvSources;
import dev.runway.env.Environment;
import dev.runway.env.Validation;
import dev.runway.render.RenderBlueprint;
import dev.runway.vercel.internal.JsonText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The CLI's one exit-code rule (docs/cli.md): input that cannot be read — a missing, malformed,
 * non-UTF-8 or non-regular file, an encrypted one without its key — is exit 2 with one line
 * naming the file; problems found in input that reads are exit 1. The library's checks report a
 * file that does not parse as a MALFORMED problem, so that a caller sees every problem at once;
 * these methods find that case first and throw, and {@link Failures} prints the one line.
 */
final class Inputs {
  private Inputs() {}

  /** Throws when a layer of {@code sources} could not be read: the resolver reports that as a problem of the layer. */
  static void requireReadable(Validation validation, EnvSources sources) {
    // The resolver names a layer it could not read by its file's actual name (.env.production) when
    // it has one, by the layer's description otherwise.
    String environment = validation.environment().name();
    Set<String> layers = sources.layers().stream().map(EnvSource::describe)
        .flatMap(d -> {
          Path name = Path.of(d.replace("<environment>", environment)).getFileName();
          return name == null ? java.util.stream.Stream.of(d) : java.util.stream.Stream.of(d, name.toString());
        })
        .collect(Collectors.toSet());
    for (Problem p : validation.problems().errors()) {
      if (p.code().equals(Problem.MALFORMED) && layers.contains(p.subject())) {
        String where = p.origin().map(Origin::toString).orElse(p.subject());
        throw new RunwayException(where + ": " + p.message() + p.fix().map(f -> "; " + f).orElse(""),
            p.origin().orElse(null), null);
      }
    }
  }

  /** The environment's env files in {@code dir} ({@code .env}, {@code .env.<env>}, {@code .env.<env>.enc}) read. */
  static void requireEnvFiles(App app, Environment environment, Path dir) {
    EnvSources files = EnvSources.files(dir);
    requireReadable(app.validate(environment, files), files);
  }

  /**
   * Whether a check's problems may say the file did not read: the library reports that as a
   * MALFORMED error, so only then is the file parsed again to tell syntax from content (a large
   * file that reads is parsed once).
   */
  static boolean mayBeUnreadable(dev.runway.base.Problems problems) {
    return problems.errors().stream().anyMatch(p -> p.code().equals(Problem.MALFORMED));
  }

  /** A render.yaml that is YAML; what it holds is the check's to report. */
  static void requireRenderYaml(Path file) {
    try {
      RenderBlueprint.read(file);
    } catch (RunwayException.ValidationFailed content) {
      // structural problems: the check reports them (exit 1)
    }
  }

  /** A vercel.json that is JSON; a missing one is left to the check, whose message says how to make one. */
  static void requireVercelJson(Path file) {
    if (Files.exists(file)) JsonText.parse(InputFiles.readText(file, "vercel.json"), Origin.file(file));
  }

  /** A file of a kind lint knows that reads; throws as the other methods do. */
  static void require(LintCommand.FileKind kind, Path file) {
    switch (kind) {
      case RENDER -> requireRenderYaml(file);
      case VERCEL -> {
        InputFiles.check(file, "vercel.json");
        requireVercelJson(file);
      }
      case COMPOSE -> ComposeFile.read(file);
      case DOTENV -> Dotenv.read(file, name -> Optional.empty());
    }
  }
}

package dev.runway.cli;

import dev.runway.App;
import dev.runway.Runway;
import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import dev.runway.env.EnvSources;
import dev.runway.env.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The options every model-reading subcommand shares: --config, --env, --env-dir, --format. */
final class ModelOptions {
  enum Format { text, json }

  private static final Path DEFAULT_CONFIG = Path.of("runway.conf");

  @Option(names = "--config", paramLabel = "<file>", description = "The model (default: ./runway.conf).")
  Path config = DEFAULT_CONFIG;

  @Option(names = "--env", paramLabel = "<name>",
      description = "The environment (default: detected from RUNWAY_ENV, APP_ENV, VERCEL_ENV, RENDER, NODE_ENV).")
  @Nullable String env;

  @Option(names = "--env-dir", paramLabel = "<dir>",
      description = "Where the .env files are (default: the config's folder).")
  @Nullable Path envDir;

  @Option(names = "--format", paramLabel = "text|json", description = "Output format (default: text).")
  Format format = Format.text;

  App app() {
    return Runway.load(config);
  }

  /**
   * The model for commands that also work without one (the file checks): empty when asked not to
   * use one, or when no --config was given and there is no ./runway.conf. A --config that names a
   * missing file is still an error.
   */
  Optional<App> appIfPresent(boolean noModel) {
    if (noModel) return Optional.empty();
    if (config.equals(DEFAULT_CONFIG) && !Files.exists(config)) return Optional.empty();
    return Optional.of(app());
  }

  Path envDir() {
    if (envDir != null) {
      if (Files.isDirectory(envDir)) return envDir;
      String problem = Files.exists(envDir) ? "is a file, not a folder" : "does not exist";
      throw new RunwayException.IoFailed(envDir + ": --env-dir " + problem + "; pass the folder that holds the .env"
          + " files", Origin.file(envDir), null);
    }
    // Relative when the config path is, so origins read examples/acme/.env.production:11.
    Path parent = config.getParent();
    return parent == null ? Path.of("") : parent;
  }

  /** .env, .env.<environment> in the env dir, then the process environment. */
  EnvSources sources() {
    return EnvSources.standard(envDir());
  }

  /** The environments to act on: the one named, else the detected one. */
  List<Environment> environments(App app, boolean all) {
    if (all) return app.environments();
    if (env != null) return List.of(app.environment(env));
    return List.of(app.schema().detect(sources()).environment());
  }
}

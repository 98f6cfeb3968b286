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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options every model-reading subcommand shares (docs/cli.md, "Conventions every subcommand
 * keeps"): --config, --env, --env-dir, --format. Each is declared once, here: a command that takes
 * only some of them mixes in {@link ConfigOption}, {@link EnvOption} or {@link FormatOption} alone,
 * so that the same option reads the same everywhere. ConventionsTest checks every subcommand.
 */
final class ModelOptions {
  enum Format { text, json }

  static final Path DEFAULT_CONFIG = Path.of("runway.conf");

  /** {@code --config <file>}, default ./runway.conf. */
  static final class ConfigOption {
    Path file = DEFAULT_CONFIG;
    /** Whether --config was on the command line (./runway.conf may exist all the same). */
    boolean given;

    @Option(names = "--config", paramLabel = "<file>", description = "The model (default: ./runway.conf).")
    void file(Path file) {
      this.file = file;
      this.given = true;
    }
  }

  /** {@code --env <name>}: no default here; each command says what it does without one. */
  static final class EnvOption {
    @Option(names = "--env", paramLabel = "<name>",
        description = {"The environment (default: detected from RUNWAY_ENV, APP_ENV, VERCEL_ENV, RENDER, NODE_ENV,",
            "else development; simulate and pipeline run: production; keygen, encrypt, decrypt, rotate require it)."})
    @Nullable String name;
  }

  /** {@code --format text|json}, default text. */
  static final class FormatOption {
    @Option(names = "--format", paramLabel = "text|json", description = "Output format (default: text).")
    Format format = Format.text;
  }

  @Mixin ConfigOption configOption = new ConfigOption();
  @Mixin EnvOption envOption = new EnvOption();

  @Option(names = "--env-dir", paramLabel = "<dir>",
      description = "Where the .env files are (default: the config's folder).")
  @Nullable Path envDir;

  @Mixin FormatOption formatOption = new FormatOption();

  Path config() {
    return configOption.file;
  }

  @Nullable String env() {
    return envOption.name;
  }

  Format format() {
    return formatOption.format;
  }

  App app() {
    return Runway.load(config());
  }

  /**
   * The model for commands that also work without one (the file checks): empty when asked not to
   * use one, or when no --config was given and there is no ./runway.conf. A --config that names a
   * missing file is still an error.
   */
  Optional<App> appIfPresent(boolean noModel) {
    if (noModel) return Optional.empty();
    if (config().equals(DEFAULT_CONFIG) && !Files.exists(config())) return Optional.empty();
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
    Path parent = config().getParent();
    return parent == null ? Path.of("") : parent;
  }

  /** .env, .env.<environment> in the env dir, then the process environment. */
  EnvSources sources() {
    return EnvSources.standard(envDir());
  }

  /** The environments to act on: the one named, else the detected one. */
  List<Environment> environments(App app, boolean all) {
    if (all) return app.environments();
    if (env() != null) return List.of(app.environment(env()));
    return List.of(app.schema().detect(sources()).environment());
  }
}

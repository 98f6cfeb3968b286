package dev.runway.env;

import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * An ordered stack of {@link EnvSource layers}; a later layer wins. The standard stack is
 *
 * <ol>
 *   <li>schema defaults (always beneath everything, supplied by the schema itself),
 *   <li>{@code .env},
 *   <li>{@code .env.<environment>},
 *   <li>{@code .env.<environment>.enc}, decrypted with the key in {@code RUNWAY_KEY_<ENVIRONMENT>} or
 *       the environment's key file (runway-security's {@code EnvCrypto.layer(Path)}, through {@link EncryptedLayerProvider}),
 *   <li>the process environment,
 *   <li>explicit overrides ({@link #withOverrides}).
 * </ol>
 *
 * <pre>{@code
 * EnvSources sources = EnvSources.standard(Path.of("."));              // .env, .env.<env>, process env
 * EnvSources pinned = EnvSources.of(EnvSources.dotenv(Path.of(".env.production")));   // one file only
 * EnvSources test = EnvSources.none().withOverrides(Map.of("PORT", "8080"));
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class EnvSources {
  private final List<EnvSource> layers;

  private EnvSources(List<EnvSource> layers) {
    this.layers = List.copyOf(layers);
  }

  /**
   * {@code .env}, {@code .env.<environment>} and the decrypted {@code .env.<environment>.enc} in
   * {@code dir} (each when present), then the process environment.
   */
  public static EnvSources standard(Path dir) {
    return files(dir).with(processEnv());
  }

  /**
   * {@code .env}, {@code .env.<environment>} and the decrypted {@code .env.<environment>.enc} in
   * {@code dir}, each when present; no process environment.
   */
  public static EnvSources files(Path dir) {
    return of(dotenvIfPresent(dir.resolve(".env")), dotenvForEnvironment(dir),
        encrypted(dir));
  }

  /** {@code dir/.env.<environment>.enc}, decrypted by runway-security's {@link EncryptedLayerProvider}. */
  private static EnvSource encrypted(Path dir) {
    return EncryptedLayers.PROVIDER.map(p -> p.layer(dir)).orElseGet(() -> new EnvSource() {
      @Override
      public List<RawValue> read(Environment environment, Function<String, Optional<String>> below) {
        Path file = dir.resolve(".env." + environment.name() + ".enc");
        if (!Files.exists(file)) return List.of();
        throw new RunwayException.IoFailed(file + ": is encrypted, and nothing on the class path decrypts it; "
            + "add the dependency dev.runway:runway-security", Origin.file(file), null);
      }

      @Override
      public String describe() {
        return dir.resolve(".env.<environment>.enc").toString();
      }
    });
  }

  /** Looked up once: the class path does not change while the JVM runs. */
  private static final class EncryptedLayers {
    static final Optional<EncryptedLayerProvider> PROVIDER =
        ServiceLoader.load(EncryptedLayerProvider.class, EnvSources.class.getClassLoader()).findFirst();
  }

  /** The given layers, lowest first. */
  public static EnvSources of(EnvSource... layers) {
    return new EnvSources(List.of(layers));
  }

  /** No layer at all: only schema defaults (and overrides, when added). */
  public static EnvSources none() {
    return new EnvSources(List.of());
  }

  /** A dotenv file that must exist. */
  public static EnvSource dotenv(Path file) {
    return new DotenvSource(file, true);
  }

  /** A dotenv file, skipped when absent. */
  public static EnvSource dotenvIfPresent(Path file) {
    return new DotenvSource(file, false);
  }

  /** {@code dir/.env.<environment>}, skipped when absent. */
  public static EnvSource dotenvForEnvironment(Path dir) {
    return new EnvSource() {
      @Override
      public List<RawValue> read(Environment environment, Function<String, Optional<String>> below) {
        return dotenvIfPresent(dir.resolve(".env." + environment.name())).read(environment, below);
      }

      @Override
      public String describe() {
        return dir.resolve(".env.<environment>").toString();
      }
    };
  }

  /** The process environment ({@code System.getenv()}). */
  public static EnvSource processEnv() {
    return map(System.getenv(), Origin.processEnv(), false);
  }

  /**
   * Fixed values, as if from the process environment; for tests and for tools that read values from
   * elsewhere.
   *
   * @param origin what to name as the values' origin ({@code "process env"}, {@code "render:srv-1"})
   * @param reportsUnknownNames whether names the schema does not declare deserve a warning
   */
  public static EnvSource map(Map<String, String> values, Origin origin, boolean reportsUnknownNames) {
    Map<String, String> copy = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    return new EnvSource() {
      @Override
      public List<RawValue> read(Environment environment, Function<String, Optional<String>> below) {
        List<RawValue> out = new ArrayList<>(copy.size());
        copy.forEach((k, v) -> out.add(new RawValue(k, v, origin)));
        return out;
      }

      @Override
      public String describe() {
        return origin.toString();
      }

      @Override
      public boolean reportsUnknownNames() {
        return reportsUnknownNames;
      }

      @Override
      public Map<String, String> detectionHints() {
        return reportsUnknownNames ? Map.of() : copy;
      }
    };
  }

  /** This stack with one more layer on top. */
  public EnvSources with(EnvSource layer) {
    List<EnvSource> list = new ArrayList<>(layers);
    list.add(Objects.requireNonNull(layer, "layer"));
    return new EnvSources(list);
  }

  /** This stack with explicit values on top of everything. */
  public EnvSources withOverrides(Map<String, String> values) {
    return with(map(values, Origin.of("override"), false));
  }

  public List<EnvSource> layers() {
    return layers;
  }

  /** What environment detection sees: the process environment and overrides of this stack. */
  public Map<String, String> detectionHints() {
    Map<String, String> hints = new LinkedHashMap<>();
    for (EnvSource layer : layers) hints.putAll(layer.detectionHints());
    return hints;
  }

  @Override
  public String toString() {
    return "EnvSources" + layers.stream().map(EnvSource::describe).toList();
  }

  private static final class DotenvSource implements EnvSource {
    private final Path file;
    private final boolean required;

    DotenvSource(Path file, boolean required) {
      this.file = file;
      this.required = required;
    }

    @Override
    public List<RawValue> read(Environment environment, Function<String, Optional<String>> below) {
      if (!Files.exists(file)) {
        if (!required) return List.of();
        throw new RunwayException.IoFailed(file + ": file not found; create it or pass the right --env-dir",
            Origin.file(file), null);
      }
      DotenvFile parsed = Dotenv.read(file, below);
      return parsed.entries().stream().map(e -> new RawValue(e.name(), e.value(), e.origin())).toList();
    }

    @Override
    public String describe() {
      return file.toString();
    }
  }
}

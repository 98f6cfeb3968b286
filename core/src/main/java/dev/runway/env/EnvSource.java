package dev.runway.env;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One layer of values: a dotenv file, the process environment, explicit overrides, or a source of
 * your own (a secrets manager, a platform's env vars). Layers are stacked in {@link EnvSources};
 * later layers win.
 *
 * <p>Implementations must not log values, and must name every value's origin.
 */
public interface EnvSource {

  /**
   * The values this layer holds for an environment.
   *
   * @param environment the environment being loaded (a layer such as {@code .env.<environment>} depends on it)
   * @param below values of the layers beneath this one, for {@code ${VAR}} expansion
   * @throws dev.runway.base.RunwayException when the layer exists but cannot be read or parsed
   */
  List<RawValue> read(Environment environment, Function<String, Optional<String>> below);

  /** A short description for reports: {@code .env.production}, {@code process env}. */
  String describe();

  /**
   * Whether a name this layer holds but the schema does not declare is worth a warning. True for
   * files (a typo in {@code .env}), false for the process environment (it holds PATH, HOME, ...).
   */
  default boolean reportsUnknownNames() {
    return true;
  }

  /**
   * Names this layer would let a {@link EnvSchema#detect(EnvSources)} see, for environment detection
   * ({@code RUNWAY_ENV}, {@code VERCEL_ENV}, ...). Only the process environment and overrides answer.
   */
  default Map<String, String> detectionHints() {
    return Map.of();
  }
}

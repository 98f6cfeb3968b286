package dev.runway.platform;

import dev.runway.base.Problems;
import dev.runway.App;
import dev.runway.base.Problem;
import dev.runway.env.Env;
import dev.runway.env.Environment;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import dev.runway.Service;

/**
 * What a platform module (render, vercel, supabase, ...) contributes to core, found through
 * {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/dev.runway.platform.Platform}.
 *
 * <p>Core knows no platform; it asks every provider on the class path for the problems it sees in
 * a model. Implementations must be stateless and must not put secret values in problems.
 */
public interface Platform {

  /** The id services name in {@code platform = ...}: {@code render}, {@code vercel}, ... */
  String id();

  /**
   * Problems this platform sees in the model for one environment (a secret in a browser-exposed
   * variable, a setting the platform does not allow), with the loaded values when they loaded.
   */
  default List<Problem> check(App app, Environment environment, Optional<Env> values) {
    return List.of();
  }

  /**
   * The setting names this platform knows for a service (as written in runway.conf, besides
   * {@code platform}), which may depend on its other settings ({@code type}); empty when the
   * platform accepts any. runway.conf reports any other name as an error with a did-you-mean.
   */
  default Optional<Set<String>> settingNames(Service service) {
    return Optional.empty();
  }

  /**
   * The names this platform knows in its top-level block of runway.conf ({@code render { ... }});
   * empty when the platform accepts any.
   */
  default Optional<Set<String>> platformSettingNames() {
    return Optional.empty();
  }
}

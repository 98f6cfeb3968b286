package dev.runway.sync;

import dev.runway.App;
import dev.runway.Service;
import dev.runway.env.Environment;
import java.util.List;

/**
 * How a platform module hands its env stores to core (and to {@code runway sync}), found through
 * {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/dev.runway.sync.EnvStoreProvider}. Core knows no platform.
 *
 * <p>Implementations read their credentials (an API token) from the process environment and
 * raise {@link dev.runway.base.RunwayException} with the fix when one is missing.
 */
public interface EnvStoreProvider {

  /** The platform id services name: {@code render}, {@code vercel}. */
  String platform();

  /**
   * The stores that hold the variables {@code service} receives in {@code environment}: one per
   * place the platform keeps them (a Render service and its env groups, a Vercel project's target).
   */
  List<EnvStore> stores(App app, Service service, Environment environment);
}

package dev.runway.sync;

import dev.runway.App;
import dev.runway.base.RunwayException;
import dev.runway.Service;
import dev.runway.env.Environment;
import dev.runway.platform.Names;
import dev.runway.security.EnvKey;
import dev.runway.sync.internal.FileStores;
import dev.runway.sync.internal.MemoryStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The stores core provides — dotenv files, encrypted env files, memory — and the platform stores
 * of services, found through {@link EnvStoreProvider}s on the class path.
 *
 * <pre>{@code
 * EnvStore file = EnvStores.dotenv(Path.of(".env.production"));
 * EnvStore sealed = EnvStores.encrypted(Path.of(".env.production.enc"), key);
 * List<EnvStore> remote = EnvStores.forService(app, app.service("api"), Environment.PRODUCTION);
 * }</pre>
 */
public final class EnvStores {
  private EnvStores() {}

  /**
   * A dotenv file; an absent file reads as empty and is created by the first write. A write changes
   * one value in place (keeping its quoting where it can) or appends {@code NAME=value}; every other
   * byte stays as it was: comments, blank lines, bare {@code NAME} lines, other variables and their
   * {@code ${REF}} references. Each write is atomic. Its {@link EnvStore#snapshot() snapshot} holds
   * the exact text, so a restore gives back the file byte for byte.
   */
  public static EnvStore dotenv(Path file) {
    return FileStores.dotenv(file);
  }

  /**
   * An encrypted env file ({@link dev.runway.security.EnvCrypto}); writes keep the ciphertext of
   * unchanged values, so an unchanged variable's line never changes.
   */
  public static EnvStore encrypted(Path file, EnvKey key) {
    return FileStores.encrypted(file, key, null);
  }

  /**
   * {@link #encrypted(Path, EnvKey)} bound to {@code environment}: reads refuse a file written for
   * another environment or a sync backup copied over it ({@link dev.runway.security.DecryptionFailed}),
   * writes bind the file to the environment.
   */
  public static EnvStore encrypted(Path file, EnvKey key, Environment environment) {
    return FileStores.encrypted(file, key, java.util.Objects.requireNonNull(environment, "environment"));
  }

  /** A thread-safe store in memory, for tests and dry runs. */
  public static EnvStore memory(String name, Map<String, String> initial) {
    return new MemoryStore(name, initial);
  }

  /**
   * The platform stores of a service in an environment (Render: the service; Vercel: the project's
   * target for the environment), from the {@link EnvStoreProvider} registered for its platform.
   *
   * @throws RunwayException.UnknownName when no provider on the class path serves the platform
   */
  public static List<EnvStore> forService(App app, Service service, Environment environment) {
    List<String> known = new ArrayList<>();
    for (EnvStoreProvider p : ServiceLoader.load(EnvStoreProvider.class)) {
      if (p.platform().equals(service.platform())) return p.stores(app, service, environment);
      known.add(p.platform());
    }
    throw new RunwayException.UnknownName("No env store for platform '" + service.platform() + "' of service '"
        + service.name() + "' (" + Names.known(known) + "); add the runway-" + service.platform()
        + " module to the class path");
  }
}

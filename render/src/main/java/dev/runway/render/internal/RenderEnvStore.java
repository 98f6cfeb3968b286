package dev.runway.render.internal;

import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import dev.runway.render.RenderClient;
import dev.runway.render.RenderEnvVar;
import dev.runway.sync.EnvSnapshot;
import dev.runway.sync.EnvStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;

/**
 * The env vars of one Render service as a sync {@link EnvStore} ({@code render:<service>}): reads
 * every page of {@code GET /services/{id}/env-vars}, writes one key with
 * {@code PUT /services/{id}/env-vars/{key}}, deletes one with {@code DELETE}. Render returns every
 * value, so nothing is write-only.
 *
 * <p>{@link #restore} replaces the whole list in one {@code PUT /services/{id}/env-vars} when it has
 * a connection of its own for that call (so the service never holds a half-restored mix), and only
 * when the service differs from the snapshot; the sync engine calls it only after it has written its
 * encrypted backup, so no second, plain backup is written. Without that connection it restores key
 * by key like any store.
 *
 * <p>The Render service id is resolved once, on first use, when the store was made from a name.
 * Thread-safe; {@link #toString()} names the store only.
 */
public final class RenderEnvStore implements EnvStore {
  private static final Logger LOG = LoggerFactory.getLogger(RenderEnvStore.class);

  private final String name;
  private final RenderClient client;
  private final Supplier<String> serviceId;
  private final @Nullable RenderHttp replaceAll;

  private RenderEnvStore(String name, RenderClient client, Supplier<String> serviceId, @Nullable RenderHttp replaceAll) {
    this.name = Objects.requireNonNull(name, "name");
    this.client = Objects.requireNonNull(client, "client");
    this.serviceId = serviceId;
    this.replaceAll = replaceAll;
  }

  /**
   * A store for the service with Render id {@code serviceId} ({@code srv-...}).
   *
   * @param replaceAll the HTTP connection restore uses for the one-call replace; null restores key by key
   */
  public static RenderEnvStore ofId(String name, RenderClient client, String serviceId, @Nullable RenderHttp replaceAll) {
    Objects.requireNonNull(serviceId, "serviceId");
    return new RenderEnvStore(name, client, () -> serviceId, replaceAll);
  }

  /**
   * A store for the one Render service called {@code renderName}, looked up on first use.
   *
   * @param setting where the user names the id instead, for the error message: {@code services.api.render-service-id}
   */
  public static RenderEnvStore ofName(String name, RenderClient client, String renderName, String setting,
      @Nullable RenderHttp replaceAll) {
    Objects.requireNonNull(renderName, "renderName");
    return new RenderEnvStore(name, client, memoize(() -> lookUp(name, client, renderName, setting)), replaceAll);
  }

  @Override
  public String name() {
    return name;
  }

  /** The Render service id (looked up when the store was made from a name). */
  public String serviceId() {
    return serviceId.get();
  }

  @Override
  public Map<String, String> readAll() {
    Map<String, String> out = new TreeMap<>();
    for (RenderEnvVar v : client.envVars(serviceId.get())) out.put(v.key(), v.value());
    return out;
  }

  @Override
  public void write(String key, String value) {
    client.putEnvVar(serviceId.get(), key, value);
  }

  @Override
  public void delete(String key) {
    String id = serviceId.get();
    try {
      client.deleteEnvVar(id, key);
    } catch (RunwayException.PlatformRejected e) {
      // 404 means either "no such variable" (done) or "no such service" (a real failure): a read tells them apart.
      if (e.status() != 404 || readAll().containsKey(key)) throw e;
    }
  }

  @Override
  public void restore(EnvSnapshot snapshot) {
    if (replaceAll == null) {
      EnvStore.super.restore(snapshot);
      return;
    }
    String id = serviceId.get();
    if (readAll().equals(new TreeMap<>(snapshot.values()))) return;
    ArrayNode body = RenderHttp.MAPPER.createArrayNode();
    new TreeMap<>(snapshot.values()).forEach((k, v) -> body.addObject().put("key", k).put("value", v));
    LOG.info("{}: restoring {} env vars in one replace", name, snapshot.values().size());
    replaceAll.call("PUT", "/services/" + enc(id) + "/env-vars", RenderHttp.MAPPER.writeValueAsString(body), a -> null);
  }

  @Override
  public String toString() {
    return "RenderEnvStore[" + name + "]";
  }

  private static String lookUp(String store, RenderClient client, String renderName, String setting) {
    var found = client.servicesNamed(renderName).stream().filter(s -> s.name().equals(renderName)).toList();
    if (found.size() == 1) return found.get(0).id();
    if (found.isEmpty()) {
      throw new RunwayException.UnknownName(store + ": no Render service is named '" + renderName
          + "' in the API key's workspaces; set " + setting + " = \"srv-...\" in runway.conf (the id is in the service's dashboard URL)");
    }
    throw new RunwayException(store + ": " + found.size() + " Render services are named '" + renderName + "' ("
        + String.join(", ", found.stream().map(s -> s.id()).sorted().toList()) + "); set " + setting
        + " to the one to sync", Origin.of(store), null);
  }

  private static Supplier<String> memoize(Supplier<String> s) {
    return new Supplier<>() {
      private volatile @Nullable String value;

      @Override
      public synchronized String get() {
        String v = value;
        if (v == null) {
          v = s.get();
          value = v;
        }
        return v;
      }
    };
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}

package dev.runway.render.internal;

import dev.runway.App;
import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import dev.runway.Service;
import dev.runway.env.Environment;
import dev.runway.render.RenderClient;
import dev.runway.sync.EnvStore;
import dev.runway.sync.EnvStoreProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Render's env stores for {@code runway sync}, found through {@link java.util.ServiceLoader}.
 *
 * <ul>
 *   <li>Credentials: {@code RENDER_API_KEY} (required); {@code RENDER_API_URL} replaces
 *       {@value RenderClient#DEFAULT_BASE_URL} when set (a {@code RenderSandbox}'s base URL).
 *   <li>The service: the setting {@code render-service-id} — a string ({@code srv-...}) for
 *       production, or a map from environment name to id; without it, production is the one
 *       Render service named like the Runway service, looked up on first use.
 *   <li>Stores: {@code render:<service>} for production, {@code render:<service>/<environment>}
 *       for another environment the map names; none for an environment without a Render service.
 * </ul>
 */
public final class RenderEnvStoreProvider implements EnvStoreProvider {
  /** The setting that names the Render service id. */
  public static final String SERVICE_ID = "render-service-id";

  private final Function<String, @Nullable String> env;
  private final @Nullable OkHttpClient okHttp;

  /** Reads the process environment (what {@link java.util.ServiceLoader} uses). */
  public RenderEnvStoreProvider() {
    this(System::getenv, null);
  }

  /** Reads {@code env} instead of the process environment, and builds on {@code okHttp} when given (tests). */
  public RenderEnvStoreProvider(Function<String, @Nullable String> env, @Nullable OkHttpClient okHttp) {
    this.env = Objects.requireNonNull(env, "env");
    this.okHttp = okHttp;
  }

  @Override
  public String platform() {
    return Generation.PLATFORM;
  }

  @Override
  public List<EnvStore> stores(App app, Service service, Environment environment) {
    boolean production = environment.equals(Environment.PRODUCTION);
    String storeName = "render:" + service.name() + (production ? "" : "/" + environment.name());
    String setting = "services." + service.name() + "." + SERVICE_ID;
    Object configured = service.settings().get(SERVICE_ID);
    Optional<String> id;
    if (configured instanceof Map<?, ?> byEnvironment) {
      Object v = byEnvironment.get(environment.name());
      id = v == null ? Optional.empty() : Optional.of(String.valueOf(v));
      if (id.isEmpty()) return List.of();
      setting = setting + "." + environment.name();
    } else if (configured != null) {
      if (!production) return List.of();
      id = Optional.of(String.valueOf(configured));
    } else {
      if (!production) return List.of();
      id = Optional.empty();
    }
    Connection c = connection(storeName, env, okHttp);
    return List.of(id.isPresent()
        ? RenderEnvStore.ofId(storeName, c.client(), id.get(), c.http())
        : RenderEnvStore.ofName(storeName, c.client(), service.name(), setting, c.http()));
  }

  /** A client and a raw connection with the same key, base URL and retry budget. */
  public record Connection(RenderClient client, RenderHttp http) {}

  /** Both halves from an API key and base URL; {@code maxAttempts} 1 means no retry (for fault tests). */
  public static Connection connection(String apiKey, String baseUrl, @Nullable OkHttpClient okHttp, int maxAttempts,
      Duration backoff) {
    Duration timeout = Duration.ofSeconds(30);
    RenderClient.Builder b = RenderClient.builder().apiKey(apiKey).baseUrl(baseUrl).callTimeout(timeout)
        .maxAttempts(maxAttempts).retryBackoff(backoff);
    if (okHttp != null) b.okHttpClient(okHttp);
    RenderClient client = b.build();
    OkHttpClient http = (okHttp != null ? okHttp : new OkHttpClient()).newBuilder()
        .callTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .connectTimeout(10_000, TimeUnit.MILLISECONDS)
        .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .retryOnConnectionFailure(false)
        .build();
    HttpUrl url = HttpUrl.parse(baseUrl);
    if (url == null) throw new IllegalArgumentException("not an http(s) URL: " + baseUrl);
    return new Connection(client, new RenderHttp(http, url, apiKey, new RenderHttp.Policy(maxAttempts, backoff, Duration.ofSeconds(60))));
  }

  private static Connection connection(String storeName, Function<String, @Nullable String> env, @Nullable OkHttpClient okHttp) {
    String key = env.apply("RENDER_API_KEY");
    if (key == null || key.isBlank()) {
      throw new RunwayException(storeName + ": RENDER_API_KEY: is not set; create a key under Account Settings → API Keys"
          + " on dashboard.render.com and export RENDER_API_KEY=<key>", Origin.processEnv(), null);
    }
    String url = env.apply("RENDER_API_URL");
    String base = url == null || url.isBlank() ? RenderClient.DEFAULT_BASE_URL : url.trim();
    if (HttpUrl.parse(base) == null) {
      throw new RunwayException(storeName + ": RENDER_API_URL: is not an http(s) URL; unset it, or set it to"
          + " https://api.render.com/v1 or a sandbox's base URL", Origin.processEnv(), null);
    }
    return connection(key, base, okHttp, 4, Duration.ofMillis(500));
  }
}

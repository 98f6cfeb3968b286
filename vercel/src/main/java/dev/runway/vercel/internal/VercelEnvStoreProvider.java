package dev.runway.vercel.internal;

import dev.runway.App;
import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import dev.runway.Service;
import dev.runway.env.Environment;
import dev.runway.env.Var;
import dev.runway.sync.EnvStore;
import dev.runway.sync.EnvStoreProvider;
import dev.runway.vercel.EnvTarget;
import dev.runway.vercel.VercelClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Vercel's env stores for {@code runway sync}, found through {@link java.util.ServiceLoader}: one
 * store, {@code vercel:<project>/<target>}, for the environment of the same name as a Vercel target
 * ({@code production}, {@code preview}, {@code development}); none for other environments.
 *
 * <ul>
 *   <li>Credentials: {@code VERCEL_TOKEN} (required); {@code VERCEL_API_URL} replaces
 *       {@code https://api.vercel.com} when set (a {@code VercelSandbox}'s base URL).
 *   <li>The project: the setting {@code vercel-project} (id or name), else the service's name;
 *       the team: the setting {@code vercel-team-id}, else {@code VERCEL_TEAM_ID}, else none.
 *   <li>Keys the model classifies SECRET are created {@code sensitive}.
 * </ul>
 */
public final class VercelEnvStoreProvider implements EnvStoreProvider {
  /** The setting naming the Vercel project. */
  public static final String PROJECT = "vercel-project";
  /** The setting naming the Vercel team. */
  public static final String TEAM = "vercel-team-id";
  private static final Map<String, EnvTarget> TARGETS = Map.of(
      "production", EnvTarget.PRODUCTION, "preview", EnvTarget.PREVIEW, "development", EnvTarget.DEVELOPMENT);

  private final Function<String, @Nullable String> env;
  private final @Nullable OkHttpClient okHttp;

  /** Reads the process environment (what {@link java.util.ServiceLoader} uses). */
  public VercelEnvStoreProvider() {
    this(System::getenv, null);
  }

  /** Reads {@code env} instead of the process environment, and builds on {@code okHttp} when given (tests). */
  public VercelEnvStoreProvider(Function<String, @Nullable String> env, @Nullable OkHttpClient okHttp) {
    this.env = Objects.requireNonNull(env, "env");
    this.okHttp = okHttp;
  }

  @Override
  public String platform() {
    return "vercel";
  }

  @Override
  public List<EnvStore> stores(App app, Service service, Environment environment) {
    EnvTarget target = TARGETS.get(environment.name());
    if (target == null) return List.of();
    String project = service.setting(PROJECT).filter(s -> !s.isBlank()).orElse(service.name());
    String storeName = "vercel:" + project + "/" + target.wireName();
    String token = env.apply("VERCEL_TOKEN");
    if (token == null || token.isBlank()) {
      throw new RunwayException(storeName + ": VERCEL_TOKEN: is not set; create a token at vercel.com/account/tokens"
          + " and export VERCEL_TOKEN=<token>", Origin.processEnv(), null);
    }
    String url = env.apply("VERCEL_API_URL");
    URI base = VercelClient.DEFAULT_BASE_URL;
    if (url != null && !url.isBlank()) {
      if (HttpUrl.parse(url.trim()) == null) {
        throw new RunwayException(storeName + ": VERCEL_API_URL: is not an http(s) URL; unset it, or set it to"
            + " https://api.vercel.com or a sandbox's base URL", Origin.processEnv(), null);
      }
      base = URI.create(url.trim());
    }
    String team = service.setting(TEAM).filter(s -> !s.isBlank()).orElse(env.apply("VERCEL_TEAM_ID"));
    if (team != null && team.isBlank()) team = null;
    VercelEnvCalls calls = VercelEnvCalls.connect(token, base, team, okHttp, 3, Duration.ofMillis(500));
    return List.of(new VercelEnvStore(calls, project, target,
        key -> app.schema().variable(key).map(Var::isSecret).orElse(false)));
  }
}

package dev.runway.examples.acme;

import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import dev.runway.env.EnvSources;
import dev.runway.env.Environment;
import dev.runway.env.Validation;
import dev.runway.pipeline.DeployTarget;
import dev.runway.pipeline.Deployment;
import dev.runway.pipeline.Pipeline;
import dev.runway.pipeline.PipelineProvider;
import dev.runway.pipeline.Step;
import dev.runway.pipeline.StepContext;
import dev.runway.render.Render;
import dev.runway.render.RenderClient;
import dev.runway.vercel.Vercel;
import dev.runway.vercel.VercelClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The acme pipelines for {@code runway pipeline ...} and {@code ops/Pipelines.java}, listed in
 * {@code META-INF/services/dev.runway.pipeline.PipelineProvider}.
 *
 * <ul>
 *   <li>{@code pipelines(false)}: the real pipelines. The deploy steps read {@code RENDER_API_KEY}
 *       and {@code VERCEL_TOKEN} from the run's environment when they run (never before), and fail
 *       saying which is missing. Optional: {@code RENDER_SERVICE_ID} (else the service named
 *       {@code acme-api}), {@code VERCEL_TEAM_ID}, {@code VERCEL_GIT_REPO_ID} (else each deploy
 *       rebuilds production's source).</li>
 *   <li>{@code pipelines(true)}: the same production pipeline against a Render and a Vercel sandbox
 *       started in this process ({@code acme-api}, {@code acme-web}); the verify stage validates the
 *       acme production environment offline instead of running pip and npm; the smoke step calls
 *       {@code RUNWAY_SMOKE_URL} (or {@code -Drunway.smoke.url}), by default a loopback health
 *       endpoint started here; {@code RUNWAY_SMOKE_FAIL=true} (or {@code -Drunway.smoke.fail=true})
 *       points it at a path answering 503, to watch both deploys roll back. The performance gate is
 *       left out: a load test of a loopback stub measures nothing.</li>
 * </ul>
 */
public final class AcmePipelineProvider implements PipelineProvider {
  /** Where the acme folder (runway.conf, .env.production) is, when it cannot be found on its own. */
  static final String DIR_VARIABLE = "RUNWAY_ACME_DIR";

  @Override
  public List<Pipeline> pipelines(boolean sandbox) {
    if (!sandbox) {
      return List.of(AcmePipelines.production(renderFromEnv(), vercelFromEnv(), AcmePipelines.API_HEALTH),
          AcmePipelines.prValidation());
    }
    return List.of(sandboxed(AcmeSandbox.start(), smokeUrl()), AcmePipelines.prValidation());
  }

  /** The production pipeline wired to {@code sandbox}, its smoke step calling {@code smoke}. */
  static Pipeline sandboxed(AcmeSandbox sandbox, Function<AcmeSandbox, URI> smoke) {
    return AcmePipelines.production(List.of(validateEnvironment()), sandbox.api(), sandbox.web(),
        Step.smoke("api-health", smoke.apply(sandbox), 200).timeout(Duration.ofSeconds(30)).retries(1, Duration.ofMillis(200)),
        List.of());
  }

  /** {@code RUNWAY_SMOKE_URL} / {@code runway.smoke.url}, else the sandbox's health endpoint (failing on request). */
  static Function<AcmeSandbox, URI> smokeUrl() {
    Optional<String> url = setting("runway.smoke.url", "RUNWAY_SMOKE_URL");
    boolean fail = setting("runway.smoke.fail", "RUNWAY_SMOKE_FAIL").map(v -> v.equals("true") || v.equals("1")).orElse(false);
    return s -> url.map(URI::create).orElseGet(() -> s.health(fail));
  }

  private static Optional<String> setting(String property, String variable) {
    String v = System.getProperty(property);
    if (v == null || v.isBlank()) v = System.getenv(variable);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  // ------------------------------------------------------------------ the offline verify step

  /** Validates the acme production environment (Acme.APP against the acme env files) without a network. */
  static Step validateEnvironment() {
    return Step.java("validate-env", ctx -> {
      Path dir = acmeDir(ctx.variable(DIR_VARIABLE).orElse(null), Path.of("").toAbsolutePath());
      Validation v = Acme.APP.validate(Environment.PRODUCTION, EnvSources.files(dir));
      ctx.log("acme (" + dir + "/.env.production): " + v.toText().replace("\n", "\n  "));
      v.problems().orThrow();
    }).timeout(Duration.ofMinutes(1));
  }

  /**
   * The acme folder: {@code RUNWAY_ACME_DIR}; else the working directory or its {@code examples/acme};
   * else {@code $RUNWAY_HOME/examples/acme} (the launcher sets it); else found from where these
   * classes were loaded ({@code examples/acme/target/classes}); else the nearest parent of the working
   * directory holding {@code examples/acme}.
   */
  static Path acmeDir(@Nullable String given, Path workDir) {
    if (given != null) {
      Path dir = Path.of(given).toAbsolutePath();
      if (isAcme(dir)) return dir;
      throw new RunwayException(DIR_VARIABLE + ": " + dir + ": holds no runway.conf and .env.production; point it at the"
          + " acme example's folder (examples/acme)", Origin.processEnv(), null);
    }
    Set<Path> tried = new LinkedHashSet<>();
    List<Path> candidates = new ArrayList<>(List.of(workDir, workDir.resolve("examples/acme")));
    Optional.ofNullable(System.getenv("RUNWAY_HOME")).ifPresent(h -> candidates.add(Path.of(h, "examples", "acme")));
    codeSource().ifPresent(classes -> {
      for (Path p = classes; p != null; p = p.getParent()) {
        candidates.add(p);
        candidates.add(p.resolve("examples/acme"));
      }
    });
    for (Path p = workDir.getParent(); p != null; p = p.getParent()) candidates.add(p.resolve("examples/acme"));
    for (Path c : candidates) {
      Path dir = c.toAbsolutePath().normalize();
      if (tried.add(dir) && isAcme(dir)) return dir;
    }
    throw new RunwayException("acme: env files: no folder with runway.conf and .env.production found (working directory "
        + workDir + " and " + (tried.size() - 1) + " other places); run from the repository or examples/acme, or set "
        + DIR_VARIABLE + " to the acme example's folder", Origin.processEnv(), null);
  }

  private static boolean isAcme(Path dir) {
    return Files.isRegularFile(dir.resolve("runway.conf")) && Files.isRegularFile(dir.resolve(".env.production"));
  }

  private static Optional<Path> codeSource() {
    try {
      var source = AcmePipelineProvider.class.getProtectionDomain().getCodeSource();
      return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
    } catch (RuntimeException | java.net.URISyntaxException e) {
      return Optional.empty();   // an unusual class loader: the other places still count
    }
  }

  // ------------------------------------------------------------------ real targets, keys read late

  static DeployTarget renderFromEnv() {
    return new Lazy("render:acme-api", ctx -> {
      String key = required(ctx, "RENDER_API_KEY", "render:acme-api",
          "create a key under Render's Account Settings → API Keys");
      RenderClient client = RenderClient.builder().apiKey(key).build();
      return Render.deployTarget(client, ctx.variable("RENDER_SERVICE_ID").orElse(AcmeSandbox.SERVICE));
    });
  }

  static DeployTarget vercelFromEnv() {
    return new Lazy("vercel:acme-web", ctx -> {
      String token = required(ctx, "VERCEL_TOKEN", "vercel:acme-web", "create a token at vercel.com/account/tokens");
      VercelClient client = VercelClient.builder().token(token).teamId(ctx.variable("VERCEL_TEAM_ID").orElse(null)).build();
      Optional<String> repo = ctx.variable("VERCEL_GIT_REPO_ID");
      return repo.isPresent() ? Vercel.deployTarget(client, AcmeSandbox.PROJECT, repo.get())
          : Vercel.deployTarget(client, AcmeSandbox.PROJECT);
    });
  }

  private static String required(StepContext ctx, String variable, String target, String how) {
    return ctx.variable(variable).filter(v -> !v.isBlank()).orElseThrow(() -> new RunwayException(target + ": " + variable
        + ": is not set; " + how + " and export " + variable + " (a GitHub secret in CI), or run with --sandbox",
        Origin.processEnv(), null));
  }

  /**
   * A deploy target made when a step first needs it, from the run's variables: building the
   * pipelines (plan, export) never needs a key.
   */
  static final class Lazy implements DeployTarget {
    private final String name;
    private final Function<StepContext, DeployTarget> make;
    private volatile @Nullable DeployTarget made;

    Lazy(String name, Function<StepContext, DeployTarget> make) {
      this.name = name;
      this.make = make;
    }

    private DeployTarget target(StepContext ctx) {
      DeployTarget t = made;
      if (t == null) {
        synchronized (this) {
          if (made == null) made = make.apply(ctx);
          t = made;
        }
      }
      return t;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Deployment deploy(StepContext context) throws Exception {
      return target(context).deploy(context);
    }

    @Override
    public void rollback(Deployment deployment, StepContext context) throws Exception {
      target(context).rollback(deployment, context);
    }

    @Override
    public String toString() {
      return name;
    }
  }
}

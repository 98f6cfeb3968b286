package dev.runway.vercel;

import dev.runway.App;
import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.base.Problems;
import dev.runway.base.RunwayException;
import dev.runway.Service;
import dev.runway.pipeline.DeployTarget;
import dev.runway.vercel.internal.ConfigFromModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runway on Vercel: {@code vercel.json} files derived from the model and checked against it, the
 * REST API client and the sandbox.
 *
 * <pre>{@code
 * App app = Runway.load(Path.of("runway.conf"));
 * Vercel.config(app).writeTo(Path.of("frontend/vercel.json"));
 * Problems problems = Vercel.check(app, Path.of("frontend/vercel.json"));   // runway vercel check
 * VercelClient client = Vercel.client(System.getenv("VERCEL_TOKEN"));
 * }</pre>
 */
public final class Vercel {
  /** The platform id used in runway.conf ({@code platform = vercel}). */
  public static final String PLATFORM = "vercel";

  private Vercel() {}

  /** A client of api.vercel.com with default timeouts and retries. */
  public static VercelClient client(String token) {
    return VercelClient.builder().token(token).build();
  }

  /**
   * A Vercel project's production as a pipeline deploy target ({@code Step.deploy("deploy-web", target)}),
   * for a project without a git source: each deploy rebuilds what production serves (picking up
   * changed environment variables). See {@link #deployTarget(VercelClient, String, String)}.
   */
  public static DeployTarget deployTarget(VercelClient client, String project) {
    return new VercelDeployTarget(client, project, null);
  }

  /**
   * A Vercel project's production as a pipeline deploy target that deploys the run's branch of the
   * project's GitHub repository (pinned to {@code GITHUB_SHA} when the run has it).
   *
   * <p>{@code deploy} remembers the deployment serving production, creates a production deployment,
   * waits until it is READY and serves production, and returns
   * {@code Deployment.of(id).previous(servingBefore).link(inspectorUrl)}. When an earlier instant
   * rollback paused production auto-assignment (Vercel's trap: new deployments build but stay
   * staged), it says so in the step's output and promotes the deployment, which resumes it.
   * {@code rollback} is Vercel's instant rollback to the deployment that served before; it returns
   * once production serves it and warns that auto-assignment is now paused. Waits end when the
   * step's timeout interrupts them; no token in any message.
   *
   * <pre>{@code
   * DeployTarget web = Vercel.deployTarget(Vercel.client(System.getenv("VERCEL_TOKEN")), "acme-web", "123456789");
   * }</pre>
   *
   * @param project the project's name or id
   * @param gitRepoId the numeric id of the project's GitHub repository
   */
  public static DeployTarget deployTarget(VercelClient client, String project, String gitRepoId) {
    return new VercelDeployTarget(client, project, Objects.requireNonNull(gitRepoId, "gitRepoId"));
  }

  /** Reads a vercel.json; see {@link VercelConfig#read}. */
  public static VercelConfig readConfig(Path vercelJson) {
    return VercelConfig.read(vercelJson);
  }

  /**
   * The vercel.json the model implies for its one Vercel service.
   *
   * @throws RunwayException.UnknownName when the app has no Vercel service, or several (use
   *     {@link #config(App, String)})
   */
  public static VercelConfig config(App app) {
    return ConfigFromModel.of(onlyService(app));
  }

  /** The vercel.json the model implies for one service (framework, commands, regions, crons, headers). */
  public static VercelConfig config(App app, String serviceName) {
    Service s = app.service(serviceName);
    if (!PLATFORM.equals(s.platform())) {
      throw new RunwayException.UnknownName("service '" + serviceName + "' is on " + s.platform() + ", not vercel");
    }
    return ConfigFromModel.of(s);
  }

  /**
   * Checks a vercel.json on disk: its own validation ({@link VercelConfig#validate()}), then
   * agreement with the model — every setting the model gives must have the same value in the file.
   * A parse failure becomes one MALFORMED problem with its file:line rather than an exception.
   */
  public static Problems check(App app, Path vercelJson) {
    VercelConfig file;
    try {
      file = VercelConfig.read(vercelJson);
    } catch (RunwayException.ParseFailed | RunwayException.IoFailed e) {
      return Problems.of(List.of(Problem.error(Problem.MALFORMED, vercelJson.getFileName().toString(), e.getMessage())
          .withOrigin(e.origin().orElse(Origin.file(vercelJson)))));
    }
    List<Problem> problems = new ArrayList<>(file.validate().all());
    if (app.servicesOn(PLATFORM).size() == 1) {
      VercelConfig model = config(app);
      compare(problems, file, "framework", model.framework(), file.framework());
      compare(problems, file, "buildCommand", model.buildCommand(), file.buildCommand());
      compare(problems, file, "installCommand", model.installCommand(), file.installCommand());
      compare(problems, file, "devCommand", model.devCommand(), file.devCommand());
      compare(problems, file, "outputDirectory", model.outputDirectory(), file.outputDirectory());
      if (!model.regions().isEmpty()) compare(problems, file, "regions", Optional.of(model.regions()), Optional.of(file.regions()));
      if (!model.crons().isEmpty()) compare(problems, file, "crons", Optional.of(model.crons()), Optional.of(file.crons()));
    }
    return Problems.of(problems);
  }

  private static void compare(List<Problem> problems, VercelConfig file, String key, Optional<?> model, Optional<?> actual) {
    if (model.isEmpty() || Objects.equals(model, actual)) return;
    String pointer = "/" + key;
    problems.add(Problem.error(Problem.CONFLICT, key,
            actual.isEmpty() ? "is not set, but the model gives " + model.get() : "is " + actual.get() + " but the model gives " + model.get())
        .withOrigin(file.origin().map(o -> o.withLine(file.line(pointer))).orElse(null))
        .withFix("regenerate the file from the model (Vercel.config(app).writeTo(path)) or change the model"));
  }

  private static Service onlyService(App app) {
    List<Service> on = app.servicesOn(PLATFORM);
    if (on.size() != 1) {
      throw new RunwayException.UnknownName("app " + app.name() + " has " + on.size() + " Vercel services ("
          + String.join(", ", on.stream().map(Service::name).toList()) + "); name one: Vercel.config(app, \"web\")");
    }
    return on.get(0);
  }
}

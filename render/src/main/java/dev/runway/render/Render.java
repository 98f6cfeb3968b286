package dev.runway.render;

import dev.runway.App;
import dev.runway.base.Problem;
import dev.runway.base.Problems;
import dev.runway.base.RunwayException;
import dev.runway.pipeline.DeployTarget;
import dev.runway.render.internal.Generation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runway on Render, in one place: blueprints generated from the model and checked against it, the
 * API client, runtime detection and plan knowledge.
 *
 * <pre>{@code
 * App app = Runway.load(Path.of("runway.conf"));
 * Render.blueprint(app).writeTo(Path.of("render.yaml"));           // runway render generate
 * Problems drift = Render.check(app, Path.of("render.yaml"));        // runway render check
 * RenderClient client = Render.client(System.getenv("RENDER_API_KEY"));
 * }</pre>
 */
public final class Render {
  private Render() {}

  /**
   * The blueprint of the model's Render services ({@code platform = render}), describing production:
   * service settings map to render.yaml fields ({@code health-check-path} → {@code healthCheckPath}),
   * each variable that reaches the service becomes an env var — secrets and variables without a
   * production default as {@code sync: false}, never with a value.
   */
  public static RenderBlueprint blueprint(App app) {
    return Generation.blueprint(app);
  }

  /**
   * Every problem with a committed render.yaml: drift from the model (services, settings and
   * variables missing, extra or different) and the semantic checks of
   * {@link RenderBlueprint#check()}, with secrets decided by the model. A file that does not parse
   * is reported as its problems rather than thrown.
   */
  public static Problems check(App app, Path renderYaml) {
    RenderBlueprint committed;
    try {
      committed = RenderBlueprint.read(renderYaml);
    } catch (RunwayException.ValidationFailed e) {
      return e.problems();
    } catch (RunwayException e) {
      return Problems.of(List.of(Problem.error(Problem.MALFORMED, "render.yaml", e.getMessage()
          .replaceFirst("^.*?render\\.yaml: ", "")).withOrigin(e.origin().orElse(null))));
    }
    return Generation.check(app, committed);
  }

  /** A client of Render's API with defaults; use {@link RenderClient#builder()} to tune it. */
  public static RenderClient client(String apiKey) {
    return RenderClient.builder().apiKey(apiKey).build();
  }

  /**
   * A Render web service as a pipeline deploy target ({@code Step.deploy("deploy-api", target)}).
   * {@code deploy} remembers the deploy live before, triggers a deploy of the latest commit and
   * returns once it is live ({@code Deployment.of(deployId).previous(liveBefore).link(dashboardUrl)});
   * {@code rollback} calls Render's rollback to that earlier deploy and returns once the rollback
   * deploy is live. Both wait until the step's timeout interrupts them and fail with
   * {@link RunwayException.DeployFailed} when a deploy ends failed. No API key in any message.
   *
   * <pre>{@code
   * DeployTarget api = Render.deployTarget(Render.client(System.getenv("RENDER_API_KEY")), "srv-abc123");
   * }</pre>
   *
   * @param serviceId the service id ({@code srv-...}), or a service name, looked up on first use
   *     (it must name exactly one service)
   */
  public static DeployTarget deployTarget(RenderClient client, String serviceId) {
    return new RenderDeployTarget(client, serviceId);
  }

  /** What Render injects into this process, when it runs on Render. */
  public static java.util.Optional<RenderRuntime> runtime() {
    return RenderRuntime.detect(System.getenv());
  }

  /** What Render injects into a process with this environment, when it runs on Render. */
  public static java.util.Optional<RenderRuntime> runtime(Map<String, String> environment) {
    return RenderRuntime.detect(environment);
  }
}

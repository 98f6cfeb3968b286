package dev.runway.render;

import dev.runway.App;
import dev.runway.base.Problems;
import dev.runway.base.RunwayException;
import dev.runway.pipeline.DeployTarget;
import dev.runway.render.internal.BlueprintChecks;
import dev.runway.render.internal.BlueprintReader;
import dev.runway.render.internal.Generation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Runway on Render, in one place: blueprints generated from the model and checked against it, the
 * API client, runtime detection and plan knowledge.
 *
 * <pre>{@code
 * App app = Runway.load(Path.of("runway.conf"));
 * Render.blueprint(app).writeTo(Path.of("render.yaml"));           // runway render generate
 * Problems drift = Render.check(app, Path.of("render.yaml"));        // runway render check
 * Problems lint = Render.check(Path.of("render.yaml"));              // the same without a model
 * RenderClient client = Render.client(System.getenv("RENDER_API_KEY"));
 * }</pre>
 */
public final class Render {
  private Render() {}

  /**
   * The code of a {@link #dropped} problem: render.yaml holds something the model does not, which
   * generating would remove.
   */
  public static final String DROPPED = "DROPPED";

  /**
   * The blueprint of the model's Render services ({@code platform = render}), describing production.
   *
   * <ul>
   *   <li>Each setting becomes the render.yaml field of the same name ignoring case and dashes, as
   *       Render's schema spells it for the service's type ({@code health-check-path} →
   *       {@code healthCheckPath}, {@code size-gb} → {@code sizeGB}), in nested maps and lists too;
   *       {@code name} is the name in render.yaml when it differs from the model's id;
   *       {@code type = postgres} makes an entry of {@code databases:}. The top-level
   *       {@code render { }} block gives the root fields ({@code previews}, ...).
   *   <li>Each variable that reaches a service becomes one of its env vars: {@code fromDatabase}
   *       or {@code fromService} for {@code from { service, property | variable }},
   *       {@code generateValue: true} for {@code generate = true}, {@code sync: false} for a secret
   *       or a variable without a production default (never a secret's value), else
   *       {@code value:} its production default and {@code previewValue:} a differing preview
   *       default. A variable with {@code group = g} goes into the env var group {@code g}, and
   *       each service it reaches links the group once ({@code fromGroup: g}).
   * </ul>
   *
   * <p>The result is built as {@link RenderBlueprint#read} builds a file's, so writing it and
   * reading it back gives an equal blueprint.
   *
   * @throws RunwayException.ValidationFailed when the model's Render settings do not make a valid
   *     render.yaml ({@code plan = hobby}), each problem named by its path in the model
   *     ({@code services.api.plan})
   */
  public static RenderBlueprint blueprint(App app) {
    return Generation.blueprint(app);
  }

  /**
   * Every problem with a committed render.yaml that needs no model: structural problems (unknown
   * fields with "did you mean", wrong types, unknown plans, regions and runtimes, missing required
   * fields), the free plan's limits, web services without {@code healthCheckPath} (a warning) or bound
   * to a literal port instead of {@code $PORT}, {@code fromService} / {@code fromDatabase} /
   * {@code fromGroup} that name nothing, and secrets carried as {@code value:} — by name
   * ({@code *_SECRET}, {@code *_TOKEN}, {@code *_API_KEY}, ...) or by shape (an OpenAI, Anthropic,
   * Stripe, GitHub or AWS key, a JWT, a private key, a URL with a password). Resources under
   * {@code projects:} / {@code environments:} and {@code ungrouped:} are checked like top-level ones.
   *
   * <p>A structural problem does not hide the others: the checks run on everything that is valid.
   * Each problem names the line of the field it is about; none carries a secret value. Content
   * problems are returned, never thrown; YAML that does not parse is one problem at its line.
   *
   * <pre>{@code
   * Problems problems = Render.check(Path.of("render.yaml"));   // runway render check --no-model
   * if (problems.hasErrors()) System.err.println(problems.toText());
   * }</pre>
   *
   * @throws RunwayException.IoFailed when the file does not exist or cannot be read
   */
  public static Problems check(Path renderYaml) {
    BlueprintReader.Result read;
    try {
      read = BlueprintReader.readAll(BlueprintReader.text(renderYaml), renderYaml);
    } catch (RunwayException.ParseFailed e) {
      return Problems.of(List.of(BlueprintReader.unparsable(e)));
    }
    return BlueprintChecks.lint(read, BlueprintChecks::looksSecret);
  }

  /**
   * Every problem with a committed render.yaml: those of {@link #check(Path)}, with secrets decided by
   * the model, plus drift from the model (services, databases, env var groups, settings at any depth
   * and each env var's form — missing, extra or different). Content problems, and a model that makes
   * no valid blueprint, are returned, never thrown. A fix proposes {@code runway render generate}
   * only when generating would drop nothing ({@link #dropped}); otherwise it names the runway.conf
   * change.
   *
   * @throws RunwayException.IoFailed when the file does not exist or cannot be read
   */
  public static Problems check(App app, Path renderYaml) {
    BlueprintReader.Result read;
    try {
      read = BlueprintReader.readAll(BlueprintReader.text(renderYaml), renderYaml);
    } catch (RunwayException.ParseFailed e) {
      return Problems.of(List.of(BlueprintReader.unparsable(e)));
    }
    Predicate<String> secret = key -> app.schema().variable(key).map(v -> v.isSecret())
        .orElseGet(() -> BlueprintChecks.looksSecret(key));
    return read.problems().and(BlueprintChecks.nested(read, secret)).and(Generation.check(app, read.blueprint()));
  }

  /**
   * What a committed blueprint holds that the model does not express, so that generating from the
   * model would remove it: a service, database, env var group, field (at any depth), env var,
   * group link or preview value. Each is an error coded {@link #DROPPED} at the thing's origin,
   * whose fix is the runway.conf text that keeps it. Empty when generating loses nothing; a model
   * that makes no valid blueprint gives its own problems instead.
   *
   * <pre>{@code
   * Problems lost = Render.dropped(app, RenderBlueprint.read(Path.of("render.yaml")));
   * if (lost.hasErrors()) throw new IllegalStateException(lost.toText());
   * }</pre>
   */
  public static Problems dropped(App app, RenderBlueprint committed) {
    return Generation.dropped(app, committed);
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

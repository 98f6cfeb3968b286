package dev.runway.pipeline;

import dev.runway.App;
import dev.runway.Runway;
import dev.runway.Service;
import dev.runway.base.RunwayException;
import dev.runway.pipeline.internal.PipelineHocon;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Pipelines as configuration: the {@code pipelines} block of {@code runway.conf}, which declares what
 * the Java DSL can (triggers, stages of sequential or parallel steps, shell steps, deploys of the
 * model's services, smoke tests, quality gates, approvals, rollback, notifications, concurrency)
 * and builds the same {@link Pipeline} values. Every problem in the block is reported at once, each
 * with its file and line.
 *
 * <pre>
 * pipelines {
 *   production-deploy {
 *     on { push = [main], manual = true }
 *     concurrency = production
 *     stages {
 *       verify  { parallel { test { run = "./mvnw -q verify", timeout = 15m }, lint { run = "npm run lint" } } }
 *       approve { approval { name = production, by = [ops], within = 4h } }
 *       deploy  { parallel { deploy-api { deploy = api }, deploy-web { deploy = web } } }
 *       smoke   { steps { api-health { smoke = api, retries = 3, backoff = 5s } } }
 *     }
 *     notify { slack = SLACK_WEBHOOK_URL }     # the name of the secret, never its value
 *   }
 * }
 * </pre>
 *
 * <p>The pipeline module knows no platform: a {@link Wiring} turns a model service into a deploy
 * target and a URL (the CLI wires Render and Vercel, or their sandboxes).
 */
public final class PipelineConfig {
  private PipelineConfig() {}

  /** How the services a pipeline names become deploy targets and URLs. */
  public interface Wiring {
    /**
     * The deploy target of {@code service}; throw {@link IllegalArgumentException} with a message for
     * people when it cannot be deployed (it is reported with the step's file and line).
     *
     * @param platformName the service's name on its platform (a deploy step's {@code platform-name},
     *     else the model's service name)
     */
    DeployTarget deployTarget(Service service, String platformName);

    /** Where {@code service} answers, without a path ({@code https://acme-api.onrender.com}). */
    URI url(Service service, String platformName);

    /** The secrets a deploy of {@code service} needs ({@code RENDER_API_KEY}); added to its deploy steps. */
    default List<String> secrets(Service service) {
      return List.of();
    }

    /** Whether this run goes to sandboxes: steps marked {@code sandbox = skip} are then skipped. */
    default boolean sandbox() {
      return false;
    }
  }

  /**
   * The pipelines declared in {@code file} (none when it has no {@code pipelines} block), reading
   * its model for the services they name.
   *
   * @throws RunwayException.ModelInvalid listing every problem, each with file:line
   * @throws RunwayException.ParseFailed when the file is not HOCON
   */
  public static List<Pipeline> load(Path file, Wiring wiring) {
    return load(file, Runway.load(file), wiring);
  }

  /** The pipelines declared in {@code file}, whose services are those of {@code app}. */
  public static List<Pipeline> load(Path file, App app, Wiring wiring) {
    return PipelineHocon.load(file, app, wiring);
  }
}

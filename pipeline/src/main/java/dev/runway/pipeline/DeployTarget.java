package dev.runway.pipeline;

/**
 * Something a pipeline deploys to and can roll back: a Render service, a Vercel project. Platform
 * modules implement it; wrap one in a step with {@link Step#deploy(String, DeployTarget)}.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #deploy} starts a deploy and returns once it is live, naming the new version and
 *       the one live before it; it throws ({@link dev.runway.base.RunwayException.DeployFailed},
 *       {@link dev.runway.base.RunwayException.Timeout}, ...) when the deploy does not go live. It runs
 *       under the step's timeout and is interrupted on timeout or cancellation.</li>
 *   <li>{@link #rollback} makes {@link Deployment#previousVersion()} live again and returns once it
 *       is; it throws when it cannot (the engine reports that loudly and the run exits 1).</li>
 *   <li>Neither puts a secret (API key, token) in an exception message or a log line.</li>
 * </ul>
 *
 * <pre>{@code
 * final class RenderTarget implements DeployTarget {
 *   public String name() { return "render:acme-api"; }
 *   public Deployment deploy(StepContext ctx) { ... return Deployment.of(id).previous(prevId).link(url); }
 *   public void rollback(Deployment d, StepContext ctx) { client.rollback(serviceId, d.previousVersion().orElseThrow()); }
 * }
 * }</pre>
 */
public interface DeployTarget {
  /** Names the target for people: {@code render:acme-api}, {@code vercel:acme-web}. No secret. */
  String name();

  /** Deploys and waits until the new version is live. */
  Deployment deploy(StepContext context) throws Exception;

  /** Makes {@code deployment.previousVersion()} live again and waits until it is. */
  void rollback(Deployment deployment, StepContext context) throws Exception;
}

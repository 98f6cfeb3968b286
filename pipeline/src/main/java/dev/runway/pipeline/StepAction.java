package dev.runway.pipeline;

/**
 * The body of a Java step. It may throw: any exception fails the attempt (and is retried when the
 * step has retries). It runs under the step's timeout; on timeout or cancellation its thread is
 * interrupted, so long waits should be interruptible.
 *
 * <pre>{@code
 * Step.java("warm-cache", ctx -> { ctx.log("warming"); cache.warm(); });
 * }</pre>
 */
@FunctionalInterface
public interface StepAction {
  void run(StepContext context) throws Exception;
}

package dev.runway.health;

/**
 * The body of a custom probe: a lambda that inspects something and says how it is.
 *
 * <p>It may throw: the runner turns any exception into a failing {@link Result} that names the
 * exception, so a probe never throws to its caller. It runs on Runway's probe pool, under the
 * probe's timeout; on timeout the thread is interrupted.
 *
 * <pre>{@code
 * Check queue = () -> backlog() < 1000 ? Result.pass() : Result.warn("backlog " + backlog());
 * }</pre>
 */
@FunctionalInterface
public interface Check {
  Result run() throws Exception;
}

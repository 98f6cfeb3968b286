package dev.runway.env;

import dev.runway.base.Problem;
import java.util.List;

/**
 * A check across variables, run after every variable has been parsed: "no localhost URL in
 * production", "SENTRY_DSN requires SENTRY_ENVIRONMENT". Built-in rules come from {@link Rules};
 * write your own as a lambda.
 *
 * <p>A rule sees only the values that parsed (a malformed value is already reported), and returns
 * problems rather than throwing. It must not put a secret value into a problem.
 */
@FunctionalInterface
public interface Rule {

  /** The problems this rule finds in a loaded environment; empty when it holds. */
  List<Problem> check(Env env);
}

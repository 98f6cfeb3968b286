package dev.runway.spring.internal;

import dev.runway.base.RunwayException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Turns a start-up stopped by Runway into one report: every problem of an invalid environment, or
 * the message of any other Runway error (a runway.conf that does not parse, an unknown environment).
 * Registered in META-INF/spring.factories; Boot 3 and 4 read the same key.
 */
public final class RunwayFailureAnalyzer implements FailureAnalyzer {
  static final String ACTION = "Fix each problem listed above (each names the variable, where its value came from"
      + " and what to write), then start the application again. Values are read from the .env files in"
      + " runway.env-dir, the process environment and Spring's property sources. To start without this check,"
      + " set runway.validate.enabled=false.";

  @Override
  public @Nullable FailureAnalysis analyze(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof EnvironmentInvalid e) {
        String description = "Runway validated the " + e.validation().environment() + " environment against "
            + e.model() + " and found it invalid, so the application was not started.\n\n"
            + e.validation().toText();
        return new FailureAnalysis(description, ACTION, e);
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof RunwayException e) {
        return new FailureAnalysis("Runway stopped the start-up:\n\n" + e.getMessage(),
            "Fix the problem above, then start the application again.", e);
      }
    }
    return null;
  }
}

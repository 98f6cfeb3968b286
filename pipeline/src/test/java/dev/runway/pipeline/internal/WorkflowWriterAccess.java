package dev.runway.pipeline.internal;

import java.time.Duration;

/** Test access to the retry loop so it can be run in bash. */
public final class WorkflowWriterAccess {
  private WorkflowWriterAccess() {}

  public static String retried(String command, int retries, Duration backoff) {
    return WorkflowWriter.retried(command, retries, backoff);
  }
}

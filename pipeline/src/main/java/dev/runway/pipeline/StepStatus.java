package dev.runway.pipeline;

/** How a step ended in a run. */
public enum StepStatus {
  SUCCEEDED, FAILED, TIMED_OUT, CANCELLED, SKIPPED,
  /** Not reached: an earlier group failed. */
  NOT_RUN;

  public boolean isFailure() {
    return this == FAILED || this == TIMED_OUT;
  }
}

package dev.runway.pipeline.internal;

/** A step body's own failure with a message meant for the report (no stack trace needed). */
public final class StepFailed extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StepFailed(String message) {
    super(message, null, false, false);
  }
}

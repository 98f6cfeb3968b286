package dev.runway.vercel;

/**
 * Where a Vercel deployment is in its life: {@code QUEUED → INITIALIZING → BUILDING → READY}, or
 * {@code ERROR} / {@code CANCELED}. {@code READY} means built and reachable at its own URL; it does
 * not mean serving production (see {@link Deployment#isServingProduction()}).
 */
public enum ReadyState {
  QUEUED,
  INITIALIZING,
  BUILDING,
  READY,
  ERROR,
  CANCELED;

  /** Whether the deployment will not change state any more. */
  public boolean isTerminal() {
    return this == READY || this == ERROR || this == CANCELED;
  }
}

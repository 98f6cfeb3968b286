package dev.runway.render;

import java.util.Locale;
import java.util.Optional;

/**
 * Every deploy status in Render's API, each mapped to a {@link Phase} a deployment tool acts on.
 *
 * <pre>{@code
 * DeployStatus.fromWire("update_in_progress").phase();   // IN_PROGRESS
 * DeployStatus.DEACTIVATED.phase();                      // SUPERSEDED: was live, replaced by a newer deploy
 * }</pre>
 */
public enum DeployStatus {
  CREATED(Phase.IN_PROGRESS),
  QUEUED(Phase.IN_PROGRESS),
  BUILD_IN_PROGRESS(Phase.IN_PROGRESS),
  UPDATE_IN_PROGRESS(Phase.IN_PROGRESS),
  PRE_DEPLOY_IN_PROGRESS(Phase.IN_PROGRESS),
  LIVE(Phase.LIVE),
  DEACTIVATED(Phase.SUPERSEDED),
  BUILD_FAILED(Phase.FAILED),
  UPDATE_FAILED(Phase.FAILED),
  PRE_DEPLOY_FAILED(Phase.FAILED),
  /** Canceled by a person, an API call, or a newer deploy; it never went live. */
  CANCELED(Phase.FAILED);

  /** What a status means for whoever waits on a deploy. */
  public enum Phase {
    /** Still moving: keep polling. */
    IN_PROGRESS,
    /** Serving traffic. */
    LIVE,
    /** Ended without going live. */
    FAILED,
    /** Was live and has been replaced (Render calls it {@code deactivated}). */
    SUPERSEDED
  }

  private final Phase phase;

  DeployStatus(Phase phase) {
    this.phase = phase;
  }

  public Phase phase() {
    return phase;
  }

  /** Whether the deploy will not change status any more. */
  public boolean isFinal() {
    return phase != Phase.IN_PROGRESS;
  }

  /** The status as Render writes it ({@code build_in_progress}). */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status of Render's word, or empty for a word this version does not know. */
  public static Optional<DeployStatus> fromWire(String word) {
    for (DeployStatus s : values()) if (s.wire().equals(word)) return Optional.of(s);
    return Optional.empty();
  }
}

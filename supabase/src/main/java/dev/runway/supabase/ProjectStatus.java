package dev.runway.supabase;

import java.util.Locale;

/** A project's status as the Management API reports it; {@link #INACTIVE} means paused. */
public enum ProjectStatus {
  ACTIVE_HEALTHY,
  ACTIVE_UNHEALTHY,
  /** Paused: by hand, or after 7 idle days on the free plan. Restore it to serve again. */
  INACTIVE,
  COMING_UP,
  GOING_DOWN,
  INIT_FAILED,
  REMOVED,
  RESTORING,
  UPGRADING,
  PAUSING,
  RESTORE_FAILED,
  RESTARTING,
  PAUSE_FAILED,
  RESIZING,
  /** The API said UNKNOWN, or a status this version does not know. */
  UNKNOWN;

  /** The status for the API's text; {@link #UNKNOWN} for any it does not know. */
  public static ProjectStatus of(String text) {
    try {
      return valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return UNKNOWN;
    }
  }

  /** Whether the project serves requests. */
  public boolean isServing() {
    return this == ACTIVE_HEALTHY || this == ACTIVE_UNHEALTHY;
  }
}

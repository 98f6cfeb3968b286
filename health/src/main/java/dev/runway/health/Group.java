package dev.runway.health;

/**
 * Which probes a request runs. Liveness runs only the liveness probes (which must never touch a
 * dependency); readiness runs liveness and readiness probes; deep runs every probe.
 */
public enum Group {
  LIVENESS,
  READINESS,
  DEEP
}

package dev.runway.monitor;

import java.time.Duration;

/**
 * How the scheduler keeps up: checks run, checks skipped because the previous one of the same
 * endpoint was still running (a slow target never piles up), slots missed (the process was
 * paused past a whole interval), and the lag between when a check was due and when it started.
 * Lag percentiles cover the last 65,536 checks. Immutable.
 */
public record MonitorStats(long checks, long skipped, long missed, Duration lagP50, Duration lagP99, Duration lagMax,
    long notificationsSent, long notificationsFailed) {}

package dev.runway.render;

import java.time.Duration;

/**
 * Render's rate-limit window as its last answer described it ({@code Ratelimit-Limit},
 * {@code Ratelimit-Remaining}, {@code Ratelimit-Reset} in seconds). Immutable.
 */
public record RateLimit(int limit, int remaining, Duration reset) {}

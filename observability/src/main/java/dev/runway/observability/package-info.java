/**
 * Structured JSON logs in which no secret can appear, errors grouped by fingerprint with error-rate
 * alerts, a security event log, and Micrometer metrics with a Prometheus endpoint. Start at
 * {@link dev.runway.observability.Observability}.
 */
@NullMarked
package dev.runway.observability;

import org.jspecify.annotations.NullMarked;

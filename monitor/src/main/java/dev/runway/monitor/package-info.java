/**
 * Monitoring: scheduled probes, uptime and response-time history, incidents and alerts,
 * keep-warm for free tiers within their hour budgets, and a static status page.
 *
 * <p>Start at {@link dev.runway.monitor.Monitor#builder()}: add {@link dev.runway.monitor.Endpoint}s
 * (each wraps a {@link dev.runway.health.Probe}), a {@link dev.runway.monitor.History} and
 * {@link dev.runway.notify.Notifier}s, then {@code start()}. {@link dev.runway.monitor.KeepWarm}
 * plans pings of sleeping free services and checks them against the instance-hour budget;
 * {@link dev.runway.monitor.StatusPage} renders what the history holds.
 */
@NullMarked
package dev.runway.monitor;

import org.jspecify.annotations.NullMarked;

/** Monitoring internals: the scheduler, alert state, history stores and the status page writer. */
@NullMarked
package dev.runway.monitor.internal;

import org.jspecify.annotations.NullMarked;

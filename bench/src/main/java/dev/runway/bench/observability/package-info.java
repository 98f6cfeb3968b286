/** Measurements of runway-observability: masking cost per event, JSON logging throughput. */
@NullMarked
package dev.runway.bench.observability;

import org.jspecify.annotations.NullMarked;

/**
 * The few types every Runway module shares: {@link dev.runway.base.RunwayException} and its kinds,
 * {@link dev.runway.base.Origin} (where a value or a mistake came from), {@link dev.runway.base.Problem}
 * and {@link dev.runway.base.Problems} (validation findings with stable codes), {@link dev.runway.base.Secret}
 * (a value that never prints) and {@link dev.runway.base.Pools} (bounded daemon pools).
 *
 * <p>This artifact has no dependency but JSpecify's annotations, so that the smallest Runway module
 * (runway-health) stays small.
 */
@NullMarked
package dev.runway.base;

import org.jspecify.annotations.NullMarked;

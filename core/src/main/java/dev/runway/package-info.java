/**
 * Runway's foundation: the {@link dev.runway.Runway} entry point, the {@link dev.runway.App} model,
 * and the types every module shares — {@link dev.runway.RunwayException}, {@link dev.runway.Origin},
 * {@link dev.runway.Problem} and {@link dev.runway.Problems}.
 */
@NullMarked
package dev.runway;

import org.jspecify.annotations.NullMarked;

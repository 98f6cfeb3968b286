/**
 * Runway's foundation: the {@link dev.runway.Runway} entry point, the {@link dev.runway.App} model,
 * and the types every module shares — {@link dev.runway.base.RunwayException}, {@link dev.runway.base.Origin},
 * {@link dev.runway.base.Problem} and {@link dev.runway.base.Problems}.
 */
@NullMarked
package dev.runway;

import org.jspecify.annotations.NullMarked;

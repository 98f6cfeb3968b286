/** The {@code runway} command line. */
@NullMarked
package dev.runway.cli;

import org.jspecify.annotations.NullMarked;

/** Helpers the Runway modules share; not API: users never import this package. */
@NullMarked
package dev.runway.base.internal;

import org.jspecify.annotations.NullMarked;

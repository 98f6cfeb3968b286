/** Base's implementation; not API. */
@NullMarked
package dev.runway.base.internal;

import org.jspecify.annotations.NullMarked;

/** Implementation of {@code dev.runway.observability}; not API. */
@NullMarked
package dev.runway.observability.internal;

import org.jspecify.annotations.NullMarked;

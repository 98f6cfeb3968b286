/** Implementation of {@link dev.runway.security}; not an API. */
@NullMarked
package dev.runway.security.internal;

import org.jspecify.annotations.NullMarked;

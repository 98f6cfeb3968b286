/** Implementation of {@link dev.runway.sync}; not an API. */
@NullMarked
package dev.runway.sync.internal;

import org.jspecify.annotations.NullMarked;

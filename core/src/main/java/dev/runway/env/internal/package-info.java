/** Implementation of the env package: value types, resolution, validation. Not API. */
@NullMarked
package dev.runway.env.internal;

import org.jspecify.annotations.NullMarked;

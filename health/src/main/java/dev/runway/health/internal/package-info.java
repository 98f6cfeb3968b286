/** Implementation of {@code dev.runway.health}: probe execution, JSON shapes, HTTP plumbing. Not API. */
@NullMarked
package dev.runway.health.internal;

import org.jspecify.annotations.NullMarked;

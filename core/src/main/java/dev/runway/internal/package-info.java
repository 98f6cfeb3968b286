/** Core internals shared across areas; not API, may change in any release. */
@NullMarked
package dev.runway.internal;

import org.jspecify.annotations.NullMarked;

/** Render's wire formats, the blueprint reader and writer, the HTTP plumbing and the sandbox's state; not API. */
@NullMarked
package dev.runway.render.internal;

import org.jspecify.annotations.NullMarked;

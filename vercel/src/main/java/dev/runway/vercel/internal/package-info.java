/** Implementation of the Vercel module: wire formats, HTTP plumbing, the sandbox's server. Not API. */
@NullMarked
package dev.runway.vercel.internal;

import org.jspecify.annotations.NullMarked;

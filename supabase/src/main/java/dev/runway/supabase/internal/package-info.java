/** Implementation of the Supabase module; not API, users never import it. */
@NullMarked
package dev.runway.supabase.internal;

import org.jspecify.annotations.NullMarked;

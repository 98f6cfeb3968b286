/** Implementation of the local simulation; users never import it. */
@NullMarked
package dev.runway.dockersim.internal;

import org.jspecify.annotations.NullMarked;

/** The service-provider interface platform modules implement to plug into core. */
@NullMarked
package dev.runway.platform;

import org.jspecify.annotations.NullMarked;

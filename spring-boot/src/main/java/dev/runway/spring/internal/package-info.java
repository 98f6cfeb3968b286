/** Implementation of the Spring Boot auto-configuration; not API. */
@NullMarked
package dev.runway.spring.internal;

import org.jspecify.annotations.NullMarked;

/**
 * Runway's health endpoints in a Javalin 6 application: {@link dev.runway.javalin.HealthPlugin}.
 */
@NullMarked
package dev.runway.javalin;

import org.jspecify.annotations.NullMarked;

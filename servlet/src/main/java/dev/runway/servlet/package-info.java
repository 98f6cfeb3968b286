/**
 * Runway's health endpoints in any Jakarta Servlet 6 container (Jetty 12, Tomcat 10.1/11,
 * Undertow): {@link dev.runway.servlet.HealthServlet}.
 */
@NullMarked
package dev.runway.servlet;

import org.jspecify.annotations.NullMarked;

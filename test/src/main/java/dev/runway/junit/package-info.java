/**
 * JUnit 5 support for users' tests: start a sandbox or the local simulation for a test class and
 * have it closed after the class, with parameter resolution for the started resource.
 *
 * <pre>{@code
 * class DeployTest {
 *   @Sandbox static RenderSandbox render;            // started before the class, closed after it
 *
 *   @Test
 *   void goesLive(RenderSandbox sandbox) { ... }     // or read the field
 * }
 *
 * class WebTest {
 *   @RegisterExtension
 *   static final RunwayExtension.Resource<VercelSandbox> vercel = RunwayExtension.start(VercelSandbox::start);
 * }
 * }</pre>
 *
 * JUnit Jupiter is an optional dependency of runway-core: your test scope has it already when you
 * write JUnit 5 tests.
 */
@NullMarked
package dev.runway.junit;

import org.jspecify.annotations.NullMarked;

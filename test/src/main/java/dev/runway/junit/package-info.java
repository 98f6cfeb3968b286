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
 * This package is the artifact {@code dev.runway:runway-test}, for your test scope; it depends on
 * {@code junit-jupiter-api} only. The sandbox types come from their own modules: {@code RenderSandbox}
 * from {@code runway-render}, {@code VercelSandbox} from {@code runway-vercel}, {@code SupabaseSandbox}
 * from {@code runway-supabase}, {@code ProcessSimulation} from {@code runway-docker-sim}. When one
 * cannot start, the extension's error names the module or the code to add.
 */
@NullMarked
package dev.runway.junit;

import org.jspecify.annotations.NullMarked;

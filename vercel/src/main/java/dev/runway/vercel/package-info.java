/**
 * Runway on Vercel: the {@link dev.runway.vercel.Vercel} entry point, the {@code vercel.json}
 * model ({@link dev.runway.vercel.VercelConfig}), the REST API client
 * ({@link dev.runway.vercel.VercelClient}) for deployments, promotion, instant rollback, project
 * environment variables and domains, and {@link dev.runway.vercel.VercelSandbox}, an in-process
 * stand-in for the API that tests and demos run against.
 */
@NullMarked
package dev.runway.vercel;

import org.jspecify.annotations.NullMarked;

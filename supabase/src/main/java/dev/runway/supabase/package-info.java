/**
 * Supabase for Runway: project probes (auth, REST, storage, realtime), Postgres probes over JDBC
 * (connections against the maximum, size against the plan, read-only state), key and
 * connection-string checks, a Management API client, a keep-alive job for free projects, and
 * {@link dev.runway.supabase.SupabaseSandbox}. Start at {@link dev.runway.supabase.Supabase}.
 */
@NullMarked
package dev.runway.supabase;

import org.jspecify.annotations.NullMarked;

/**
 * Diff and sync of env vars between stores: dotenv files, encrypted env files and, through
 * platform modules, Render services and Vercel projects. A {@link dev.runway.sync.SyncPlan plan}
 * shows every difference (fingerprints only, never values) before anything changes;
 * {@link dev.runway.sync.Sync#apply apply} snapshots the target, writes key by key, stops at the
 * first failure and says exactly what was applied; {@link dev.runway.sync.Sync#restore restore}
 * puts a snapshot back.
 *
 * <pre>{@code
 * EnvStore local = EnvStores.dotenv(Path.of(".env.production"));
 * EnvStore remote = ...;                                  // a platform module's store
 * SyncPlan plan = Sync.plan(local, remote);
 * System.out.println(plan.toText());                      // what would change
 * SyncResult result = Sync.apply(plan, remote, Sync.options().backups(dir, key));
 * }</pre>
 */
@NullMarked
package dev.runway.sync;

import org.jspecify.annotations.NullMarked;

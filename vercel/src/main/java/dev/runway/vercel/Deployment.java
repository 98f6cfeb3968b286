package dev.runway.vercel;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Vercel deployment as the API reports it. Immutable and thread-safe.
 *
 * @param id the deployment id ({@code dpl_...})
 * @param url its own URL, without scheme ({@code web-abc123.vercel.app})
 * @param projectId the project it belongs to
 * @param readyState build progress
 * @param target {@code "production"}, {@code "staging"}, or empty for a preview deployment
 * @param readySubstate for READY deployments: {@code STAGED} (never served production),
 *     {@code ROLLING} or {@code PROMOTED}; empty when the API does not say
 * @param aliases the aliases assigned at creation (production domains for production)
 * @param aliasAssigned whether those aliases were assigned
 * @param createdAt creation time
 * @param errorMessage the build error, for ERROR deployments
 */
public record Deployment(
    String id,
    String url,
    String projectId,
    ReadyState readyState,
    Optional<String> target,
    Optional<String> readySubstate,
    List<String> aliases,
    boolean aliasAssigned,
    Instant createdAt,
    Optional<String> errorMessage) {

  public Deployment {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(readyState, "readyState");
    aliases = List.copyOf(aliases);
  }

  /** Whether it was created for production (as opposed to a preview). */
  public boolean isProduction() {
    return target.filter("production"::equals).isPresent();
  }

  /**
   * Whether it actually serves the production domains. A READY production deployment can be
   * merely staged — built but not promoted, for example after an instant rollback paused
   * auto-assignment — so this reads the substate, or the alias fields when there is none.
   */
  public boolean isServingProduction() {
    if (readyState != ReadyState.READY || !isProduction()) return false;
    return readySubstate.map("PROMOTED"::equals).orElse(aliasAssigned);
  }
}

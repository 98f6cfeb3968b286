package dev.runway.pipeline;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link DeployTarget} deployed: the new version that is now live, the version that was live
 * before (what a rollback returns to; absent on a first deploy) and a link to the deploy on the
 * platform's dashboard. Immutable and thread-safe.
 *
 * <pre>{@code
 * Deployment.of("dep-42").previous("dep-41").link(URI.create("https://dashboard.render.com/..."));
 * }</pre>
 */
public final class Deployment {
  private final String version;
  private final @Nullable String previous;
  private final @Nullable URI link;

  private Deployment(String version, @Nullable String previous, @Nullable URI link) {
    this.version = Objects.requireNonNull(version, "version");
    this.previous = previous;
    this.link = link;
  }

  /** A deployment of {@code version} (a deploy id, a commit, an image digest: the platform's word). */
  public static Deployment of(String version) {
    return new Deployment(version, null, null);
  }

  /** A copy that names the version live before this deploy. */
  public Deployment previous(String previousVersion) {
    return new Deployment(version, Objects.requireNonNull(previousVersion, "previousVersion"), link);
  }

  /** A copy with a link to the deploy. */
  public Deployment link(URI url) {
    return new Deployment(version, previous, Objects.requireNonNull(url, "url"));
  }

  public String version() {
    return version;
  }

  /** The version a rollback returns to; empty on a first deploy. */
  public Optional<String> previousVersion() {
    return Optional.ofNullable(previous);
  }

  public Optional<URI> link() {
    return Optional.ofNullable(link);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Deployment d && version.equals(d.version) && Objects.equals(previous, d.previous)
        && Objects.equals(link, d.link);
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, previous, link);
  }

  @Override
  public String toString() {
    return version + (previous == null ? "" : " (previous " + previous + ")");
  }
}

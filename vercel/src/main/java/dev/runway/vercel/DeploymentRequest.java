package dev.runway.vercel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What to deploy: a project, a target (production or preview) and a source — a git ref of a
 * connected GitHub repository, or an existing deployment to rebuild ({@link Builder#redeploy}).
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * DeploymentRequest.builder("acme-web").production().gitSource("123456", "main").build();
 * DeploymentRequest.builder("acme-web").production().redeploy("dpl_abc").build();
 * }</pre>
 */
public final class DeploymentRequest {
  private final String project;
  private final boolean production;
  private final @Nullable String repoId;
  private final @Nullable String ref;
  private final @Nullable String sha;
  private final @Nullable String redeployOf;
  private final Map<String, String> meta;

  private DeploymentRequest(Builder b) {
    this.project = b.project;
    this.production = b.production;
    this.repoId = b.repoId;
    this.ref = b.ref;
    this.sha = b.sha;
    this.redeployOf = b.redeployOf;
    this.meta = Collections.unmodifiableMap(new LinkedHashMap<>(b.meta));
  }

  public static Builder builder(String project) {
    return new Builder(project);
  }

  public String project() {
    return project;
  }

  public boolean production() {
    return production;
  }

  public Optional<String> repoId() {
    return Optional.ofNullable(repoId);
  }

  public Optional<String> ref() {
    return Optional.ofNullable(ref);
  }

  public Optional<String> sha() {
    return Optional.ofNullable(sha);
  }

  public Optional<String> redeployOf() {
    return Optional.ofNullable(redeployOf);
  }

  public Map<String, String> meta() {
    return meta;
  }

  @Override
  public String toString() {
    return "DeploymentRequest[" + project + ", " + (production ? "production" : "preview")
        + (ref != null ? ", ref " + ref : "") + (redeployOf != null ? ", redeploy " + redeployOf : "") + "]";
  }

  public static final class Builder {
    private final String project;
    private boolean production;
    private @Nullable String repoId;
    private @Nullable String ref;
    private @Nullable String sha;
    private @Nullable String redeployOf;
    private final Map<String, String> meta = new LinkedHashMap<>();

    private Builder(String project) {
      this.project = Objects.requireNonNull(project, "project");
    }

    /** Deploy to production (the default is a preview). */
    public Builder production() {
      this.production = true;
      return this;
    }

    public Builder preview() {
      this.production = false;
      return this;
    }

    /** A branch or tag of the project's GitHub repository, by the repository's numeric id. */
    public Builder gitSource(String repoId, String ref) {
      this.repoId = Objects.requireNonNull(repoId, "repoId");
      this.ref = Objects.requireNonNull(ref, "ref");
      return this;
    }

    /** Pins the commit of {@link #gitSource}. */
    public Builder sha(@Nullable String value) {
      this.sha = value;
      return this;
    }

    /** Rebuild an existing deployment's source (picks up changed environment variables). */
    public Builder redeploy(String deploymentId) {
      this.redeployOf = Objects.requireNonNull(deploymentId, "deploymentId");
      return this;
    }

    public Builder meta(String key, String value) {
      meta.put(key, value);
      return this;
    }

    public DeploymentRequest build() {
      if (repoId == null && redeployOf == null) {
        throw new IllegalStateException(
            "DeploymentRequest for " + project + " has no source; call .gitSource(repoId, ref) or .redeploy(deploymentId)");
      }
      return new DeploymentRequest(this);
    }
  }
}

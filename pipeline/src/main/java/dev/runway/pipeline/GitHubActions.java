package dev.runway.pipeline;

import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import dev.runway.pipeline.internal.WorkflowWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Exports a {@link Pipeline} to a GitHub Actions workflow that keeps its shape: stages become jobs
 * linked by {@code needs}; parallel steps become parallel jobs; an approval gate becomes a job
 * bound to a GitHub environment of the gate's name (give that environment required reviewers);
 * timeouts become {@code timeout-minutes}; retries a bounded loop in {@code run:}; rollback an
 * {@code if: failure()} job that rolls back, in reverse order, every deploy that went live;
 * concurrency {@code concurrency:}; secrets {@code ${{ secrets.NAME }}} references, never values;
 * Java steps (deploys, smoke tests, Java gates) {@code jbang <script> --step <id>}, or for a
 * pipeline declared in runway.conf ({@link Pipeline#config()}) {@code runway pipeline step <pipeline>
 * <id>} from a Runway distribution installed by the workflow (downloaded from
 * {@link #runway(String, String) a URL pattern} and cached by version), so the repository needs no Java
 * source; permissions: none at the top, {@code contents: read} per job that checks out, none for
 * approval jobs; every {@code uses:} pinned to a full commit SHA from {@link ActionPins}, its release
 * tag in a comment; a shell command that pastes an untrusted event field ({@code ${{
 * github.event.pull_request.title }}}) into its script is refused.
 *
 * <pre>{@code
 * GitHubActions.workflow(pipeline).writeTo(Path.of(".github/workflows"));   // production-deploy.yml
 * }</pre>
 */
public final class GitHubActions {
  private GitHubActions() {}

  /** The workflow of {@code pipeline}, with the default runner ({@code ubuntu-latest}) and Java 17. */
  public static Workflow workflow(Pipeline pipeline) {
    return new Workflow(Objects.requireNonNull(pipeline, "pipeline"), "ubuntu-latest", "17", "production",
        DEFAULT_RUNWAY_VERSION, WorkflowWriter.DEFAULT_RUNWAY_URL);
  }

  /** The Runway version a workflow installs unless told otherwise. */
  public static final String DEFAULT_RUNWAY_VERSION = "0.1.0";

  /** An exported workflow. Immutable; the settings methods return modified copies. */
  public static final class Workflow {
    private final Pipeline pipeline;
    private final String runsOn;
    private final String javaVersion;
    private final String environment;
    private final String runwayVersion;
    private final String runwayUrl;

    private Workflow(Pipeline pipeline, String runsOn, String javaVersion, String environment, String runwayVersion,
        String runwayUrl) {
      this.pipeline = pipeline;
      this.runsOn = runsOn;
      this.javaVersion = javaVersion;
      this.environment = environment;
      this.runwayVersion = runwayVersion;
      this.runwayUrl = runwayUrl;
    }

    /**
     * A copy that installs Runway {@code version} from {@code urlPattern}, an https URL of the
     * distribution's tar.gz in which {@code {version}} stands for the version (default: GitHub releases
     * of runway-dev/runway). Used by pipelines declared in runway.conf.
     */
    public Workflow runway(String version, String urlPattern) {
      return new Workflow(pipeline, runsOn, javaVersion, environment, Objects.requireNonNull(version, "version"),
          Objects.requireNonNull(urlPattern, "urlPattern"));
    }

    /** A copy that runs on another runner label. */
    public Workflow runsOn(String label) {
      return new Workflow(pipeline, Objects.requireNonNull(label, "label"), javaVersion, environment, runwayVersion, runwayUrl);
    }

    /** A copy that sets up another Java version for JBang steps. */
    public Workflow javaVersion(String version) {
      return new Workflow(pipeline, runsOn, Objects.requireNonNull(version, "version"), environment, runwayVersion, runwayUrl);
    }

    /**
     * A copy targeting another environment: the workflow sets {@code RUNWAY_ENVIRONMENT}, which
     * environment conditions and JBang steps read.
     */
    public Workflow environment(String name) {
      return new Workflow(pipeline, runsOn, javaVersion, Objects.requireNonNull(name, "name"), runwayVersion, runwayUrl);
    }

    /** {@code <pipeline name>.yml}. */
    public String fileName() {
      return pipeline.name() + ".yml";
    }

    /**
     * The workflow as YAML.
     *
     * @throws RunwayException.ModelInvalid when the pipeline has Java steps but no {@link Pipeline#script()}
     *     or {@link Pipeline#config()}, or a command pastes an untrusted event field into its script
     */
    public String yaml() {
      return WorkflowWriter.yaml(pipeline, runsOn, javaVersion, environment, runwayVersion, runwayUrl);
    }

    /** Writes {@link #yaml()} to {@code dir/<fileName()>} and returns that path. */
    public Path writeTo(Path dir) {
      Path file = dir.resolve(fileName());
      try {
        Files.createDirectories(dir);
        Files.writeString(file, yaml(), StandardCharsets.UTF_8);
        return file;
      } catch (IOException e) {
        throw new RunwayException.IoFailed(file + ": cannot write (" + e.getClass().getSimpleName()
            + "); check that " + dir + " is writable", Origin.file(file), e);
      }
    }

    @Override
    public String toString() {
      return "Workflow{" + fileName() + "}";
    }
  }
}

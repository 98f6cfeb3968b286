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
 * Java steps (deploys, smoke tests, Java gates) {@code jbang <script> --step <id>}; permissions
 * {@code contents: read} only.
 *
 * <pre>{@code
 * GitHubActions.workflow(pipeline).writeTo(Path.of(".github/workflows"));   // production-deploy.yml
 * }</pre>
 */
public final class GitHubActions {
  private GitHubActions() {}

  /** The workflow of {@code pipeline}, with the default runner ({@code ubuntu-latest}) and Java 17. */
  public static Workflow workflow(Pipeline pipeline) {
    return new Workflow(Objects.requireNonNull(pipeline, "pipeline"), "ubuntu-latest", "17", "production");
  }

  /** An exported workflow. Immutable; the settings methods return modified copies. */
  public static final class Workflow {
    private final Pipeline pipeline;
    private final String runsOn;
    private final String javaVersion;
    private final String environment;

    private Workflow(Pipeline pipeline, String runsOn, String javaVersion, String environment) {
      this.pipeline = pipeline;
      this.runsOn = runsOn;
      this.javaVersion = javaVersion;
      this.environment = environment;
    }

    /** A copy that runs on another runner label. */
    public Workflow runsOn(String label) {
      return new Workflow(pipeline, Objects.requireNonNull(label, "label"), javaVersion, environment);
    }

    /** A copy that sets up another Java version for JBang steps. */
    public Workflow javaVersion(String version) {
      return new Workflow(pipeline, runsOn, Objects.requireNonNull(version, "version"), environment);
    }

    /**
     * A copy targeting another environment: the workflow sets {@code RUNWAY_ENVIRONMENT}, which
     * environment conditions and JBang steps read.
     */
    public Workflow environment(String name) {
      return new Workflow(pipeline, runsOn, javaVersion, Objects.requireNonNull(name, "name"));
    }

    /** {@code <pipeline name>.yml}. */
    public String fileName() {
      return pipeline.name() + ".yml";
    }

    /**
     * The workflow as YAML.
     *
     * @throws RunwayException.ModelInvalid when the pipeline has Java steps but no {@link Pipeline#script()}
     */
    public String yaml() {
      return WorkflowWriter.yaml(pipeline, runsOn, javaVersion, environment);
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

package dev.runway.dockersim;

import dev.runway.base.internal.IoReasons;
import dev.runway.base.InputFiles;
import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import dev.runway.render.YamlTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A docker-compose.yml: one {@linkplain DockerSim#compose generated} from the model, or one
 * {@linkplain #read read} from disk to be compared with the blueprint ({@link DockerSim#parity}).
 *
 * <p>A generated file holds no secret value: secrets reach the containers through
 * {@code env_file}. {@code toString()} names only the services. Immutable and thread-safe.
 *
 * <pre>{@code
 * ComposeFile compose = DockerSim.compose(app, Environment.PRODUCTION);
 * compose.writeTo(Path.of("docker-compose.yml"));
 * }</pre>
 */
public final class ComposeFile {
  private final String yaml;
  private final YamlTree.Node root;
  private final @Nullable Origin origin;
  private final List<String> notSimulated;

  ComposeFile(String yaml, YamlTree.Node root, @Nullable Origin origin, List<String> notSimulated) {
    this.yaml = yaml;
    this.root = root;
    this.origin = origin;
    this.notSimulated = List.copyOf(notSimulated);
  }

  /**
   * Reads a compose file.
   *
   * @throws RunwayException.IoFailed when it cannot be read
   * @throws RunwayException.ParseFailed at {@code file:line} when it is not YAML or repeats a key
   */
  public static ComposeFile read(Path file) {
    if (!Files.exists(file)) {
      throw new RunwayException.IoFailed(file + ": compose file: no such file; check the path, or generate it with"
          + " runway simulate compose", Origin.file(file), null);
    }
    String text = InputFiles.readText(file, "compose file");
    return new ComposeFile(text, YamlTree.parse(text, Origin.file(file), "compose file"), Origin.file(file), List.of());
  }

  /** Parses compose text; origins read {@code docker-compose.yml:<line>}. Throws as {@link #read(Path)}. */
  public static ComposeFile parse(String yaml) {
    Origin at = Origin.file(Path.of("docker-compose.yml"));
    return new ComposeFile(yaml, YamlTree.parse(yaml, at, "compose file"), null, List.of());
  }

  /** The file's text. */
  public String toYaml() {
    return yaml;
  }

  /** Writes {@link #toYaml()} to a file, replacing it. */
  public void writeTo(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      Files.writeString(file, yaml, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RunwayException.IoFailed(file + ": compose file: cannot be written (" + IoReasons.of(e)
          + "); check the directory's permissions", Origin.file(file), e);
    }
  }

  /** The compose services, in file order. */
  public List<String> services() {
    return List.copyOf(root.get("services").map(n -> n.fields().keySet()).orElse(java.util.Set.of()));
  }

  /**
   * The Render services a generated file leaves out because compose cannot build them (native
   * runtimes such as {@code python} or {@code node}), each as {@code name (runtime x)}: simulate those
   * in process mode ({@link DockerSim#process}).
   */
  public List<String> notSimulated() {
    return notSimulated;
  }

  /** The file this was read from; empty for a generated or parsed one. */
  public Optional<Origin> origin() {
    return Optional.ofNullable(origin);
  }

  YamlTree.Node root() {
    return root;
  }

  /** Where parity problems point: the file read, else {@code docker-compose.yml}. */
  Origin originOrDefault() {
    return origin != null ? origin : Origin.file(Path.of("docker-compose.yml"));
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ComposeFile c && yaml.equals(c.yaml);
  }

  @Override
  public int hashCode() {
    return Objects.hash(yaml);
  }

  @Override
  public String toString() {
    return "ComposeFile[services=" + services() + "]";
  }
}

package dev.runway.render;

import dev.runway.base.internal.IoReasons;
import dev.runway.base.Origin;
import dev.runway.base.Problems;
import dev.runway.base.RunwayException;
import dev.runway.render.internal.BlueprintChecks;
import dev.runway.render.internal.BlueprintReader;
import dev.runway.render.internal.BlueprintWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A Render Blueprint — the contents of {@code render.yaml}: services, databases, env var groups and
 * preview settings.
 *
 * <p>{@link #read(Path)} reports every problem with its {@code file:line}; {@link #toYaml()} writes
 * fields in a stable order (so that generated files diff cleanly) and the output validates against
 * Render's render.yaml schema. Reading what was written gives an equal blueprint. {@link #check()}
 * adds the rules the schema cannot express (free plan limits, health checks, references, secrets in
 * {@code value:}, {@code $PORT}). Immutable and thread-safe.
 *
 * <pre>{@code
 * RenderBlueprint blueprint = RenderBlueprint.read(Path.of("render.yaml"));
 * blueprint.check().orThrow();
 * Files.writeString(Path.of("render.yaml"), blueprint.toYaml());
 * }</pre>
 */
public final class RenderBlueprint {

  /** Root {@code previews}: preview environments for the whole Blueprint. */
  public record Previews(Optional<String> generation, Optional<Integer> expireAfterDays) {
    public Previews {
      Objects.requireNonNull(generation, "generation");
      Objects.requireNonNull(expireAfterDays, "expireAfterDays");
    }
  }

  private final List<BlueprintService> services;
  private final List<BlueprintDatabase> databases;
  private final List<EnvVarGroup> envVarGroups;
  private final @Nullable Previews previews;
  private final Map<String, Object> extras;
  private final @Nullable Origin origin;

  private RenderBlueprint(Builder b) {
    this.services = List.copyOf(b.services);
    this.databases = List.copyOf(b.databases);
    this.envVarGroups = List.copyOf(b.envVarGroups);
    this.previews = b.previews;
    this.extras = Collections.unmodifiableMap(new TreeMap<>(b.extras));
    this.origin = b.origin;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.services.addAll(services);
    b.databases.addAll(databases);
    b.envVarGroups.addAll(envVarGroups);
    b.previews = previews;
    b.extras.putAll(extras);
    b.origin = origin;
    return b;
  }

  /**
   * Reads a render.yaml file.
   *
   * @throws RunwayException.IoFailed when the file cannot be read
   * @throws RunwayException.ParseFailed when it is not YAML, naming file:line
   * @throws RunwayException.ValidationFailed listing every structural problem (unknown field, wrong
   *     type, unknown plan, region or runtime, missing required field), each at file:line
   */
  public static RenderBlueprint read(Path file) {
    return BlueprintReader.read(BlueprintReader.text(file), file);
  }

  /** Parses render.yaml text; origins read {@code render.yaml:<line>}. Throws as {@link #read(Path)}. */
  public static RenderBlueprint parse(String yaml) {
    return BlueprintReader.read(yaml, null);
  }

  /** The blueprint as render.yaml text: stable field order, strings unquoted where YAML allows. */
  public String toYaml() {
    return BlueprintWriter.write(this);
  }

  /** Writes {@link #toYaml()} to a file, replacing it. */
  public void writeTo(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      Files.writeString(file, toYaml(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RunwayException.IoFailed(file + ": render.yaml: cannot be written (" + IoReasons.of(e)
          + "); check the directory's permissions", Origin.file(file), e);
    }
  }

  /**
   * The semantic checks the schema cannot express, on the resources this blueprint holds (services,
   * databases and env var groups at the top level); see {@code docs/render.md} for the list. To lint a
   * file, with its structural problems and the resources under {@code projects:}, use
   * {@link Render#check(Path)}.
   */
  public Problems check() {
    return BlueprintChecks.check(this);
  }

  public List<BlueprintService> services() { return services; }

  public List<BlueprintDatabase> databases() { return databases; }

  public List<EnvVarGroup> envVarGroups() { return envVarGroups; }

  public Optional<Previews> previews() { return Optional.ofNullable(previews); }

  /** Top-level fields Runway does not model ({@code version}, {@code projects}, {@code ungrouped}, ...). */
  public Map<String, Object> extras() { return extras; }

  /** The file this blueprint was read from; not part of equality. */
  public Optional<Origin> origin() { return Optional.ofNullable(origin); }

  /** The service of a name. */
  public Optional<BlueprintService> service(String name) {
    return services.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof RenderBlueprint b
        && services.equals(b.services) && databases.equals(b.databases)
        && envVarGroups.equals(b.envVarGroups) && Objects.equals(previews, b.previews)
        && extras.equals(b.extras);
  }

  @Override
  public int hashCode() {
    return Objects.hash(services, databases, envVarGroups, previews, extras);
  }

  @Override
  public String toString() {
    return "RenderBlueprint[services=" + services.stream().map(BlueprintService::name).toList()
        + ", databases=" + databases.stream().map(BlueprintDatabase::name).toList()
        + ", envVarGroups=" + envVarGroups.stream().map(EnvVarGroup::name).toList() + "]";
  }

  /** Builds a {@link RenderBlueprint}. */
  public static final class Builder {
    private final List<BlueprintService> services = new ArrayList<>();
    private final List<BlueprintDatabase> databases = new ArrayList<>();
    private final List<EnvVarGroup> envVarGroups = new ArrayList<>();
    private @Nullable Previews previews;
    private final Map<String, Object> extras = new LinkedHashMap<>();
    private @Nullable Origin origin;

    private Builder() {}

    public Builder service(BlueprintService service) { services.add(Objects.requireNonNull(service)); return this; }

    public Builder services(List<BlueprintService> all) { services.clear(); services.addAll(all); return this; }

    public Builder database(BlueprintDatabase database) { databases.add(Objects.requireNonNull(database)); return this; }

    public Builder envVarGroup(EnvVarGroup group) { envVarGroups.add(Objects.requireNonNull(group)); return this; }

    public Builder previews(@Nullable Previews p) { this.previews = p; return this; }

    /** A top-level field Runway does not model, as a plain Java value. */
    public Builder extra(String field, Object value) { extras.put(field, Objects.requireNonNull(value)); return this; }

    public Builder origin(@Nullable Origin o) { this.origin = o; return this; }

    public RenderBlueprint build() { return new RenderBlueprint(this); }
  }
}

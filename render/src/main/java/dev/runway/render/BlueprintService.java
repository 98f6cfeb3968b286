package dev.runway.render;

import dev.runway.base.Origin;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One entry of render.yaml's {@code services}: a web service, worker, private service
 * ({@code pserv}), cron job or Key Value instance ({@code keyvalue}); a static site is a
 * {@code web} service with {@code runtime: static}.
 *
 * <p>Fields Runway reasons about have accessors; every other field the schema allows (repo
 * credentials, headers, routes, previews, ...) is kept verbatim in {@link #extras()} so that a
 * file read and written again loses nothing. Immutable and thread-safe.
 *
 * <pre>{@code
 * BlueprintService api = BlueprintService.builder("web", "api")
 *     .runtime("docker").plan("free").region("frankfurt")
 *     .healthCheckPath("/api/health")
 *     .envVar(BlueprintEnvVar.unsynced("OPENAI_API_KEY"))
 *     .build();
 * }</pre>
 */
public final class BlueprintService {

  /** The text fields Runway models, in the order they are written. */
  static final List<String> TEXT_FIELDS = List.of(
      "runtime", "plan", "region", "repo", "branch", "rootDir", "schedule", "buildCommand",
      "startCommand", "dockerCommand", "dockerfilePath", "dockerContext", "preDeployCommand",
      "staticPublishPath", "healthCheckPath", "autoDeployTrigger");

  /** {@code disk}: a persistent disk (paid plans only). */
  public record Disk(String name, String mountPath, Optional<Integer> sizeGB) {
    public Disk {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(mountPath, "mountPath");
      Objects.requireNonNull(sizeGB, "sizeGB");
    }
  }

  /** {@code scaling}: autoscaling between two instance counts (paid plans only). */
  public record Scaling(int minInstances, int maxInstances, Optional<Integer> targetMemoryPercent,
      Optional<Integer> targetCPUPercent) {
    public Scaling {
      Objects.requireNonNull(targetMemoryPercent, "targetMemoryPercent");
      Objects.requireNonNull(targetCPUPercent, "targetCPUPercent");
    }
  }

  /** {@code buildFilter}: the repository paths whose changes trigger (or do not trigger) a deploy. */
  public record BuildFilter(List<String> paths, List<String> ignoredPaths) {
    public BuildFilter {
      paths = List.copyOf(paths);
      ignoredPaths = List.copyOf(ignoredPaths);
    }
  }

  private final String type;
  private final String name;
  private final Map<String, String> text;
  private final @Nullable Integer numInstances;
  private final @Nullable Scaling scaling;
  private final @Nullable Disk disk;
  private final @Nullable BuildFilter buildFilter;
  private final List<String> domains;
  private final List<BlueprintEnvVar> envVars;
  private final Map<String, Object> extras;
  private final @Nullable Origin origin;
  private final Map<String, Origin> fieldOrigins;

  private BlueprintService(Builder b) {
    this.type = b.type;
    this.name = b.name;
    this.text = Collections.unmodifiableMap(new LinkedHashMap<>(b.text));
    this.numInstances = b.numInstances;
    this.scaling = b.scaling;
    this.disk = b.disk;
    this.buildFilter = b.buildFilter;
    this.domains = List.copyOf(b.domains);
    this.envVars = List.copyOf(b.envVars);
    this.extras = Collections.unmodifiableMap(new TreeMap<>(b.extras));
    this.origin = b.origin;
    this.fieldOrigins = Collections.unmodifiableMap(new LinkedHashMap<>(b.fieldOrigins));
  }

  /** A builder for a service of a type ({@code web}, {@code worker}, {@code pserv}, {@code cron}, {@code keyvalue}). */
  public static Builder builder(String type, String name) {
    return new Builder(type, name);
  }

  public Builder toBuilder() {
    Builder b = new Builder(type, name);
    b.text.putAll(text);
    b.numInstances = numInstances;
    b.scaling = scaling;
    b.disk = disk;
    b.buildFilter = buildFilter;
    b.domains.addAll(domains);
    b.envVars.addAll(envVars);
    b.extras.putAll(extras);
    b.origin = origin;
    b.fieldOrigins.putAll(fieldOrigins);
    return b;
  }

  public String type() { return type; }

  public String name() { return name; }

  public Optional<String> runtime() { return text("runtime"); }

  /** The plan as written; absent means Render's default ({@code starter}). */
  public Optional<String> plan() { return text("plan"); }

  public Optional<String> region() { return text("region"); }

  public Optional<String> repo() { return text("repo"); }

  public Optional<String> branch() { return text("branch"); }

  public Optional<String> rootDir() { return text("rootDir"); }

  /** A cron job's schedule ({@code "*&#47;5 * * * *"}). */
  public Optional<String> schedule() { return text("schedule"); }

  public Optional<String> buildCommand() { return text("buildCommand"); }

  public Optional<String> startCommand() { return text("startCommand"); }

  public Optional<String> dockerCommand() { return text("dockerCommand"); }

  public Optional<String> dockerfilePath() { return text("dockerfilePath"); }

  public Optional<String> dockerContext() { return text("dockerContext"); }

  public Optional<String> preDeployCommand() { return text("preDeployCommand"); }

  public Optional<String> staticPublishPath() { return text("staticPublishPath"); }

  public Optional<String> healthCheckPath() { return text("healthCheckPath"); }

  /** {@code off}, {@code commit} or {@code checksPass}. */
  public Optional<String> autoDeployTrigger() { return text("autoDeployTrigger"); }

  public Optional<Integer> numInstances() { return Optional.ofNullable(numInstances); }

  public Optional<Scaling> scaling() { return Optional.ofNullable(scaling); }

  public Optional<Disk> disk() { return Optional.ofNullable(disk); }

  public Optional<BuildFilter> buildFilter() { return Optional.ofNullable(buildFilter); }

  public List<String> domains() { return domains; }

  public List<BlueprintEnvVar> envVars() { return envVars; }

  /** The service's variable of a key, when it declares one. */
  public Optional<BlueprintEnvVar> envVar(String key) {
    return envVars.stream().filter(v -> v.key().filter(key::equals).isPresent()).findFirst();
  }

  /** Schema fields Runway does not model, verbatim as plain Java values, sorted by key. */
  public Map<String, Object> extras() { return extras; }

  /** Where the service was read from (the line of its first field); empty for a built one. Not part of equality. */
  public Optional<Origin> origin() { return Optional.ofNullable(origin); }

  /**
   * Where one of the service's fields was read: the line of its key ({@code plan}, {@code disk},
   * {@code healthCheckPath}, {@code envVars}, ...). A field the file does not have answers with the
   * service's own {@link #origin()}, so that a finding about a missing field still names the service;
   * a built service answers empty. Not part of equality.
   *
   * <pre>{@code
   * api.origin("plan").map(Origin::toString);   // "render.yaml:5"
   * }</pre>
   */
  public Optional<Origin> origin(String field) {
    Origin at = fieldOrigins.get(field);
    return at != null ? Optional.of(at) : origin();
  }

  /** Whether this is a static site ({@code web} with {@code runtime: static}). */
  public boolean isStatic() { return "static".equals(text.get("runtime")); }

  /** The modelled text fields present, in writing order. */
  public Map<String, String> textFields() {
    Map<String, String> ordered = new LinkedHashMap<>();
    for (String f : TEXT_FIELDS) if (text.containsKey(f)) ordered.put(f, text.get(f));
    return Collections.unmodifiableMap(ordered);
  }

  private Optional<String> text(String field) { return Optional.ofNullable(text.get(field)); }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof BlueprintService s
        && type.equals(s.type) && name.equals(s.name) && text.equals(s.text)
        && Objects.equals(numInstances, s.numInstances) && Objects.equals(scaling, s.scaling)
        && Objects.equals(disk, s.disk) && Objects.equals(buildFilter, s.buildFilter)
        && domains.equals(s.domains) && envVars.equals(s.envVars) && extras.equals(s.extras);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, name, text, numInstances, scaling, disk, buildFilter, domains, envVars, extras);
  }

  @Override
  public String toString() {
    return "BlueprintService[" + type + " " + name + ", " + textFields().keySet() + ", envVars="
        + envVars.stream().map(v -> v.key().orElse("fromGroup")).toList() + "]";
  }

  /** Builds a {@link BlueprintService}; setters are bare field names as in render.yaml. */
  public static final class Builder {
    private final String type;
    private final String name;
    private final Map<String, String> text = new LinkedHashMap<>();
    private @Nullable Integer numInstances;
    private @Nullable Scaling scaling;
    private @Nullable Disk disk;
    private @Nullable BuildFilter buildFilter;
    private final List<String> domains = new ArrayList<>();
    private final List<BlueprintEnvVar> envVars = new ArrayList<>();
    private final Map<String, Object> extras = new LinkedHashMap<>();
    private @Nullable Origin origin;
    private final Map<String, Origin> fieldOrigins = new LinkedHashMap<>();

    private Builder(String type, String name) {
      this.type = Objects.requireNonNull(type, "type");
      this.name = Objects.requireNonNull(name, "name");
    }

    private Builder set(String field, @Nullable String value) {
      if (value == null) text.remove(field); else text.put(field, value);
      return this;
    }

    public Builder runtime(@Nullable String v) { return set("runtime", v); }
    public Builder plan(@Nullable String v) { return set("plan", v); }
    public Builder region(@Nullable String v) { return set("region", v); }
    public Builder repo(@Nullable String v) { return set("repo", v); }
    public Builder branch(@Nullable String v) { return set("branch", v); }
    public Builder rootDir(@Nullable String v) { return set("rootDir", v); }
    public Builder schedule(@Nullable String v) { return set("schedule", v); }
    public Builder buildCommand(@Nullable String v) { return set("buildCommand", v); }
    public Builder startCommand(@Nullable String v) { return set("startCommand", v); }
    public Builder dockerCommand(@Nullable String v) { return set("dockerCommand", v); }
    public Builder dockerfilePath(@Nullable String v) { return set("dockerfilePath", v); }
    public Builder dockerContext(@Nullable String v) { return set("dockerContext", v); }
    public Builder preDeployCommand(@Nullable String v) { return set("preDeployCommand", v); }
    public Builder staticPublishPath(@Nullable String v) { return set("staticPublishPath", v); }
    public Builder healthCheckPath(@Nullable String v) { return set("healthCheckPath", v); }
    public Builder autoDeployTrigger(@Nullable String v) { return set("autoDeployTrigger", v); }

    /** Sets one of the modelled text fields by its render.yaml name. */
    public Builder text(String field, @Nullable String value) {
      if (!TEXT_FIELDS.contains(field)) throw new IllegalArgumentException("not a modelled text field: " + field);
      return set(field, value);
    }

    public Builder numInstances(@Nullable Integer v) { this.numInstances = v; return this; }
    public Builder scaling(@Nullable Scaling v) { this.scaling = v; return this; }
    public Builder disk(@Nullable Disk v) { this.disk = v; return this; }
    public Builder buildFilter(@Nullable BuildFilter v) { this.buildFilter = v; return this; }
    public Builder domain(String domain) { domains.add(Objects.requireNonNull(domain)); return this; }
    public Builder domains(List<String> all) { domains.clear(); domains.addAll(all); return this; }
    public Builder envVar(BlueprintEnvVar v) { envVars.add(Objects.requireNonNull(v)); return this; }
    public Builder envVars(List<BlueprintEnvVar> all) { envVars.clear(); envVars.addAll(all); return this; }

    /** A schema field Runway does not model, as a plain Java value (String, Number, Boolean, List, Map). */
    public Builder extra(String field, Object value) { extras.put(field, Objects.requireNonNull(value)); return this; }

    public Builder origin(@Nullable Origin v) { this.origin = v; return this; }

    /** Where a field was read (see {@link BlueprintService#origin(String)}); null forgets it. */
    public Builder origin(String field, @Nullable Origin v) {
      if (v == null) fieldOrigins.remove(field); else fieldOrigins.put(Objects.requireNonNull(field), v);
      return this;
    }

    public BlueprintService build() { return new BlueprintService(this); }
  }
}

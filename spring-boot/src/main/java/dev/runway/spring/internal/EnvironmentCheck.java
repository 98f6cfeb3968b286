package dev.runway.spring.internal;

import dev.runway.App;
import dev.runway.base.Origin;
import dev.runway.Runway;
import dev.runway.base.RunwayException;
import dev.runway.env.EnvSchema;
import dev.runway.env.EnvSources;
import dev.runway.env.Environment;
import dev.runway.env.Validation;
import dev.runway.env.Var;
import dev.runway.spring.RunwayProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/** Finds the model, validates the environment, and throws {@link EnvironmentInvalid} when it is not valid. */
public final class EnvironmentCheck {
  private static final Logger LOG = LoggerFactory.getLogger("dev.runway.spring");
  private static final String DEFAULT_CONFIG = "classpath:runway.conf";
  /** What Detection reads, so RUNWAY_ENV and friends set as Spring properties choose the environment too. */
  private static final List<String> DETECTION = List.of("RUNWAY_ENV", "APP_ENV", "VERCEL_ENV", "RENDER", "IS_PULL_REQUEST", "NODE_ENV");
  /** Read through EnvSources.processEnv (origin "process env"), or a view of every other source. */
  private static final Set<String> SKIPPED_SOURCES = Set.of("systemEnvironment", "configurationProperties");

  private final RunwayProperties properties;
  private final ConfigurableEnvironment environment;
  private final ResourceLoader resources;
  private @Nullable Validation validation;

  public EnvironmentCheck(RunwayProperties properties, ConfigurableEnvironment environment, ResourceLoader resources) {
    this.properties = properties;
    this.environment = environment;
    this.resources = resources;
  }

  /** The last validation, when there was a model to validate. */
  public Optional<Validation> validation() {
    return Optional.ofNullable(validation);
  }

  /**
   * Validates against {@code app}, else {@code schema}, else runway.conf.
   *
   * @throws EnvironmentInvalid listing every problem when the environment is invalid
   */
  public void run(@Nullable App app, @Nullable EnvSchema schema) {
    String model;
    if (app != null) {
      model = "App bean '" + app.name() + "'";
      schema = app.schema();
    } else if (schema != null) {
      model = "EnvSchema bean";
    } else {
      String location = properties.getConfig();
      boolean explicit = location != null && !location.isBlank();
      if (!explicit) location = DEFAULT_CONFIG;
      Optional<App> loaded = load(location, explicit);
      if (loaded.isEmpty()) {
        LOG.debug("Runway: no {} and no App or EnvSchema bean; the environment is not validated", location);
        return;
      }
      app = loaded.get();
      schema = app.schema();
      model = location;
    }
    EnvSources sources = sources(schema);
    String chosen = properties.getEnvironment();
    Validation v;
    if (chosen != null && !chosen.isBlank()) {
      Environment e = schema.environment(chosen);
      v = app != null ? app.validate(e, sources) : schema.validate(e, sources);
    } else {
      v = app != null ? app.validate(sources) : schema.validate(sources);
    }
    validation = v;
    if (!v.isValid()) throw new EnvironmentInvalid(model, v);
    if (!v.problems().isEmpty()) LOG.warn("Runway: {}", v.toText());
    else LOG.info("Runway: {} ({})", v.toText(), model);
  }

  private Optional<App> load(String location, boolean explicit) {
    boolean classpath = location.startsWith("classpath:");
    if (!classpath) {
      Path file = Path.of(location.startsWith("file:") ? location.substring(5) : location);
      if (!file.toFile().isFile()) {
        throw new RunwayException.IoFailed("runway.config: no file at " + file.toAbsolutePath()
            + "; write the runway.conf there or point runway.config at it", Origin.of("runway.config"), null);
      }
      return Optional.of(Runway.load(file));
    }
    Resource resource = resources.getResource(location);
    if (!resource.exists()) {
      if (!explicit) return Optional.empty();
      throw new RunwayException.IoFailed("runway.config: no " + location.substring(10) + " on the class path;"
          + " put it in src/main/resources or point runway.config at the file", Origin.of("runway.config"), null);
    }
    try (InputStream in = resource.getInputStream()) {
      return Optional.of(Runway.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), location));
    } catch (IOException e) {
      throw new RunwayException.IoFailed("runway.config: " + location + " could not be read (" + e.getMessage() + ")",
          Origin.of(location), e);
    }
  }

  /**
   * The standard layers (.env files, then the process environment), then Spring's other property
   * sources from lowest to highest precedence, each its own origin. Only the model's variables (and
   * the detection variables) are read from Spring, so no unrelated property is reported unknown.
   */
  private EnvSources sources(EnvSchema schema) {
    EnvSources sources = EnvSources.files(Path.of(properties.getEnvDir())).with(EnvSources.processEnv());
    Set<String> names = new LinkedHashSet<>();
    for (Var<?> v : schema.variables()) names.add(v.name());
    names.addAll(DETECTION);
    List<PropertySource<?>> ordered = new ArrayList<>();
    for (PropertySource<?> ps : environment.getPropertySources()) ordered.add(0, ps);
    for (PropertySource<?> ps : ordered) {
      if (SKIPPED_SOURCES.contains(ps.getName())) continue;
      Map<String, String> values = new LinkedHashMap<>();
      for (String name : names) {
        Object value = ps.containsProperty(name) ? ps.getProperty(name) : null;
        if (value != null) values.put(name, environment.resolvePlaceholders(String.valueOf(value)));
      }
      if (!values.isEmpty()) {
        sources = sources.with(EnvSources.map(values, Origin.of("Spring property source '" + ps.getName() + "'"), false));
      }
    }
    return sources;
  }
}

package dev.runway.spring;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code runway.*} settings of the auto-configuration. Spring binds them from any property
 * source; the IDE completes and documents them from the configuration metadata in the jar.
 *
 * <pre>
 * runway.config=classpath:runway.conf        # or a file path; default: classpath:runway.conf when present
 * runway.environment=production              # default: detected (RUNWAY_ENV, APP_ENV, VERCEL_ENV, RENDER, NODE_ENV)
 * runway.env-dir=.                           # where .env and .env.&lt;environment&gt; are read
 * runway.validate.enabled=true               # validate the environment at start-up
 * runway.health.enabled=true                 # show the HealthRegistry bean's probes in /actuator/health
 * runway.health.groups.enabled=true          # and add them to the liveness and readiness groups
 * </pre>
 */
@ConfigurationProperties(prefix = "runway")
public class RunwayProperties {
  /**
   * Where the model (runway.conf) is: a file path, or a classpath: or file: location. When unset,
   * classpath:runway.conf is used if present. An App or EnvSchema bean takes precedence over both.
   */
  private @Nullable String config;

  /**
   * The environment to validate, one the model declares (development, preview, production, ...).
   * When unset it is detected from RUNWAY_ENV, APP_ENV, VERCEL_ENV, RENDER or NODE_ENV, else
   * development.
   */
  private @Nullable String environment;

  /** The directory of the .env, .env.<environment> and .env.<environment>.enc files. */
  private String envDir = ".";

  private final Validate validate = new Validate();

  private final Health health = new Health();

  public @Nullable String getConfig() {
    return config;
  }

  public void setConfig(@Nullable String config) {
    this.config = config;
  }

  public @Nullable String getEnvironment() {
    return environment;
  }

  public void setEnvironment(@Nullable String environment) {
    this.environment = environment;
  }

  public String getEnvDir() {
    return envDir;
  }

  public void setEnvDir(String envDir) {
    this.envDir = envDir;
  }

  public Validate getValidate() {
    return validate;
  }

  public Health getHealth() {
    return health;
  }

  /** Start-up validation of the environment. */
  public static class Validate {
    /**
     * Whether to validate the environment at start-up and refuse to start, listing every problem,
     * when it is invalid.
     */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** The HealthRegistry bean's probes in Actuator. */
  public static class Health {
    /**
     * Whether to show the probes of the HealthRegistry bean in /actuator/health, as the composites
     * runwayLiveness, runwayReadiness and runwayDeep.
     */
    private boolean enabled = true;

    private final Groups groups = new Groups();

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public Groups getGroups() {
      return groups;
    }
  }

  /** Actuator's liveness and readiness groups. */
  public static class Groups {
    /**
     * Whether to add runwayLiveness to Actuator's liveness group and runwayReadiness and runwayDeep
     * to its readiness group (creating the groups when Actuator has none).
     */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }
}

package dev.runway.render.internal;

import dev.runway.platform.Names;
import java.util.List;
import java.util.Set;

/** The words render.yaml accepts, taken from Render's render.yaml schema (shared/specs/render). */
public final class Vocabulary {
  private Vocabulary() {}

  public static final List<String> SERVICE_TYPES = List.of("web", "worker", "pserv", "cron", "keyvalue", "redis");
  public static final List<String> RUNTIMES =
      List.of("docker", "elixir", "go", "image", "node", "python", "ruby", "rust", "static");
  public static final List<String> REGIONS = List.of("oregon", "ohio", "frankfurt", "singapore", "virginia");
  public static final List<String> PLANS = List.of("free", "starter", "standard", "pro", "pro plus", "pro max",
      "pro ultra", "basic-256mb", "basic-1gb", "basic-4gb", "pro-4gb", "pro-8gb", "pro-16gb", "pro-32gb",
      "pro-64gb", "pro-128gb", "pro-192gb", "pro-256gb", "pro-384gb", "pro-512gb", "accelerated-16gb",
      "accelerated-32gb", "accelerated-64gb", "accelerated-128gb", "accelerated-256gb", "accelerated-384gb",
      "accelerated-512gb", "accelerated-768gb", "accelerated-1024gb");
  public static final List<String> AUTO_DEPLOY_TRIGGERS = List.of("off", "commit", "checksPass");
  public static final List<String> PREVIEW_GENERATIONS = List.of("automatic", "manual", "off");
  /** fromService.type accepts these (a superset of the service types). */
  public static final List<String> REFERENCE_TYPES =
      List.of("web", "cron", "worker", "pserv", "static", "dpg", "job", "redis", "keyvalue");
  public static final List<String> POSTGRES_VERSIONS =
      List.of("10", "11", "12", "13", "14", "15", "16", "17", "18");

  /** Fields of web, worker and pserv services. */
  public static final Set<String> SERVER_FIELDS = Set.of("type", "name", "region", "plan", "runtime", "repo",
      "branch", "image", "rootDir", "dockerCommand", "dockerContext", "dockerfilePath", "numInstances",
      "healthCheckPath", "scaling", "buildCommand", "startCommand", "preDeployCommand", "registryCredential",
      "domain", "domains", "envVars", "autoDeploy", "autoDeployTrigger", "initialDeployHook", "disk",
      "buildFilter", "previews", "pullRequestPreviewsEnabled", "previewPlan", "maxShutdownDelaySeconds",
      "ipAllowList", "renderSubdomainPolicy");
  public static final Set<String> CRON_FIELDS = Set.of("type", "name", "region", "plan", "runtime", "schedule",
      "buildCommand", "startCommand", "dockerCommand", "dockerfilePath", "dockerContext", "registryCredential",
      "repo", "branch", "image", "envVars", "buildFilter", "rootDir", "autoDeploy", "autoDeployTrigger");
  public static final Set<String> STATIC_FIELDS = Set.of("type", "name", "runtime", "buildCommand",
      "staticPublishPath", "previews", "pullRequestPreviewsEnabled", "buildFilter", "headers", "routes",
      "envVars", "rootDir", "repo", "branch", "domain", "domains", "autoDeploy", "autoDeployTrigger", "ipAllowList");
  public static final Set<String> KEYVALUE_FIELDS =
      Set.of("type", "name", "region", "ipAllowList", "plan", "previewPlan", "maxmemoryPolicy");
  public static final Set<String> DATABASE_FIELDS = Set.of("name", "databaseName", "user", "region", "plan",
      "diskSizeGB", "storageAutoscalingEnabled", "previewPlan", "previewDiskSizeGB", "postgresMajorVersion",
      "highAvailability", "ipAllowList", "readReplicas");
  public static final Set<String> ROOT_FIELDS = Set.of("services", "databases", "envVarGroups", "previews",
      "previewsEnabled", "previewsExpireAfterDays", "projects", "ungrouped", "version");

  /**
   * Service types newer than the schema copy Runway checks against, seen in Render's own current
   * templates (render-examples/trender: Render Workflows): reported as unchecked, not as unknown.
   */
  public static final Set<String> NEWER_SERVICE_TYPES = Set.of("workflow");
  /** Fields newer than the schema copy, seen in Render's own templates (render-examples/langfuse4-template). */
  public static final java.util.Map<String, Set<String>> NEWER_FIELDS = java.util.Map.of(
      "keyvalue", Set.of("persistenceMode"), "redis", Set.of("persistenceMode"));

  /** Every field of any service type, for a service whose type is unknown (so only that is reported). */
  public static final Set<String> ANY_SERVICE_FIELDS = union(SERVER_FIELDS, CRON_FIELDS, STATIC_FIELDS, KEYVALUE_FIELDS,
      Set.of("env"));

  /**
   * The fields of a service type. {@code env} is the former name of {@code runtime} (Render's
   * blueprint spec: "previously named env"; still read, and used by most older files), so it is
   * accepted wherever runtime is, and reported as deprecated by the reader.
   */
  public static Set<String> fieldsOf(String type, boolean isStatic) {
    switch (type) {
      case "cron": return CRON_WITH_ENV;
      case "keyvalue":
      case "redis": return KEYVALUE_FIELDS;
      default: return isStatic ? STATIC_WITH_ENV : SERVER_WITH_ENV;
    }
  }

  private static final Set<String> SERVER_WITH_ENV = union(SERVER_FIELDS, Set.of("env"));
  private static final Set<String> CRON_WITH_ENV = union(CRON_FIELDS, Set.of("env"));
  private static final Set<String> STATIC_WITH_ENV = union(STATIC_FIELDS, Set.of("env"));

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    java.util.Set<String> all = new java.util.HashSet<>();
    for (Set<String> s : sets) all.addAll(s);
    return Set.copyOf(all);
  }

  /** Closest known word, for "did you mean" fixes; null when nothing is close. */
  public static @org.jspecify.annotations.Nullable String closest(String word, java.util.Collection<String> known) {
    return Names.closest(word, known, Math.max(2, word.length() / 3)).orElse(null);
  }
}

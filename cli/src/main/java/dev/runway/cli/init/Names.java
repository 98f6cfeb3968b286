package dev.runway.cli.init;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Names as the model wants them. */
final class Names {
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");
  private static final Pattern CAMEL = Pattern.compile("[a-z][A-Za-z0-9]*");

  /** What Render sets on every instance (render.com/docs/environment-variables); a user's own RENDER_API_KEY is not one. */
  private static final Set<String> SET_BY_RENDER = Set.of("RENDER", "IS_PULL_REQUEST", "RENDER_SERVICE_ID",
      "RENDER_SERVICE_NAME", "RENDER_SERVICE_TYPE", "RENDER_EXTERNAL_HOSTNAME", "RENDER_EXTERNAL_URL",
      "RENDER_GIT_BRANCH", "RENDER_GIT_COMMIT", "RENDER_GIT_REPO_SLUG", "RENDER_INSTANCE_ID",
      "RENDER_DISCOVERY_SERVICE", "RENDER_CPU_COUNT", "RENDER_WEB_CONCURRENCY");

  private Names() {}

  static boolean setByRender(String variable) {
    return SET_BY_RENDER.contains(variable);
  }

  static boolean isId(String s) {
    return ID.matcher(s).matches();
  }

  /** "My API" → my-api; "1st" → s-1st; never empty. */
  static String slug(String s) {
    String slug = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (slug.isEmpty()) return "service";
    return Character.isLetter(slug.charAt(0)) ? slug : "s-" + slug;
  }

  /**
   * rootDir → root-dir, sizeGB → size-gb, targetCPUPercent → target-cpu-percent. Only camelCase
   * field names change: a key that is data (a path, a variable's NAME) is kept as written.
   */
  static String kebab(String field) {
    if (!CAMEL.matcher(field).matches()) return field;
    return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").replaceAll("([A-Z])([A-Z][a-z])", "$1-$2")
        .toLowerCase(Locale.ROOT);
  }
}

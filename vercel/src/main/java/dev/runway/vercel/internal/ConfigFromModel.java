package dev.runway.vercel.internal;

import dev.runway.Service;
import dev.runway.base.Origin;
import dev.runway.base.RunwayException;
import dev.runway.platform.Names;
import dev.runway.vercel.VercelConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * vercel.json from a Vercel service's settings, and back.
 *
 * <p>Every vercel.json property is a setting in kebab-case ({@code clean-urls = true},
 * {@code output-directory = dist}, {@code rewrites = [ ... ]}); names are matched to the schema's
 * ignoring case and dashes, at every depth where the schema defines the names, while keys that
 * are the user's (function globs, env names, service names) stay verbatim. Project settings that
 * are not vercel.json properties keep their meaning and stay out of the file. Two shorthands
 * predate the mapping and keep working: {@code region = iad1} and
 * {@code headers { "/(.*)" { X-Frame-Options = DENY } }}.
 */
public final class ConfigFromModel {
  private ConfigFromModel() {}

  /** Settings that configure the Vercel project or Runway, not vercel.json. */
  public static final Map<String, String> PROJECT_SETTINGS = Map.of(
      "root-directory", "the project's Root Directory (where Vercel reads vercel.json and builds)",
      VercelEnvStoreProvider.PROJECT, "the Vercel project name or id (runway sync; default: the service name)",
      VercelEnvStoreProvider.TEAM, "the Vercel team id (runway sync; default: VERCEL_TEAM_ID)",
      "region", "one function region; shorthand for regions = [ ... ]");

  /** Every setting name a Vercel service may have: each vercel.json property in kebab-case, and the project settings. */
  public static Set<String> settingNames() {
    Set<String> names = new LinkedHashSet<>();
    for (String p : VercelSchema.topLevelNames()) if (!p.equals("$schema")) names.add(VercelSchema.kebab(p));
    names.addAll(PROJECT_SETTINGS.keySet());
    return names;
  }

  /** The vercel.json property a setting maps to, when it maps to one. */
  public static Optional<String> property(String setting) {
    if (PROJECT_SETTINGS.containsKey(setting)) return Optional.empty();
    for (String p : VercelSchema.topLevelNames()) {
      if (!p.equals("$schema") && VercelSchema.normal(p).equals(VercelSchema.normal(setting))) return Optional.of(p);
    }
    return Optional.empty();
  }

  /** The setting that expresses a vercel.json property: {@code cleanUrls} → {@code clean-urls}. */
  public static String setting(String property) {
    return VercelSchema.kebab(property);
  }

  public static VercelConfig of(Service service) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("$schema", "https://openapi.vercel.sh/vercel.json");
    for (Map.Entry<String, Object> e : service.settings().entrySet()) {
      String key = e.getKey();
      Object value = e.getValue();
      if (PROJECT_SETTINGS.containsKey(key)) continue;
      Optional<String> property = property(key);
      if (property.isEmpty()) {
        String near = Names.closest(key, settingNames()).map(n -> "did you mean " + n + "? ").orElse("");
        throw invalid(service, key, "is not a vercel setting", near + "(" + Names.known(settingNames()) + ")");
      }
      String name = property.get();
      if (name.equals("headers") && value instanceof Map<?, ?> bySource) value = headersShorthand(service, bySource);
      json.put(name, VercelSchema.toJsonNames(value, VercelSchema.property(name).orElse(null)));
    }
    Object region = service.settings().get("region");
    if (region != null && !json.containsKey("regions")) json.put("regions", List.of(String.valueOf(region)));
    String origin = "services." + service.name();
    try {
      return VercelConfig.parse(JsonText.pretty(json), Origin.of(origin));
    } catch (RunwayException.ParseFailed e) {
      // "runway.conf:14: services.web: regions: must be an array ..." names the setting as its vercel.json
      // property, at the line of runway.conf that declares the service.
      Origin at = service.origin().orElse(null);
      throw new RunwayException.ModelInvalid((at == null ? "" : at + ": ") + e.getMessage(), at);
    }
  }

  /**
   * The settings that generate this file (the inverse of {@link #of}), in kebab-case, for
   * {@code runway init}: every property, {@code $schema} left out (it is always written).
   */
  public static Map<String, Object> settings(Map<String, Object> json) {
    Map<String, Object> out = new LinkedHashMap<>();
    json.forEach((k, v) -> {
      if (k.equals("$schema")) return;
      out.put(setting(k), VercelSchema.toSettingNames(v, VercelSchema.property(k).orElse(null)));
    });
    return out;
  }

  /** {@code headers { "/(.*)" { X-Frame-Options = DENY } }} as vercel.json's list of rules. */
  private static List<Object> headersShorthand(Service service, Map<?, ?> bySource) {
    List<Object> rules = new ArrayList<>();
    toStrings(bySource).forEach((source, hs) -> {
      if (!(hs instanceof Map<?, ?> pairs)) {
        throw invalid(service, "headers", "is not in the form vercel.json needs",
            "write headers { \"/(.*)\" { X-Frame-Options = DENY } }, or vercel.json's own form headers = [ { source = ..., headers = [ { key = ..., value = ... } ] } ]");
      }
      List<Object> list = new ArrayList<>();
      toStrings(pairs).forEach((k, v) -> list.add(Map.of("key", k, "value", String.valueOf(v))));
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("source", source);
      rule.put("headers", list);
      rules.add(rule);
    });
    return rules;
  }

  private static Map<String, Object> toStrings(Map<?, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  private static RunwayException invalid(Service service, String key, String problem, @Nullable String fix) {
    Origin at = service.origin().orElse(null);
    return new RunwayException.ModelInvalid((at == null ? "" : at + ": ")
        + "services." + service.name() + "." + key + ": " + problem + (fix == null ? "" : "; " + fix), at);
  }
}

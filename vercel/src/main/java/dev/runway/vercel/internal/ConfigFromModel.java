package dev.runway.vercel.internal;

import dev.runway.base.RunwayException;
import dev.runway.Service;
import dev.runway.vercel.VercelConfig;
import java.util.List;
import java.util.Map;

/**
 * vercel.json from a Vercel service's settings, where the model says something: framework,
 * build-command, install-command, output-directory, regions, crons, headers, clean-urls,
 * trailing-slash. Settings the model does not give stay out of the file (Vercel detects them).
 */
public final class ConfigFromModel {
  private ConfigFromModel() {}

  public static VercelConfig of(Service service) {
    Map<String, Object> s = service.settings();
    VercelConfig.Builder b = VercelConfig.builder();
    b.other("$schema", "https://openapi.vercel.sh/vercel.json");
    b.framework(string(service, s, "framework"));
    b.buildCommand(string(service, s, "build-command"));
    b.installCommand(string(service, s, "install-command"));
    b.devCommand(string(service, s, "dev-command"));
    b.outputDirectory(string(service, s, "output-directory"));
    Object regions = s.get("regions");
    if (regions instanceof List<?> list) b.regions(list.stream().map(String::valueOf).toList());
    else if (regions != null) b.regions(List.of(String.valueOf(regions)));
    else if (s.get("region") != null) b.regions(List.of(String.valueOf(s.get("region"))));
    Object crons = s.get("crons");
    if (crons instanceof List<?> list) {
      for (Object c : list) {
        if (!(c instanceof Map<?, ?> m) || m.get("path") == null || m.get("schedule") == null) {
          throw invalid(service, "crons", "each cron needs path and schedule: { path = /api/job, schedule = \"0 5 * * *\" }");
        }
        b.cron(String.valueOf(m.get("path")), String.valueOf(m.get("schedule")));
      }
    }
    Object headers = s.get("headers");
    if (headers instanceof Map<?, ?> bySource) {
      bySource.forEach((source, hs) -> {
        if (!(hs instanceof Map<?, ?> pairs)) throw invalid(service, "headers", "write headers { \"/(.*)\" { X-Frame-Options = DENY } }");
        b.header(String.valueOf(source), m -> pairs.forEach((k, v) -> m.put(String.valueOf(k), String.valueOf(v))));
      });
    }
    if (s.get("clean-urls") instanceof Boolean v) b.cleanUrls(v);
    if (s.get("trailing-slash") instanceof Boolean v) b.trailingSlash(v);
    return b.build();
  }

  private static String string(Service service, Map<String, Object> s, String key) {
    Object v = s.get(key);
    if (v == null) return null;
    if (v instanceof Map || v instanceof List) throw invalid(service, key, "write it as a string");
    return String.valueOf(v);
  }

  private static RunwayException invalid(Service service, String key, String fix) {
    return new RunwayException.ModelInvalid(
        "services." + service.name() + "." + key + ": is not in the form vercel.json needs; " + fix, null);
  }
}

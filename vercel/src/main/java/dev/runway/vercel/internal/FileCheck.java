package dev.runway.vercel.internal;

import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.env.KeyFormat;
import dev.runway.env.KeyMask;
import dev.runway.platform.Names;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Every rule on a vercel.json that needs no model: Vercel's schema (unknown names with a
 * did-you-mean, types, allowed values, limits), deprecated properties and what replaces them,
 * combinations Vercel refuses, references between services, and secrets committed in
 * {@code env}/{@code build.env}. Each problem names the line of the property it is about.
 */
public final class FileCheck {
  private FileCheck() {}

  /** Problem code for a property Vercel still reads but has replaced. */
  public static final String DEPRECATED = "DEPRECATED";

  /**
   * Credential shapes that are a secret wherever they appear (as the security audit uses them):
   * not the Vercel token shape (24 letters and digits match too much), not publishable keys, and
   * JWTs only when their role says service_role (anon keys are public by design).
   */
  private static final List<KeyFormat> CREDENTIALS = KeyFormat.builtIn().stream()
      .filter(f -> f != KeyFormat.VERCEL_TOKEN && f != KeyFormat.SUPABASE_PUBLISHABLE && f != KeyFormat.JWT)
      .toList();
  private static final Pattern SECRET_NAME = Pattern.compile(
      "(?i)SECRET|PASSWORD|PASSWD|PWD|TOKEN|PRIVATE_?KEY|API_?KEY|ACCESS_?KEY|CREDENTIAL|AUTH_?KEY|SERVICE_ROLE");
  private static final Pattern PUBLIC_NAME = Pattern.compile(
      "(?i)^(NEXT_PUBLIC_|VITE_|PUBLIC_|REACT_APP_|GATSBY_|NUXT_PUBLIC_|EXPO_PUBLIC_)|PUBLISHABLE|ANON");
  private static final Pattern PLACEHOLDER = Pattern.compile(
      "(?i)^(@.*|\\$\\{?\\w+\\}?|<.*>|your[-_].*|.*changeme.*|.*change[-_]me.*|x{3,}|\\*+|\\.\\.\\.|todo|tbd|null|none|true|false|\\d{1,6})$");
  /** Demo values that are no secret anyone could use (the security audit's list). */
  private static final Set<String> PLACEHOLDER_WORDS = Set.of(
      "secret", "password", "passwd", "test", "testing", "admin", "default", "none", "null", "nil", "todo",
      "tbd", "fixme", "key", "token", "apikey", "api_key", "api-key", "foo", "bar", "foobar", "abc", "abc123",
      "123456", "12345678", "qwerty", "letmein", "sample", "example", "dummy", "fake", "placeholder");
  private static final Pattern CRON_PATH = Pattern.compile("^/crons/\\d+/(path|schedule)$");

  public static List<Problem> run(JsonText text, Origin origin) {
    List<Problem> out = new ArrayList<>();
    JsonNode root = text.tree();
    if (!root.isObject()) {
      out.add(Problem.error(Problem.MALFORMED, "vercel.json", "the top level is " + VercelSchema.kind(root) + ", not an object")
          .withOrigin(origin.withLine(text.line(""))).withFix("wrap the settings in { }"));
      return KeyMask.mask(out); // values and names quoted from the file
    }
    Set<String> custom = new HashSet<>();
    framework(root, text, origin, out, custom);
    crons(root, text, origin, out, custom);
    VercelSchema.Result schema = VercelSchema.validate(root);
    for (VercelSchema.Violation v : schema.violations()) {
      if (custom.contains(v.pointer())) continue;
      out.add(problem(v).withOrigin(at(text, origin, v.pointer())));
    }
    deprecated(schema.deprecated(), text, origin, out);
    combinations(root, text, origin, out);
    sources(root, text, origin, out);
    services(root, text, origin, out);
    secrets(root, "/env", "env", text, origin, out);
    secrets(root.path("build"), "/build/env", "build.env", text, origin, out);
    return KeyMask.mask(out); // values and names quoted from the file
  }

  private static Origin at(JsonText text, Origin origin, String pointer) {
    return origin.withLine(text.line(pointer));
  }

  // ---------------------------------------------------------------- schema violations, in words

  private static Problem problem(VercelSchema.Violation v) {
    boolean top = v.pointer().lastIndexOf('/') == 0;
    return switch (v.kind()) {
      case UNKNOWN -> Problem.error(Problem.UNKNOWN, v.path(),
              (top ? "is not a vercel.json property" : "is not a property Vercel knows here") + "; Vercel rejects the file")
          .withFix(v.closest() == null ? "remove \"" + last(v.path(), v.pointer()) + "\""
              : "rename it to \"" + v.closest() + "\" or remove it");
      case MISSING -> Problem.error(Problem.MISSING, v.path(), v.message() + "; Vercel rejects the file without it")
          .withFix("add \"" + v.closest() + "\"");
      case TYPE -> Problem.error(Problem.MALFORMED, v.path(), v.message()).withFix("write the value as Vercel's schema types it");
      case PATTERN -> Problem.error(Problem.MALFORMED, v.path(), v.message()).withExpected(v.expected());
      case ENUM -> Problem.error(Problem.OUT_OF_RANGE, v.path(), v.message()).withExpected(v.expected());
      case RANGE -> Problem.error(Problem.OUT_OF_RANGE, v.path(), v.message()).withExpected(v.expected());
    };
  }

  private static String last(String path, String pointer) {
    String seg = pointer.substring(pointer.lastIndexOf('/') + 1);
    return seg.replace("~1", "/").replace("~0", "~");
  }

  private static void framework(JsonNode root, JsonText text, Origin origin, List<Problem> out, Set<String> custom) {
    JsonNode f = root.get("framework");
    if (f == null || !f.isString() || VercelJsonRules.FRAMEWORKS.contains(f.asString())) return;
    String value = f.asString();
    custom.add("/framework");
    out.add(Problem.error(Problem.OUT_OF_RANGE, "framework", "'" + value + "' is not a Vercel framework preset")
        .withOrigin(at(text, origin, "/framework"))
        .withExpected("one of nextjs, vite, remix, astro, ... (see the vercel.json schema)")
        .withFix(Names.closest(value, VercelJsonRules.FRAMEWORKS).or(() -> value.toLowerCase(Locale.ROOT).contains("next")
                ? java.util.Optional.of("nextjs") : java.util.Optional.empty())
            .map(n -> "write \"framework\": \"" + n + "\"").orElse("use a preset name or remove \"framework\"")));
  }

  private static void crons(JsonNode root, JsonText text, Origin origin, List<Problem> out, Set<String> custom) {
    JsonNode crons = root.get("crons");
    if (crons == null || !crons.isArray()) return;
    for (int i = 0; i < crons.size(); i++) {
      int c = i;
      JsonNode cron = crons.get(i);
      String subject = "crons[" + i + "]";
      JsonNode path = cron.get("path");
      if (path != null && path.isString() && !path.asString().startsWith("/")) {
        custom.add("/crons/" + i + "/path");
        out.add(Problem.error(Problem.MALFORMED, subject + ".path", "'" + path.asString() + "' is not an absolute path")
            .withOrigin(at(text, origin, "/crons/" + i + "/path")).withExpected("a path starting with /")
            .withFix("write \"path\": \"/" + path.asString().replaceFirst("^[./]+", "") + "\""));
      }
      JsonNode schedule = cron.get("schedule");
      if (schedule != null && schedule.isString() && schedule.asString().trim().split("\\s+").length != 5) {
        custom.add("/crons/" + i + "/schedule");
        out.add(Problem.error(Problem.MALFORMED, subject + ".schedule", "'" + schedule.asString() + "' is not a cron expression")
            .withOrigin(at(text, origin, "/crons/" + i + "/schedule"))
            .withExpected("five fields: minute hour day-of-month month day-of-week, e.g. \"0 5 * * *\"")
            .withFix("write the schedule in UTC with five fields"));
      } else if (schedule != null && schedule.isString()) {
        RouteSyntax.cron(schedule.asString()).ifPresent(f -> {
          custom.add("/crons/" + c + "/schedule");
          out.add(Problem.error(Problem.MALFORMED, subject + ".schedule", f.message())
              .withOrigin(at(text, origin, "/crons/" + c + "/schedule")).withFix(f.fix()));
        });
      }
    }
  }

  /** Route sources: Vercel reads them with path-to-regexp and refuses the file when one does not parse. */
  private static void sources(JsonNode root, JsonText text, Origin origin, List<Problem> out) {
    for (String list : List.of("redirects", "rewrites", "headers")) {
      JsonNode routes = root.get(list);
      if (routes == null || !routes.isArray()) continue;
      for (int i = 0; i < routes.size(); i++) {
        JsonNode source = routes.get(i).get("source");
        if (source == null || !source.isString()) continue;
        String pointer = "/" + list + "/" + i + "/source";
        int index = i;
        RouteSyntax.source(source.asString()).ifPresent(f -> out.add(Problem.error(Problem.MALFORMED,
                list + "[" + index + "].source", "'" + source.asString() + "' is not a path pattern Vercel reads: "
                    + f.message() + "; Vercel rejects the file")
            .withOrigin(at(text, origin, pointer)).withFix(f.fix())));
      }
    }
  }

  // ---------------------------------------------------------------- deprecated properties

  private static void deprecated(List<String> pointers, JsonText text, Origin origin, List<Problem> out) {
    for (String pointer : pointers) {
      if (pointer.equals("/build") && pointers.contains("/build/env")) continue;   // one warning, at the values
      String name = pointer.substring(pointer.lastIndexOf('/') + 1);
      String subject = pointer.substring(1).replace("/", ".");
      if (subject.startsWith("services.")) subject = subject.replaceFirst("^services\\.([^.]+)\\.", "services[\"$1\"].");
      String message;
      String fix;
      switch (name) {
        case "builds" -> {
          message = "is deprecated: while it is present, Vercel ignores the project's Build and Development Settings";
          fix = "remove builds and let Vercel detect the framework; set framework, buildCommand and outputDirectory"
              + " for the build, and functions (runtime, memory, maxDuration per file glob) for Serverless Functions";
        }
        case "routes" -> {
          message = "is deprecated";
          fix = "write rewrites, redirects and headers instead (and cleanUrls, trailingSlash); see vercel.com/docs/project-configuration";
        }
        case "env" -> {
          message = "is deprecated by Vercel, and its values are committed with the repository";
          fix = "set them as project environment variables instead (runway sync, or vercel env add NAME) and remove "
              + (pointer.equals("/build/env") ? "build.env" : "env");
        }
        case "build" -> {
          message = "is deprecated by Vercel";
          fix = "remove it; build-time variables are project environment variables (vercel env add NAME)";
        }
        default -> {
          message = "is deprecated by Vercel";
          fix = "see vercel.com/docs/project-configuration for what replaces it";
        }
      }
      out.add(Problem.warning(DEPRECATED, subject, message).withOrigin(at(text, origin, pointer)).withFix(fix));
    }
  }

  // ---------------------------------------------------------------- combinations Vercel refuses

  private static void combinations(JsonNode root, JsonText text, Origin origin, List<Problem> out) {
    if (root.has("routes")) {
      List<String> modern = new ArrayList<>();
      for (String k : List.of("rewrites", "redirects", "headers", "cleanUrls", "trailingSlash")) if (root.has(k)) modern.add(k);
      if (!modern.isEmpty()) {
        out.add(Problem.error(Problem.CONFLICT, "routes", "cannot be used together with " + String.join(", ", modern)
                + "; Vercel rejects the file")
            .withOrigin(at(text, origin, "/routes"))
            .withFix("move what routes does into " + String.join(", ", modern) + " and remove routes"));
      }
    }
    if (root.has("builds") && root.has("functions")) {
      out.add(Problem.error(Problem.CONFLICT, "functions", "cannot be used together with builds; Vercel rejects the file")
          .withOrigin(at(text, origin, "/functions"))
          .withFix("remove builds (functions replaces it), or move the settings into builds[].config"));
    }
  }

  // ---------------------------------------------------------------- services and their references

  private static void services(JsonNode root, JsonText text, Origin origin, List<Problem> out) {
    JsonNode services = root.get("services");
    List<String> names = new ArrayList<>();
    if (services != null && services.isObject()) services.propertyNames().forEach(names::add);
    rewriteTargets(root.get("rewrites"), "/rewrites", "rewrites", names, services != null, text, origin, out);
    if (services == null || !services.isObject()) return;
    for (String name : names) {
      JsonNode s = services.get(name);
      String pointer = "/services/" + JsonText.segment(name);
      String path = VercelSchema.child("services", name);
      rewriteTargets(s.get("rewrites"), pointer + "/rewrites", path + ".rewrites", names, true, text, origin, out);
      JsonNode bindings = s.get("bindings");
      if (bindings == null || !bindings.isArray()) continue;
      for (int i = 0; i < bindings.size(); i++) {
        JsonNode target = bindings.get(i).get("service");
        if (target == null || !target.isString()) continue;
        reference(target.asString(), pointer + "/bindings/" + i + "/service", path + ".bindings[" + i + "].service",
            names, text, origin, out);
      }
    }
  }

  private static void rewriteTargets(@Nullable JsonNode rewrites, String pointer, String path, List<String> names,
                                     boolean hasServices, JsonText text, Origin origin, List<Problem> out) {
    if (rewrites == null || !rewrites.isArray()) return;
    for (int i = 0; i < rewrites.size(); i++) {
      JsonNode target = rewrites.get(i).path("destination").get("service");
      if (target == null || !target.isString()) continue;
      String p = pointer + "/" + i + "/destination/service";
      if (!hasServices) {
        out.add(Problem.error(Problem.UNKNOWN, path + "[" + i + "].destination.service",
                "routes to service '" + target.asString() + "', but the file declares no services")
            .withOrigin(at(text, origin, p))
            .withFix("declare it under \"services\", or write the destination as a path or URL"));
      } else {
        reference(target.asString(), p, path + "[" + i + "].destination.service", names, text, origin, out);
      }
    }
  }

  private static void reference(String target, String pointer, String path, List<String> names, JsonText text,
                                Origin origin, List<Problem> out) {
    if (names.contains(target)) return;
    String near = Names.closest(target, names).map(n -> "did you mean '" + n + "'? ").orElse("");
    out.add(Problem.error(Problem.UNKNOWN, path, "names service '" + target + "', which services does not declare")
        .withOrigin(at(text, origin, pointer))
        .withFix(near + "(" + Names.known(names) + ")"));
  }

  // ---------------------------------------------------------------- secrets committed in env

  private static void secrets(JsonNode parent, String pointer, String path, JsonText text, Origin origin, List<Problem> out) {
    JsonNode env = parent.get("env");
    if (env == null || !env.isObject()) return;
    for (Map.Entry<String, JsonNode> e : env.properties()) {
      if (!e.getValue().isString()) continue;
      String name = e.getKey();
      String value = e.getValue().asString().strip();
      if (value.isEmpty() || PLACEHOLDER.matcher(value).matches() || PLACEHOLDER_WORDS.contains(value.toLowerCase(Locale.ROOT))) continue;
      String p = pointer + "/" + JsonText.segment(name);
      String subject = VercelSchema.child(path, name);
      String move = "set it as a project environment variable (vercel env add " + name + ", or runway sync) and remove it from "
          + "vercel.json";
      String shape = credential(value);
      if (shape != null) {
        out.add(Problem.error(Problem.LEAK, subject, "holds " + shape + ", committed with the repository in vercel.json")
            .withOrigin(at(text, origin, p))
            .withFix("revoke it and create a new one; " + move));
      } else if (SECRET_NAME.matcher(name).find() && !PUBLIC_NAME.matcher(name).find()) {
        out.add(Problem.warning(Problem.LEAK, subject, "is named like a secret, and its value is committed with the repository in vercel.json")
            .withOrigin(at(text, origin, p))
            .withFix("if it is a secret, rotate it and " + move));
      }
    }
  }

  /** What a value is, when its shape is a known credential's; never the value itself. */
  private static @Nullable String credential(String value) {
    for (KeyFormat f : CREDENTIALS) if (f.matches(value)) return f.description();
    if (KeyFormat.JWT.matches(value) && jwtRole(value).equals("service_role")) {
      return "a Supabase service_role key (a JWT that bypasses row-level security)";
    }
    return null;
  }

  private static String jwtRole(String jwt) {
    try {
      String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
      JsonNode claims = JsonText.mapper().readTree(payload);
      return claims.path("role").asString("");
    } catch (RuntimeException e) {
      return "";
    }
  }
}

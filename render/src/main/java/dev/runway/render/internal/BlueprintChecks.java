package dev.runway.render.internal;

import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.base.Problems;
import dev.runway.env.KeyFormat;
import dev.runway.env.KeyMask;
import dev.runway.render.BlueprintDatabase;
import dev.runway.render.BlueprintEnvVar;
import dev.runway.render.BlueprintService;
import dev.runway.render.EnvVarGroup;
import dev.runway.render.RenderBlueprint;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The rules render.yaml's schema cannot express. Every message is written to be read by people, and
 * every finding names the line of the field it is about (when the blueprint was read from a file).
 */
public final class BlueprintChecks {
  /** Key names that hold secrets by convention, when no model says otherwise. */
  private static final Pattern SECRET_NAME = Pattern.compile(
      "(^|_)(SECRET|PASSWORD|PASSWD|TOKEN|API_KEY|APIKEY|PRIVATE_KEY|SERVICE_ROLE_KEY|CREDENTIALS?|ACCESS_KEY)(_|$)");
  /**
   * A last word that makes a secret-sounding name a setting about the secret, not the secret:
   * ACCESS_TOKEN_EXPIRE_MINUTES, PASSWORD_MIN_LENGTH, JWT_SECRET_NAME, TOKEN_URL.
   */
  private static final Pattern ABOUT_A_SECRET = Pattern.compile(
      "_(EXPIRY|EXPIRE|EXPIRES|EXPIRATION|TTL|LIFETIME|TIMEOUT|AGE|MINUTES|SECONDS|HOURS|DAYS|LENGTH|LEN|SIZE|MIN|MAX"
          + "|COUNT|ROUNDS|NAME|HEADER|FIELD|PARAM|URL|URI|ENDPOINT|HOST|PORT|PATH|FILE|DIR|ENABLED|REQUIRED|ALGORITHM"
          + "|ALG|TYPE|ISSUER|AUDIENCE|PROVIDER|MODE|VERSION|REGION|PREFIX|ID|STORAGE|STORE|BACKEND|STRATEGY|LOCATION)$");
  /** A literal port in a start command: --port 8000, -p 8000, --bind 0.0.0.0:8000, -b :8000. */
  private static final Pattern LITERAL_PORT = Pattern.compile(
      "(?:--port[ =]+|-p[ =]*|--bind[ =]+\\S*:|-b[ =]+\\S*:|\\b0\\.0\\.0\\.0:|\\blocalhost:)(\\d{2,5})\\b");
  /** A URL with a password in it: postgres://user:password@host/db. */
  private static final Pattern CREDENTIAL_URL = Pattern.compile(
      "^[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@]+:([^/\\s@]+)@([^/\\s:?#]+)");
  /** Render's default PORT: a service that binds it literally is reachable. */
  private static final String DEFAULT_PORT = "10000";

  private BlueprintChecks() {}

  /** Semantic checks, with secret-ness guessed from key names and value shapes. */
  public static Problems check(RenderBlueprint blueprint) {
    return check(blueprint, BlueprintChecks::looksSecret);
  }

  /** Whether a key names a secret by convention (…_SECRET, …_TOKEN, …_API_KEY, PASSWORD, …). */
  public static boolean looksSecret(String key) {
    String upper = key.toUpperCase(Locale.ROOT);
    return SECRET_NAME.matcher(upper).find() && !ABOUT_A_SECRET.matcher(upper).find();
  }

  /**
   * Semantic checks, with secret-ness decided by the caller (the Runway model when there is one); a
   * value shaped like a known credential is a secret whatever its key.
   */
  public static Problems check(RenderBlueprint blueprint, Predicate<String> isSecret) {
    return Problems.of(check(blueprint, "", List.of(blueprint), isSecret));
  }

  /**
   * Lint of a file read with {@link BlueprintReader#readAll}: its structural problems, then the
   * semantic checks of the top-level resources, of {@code ungrouped:} and of every environment under
   * {@code projects:}. Names are unique per environment (the same service may be declared in
   * production and staging), so duplicates are looked for per scope; references resolve in the scope
   * and at the top level.
   */
  public static Problems lint(BlueprintReader.Result read, Predicate<String> isSecret) {
    List<Problem> out = new ArrayList<>(read.problems().all());
    out.addAll(nested(read, isSecret).all());
    out.addAll(check(read.blueprint(), "", outer(read, null), isSecret));
    return Problems.of(out);
  }

  /** The semantic checks of {@code ungrouped:} and of the environments only (the top level left to the caller). */
  public static Problems nested(BlueprintReader.Result read, Predicate<String> isSecret) {
    List<Problem> out = new ArrayList<>();
    for (BlueprintReader.Scope scope : read.scopes()) {
      out.addAll(check(scope.resources(), scope.subject() + ".", outer(read, scope), isSecret));
    }
    return Problems.of(out);
  }

  private static List<RenderBlueprint> outer(BlueprintReader.Result read, BlueprintReader.@Nullable Scope scope) {
    List<RenderBlueprint> visible = new ArrayList<>();
    if (scope != null) visible.add(scope.resources());
    visible.add(read.blueprint());
    for (BlueprintReader.Scope s : read.scopes()) {
      if (s.subject().equals("ungrouped") && s != scope) visible.add(s.resources());
    }
    return visible;
  }

  private static List<Problem> check(RenderBlueprint blueprint, String prefix, List<RenderBlueprint> visible,
      Predicate<String> isSecret) {
    List<Problem> out = new ArrayList<>();
    Map<String, BlueprintService> services = new HashMap<>();
    Set<String> groups = new HashSet<>();
    Set<String> databases = new HashSet<>();
    for (int i = visible.size() - 1; i >= 0; i--) {   // the scope's own names win
      for (BlueprintService s : visible.get(i).services()) services.put(s.name(), s);
      for (EnvVarGroup g : visible.get(i).envVarGroups()) groups.add(g.name());
      for (BlueprintDatabase d : visible.get(i).databases()) databases.add(d.name());
    }

    Set<String> seen = new HashSet<>();
    for (EnvVarGroup g : blueprint.envVarGroups()) {
      String subject = prefix + "envVarGroups." + g.name();
      if (!seen.add(g.name())) {
        out.add(Problem.error(Problem.DUPLICATE, subject, "is declared twice").withOrigin(g.origin("name").orElse(null))
            .withFix("rename or merge one"));
      }
      for (BlueprintEnvVar v : g.envVars()) secretValue(out, subject, v, isSecret);
    }
    seen.clear();
    for (BlueprintDatabase d : blueprint.databases()) {
      if (!seen.add(d.name())) {
        out.add(Problem.error(Problem.DUPLICATE, prefix + "databases." + d.name(), "is declared twice")
            .withOrigin(d.origin("name").orElse(null)).withFix("give each database its own name"));
      }
    }
    seen.clear();
    for (BlueprintService s : blueprint.services()) {
      String subject = prefix + "services." + s.name();
      if (!seen.add(s.name())) {
        out.add(Problem.error(Problem.DUPLICATE, subject, "is declared twice").withOrigin(at(s, "name"))
            .withFix("give each service its own name"));
      }
      plan(out, subject, s);
      web(out, subject, s);
      Set<String> keys = new HashSet<>();
      for (BlueprintEnvVar v : s.envVars()) {
        v.key().ifPresent(k -> {
          if (!keys.add(k)) {
            out.add(Problem.error(Problem.DUPLICATE, subject + ".envVars." + k, "is declared twice")
                .withOrigin(at(s, v, "key")).withFix("keep one of them"));
          }
        });
        secretValue(out, subject, v, isSecret);
        references(out, subject, s, v, services, groups, databases);
      }
    }
    return KeyMask.mask(out); // names and values quoted from the file
  }

  /** The free plan's limits (render.com/docs/free): one web instance, no disk, no scaling, no workers. */
  private static void plan(List<Problem> out, String subject, BlueprintService s) {
    boolean free = s.plan().filter("free"::equals).isPresent();
    boolean server = s.type().equals("web") || s.type().equals("worker") || s.type().equals("pserv");
    if (free && (s.type().equals("worker") || s.type().equals("pserv") || s.type().equals("cron"))) {
      out.add(Problem.error(Problem.NOT_ALLOWED, subject + ".plan",
          "free is not offered for " + s.type() + " services").withOrigin(at(s, "plan"))
          .withExpected("free only for web services, Key Value and Postgres").withFix("use plan: starter"));
    }
    if (free && s.disk().isPresent()) {
      out.add(Problem.error(Problem.NOT_ALLOWED, subject + ".disk", "the free plan has no persistent disk")
          .withOrigin(at(s, "disk")).withFix("remove disk: or use plan: starter"));
    }
    if (free && s.scaling().isPresent()) {
      out.add(Problem.error(Problem.NOT_ALLOWED, subject + ".scaling", "the free plan does not autoscale")
          .withOrigin(at(s, "scaling")).withFix("remove scaling: or use plan: starter"));
    }
    if (free && s.numInstances().filter(n -> n > 1).isPresent()) {
      out.add(Problem.error(Problem.NOT_ALLOWED, subject + ".numInstances",
          "the free plan runs one instance, not " + s.numInstances().get()).withOrigin(at(s, "numInstances"))
          .withFix("remove numInstances: or use plan: starter"));
    }
    if (!server && s.disk().isPresent()) {
      out.add(Problem.error(Problem.NOT_ALLOWED, subject + ".disk", "only web, worker and pserv services have disks")
          .withOrigin(at(s, "disk")).withFix("remove disk:"));
    }
  }

  /** A web service's health check path and port. */
  private static void web(List<Problem> out, String subject, BlueprintService s) {
    if (!s.type().equals("web") || s.isStatic()) return;
    // Optional for Render (its own templates have none): without it a deploy goes live once the port is open.
    if (s.healthCheckPath().isEmpty()) {
      out.add(Problem.warning(Problem.MISSING, subject + ".healthCheckPath",
          "is not set, so Render switches traffic to a new deploy as soon as its port is open, healthy or not")
          .withOrigin(at(s, "healthCheckPath"))
          .withFix("to keep the previous deploy serving when a new one is broken, set healthCheckPath: to a path"
              + " your app answers with 2xx or 3xx"));
    }
    String declaredPort = s.envVar("PORT").filter(BlueprintEnvVar.Value.class::isInstance)
        .map(v -> ((BlueprintEnvVar.Value) v).value().trim()).orElse(DEFAULT_PORT);
    for (String field : List.of("startCommand", "dockerCommand")) {
      String command = (field.equals("startCommand") ? s.startCommand() : s.dockerCommand()).orElse("");
      Matcher m = LITERAL_PORT.matcher(command);
      // 10000 is Render's default PORT, and a port the service sets PORT to is the one Render routes to.
      while (m.find()) {
        String port = m.group(1);
        if (command.contains("PORT") || port.equals(DEFAULT_PORT) || port.equals(declaredPort)) continue;
        out.add(Problem.error(Problem.RULE, subject + "." + field, "binds port " + port + " instead of $PORT")
            .withOrigin(at(s, field))
            .withExpected("the port Render injects in PORT (10000 by default)")
            .withFix("bind $PORT, e.g. --port $PORT"));
        break;
      }
    }
  }

  private static void references(List<Problem> out, String subject, BlueprintService s, BlueprintEnvVar v,
      Map<String, BlueprintService> services, Set<String> groups, Set<String> databases) {
    if (v instanceof BlueprintEnvVar.FromGroup g && !groups.contains(g.group())) {
      // A group created in the dashboard may be meant, so this is a warning, not an error.
      out.add(Problem.warning(Problem.UNKNOWN, subject + ".envVars.fromGroup",
          "names no env var group '" + g.group() + "' declared in this file").withOrigin(at(s, v, "fromGroup"))
          .withExpected(known(groups)).withFix("add it under envVarGroups:, fix the name, or make sure the group"
              + " exists in your Render workspace"));
    }
    if (v instanceof BlueprintEnvVar.FromDatabase d && !databases.contains(d.database())) {
      out.add(Problem.error(Problem.UNKNOWN, subject + ".envVars." + d.name() + ".fromDatabase",
          "names no database '" + d.database() + "'").withOrigin(at(s, v, "fromDatabase.name"))
          .withExpected(known(databases)).withFix("add it under databases: or fix the name"));
    }
    if (v instanceof BlueprintEnvVar.FromService r) {
      BlueprintService target = services.get(r.service());
      if (target == null) {
        out.add(Problem.error(Problem.UNKNOWN, subject + ".envVars." + r.name() + ".fromService",
            "names no service '" + r.service() + "'").withOrigin(at(s, v, "fromService.name"))
            .withExpected(known(services.keySet())).withFix("add the service or fix the name"));
      } else if (Vocabulary.SERVICE_TYPES.contains(target.type()) && !sameType(r.serviceType(), target)) {
        out.add(Problem.error(Problem.CONFLICT, subject + ".envVars." + r.name() + ".fromService",
            "says type " + r.serviceType() + " but " + r.service() + " is a " + typeOf(target) + " service")
            .withOrigin(at(s, v, "fromService.type")).withFix("write type: " + typeOf(target)));
      }
    }
  }

  private static void secretValue(List<Problem> out, String subject, BlueprintEnvVar v, Predicate<String> isSecret) {
    if (!(v instanceof BlueprintEnvVar.Value x)) return;
    String where = subject + ".envVars." + x.name();
    for (String field : List.of("value", "previewValue")) {
      String value = field.equals("value") ? x.value() : x.previewValue().orElse(null);
      if (value == null) continue;
      Optional<String> shape = secretShape(value);
      if (shape.isPresent()) {
        // Never the value itself: only the kind of credential it looks like.
        out.add(Problem.error(Problem.LEAK, where, "carries a credential in " + field + ": (it looks like "
            + shape.get() + ")").withOrigin(x.origin(field).orElse(null))
            .withFix("revoke it and create a new one, then replace " + field + ": with sync: false and set the new"
                + " value in the Render dashboard (or runway sync)"));
      } else if (field.equals("value") && isSecret.test(x.name()) && !plainSetting(value)) {
        out.add(Problem.error(Problem.LEAK, where, "is a secret but render.yaml carries its value")
            .withOrigin(x.origin(field).orElse(null))
            .withFix("replace value: with sync: false and set the value in the Render dashboard (or runway sync)"));
      }
    }
  }

  /** Numbers, booleans and empty text are settings, whatever the key is called (TOKEN_LIMIT: 1000). */
  private static boolean plainSetting(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    return v.isEmpty() || v.matches("-?\\d+(\\.\\d+)?") || v.equals("true") || v.equals("false");
  }

  /**
   * The kind of credential a value looks like, from the built-in key formats, or a URL with a
   * password. Left out: the Supabase publishable key and the anon JWT (public by design), and the
   * Vercel token, whose shape (24 letters and digits) is shared by ordinary ids.
   */
  static Optional<String> secretShape(String value) {
    String v = value.trim();
    for (KeyFormat f : KeyFormat.builtIn()) {
      if (f == KeyFormat.VERCEL_TOKEN || f == KeyFormat.SUPABASE_PUBLISHABLE) continue;
      if (!f.matches(v)) continue;
      if (f == KeyFormat.JWT && publicJwt(v)) continue;
      return Optional.of(f.description());
    }
    Matcher m = CREDENTIAL_URL.matcher(v);
    if (m.find()) {
      String host = m.group(2).toLowerCase(Locale.ROOT);
      boolean local = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("0.0.0.0");
      if (!local && !m.group(1).startsWith("$")) return Optional.of("a URL with a password in it");
    }
    return Optional.empty();
  }

  /** A JWT whose payload says role anon: Supabase's anon key, meant for browsers. */
  private static boolean publicJwt(String jwt) {
    try {
      String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
      return payload.replace(" ", "").contains("\"role\":\"anon\"");
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      return false;
    }
  }

  private static @Nullable Origin at(BlueprintService s, String field) {
    return s.origin(field).orElse(null);
  }

  private static @Nullable Origin at(BlueprintService s, BlueprintEnvVar v, String field) {
    return v.origin(field).or(() -> s.origin("envVars")).orElse(null);
  }

  private static boolean sameType(String referenceType, BlueprintService target) {
    return typeOf(target).equals(referenceType)
        || (referenceType.equals("redis") && target.type().equals("keyvalue"))
        || (referenceType.equals("keyvalue") && target.type().equals("redis"));
  }

  private static String typeOf(BlueprintService s) {
    return s.isStatic() ? "static" : s.type();
  }

  private static String known(Collection<String> names) {
    return names.isEmpty() ? "none declared" : "one of " + String.join(", ", new TreeSet<>(names));
  }
}

package dev.runway.render.internal;

import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.base.Problems;
import dev.runway.render.BlueprintDatabase;
import dev.runway.render.BlueprintEnvVar;
import dev.runway.render.BlueprintService;
import dev.runway.render.EnvVarGroup;
import dev.runway.render.RenderBlueprint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The rules render.yaml's schema cannot express. Every message is written to be read by people. */
public final class BlueprintChecks {
  /** Key names that hold secrets by convention, when no model says otherwise. */
  private static final Pattern SECRET_NAME = Pattern.compile(
      "(^|_)(SECRET|PASSWORD|PASSWD|TOKEN|API_KEY|APIKEY|PRIVATE_KEY|SERVICE_ROLE_KEY|CREDENTIALS?|ACCESS_KEY)(_|$)");
  /** A literal port in a start command: --port 8000, -p 8000, --bind 0.0.0.0:8000, -b :8000. */
  private static final Pattern LITERAL_PORT = Pattern.compile(
      "(?:--port[ =]+|-p[ =]*|--bind[ =]+\\S*:|-b[ =]+\\S*:|\\b0\\.0\\.0\\.0:|\\blocalhost:)(\\d{2,5})\\b");

  private BlueprintChecks() {}

  /** Semantic checks, with secret-ness guessed from key names. */
  public static Problems check(RenderBlueprint blueprint) {
    return check(blueprint, BlueprintChecks::looksSecret);
  }

  /** Whether a key names a secret by convention (…_SECRET, …_TOKEN, …_API_KEY, PASSWORD, …). */
  public static boolean looksSecret(String key) {
    return SECRET_NAME.matcher(key.toUpperCase(Locale.ROOT)).find();
  }

  /** Semantic checks, with secret-ness decided by the caller (the Runway model when there is one). */
  public static Problems check(RenderBlueprint blueprint, Predicate<String> isSecret) {
    List<Problem> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<String> groups = new HashSet<>();
    Set<String> databases = new HashSet<>();
    for (EnvVarGroup g : blueprint.envVarGroups()) {
      if (!groups.add(g.name())) {
        out.add(Problem.error(Problem.DUPLICATE, "envVarGroups." + g.name(), "is declared twice").withFix("rename or merge one"));
      }
      for (BlueprintEnvVar v : g.envVars()) secretValue(out, "envVarGroups." + g.name(), v, isSecret, null);
    }
    for (BlueprintDatabase d : blueprint.databases()) databases.add(d.name());
    for (BlueprintService s : blueprint.services()) {
      String subject = "services." + s.name();
      @Nullable Origin origin = s.origin().orElse(null);
      if (!names.add(s.name())) {
        out.add(Problem.error(Problem.DUPLICATE, subject, "is declared twice").withOrigin(origin)
            .withFix("give each service its own name"));
      }
      boolean free = s.plan().filter("free"::equals).isPresent();
      boolean server = s.type().equals("web") || s.type().equals("worker") || s.type().equals("pserv");
      if (free && (s.type().equals("worker") || s.type().equals("pserv") || s.type().equals("cron"))) {
        out.add(Problem.error(Problem.NOT_ALLOWED, subject + ".plan",
            "free is not offered for " + s.type() + " services").withOrigin(origin)
            .withExpected("free only for web services, Key Value and Postgres").withFix("use plan: starter"));
      }
      if (free && s.disk().isPresent()) {
        out.add(Problem.error(Problem.NOT_ALLOWED, subject + ".disk", "the free plan has no persistent disk")
            .withOrigin(origin).withFix("remove disk: or use plan: starter"));
      }
      if (free && s.scaling().isPresent()) {
        out.add(Problem.error(Problem.NOT_ALLOWED, subject + ".scaling", "the free plan does not autoscale")
            .withOrigin(origin).withFix("remove scaling: or use plan: starter"));
      }
      if (free && s.numInstances().filter(n -> n > 1).isPresent()) {
        out.add(Problem.error(Problem.NOT_ALLOWED, subject + ".numInstances",
            "the free plan runs one instance, not " + s.numInstances().get()).withOrigin(origin)
            .withFix("remove numInstances: or use plan: starter"));
      }
      if (s.type().equals("web") && !s.isStatic() && s.healthCheckPath().isEmpty()) {
        out.add(Problem.error(Problem.MISSING, subject + ".healthCheckPath",
            "is missing, so Render cannot tell a broken deploy from a live one").withOrigin(origin)
            .withFix("add healthCheckPath: /api/health"));
      }
      if (s.type().equals("web") && !s.isStatic()) {
        for (String command : List.of(s.startCommand().orElse(""), s.dockerCommand().orElse(""))) {
          Matcher m = LITERAL_PORT.matcher(command);
          if (m.find() && !command.contains("PORT")) {
            out.add(Problem.error(Problem.RULE, subject + (command.equals(s.startCommand().orElse(null)) ? ".startCommand" : ".dockerCommand"),
                "binds port " + m.group(1) + " instead of $PORT").withOrigin(origin)
                .withExpected("the port Render injects in PORT (10000 by default)")
                .withFix("bind $PORT, e.g. --port $PORT"));
          }
        }
      }
      if (!server && (s.disk().isPresent())) {
        out.add(Problem.error(Problem.NOT_ALLOWED, subject + ".disk", "only web, worker and pserv services have disks")
            .withOrigin(origin).withFix("remove disk:"));
      }
      Set<String> keys = new HashSet<>();
      for (BlueprintEnvVar v : s.envVars()) {
        v.key().ifPresent(k -> {
          if (!keys.add(k)) {
            out.add(Problem.error(Problem.DUPLICATE, subject + ".envVars." + k, "is declared twice").withOrigin(origin)
                .withFix("keep one of them"));
          }
        });
        secretValue(out, subject, v, isSecret, origin);
        if (v instanceof BlueprintEnvVar.FromGroup g && !groups.contains(g.group())) {
          out.add(Problem.error(Problem.UNKNOWN, subject + ".envVars.fromGroup",
              "names no env var group '" + g.group() + "'").withOrigin(origin)
              .withExpected(known(groups)).withFix("add it under envVarGroups: or fix the name"));
        }
        if (v instanceof BlueprintEnvVar.FromDatabase d && !databases.contains(d.database())) {
          out.add(Problem.error(Problem.UNKNOWN, subject + ".envVars." + d.name() + ".fromDatabase",
              "names no database '" + d.database() + "'").withOrigin(origin)
              .withExpected(known(databases)).withFix("add it under databases: or fix the name"));
        }
        if (v instanceof BlueprintEnvVar.FromService r) {
          BlueprintService target = blueprint.service(r.service()).orElse(null);
          if (target == null) {
            out.add(Problem.error(Problem.UNKNOWN, subject + ".envVars." + r.name() + ".fromService",
                "names no service '" + r.service() + "'").withOrigin(origin)
                .withExpected(known(blueprint.services().stream().map(BlueprintService::name).toList()))
                .withFix("add the service or fix the name"));
          } else if (!sameType(r.serviceType(), target)) {
            out.add(Problem.error(Problem.CONFLICT, subject + ".envVars." + r.name() + ".fromService",
                "says type " + r.serviceType() + " but " + r.service() + " is a " + typeOf(target) + " service")
                .withOrigin(origin).withFix("write type: " + typeOf(target)));
          }
        }
      }
    }
    return Problems.of(out);
  }

  private static void secretValue(List<Problem> out, String subject, BlueprintEnvVar v, Predicate<String> isSecret,
      @Nullable Origin origin) {
    if (v instanceof BlueprintEnvVar.Value x && isSecret.test(x.name())) {
      out.add(Problem.error(Problem.LEAK, subject + ".envVars." + x.name(),
          "is a secret but render.yaml carries its value").withOrigin(origin)
          .withFix("replace value: with sync: false and set the value in the Render dashboard (or runway sync)"));
    }
  }

  private static boolean sameType(String referenceType, BlueprintService target) {
    return typeOf(target).equals(referenceType)
        || (referenceType.equals("redis") && target.type().equals("keyvalue"))
        || (referenceType.equals("keyvalue") && target.type().equals("redis"));
  }

  private static String typeOf(BlueprintService s) {
    return s.isStatic() ? "static" : s.type();
  }

  private static String known(java.util.Collection<String> names) {
    return names.isEmpty() ? "none declared" : "one of " + String.join(", ", new java.util.TreeSet<>(names));
  }
}

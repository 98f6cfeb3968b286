package dev.runway.render.internal;

import dev.runway.App;
import dev.runway.Service;
import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.base.RunwayException;
import dev.runway.env.Env;
import dev.runway.env.Environment;
import dev.runway.env.ValueSource;
import dev.runway.env.Var;
import dev.runway.platform.Platform;
import dev.runway.render.RenderBlueprint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Render's plug-in for core: the setting names runway.conf may use, and the blueprint the model
 * would generate, held to Render's rules (free plan limits, health check path, $PORT, references),
 * for every environment.
 */
public final class RenderPlatform implements Platform {
  @Override
  public String id() {
    return Generation.PLATFORM;
  }

  /** render.yaml's fields for the service's type, kebab-cased; {@code type} and {@code name} always. */
  @Override
  public Optional<Set<String>> settingNames(Service service) {
    String type = service.setting("type").orElse("web");
    boolean isStatic = service.setting("runtime").filter("static"::equals).isPresent();
    return Optional.of(Collections.unmodifiableSet(Fields.kebab(Fields.serviceFields(type, isStatic))));
  }

  @Override
  public Optional<Set<String>> platformSettingNames() {
    return Optional.of(Collections.unmodifiableSet(Fields.kebab(Fields.ROOT)));
  }

  @Override
  public List<Problem> check(App app, Environment environment, Optional<Env> values) {
    List<Problem> out = new ArrayList<>();
    for (Problem p : references(app)) out.add(p.withEnvironment(environment.name()));
    RenderBlueprint blueprint;
    try {
      blueprint = Generation.blueprint(app);   // settings Render does not know (plan = hobby) surface here
    } catch (RunwayException.ValidationFailed e) {
      for (Problem p : e.problems().all()) out.add(p.withEnvironment(environment.name()));
      return out;
    }
    Generation.Names names = new Generation.Names(app);
    for (Problem p : BlueprintChecks.check(blueprint, key -> app.schema().variable(key).map(v -> v.isSecret()).orElse(false)).all()) {
      out.add(inModelTerms(p, names).withEnvironment(environment.name()));
    }
    return out;
  }

  private static final Pattern SET_HEALTH_CHECK = Pattern.compile("set healthCheckPath: to a path your app answers with 2xx or 3xx");
  private static final Pattern FIELD = Pattern.compile("\\b([a-z][a-zA-Z]*):(?= |,|$)");

  /**
   * A finding on the blueprint generated from the model, said in runway.conf's terms: the setting's
   * HOCON name as subject, the service's line in runway.conf as origin (the generated render.yaml's
   * lines are no place to edit), and a fix that names the runway.conf setting, not the render.yaml
   * field: {@code runway.conf:10: ...; set health-check-path = "/api/health" in services.api}.
   */
  static Problem inModelTerms(Problem p, Generation.Names names) {
    App app = names.app();
    String subject = names.modelPath(p.subject());
    Optional<Service> service = Optional.empty();
    if (subject.startsWith("services.")) {
      String id = subject.substring("services.".length()).split("\\.", 2)[0];
      service = app.services().stream().filter(s -> s.name().equals(id)).findFirst();
    }
    Origin origin = service.flatMap(Service::origin).orElse(null);
    String fix = p.fix().orElse(null);
    if (fix != null) {
      fix = SET_HEALTH_CHECK.matcher(fix).replaceAll(Matcher.quoteReplacement(
          "set health-check-path = \"/api/health\" (a path your app answers with 2xx or 3xx)"));
      Matcher m = FIELD.matcher(fix);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        boolean set = fix.startsWith(" ", m.end()) && !fix.substring(0, m.start()).endsWith("remove ");
        m.appendReplacement(sb, Matcher.quoteReplacement(Fields.kebab(m.group(1)) + (set ? " =" : "")));
      }
      m.appendTail(sb);
      fix = sb.toString().replace("remove disk or use", "remove disk, or set").replace("remove scaling or use",
          "remove scaling, or set").replace("remove num-instances or use", "remove num-instances, or set")
          .replace("use plan =", "set plan =");
      // The origin in front names runway.conf's line; the fix names the block to edit there.
      if (service.isPresent() && !fix.endsWith("?")) fix += " in services." + service.get().name();
    }
    int envVars = p.subject().indexOf(".envVars.");
    if (envVars >= 0 && p.code().equals(Problem.LEAK)) {
      // A value in the generated file is a variable's default in runway.conf.
      String name = p.subject().substring(envVars + ".envVars.".length());
      subject = "variables." + name;
      origin = null;
      fix = "revoke it and create a new one, then remove the default of " + name + " from runway.conf and set the"
          + " value in the Render dashboard (or runway sync)";
    }
    Problem out = p.isError() ? Problem.error(p.code(), subject, p.message()) : Problem.warning(p.code(), subject, p.message());
    return out.withOrigin(origin).withExpected(p.expected().orElse(null)).withFix(fix);
  }

  /** from { } that render.yaml cannot say: generation sets those variables by hand (sync: false) instead. */
  static List<Problem> references(App app) {
    List<Problem> out = new ArrayList<>();
    Generation.Names names = new Generation.Names(app);
    for (Var<?> v : app.schema().variables()) {
      if (!(v.source().orElse(null) instanceof ValueSource.FromService from)) continue;
      if (app.servicesOn(Generation.PLATFORM).stream().noneMatch(s -> v.reaches(s.name()))) continue;
      Service target = names.service(from.service());
      String subject = "variables." + v.name() + ".from";
      if (target == null) continue;   // App.of already rejects an unknown service
      if (!target.platform().equals(Generation.PLATFORM)) {
        out.add(Problem.error(Problem.NOT_ALLOWED, subject, "names " + target.name() + ", which is on "
            + target.platform() + ": render.yaml references reach only Render services, so the value is set by hand"
            + " (sync: false)").withFix("remove from and set " + v.name() + " in the Render dashboard (or runway sync)"));
      } else if (Fields.isPostgres(names.type(target)) && from.variable().isPresent()) {
        out.add(Problem.error(Problem.NOT_ALLOWED, subject, "names variable " + from.variable().get() + " of "
            + target.name() + ", but a Render database has no variables").withFix("write from { service = "
            + target.name() + ", property = connectionString } (or host, port, user, password, database)"));
      } else if (v.group().isPresent()) {
        out.add(Problem.warning(Problem.CONFLICT, "variables." + v.name() + ".group", "is ignored on Render: an env var"
            + " group holds only values, generateValue and sync: false, not references, so " + v.name()
            + " stays on each service").withFix("remove group = " + v.group().get() + " from " + v.name()));
      }
    }
    return out;
  }
}

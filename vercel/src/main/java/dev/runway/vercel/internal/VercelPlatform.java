package dev.runway.vercel.internal;

import dev.runway.App;
import dev.runway.base.Problem;
import dev.runway.Service;
import dev.runway.env.Env;
import dev.runway.env.Environment;
import dev.runway.env.Var;
import dev.runway.platform.Platform;
import dev.runway.vercel.EnvVar;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Set;
import java.util.List;
import java.util.Optional;

/**
 * Vercel's checks on the model, found by core through ServiceLoader. Next.js inlines
 * {@code NEXT_PUBLIC_*} variables into the browser bundle at build time, so a variable classified
 * SECRET that reaches a Vercel service under that prefix is published to every visitor: a LEAK.
 */
public final class VercelPlatform implements Platform {
  public static final String ID = "vercel";

  @Override
  public String id() {
    return ID;
  }

  /**
   * Every vercel.json property in kebab-case ({@code clean-urls}, {@code output-directory},
   * {@code rewrites}, ...) and the project settings ({@code root-directory}, {@code vercel-project},
   * {@code vercel-team-id}, {@code region}), so that a typo in runway.conf is reported with a
   * did-you-mean instead of being left out of vercel.json without a word.
   */
  @Override
  public Optional<Set<String>> settingNames(Service service) {
    return Optional.of(NAMES);
  }

  private static final Set<String> NAMES = Collections.unmodifiableSet(ConfigFromModel.settingNames());

  @Override
  public List<Problem> check(App app, Environment environment, Optional<Env> values) {
    List<Problem> problems = new ArrayList<>();
    List<Service> vercel = app.servicesOn(ID);
    if (vercel.isEmpty()) return problems;
    for (Var<?> v : app.schema().variables()) {
      if (!v.isSecret() || !v.name().startsWith(EnvVar.BROWSER_PREFIX)) continue;
      for (Service s : vercel) {
        if (!v.reaches(s.name())) continue;
        String bare = v.name().substring(EnvVar.BROWSER_PREFIX.length());
        problems.add(Problem.error(Problem.LEAK, v.name(),
                "is a secret, but Next.js inlines NEXT_PUBLIC_ variables into the browser bundle of Vercel service '"
                    + s.name() + "', where every visitor can read it")
            .withEnvironment(environment.name())
            .withFix("rename it to " + bare + " and read it only on the server (API routes, server components),"
                + " or, if it is truly public, declare it sensitivity = public"));
      }
    }
    values.ifPresent(env -> problems.addAll(envSize(vercel, env, environment)));
    return problems;
  }

  /** Vercel's limit on the total size of a deployment's environment variables. */
  public static final int ENV_SIZE_LIMIT = 64 * 1024;

  /** Names and values of the variables each Vercel service receives must fit in 64 KB together. */
  static List<Problem> envSize(List<Service> vercel, Env env, Environment environment) {
    List<Problem> problems = new ArrayList<>();
    for (Service s : vercel) {
      long bytes = 0;
      for (var e : env.textsFor(s.name()).entrySet()) {
        bytes += e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
            + e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      }
      if (bytes > ENV_SIZE_LIMIT) {
        problems.add(Problem.error(Problem.OUT_OF_RANGE, "services." + s.name(),
                "receives " + bytes + " bytes of environment variables, over Vercel's limit of "
                    + ENV_SIZE_LIMIT + " bytes per deployment")
            .withEnvironment(environment.name())
            .withFix("target fewer variables at '" + s.name() + "' (targets = [...]) or move large values"
                + " (certificates, JSON) to a file or a secret store"));
      }
    }
    return problems;
  }
}

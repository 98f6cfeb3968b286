package dev.runway.vercel.internal;

import dev.runway.App;
import dev.runway.Problem;
import dev.runway.Service;
import dev.runway.env.Env;
import dev.runway.env.Environment;
import dev.runway.env.Var;
import dev.runway.platform.Platform;
import dev.runway.vercel.EnvVar;
import java.util.ArrayList;
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
    return problems;
  }
}

package dev.runway.supabase.internal;

import dev.runway.base.Problems;
import dev.runway.App;
import dev.runway.base.Problem;
import dev.runway.env.Env;
import dev.runway.env.Environment;
import dev.runway.env.Sensitivity;
import dev.runway.env.Var;
import dev.runway.platform.Platform;
import dev.runway.supabase.ConnectionString;
import dev.runway.supabase.SupabaseKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Supabase's checks on the model, found by core through ServiceLoader: a privileged key
 * (service_role, sb_secret_, sbp_) in a variable that reaches a browser is a LEAK, whatever the
 * variable's declared sensitivity says; and every Supabase connection string is checked for its
 * mode (transaction pooler without {@code prepareThreshold=0}, pooler user without the ref,
 * IPv6-only direct host, sslmode). Problems never contain the values.
 */
public final class SupabasePlatform implements Platform {
  public static final String ID = "supabase";

  /** Prefixes that bundlers inline into browser code. */
  static final List<String> BROWSER_PREFIXES = List.of("NEXT_PUBLIC_", "VITE_", "REACT_APP_", "EXPO_PUBLIC_", "PUBLIC_", "NUXT_PUBLIC_");

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<Problem> check(App app, Environment environment, Optional<Env> values) {
    List<Problem> problems = new ArrayList<>();
    if (values.isEmpty()) return problems;
    Env env = values.get();
    for (Var<?> v : app.schema().variables()) {
      Optional<String> text = env.text(v.name());
      if (text.isEmpty() || text.get().isBlank()) continue;
      List<Problem> found = new ArrayList<>();
      keyProblem(v, text.get()).ifPresent(found::add);
      if (v.typeName().equals("postgres-url") || v.name().endsWith("DATABASE_URL")) found.addAll(urlProblems(v, text.get()));
      for (Problem p : found) {
        problems.add(p.withEnvironment(environment.name()).withOrigin(env.origin(v.name()).orElse(null)));
      }
    }
    return problems;
  }

  /** Whether bundlers ship the variable to browsers: declared public, or named with a browser prefix. */
  static boolean browserExposed(Var<?> v) {
    return v.sensitivity() == Sensitivity.PUBLIC || BROWSER_PREFIXES.stream().anyMatch(v.name()::startsWith);
  }

  static Optional<Problem> keyProblem(Var<?> v, String value) {
    SupabaseKey key = SupabaseKey.of(value);
    if (!key.isPrivileged() || !key.isSupabase() || !browserExposed(v)) return Optional.empty();
    String why = v.name().startsWith("NEXT_PUBLIC_") ? "Next.js inlines NEXT_PUBLIC_ variables into the browser bundle"
        : v.sensitivity() == Sensitivity.PUBLIC ? "the variable is declared public, so it may reach a browser"
        : "bundlers inline variables with this prefix into browser code";
    String fix = switch (key.kind()) {
      case SERVICE_ROLE -> "put the anon key here (Project Settings > API Keys, 'anon public'), keep the service_role key"
          + " in a server-only variable such as SUPABASE_SERVICE_ROLE_KEY, and rotate the exposed key (Project Settings > JWT Keys)";
      case SECRET -> "put an sb_publishable_ key here (Project Settings > API Keys), keep the sb_secret_ key in a server-only"
          + " variable, and delete the exposed secret key in the dashboard";
      default -> "keep the access token out of application variables entirely and revoke it at"
          + " supabase.com/dashboard/account/tokens";
    };
    return Optional.of(Problem.error(Problem.LEAK, v.name(),
            "holds " + key.describe() + ", which bypasses row-level security, and " + why
                + ", where every visitor can read it")
        .withExpected(v.name().contains("ANON") || v.name().contains("PUBLISHABLE")
            ? "an anon key or an sb_publishable_ key" : "a public key, never a privileged one")
        .withFix(fix));
  }

  static List<Problem> urlProblems(Var<?> v, String value) {
    ConnectionString cs;
    try {
      cs = ConnectionString.parse(value);
    } catch (IllegalArgumentException e) {
      return List.of(); // the schema reports malformed URLs
    }
    if (cs.mode() == ConnectionString.Mode.OTHER) return List.of();
    return cs.problems(v.name());
  }
}

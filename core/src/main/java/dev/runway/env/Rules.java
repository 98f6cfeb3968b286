package dev.runway.env;

import dev.runway.base.Origin;
import dev.runway.base.Problem;
import dev.runway.env.internal.UriHosts;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Built-in cross-variable {@link Rule rules}. They are values: two rules built from the same
 * arguments are equal, so a schema declared in Java equals the same schema read from runway.conf.
 *
 * <pre>{@code
 * EnvSchema.of(...)
 *     .rule(Rules.noLocalhostIn(PRODUCTION))
 *     .rule(Rules.httpsOnlyIn(PRODUCTION, PREVIEW))
 *     .rule(Rules.requires(SENTRY_DSN, SENTRY_ENVIRONMENT));
 * }</pre>
 */
public final class Rules {
  private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "0.0.0.0", "[::1]", "::1");

  private Rules() {}

  /** No URL, host or Postgres URL variable points at this machine (localhost, 127.x, ::1, 0.0.0.0) in these environments. */
  public static Rule noLocalhostIn(Environment... environments) {
    return new NoLocalhost(names(environments));
  }

  /** Every URL variable uses https:// (or wss://) in these environments. */
  public static Rule httpsOnlyIn(Environment... environments) {
    return new HttpsOnly(names(environments));
  }

  /** When {@code variable} is set, each of {@code required} must be set too (in every environment). */
  public static Rule requires(Var<?> variable, Var<?>... required) {
    return new Requires(variable.name(), Arrays.stream(required).map(Var::name).toList());
  }

  /**
   * A rule of your own over the whole environment, in some environments (none given: all).
   *
   * @param subject what the problem names (a variable, or several joined by '+')
   * @param description what must hold, completing "...; make sure &lt;description&gt;"
   */
  public static Rule check(String subject, String description, Predicate<Env> holds, Environment... environments) {
    Set<String> in = names(environments);
    return env -> {
      if (!in.isEmpty() && !in.contains(env.environment().name())) return List.of();
      boolean ok;
      try {
        ok = holds.test(env);
      } catch (RuntimeException e) {
        ok = false;
      }
      return ok ? List.of() : List.of(Problem.error(Problem.RULE, subject, "breaks the rule: " + description)
          .withEnvironment(env.environment().name())
          .withFix("make sure " + description));
    };
  }

  static boolean isLocal(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return LOCAL_HOSTS.contains(h) || h.startsWith("127.") || h.endsWith(".localhost");
  }

  /** " in preview, production" (sorted), or "" for every environment: how a rule reads in reports. */
  private static String in(Set<String> environments) {
    return environments.isEmpty() ? "" : " in " + String.join(", ", new java.util.TreeSet<>(environments));
  }

  private static Set<String> names(Environment... environments) {
    List<String> list = new ArrayList<>();
    for (Environment e : environments) list.add(e.name());
    return Set.copyOf(list);
  }


  record NoLocalhost(Set<String> environments) implements Rule {
    @Override
    public String toString() {
      return "no-localhost" + in(environments);
    }

    @Override
    public List<Problem> check(Env env) {
      if (!environments.contains(env.environment().name())) return List.of();
      List<Problem> problems = new ArrayList<>();
      env.values().forEach((name, v) -> {
        String host = hostOf(v);
        if (host != null && isLocal(host)) {
          problems.add(Problem.error(Problem.RULE, name, "points at " + host + " in " + env.environment()
                  + ", which is the server itself there")
              .withEnvironment(env.environment().name())
              .withOrigin(v.origin())
              .withExpected("a host reachable from " + env.environment())
              .withFix("set " + name + " to the " + env.environment() + " address of the service"));
        }
      });
      return problems;
    }

    private static String hostOf(Env.Value v) {
      if (v.value() instanceof URI uri) return UriHosts.host(uri);
      if (v.value() instanceof PostgresUrl url) return url.host();
      if (v.variable().typeName().equals("host") && v.value() instanceof String host) return host;
      return null;
    }
  }

  record HttpsOnly(Set<String> environments) implements Rule {
    @Override
    public String toString() {
      return "https-only" + in(environments);
    }

    @Override
    public List<Problem> check(Env env) {
      if (!environments.contains(env.environment().name())) return List.of();
      List<Problem> problems = new ArrayList<>();
      env.values().forEach((name, v) -> {
        if (v.value() instanceof URI uri && uri.getScheme() != null) {
          String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
          if (scheme.equals("http") || scheme.equals("ws")) {
            String secure = scheme.equals("ws") ? "wss" : "https";
            problems.add(Problem.error(Problem.INSECURE, name, "uses " + scheme + ":// in " + env.environment())
                .withEnvironment(env.environment().name())
                .withOrigin(v.origin())
                .withExpected("a " + secure + ":// URL")
                .withFix("change the URL to " + secure + "://"));
          }
        }
      });
      return problems;
    }
  }

  record Requires(String variable, List<String> required) implements Rule {
    @Override
    public String toString() {
      return "requires: " + variable + " needs " + String.join(", ", required);
    }

    Requires {
      Objects.requireNonNull(variable);
      required = List.copyOf(required);
    }

    @Override
    public List<Problem> check(Env env) {
      if (!env.values().containsKey(variable)) return List.of();
      Origin origin = env.values().get(variable).origin();
      List<Problem> problems = new ArrayList<>();
      for (String r : required) {
        if (!env.values().containsKey(r)) {
          problems.add(Problem.error(Problem.RULE, r, "is required because " + variable + " is set")
              .withEnvironment(env.environment().name())
              .withOrigin(origin)
              .withFix("set " + r + " as well, or remove " + variable));
        }
      }
      return problems;
    }
  }
}

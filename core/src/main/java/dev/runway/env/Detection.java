package dev.runway.env;

import dev.runway.base.RunwayException;
import dev.runway.platform.Names;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which environment an app runs in, and why. Detection looks, in order, at
 *
 * <ol>
 *   <li>{@code RUNWAY_ENV}, then {@code APP_ENV} — an explicit choice;
 *   <li>{@code VERCEL_ENV} ({@code production}, {@code preview}, {@code development}) — set by Vercel;
 *   <li>{@code RENDER} — set by Render; {@code IS_PULL_REQUEST=true} means a preview, else production;
 *   <li>{@code NODE_ENV} — {@code production}, or {@code development}/{@code test} as development;
 *   <li>otherwise development (or the first declared environment when there is no development).
 * </ol>
 *
 * @param environment the chosen environment
 * @param reason why, for reports: {@code "RUNWAY_ENV=production (process env)"}
 */
public record Detection(Environment environment, String reason) {
  public Detection {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * Detects the environment from variables such as the process environment.
   *
   * @param known the declared environments, in order
   * @throws RunwayException.UnknownName when RUNWAY_ENV or APP_ENV names an undeclared environment
   */
  public static Detection detect(List<Environment> known, Map<String, String> variables) {
    for (String explicit : List.of("RUNWAY_ENV", "APP_ENV")) {
      String value = nonBlank(variables.get(explicit));
      if (value != null) {
        return new Detection(lookup(known, value, explicit), explicit + "=" + value + " is set");
      }
    }
    String vercel = nonBlank(variables.get("VERCEL_ENV"));
    if (vercel != null) {
      Environment e = find(known, vercel);
      if (e != null) return new Detection(e, "VERCEL_ENV=" + vercel + " is set (running on Vercel)");
    }
    if (nonBlank(variables.get("RENDER")) != null) {
      boolean pr = "true".equalsIgnoreCase(nonBlank(variables.get("IS_PULL_REQUEST")));
      Environment e = find(known, pr ? "preview" : "production");
      if (e != null) {
        return new Detection(e, pr
            ? "RENDER and IS_PULL_REQUEST=true are set (a Render pull-request preview)"
            : "RENDER is set and IS_PULL_REQUEST is not true (running on Render)");
      }
    }
    String node = nonBlank(variables.get("NODE_ENV"));
    if (node != null) {
      String mapped = node.equalsIgnoreCase("production") ? "production"
          : node.equalsIgnoreCase("development") || node.equalsIgnoreCase("test") ? "development" : null;
      @Nullable Environment e = mapped == null ? null : find(known, mapped);
      if (e != null) return new Detection(e, "NODE_ENV=" + node + " is set");
    }
    @Nullable Environment fallback = find(known, "development");
    if (fallback == null) fallback = known.get(0);
    return new Detection(fallback,
        "no RUNWAY_ENV, APP_ENV, VERCEL_ENV, RENDER or NODE_ENV is set, so " + fallback.name() + " is assumed");
  }

  private static Environment lookup(List<Environment> known, String name, String variable) {
    Environment e = find(known, name);
    if (e == null) {
      List<String> names = known.stream().map(Environment::name).toList();
      String hint = Names.closest(name, names).map(c -> " Did you mean " + c + "?").orElse("");
      throw new RunwayException.UnknownName(variable + "=" + name + " names no declared environment ("
          + Names.known(names) + ")." + hint);
    }
    return e;
  }

  private static @Nullable Environment find(List<Environment> known, String name) {
    String lower = name.trim().toLowerCase(Locale.ROOT);
    for (Environment e : known) if (e.name().equals(lower)) return e;
    return null;
  }

  private static @Nullable String nonBlank(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}

package dev.runway.env;

/**
 * How sensitive a variable's value is. Sensitivity is a classification of the value; where it may
 * go is decided by its targets (a {@code NEXT_PUBLIC_} variable on a Vercel service reaches a browser).
 */
public enum Sensitivity {
  /** May reach a browser or a public repository (a site URL, an anon key). */
  PUBLIC,
  /** Not secret, but not for the public either (internal hosts, feature flags). The default. */
  INTERNAL,
  /** Must never appear in a log, a report, a generated file or a browser bundle. */
  SECRET
}

package dev.runway.pipeline;

import java.time.Duration;
import java.util.regex.Pattern;

/** Identifier rules shared by pipelines, stages, steps and gates (they become GitHub job ids). */
final class Names {
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");

  private Names() {}

  static String check(String what, String name) {
    if (name == null || !ID.matcher(name).matches()) {
      throw new IllegalArgumentException("pipeline: " + what + " '" + name
          + "': not a valid name; use lower-case letters, digits and '-', starting with a letter (e.g. \"deploy-api\")");
    }
    return name;
  }

  static String human(Duration d) {
    long s = d.getSeconds();
    if (s == 0) return d.toMillis() + " ms";
    if (s % 3600 == 0) return (s / 3600) + " h";
    if (s % 60 == 0) return (s / 60) + " min";
    return s + " s";
  }
}

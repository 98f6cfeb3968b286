package dev.runway.cli.init;

import java.util.Locale;
import java.util.regex.Pattern;

/** Names as the model wants them. */
final class Names {
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");
  private static final Pattern CAMEL = Pattern.compile("[a-z][A-Za-z0-9]*");

  private Names() {}

  static boolean isId(String s) {
    return ID.matcher(s).matches();
  }

  /** "My API" → my-api; "1st" → s-1st; never empty. */
  static String slug(String s) {
    String slug = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (slug.isEmpty()) return "service";
    return Character.isLetter(slug.charAt(0)) ? slug : "s-" + slug;
  }

  /**
   * rootDir → root-dir, sizeGB → size-gb, targetCPUPercent → target-cpu-percent. Only camelCase
   * field names change: a key that is data (a path, a variable's NAME) is kept as written.
   */
  static String kebab(String field) {
    if (!CAMEL.matcher(field).matches()) return field;
    return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").replaceAll("([A-Z])([A-Z][a-z])", "$1-$2")
        .toLowerCase(Locale.ROOT);
  }
}

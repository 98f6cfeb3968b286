package dev.runway.pipeline;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The GitHub Actions that exported workflows use, each pinned to the full commit SHA of a release
 * tag: a tag can be moved to other code, a commit cannot (GitHub's security hardening guide).
 * {@link #uses(String)} gives the {@code uses:} value; {@link #version(String)} the tag, which
 * exporters write as a comment beside it ({@code # v5.0.5}) so that a reader and Dependabot see it.
 *
 * <p>To update one: take the commit of the new tag ({@code git rev-list -n1 v5.0.6} in a clone of the
 * action) and change its line below; ActionPinsTest checks the form of every entry.
 */
public final class ActionPins {
  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");

  /** A pinned action: the commit SHA and the release tag it was taken from. */
  public record Pin(String action, String sha, String version) {
    public Pin {
      if (!SHA.matcher(sha).matches()) throw new IllegalArgumentException(action + ": not a full commit SHA: " + sha);
    }

    /** {@code owner/repo@sha}, the value of {@code uses:}. */
    public String uses() {
      return action + "@" + sha;
    }
  }

  private static final Map<String, Pin> PINS = new TreeMap<>();

  static {
    pin("actions/checkout", "3d3c42e5aac5ba805825da76410c181273ba90b1", "v7.0.1");
    pin("actions/setup-java", "b6effb05e454b25005698d916606bdc6ffcbf961", "v5.7.0");
    pin("actions/cache", "27d5ce7f107fe9357f9df03efb73ab90386fccae", "v5.0.5");
    pin("actions/configure-pages", "983d7736d9b0ae728b81ab479565c72886d7745b", "v5.0.0");
    pin("actions/upload-pages-artifact", "fc324d3547104276b827a68afc52ff2a11cc49c9", "v5.0.0");
    pin("actions/deploy-pages", "cd2ce8fcbc39b97be8ca5fce6e763baed58fa128", "v5.0.0");
    pin("jbangdev/setup-jbang", "2b1b465a7b75f4222b81426f23a01e013aa7b95c", "v0.1.1");
  }

  private ActionPins() {}

  private static void pin(String action, String sha, String version) {
    PINS.put(action, new Pin(action, sha, version));
  }

  /**
   * {@code owner/repo@<sha>} for an action in the table.
   *
   * @throws IllegalArgumentException for an action the table does not pin (add it first)
   */
  public static String uses(String action) {
    return pin(action).uses();
  }

  /** The release tag the pin was taken from ({@code v5.0.5}). */
  public static String version(String action) {
    return pin(action).version();
  }

  /** The pin of an action, when the table has one. */
  public static Optional<Pin> find(String action) {
    return Optional.ofNullable(PINS.get(action));
  }

  /** Every pin, by action name. */
  public static Map<String, Pin> all() {
    return java.util.Collections.unmodifiableMap(PINS);
  }

  private static Pin pin(String action) {
    Pin p = PINS.get(action);
    if (p == null) {
      throw new IllegalArgumentException("no pinned commit for " + action + " (pinned: " + String.join(", ", PINS.keySet())
          + "); add it to ActionPins");
    }
    return p;
  }
}

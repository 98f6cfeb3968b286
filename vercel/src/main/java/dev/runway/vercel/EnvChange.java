package dev.runway.vercel;

import java.util.Objects;
import java.util.Optional;

/**
 * What a write to a project variable did.
 *
 * <p>Vercel applies variables to new deployments only. A {@code NEXT_PUBLIC_*} variable is
 * inlined into the browser bundle at build time, so its change reaches users only after a
 * <em>rebuild</em> (a new deployment, not a promotion or a rollback): {@link #rebuildRequired()}
 * says so and {@link #note()} names the fix. Immutable and thread-safe.
 *
 * @param kind what happened
 * @param key the variable
 * @param id the variable's id at Vercel, when known
 * @param rebuildRequired whether only a rebuild makes the change visible ({@code NEXT_PUBLIC_*})
 * @param note what to do for the change to take effect
 */
public record EnvChange(Kind kind, String key, Optional<String> id, boolean rebuildRequired, String note) {

  /** The effect of a write. */
  public enum Kind {
    CREATED,
    UPDATED,
    DELETED
  }

  public EnvChange {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(note, "note");
  }

  /** A change with the standard note for its key. */
  public static EnvChange of(Kind kind, String key, Optional<String> id) {
    boolean browser = key.startsWith(EnvVar.BROWSER_PREFIX);
    String note = browser
        ? key + " is inlined into the browser bundle at build time: redeploy with a fresh build"
            + " (not promote or rollback) for the change to reach browsers"
        : key + " applies to new deployments: redeploy for running deployments to see it";
    return new EnvChange(kind, key, id, browser, note);
  }
}

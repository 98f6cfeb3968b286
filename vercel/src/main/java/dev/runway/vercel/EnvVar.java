package dev.runway.vercel;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A Vercel project environment variable: a key, its value, its {@link EnvType}, the
 * {@link EnvTarget}s it applies to and, for preview, an optional git branch.
 *
 * <p>Read from the API, it carries its {@link #id()}; the value is present only when the API
 * returns it (never for {@code sensitive} variables). {@link #toString()} never shows the value.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * EnvVar key = EnvVar.builder("OPENAI_API_KEY").value(secret.reveal())
 *     .type(EnvType.SENSITIVE).targets(EnvTarget.PRODUCTION, EnvTarget.PREVIEW).build();
 * client.upsertEnvVar("web", key);
 * }</pre>
 */
public final class EnvVar {
  /** The prefix Next.js inlines into the browser bundle at build time. */
  public static final String BROWSER_PREFIX = "NEXT_PUBLIC_";

  private final @Nullable String id;
  private final String key;
  private final @Nullable String value;
  private final EnvType type;
  private final Set<EnvTarget> targets;
  private final @Nullable String gitBranch;

  private EnvVar(Builder b) {
    this.id = b.id;
    this.key = b.key;
    this.value = b.value;
    this.type = b.type;
    this.targets = b.targets.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(b.targets));
    this.gitBranch = b.gitBranch;
  }

  public static Builder builder(String key) {
    return new Builder(key);
  }

  public Builder toBuilder() {
    Builder b = new Builder(key);
    b.id = id;
    b.value = value;
    b.type = type;
    b.targets.addAll(targets);
    b.gitBranch = gitBranch;
    return b;
  }

  public Optional<String> id() {
    return Optional.ofNullable(id);
  }

  public String key() {
    return key;
  }

  /** The value, when known; never shown by {@link #toString()}. */
  public Optional<String> value() {
    return Optional.ofNullable(value);
  }

  public EnvType type() {
    return type;
  }

  public Set<EnvTarget> targets() {
    return targets;
  }

  public Optional<String> gitBranch() {
    return Optional.ofNullable(gitBranch);
  }

  /** Whether Next.js inlines it into the browser bundle ({@code NEXT_PUBLIC_*}). */
  public boolean isBrowserExposed() {
    return key.startsWith(BROWSER_PREFIX);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof EnvVar e
        && Objects.equals(id, e.id)
        && key.equals(e.key)
        && Objects.equals(value, e.value)
        && type == e.type
        && targets.equals(e.targets)
        && Objects.equals(gitBranch, e.gitBranch);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, key, value, type, targets, gitBranch);
  }

  /** {@code EnvVar[KEY, encrypted, production+preview, value ****]} — never the value. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("EnvVar[").append(key).append(", ").append(type.wireName()).append(", ");
    sb.append(targets.isEmpty() ? "no target" : String.join("+", EnumSet.copyOf(targets).stream().map(EnvTarget::wireName).toList()));
    if (gitBranch != null) sb.append(" (branch ").append(gitBranch).append(')');
    if (id != null) sb.append(", ").append(id);
    sb.append(value == null ? "" : ", value ****").append(']');
    return sb.toString();
  }

  /** Builds an {@link EnvVar}; type defaults to ENCRYPTED, targets to none. */
  public static final class Builder {
    private @Nullable String id;
    private final String key;
    private @Nullable String value;
    private EnvType type = EnvType.ENCRYPTED;
    private final Set<EnvTarget> targets = EnumSet.noneOf(EnvTarget.class);
    private @Nullable String gitBranch;

    private Builder(String key) {
      this.key = Objects.requireNonNull(key, "key");
    }

    public Builder id(@Nullable String value) {
      this.id = value;
      return this;
    }

    public Builder value(@Nullable String value) {
      this.value = value;
      return this;
    }

    public Builder type(EnvType value) {
      this.type = Objects.requireNonNull(value, "type");
      return this;
    }

    public Builder targets(EnvTarget... value) {
      return targets(Set.copyOf(Arrays.asList(value)));
    }

    public Builder targets(Set<EnvTarget> value) {
      targets.clear();
      targets.addAll(value);
      return this;
    }

    /** A git branch for a preview-only variable; Vercel refuses it with other targets. */
    public Builder gitBranch(@Nullable String value) {
      this.gitBranch = value;
      return this;
    }

    public EnvVar build() {
      return new EnvVar(this);
    }
  }
}

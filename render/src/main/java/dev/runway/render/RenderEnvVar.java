package dev.runway.render;

import java.util.Objects;

/**
 * One environment variable of a Render service, with its value. {@code toString()} never shows the
 * value; read it with {@link #value()} when you mean to. Immutable.
 */
public record RenderEnvVar(String key, String value) {
  public RenderEnvVar {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return "RenderEnvVar[" + key + "=<redacted>]";
  }
}

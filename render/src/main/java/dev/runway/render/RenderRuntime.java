package dev.runway.render;

import java.util.Map;
import java.util.Optional;

/**
 * What Render tells a running service about itself through the variables it injects: {@code RENDER}
 * (always {@code true}), {@code IS_PULL_REQUEST} (a preview), {@code RENDER_EXTERNAL_URL},
 * {@code RENDER_SERVICE_NAME}, {@code RENDER_GIT_COMMIT} and {@code PORT} (10000 unless set). A web
 * service must listen on {@code 0.0.0.0:$PORT}. Immutable.
 *
 * <pre>{@code
 * Render.runtime().ifPresent(r -> log.info("on Render as {}, commit {}", r.serviceName(), r.gitCommit()));
 * }</pre>
 */
public record RenderRuntime(boolean pullRequest, Optional<String> externalUrl, Optional<String> serviceName,
    Optional<String> gitCommit, int port) {

  /** Render's default {@code PORT}. */
  public static final int DEFAULT_PORT = 10000;

  /** The runtime described by an environment, or empty when {@code RENDER} is not {@code true}. */
  public static Optional<RenderRuntime> detect(Map<String, String> env) {
    if (!"true".equalsIgnoreCase(env.getOrDefault("RENDER", "").trim())) return Optional.empty();
    int port = DEFAULT_PORT;
    try {
      String p = env.get("PORT");
      if (p != null && !p.isBlank()) port = Integer.parseInt(p.trim());
    } catch (NumberFormatException e) {
      port = DEFAULT_PORT;
    }
    return Optional.of(new RenderRuntime("true".equalsIgnoreCase(env.getOrDefault("IS_PULL_REQUEST", "").trim()),
        nonBlank(env.get("RENDER_EXTERNAL_URL")), nonBlank(env.get("RENDER_SERVICE_NAME")),
        nonBlank(env.get("RENDER_GIT_COMMIT")), port));
  }

  private static Optional<String> nonBlank(String s) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
  }
}

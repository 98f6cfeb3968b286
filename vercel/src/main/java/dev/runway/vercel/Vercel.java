package dev.runway.vercel;

import java.nio.file.Path;

/**
 * Runway on Vercel: {@code vercel.json} files, the REST API client and the sandbox.
 *
 * <pre>{@code
 * VercelConfig config = Vercel.readConfig(Path.of("web/vercel.json"));
 * config.validate().orThrow();
 * VercelClient client = Vercel.client(System.getenv("VERCEL_TOKEN"));
 * }</pre>
 */
public final class Vercel {
  /** The platform id used in runway.conf ({@code platform = vercel}). */
  public static final String PLATFORM = "vercel";

  private Vercel() {}

  /** A client of api.vercel.com with default timeouts and retries. */
  public static VercelClient client(String token) {
    return VercelClient.builder().token(token).build();
  }

  /** Reads a vercel.json; see {@link VercelConfig#read}. */
  public static VercelConfig readConfig(Path vercelJson) {
    return VercelConfig.read(vercelJson);
  }
}

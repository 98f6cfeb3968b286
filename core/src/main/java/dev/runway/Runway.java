package dev.runway;

import dev.runway.base.RunwayException;
import dev.runway.internal.HoconModel;
import java.nio.file.Path;

/**
 * Runway's entry point for models written in HOCON ({@code runway.conf}), for projects whose
 * services are not written in Java. The file declares the same model as the Java DSL and builds an
 * equal {@link App}:
 *
 * <pre>{@code
 * app = acme
 * environments = [development, preview, production]
 * services {
 *   api { platform = render, runtime = docker, plan = free, health-check-path = /api/health }
 *   web { platform = vercel, framework = nextjs }
 * }
 * variables {
 *   PORT           { type = port, default = 10000, targets = [api] }
 *   OPENAI_API_KEY { type = secret, format = openai, required-in = [preview, production], targets = [api] }
 * }
 * rules = [ { rule = no-localhost, in = [production] } ]
 * }</pre>
 *
 * <p>HOCON is read with Typesafe Config, so {@code include} and {@code ${?VAR}} substitution work.
 * Every mistake in the file — an unknown type or attribute, a default of the wrong type, a target
 * that names no service — is reported at once with file:line and a fix.
 */
public final class Runway {
  private Runway() {}

  /**
   * Reads a model from a runway.conf file.
   *
   * @throws RunwayException.ParseFailed when the file is not valid HOCON
   * @throws RunwayException.ModelInvalid listing every mistake in the model, each at file:line
   * @throws RunwayException.IoFailed when the file cannot be read
   */
  public static App load(Path file) {
    return HoconModel.load(file);
  }

  /** Reads a model from HOCON text; {@code sourceName} names it in errors. */
  public static App parse(String hocon, String sourceName) {
    return HoconModel.parse(hocon, sourceName);
  }
}

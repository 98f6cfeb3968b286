package dev.runway.assertj;

import dev.runway.App;
import dev.runway.env.EnvSchema;

/**
 * Entry point for Runway's AssertJ assertions.
 *
 * <pre>{@code
 * import static dev.runway.assertj.RunwayAssertions.assertThat;
 *
 * @Test void productionConfigurationIsValid() {
 *   assertThat(AcmeEnv.SCHEMA).isValidIn(PRODUCTION, EnvSources.files(Path.of("deploy")));   // passes
 * }
 *
 * @Test void aMissingKeyIsCaught() {
 *   assertThat(AcmeEnv.SCHEMA)
 *       .hasProblemIn(PRODUCTION, EnvSources.none(), "MISSING", "OPENAI_API_KEY");          // passes
 * }
 * }</pre>
 */
public final class RunwayAssertions {
  private RunwayAssertions() {}

  public static EnvSchemaAssert assertThat(EnvSchema actual) {
    return new EnvSchemaAssert(actual, null);
  }

  /** Assertions on an app's schema, with its platform checks (a secret in a browser variable, ...). */
  public static EnvSchemaAssert assertThat(App actual) {
    return new EnvSchemaAssert(actual.schema(), actual);
  }
}

package dev.runway.assertj;

import dev.runway.base.Problem;
import dev.runway.App;
import dev.runway.env.EnvSchema;
import dev.runway.env.EnvSources;
import dev.runway.env.Environment;
import dev.runway.env.Validation;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on an {@link EnvSchema} (or an {@link App}'s) against real sources. Failure messages
 * list every problem with its origin and fix — never a secret value.
 */
public final class EnvSchemaAssert extends AbstractAssert<EnvSchemaAssert, EnvSchema> {
  private final @Nullable App app;

  EnvSchemaAssert(EnvSchema actual, @Nullable App app) {
    super(actual, EnvSchemaAssert.class);
    this.app = app;
  }

  /**
   * Passes when the environment has no error (warnings allowed).
   *
   * <pre>{@code
   * assertThat(SCHEMA).isValidIn(PRODUCTION, EnvSources.files(dir));   // passes with a complete .env.production
   * assertThat(SCHEMA).isValidIn(PRODUCTION, EnvSources.none());       // fails: "Expected production to be valid, but ..."
   * }</pre>
   */
  public EnvSchemaAssert isValidIn(Environment environment, EnvSources sources) {
    isNotNull();
    Validation v = validate(environment, sources);
    if (!v.isValid()) {
      failWithMessage("Expected %s to be valid, but found %d error(s):%n%s", environment,
          v.problems().errors().size(), v.problems().toText());
    }
    return this;
  }

  /** Passes when the environment has neither errors nor warnings. */
  public EnvSchemaAssert isCleanIn(Environment environment, EnvSources sources) {
    isNotNull();
    Validation v = validate(environment, sources);
    if (!v.problems().isEmpty()) {
      failWithMessage("Expected %s to have no problems, but found:%n%s", environment, v.problems().toText());
    }
    return this;
  }

  /**
   * Passes when validation reports a problem with this code for this subject (a variable name).
   *
   * <pre>{@code
   * assertThat(SCHEMA).hasProblemIn(PRODUCTION, EnvSources.none(), Problem.MISSING, "OPENAI_API_KEY");  // passes
   * assertThat(SCHEMA).hasProblemIn(PRODUCTION, EnvSources.none(), Problem.MISSING, "PORT");            // fails: PORT has a default
   * }</pre>
   */
  public EnvSchemaAssert hasProblemIn(Environment environment, EnvSources sources, String code, String subject) {
    isNotNull();
    Validation v = validate(environment, sources);
    boolean found = v.problems().all().stream()
        .anyMatch(p -> p.code().equals(code) && p.subject().equals(subject));
    if (!found) {
      String seen = v.problems().isEmpty() ? "no problems" : "only:" + System.lineSeparator() + v.problems().toText();
      failWithMessage("Expected a %s problem for %s in %s, but found %s", code, subject, environment, seen);
    }
    return this;
  }

  /** Passes when the schema declares a variable with this name. */
  public EnvSchemaAssert declares(String name) {
    isNotNull();
    if (actual.variable(name).isEmpty()) {
      failWithMessage("Expected the schema to declare %s, but it declares %s", name,
          actual.variables().stream().map(dev.runway.env.Var::name).toList());
    }
    return this;
  }

  private Validation validate(Environment environment, EnvSources sources) {
    return app != null ? app.validate(environment, sources) : actual.validate(environment, sources);
  }

}

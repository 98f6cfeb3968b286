package dev.runway.env;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a platform takes a variable's value from, instead of a value someone sets: generated once
 * by the platform (Render's {@code generateValue: true}), or read from another service of the app
 * (Render's {@code fromDatabase} and {@code fromService}).
 *
 * <p>In runway.conf: {@code generate = true}, {@code from { service = db, property = connectionString }}
 * or {@code from { service = api, variable = JWT_SECRET }}. The words of {@code property} are the
 * platform's own ({@code connectionString}, {@code host}, {@code port}, {@code hostport}, ...).
 */
public sealed interface ValueSource permits ValueSource.Generated, ValueSource.FromService {

  /** The platform generates a random value once, on first deploy. */
  record Generated() implements ValueSource {}

  /**
   * The value of another service of the app: one of its properties, or one of its variables.
   *
   * @param service the model's name of the service
   * @param property a platform property of it ({@code connectionString}, {@code host}, ...), or empty
   * @param variable one of its variables, or empty; exactly one of property and variable is present
   */
  record FromService(String service, Optional<String> property, Optional<String> variable) implements ValueSource {
    public FromService {
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(property, "property");
      Objects.requireNonNull(variable, "variable");
      if (property.isPresent() == variable.isPresent()) {
        throw new IllegalArgumentException("from " + service + ": name exactly one of property and variable");
      }
    }
  }
}

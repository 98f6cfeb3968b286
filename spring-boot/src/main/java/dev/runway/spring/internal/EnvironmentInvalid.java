package dev.runway.spring.internal;

import dev.runway.env.Validation;

/** Start-up stopped: the environment failed validation. The message lists every problem and no secret. */
public final class EnvironmentInvalid extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String model;
  private final transient Validation validation;

  EnvironmentInvalid(String model, Validation validation) {
    super("Runway: the " + validation.environment() + " environment is invalid (model: " + model + ")\n"
        + validation.toText());
    this.model = model;
    this.validation = validation;
  }

  /** Where the model came from: {@code classpath:runway.conf}, {@code EnvSchema bean}, ... */
  public String model() {
    return model;
  }

  public Validation validation() {
    return validation;
  }
}

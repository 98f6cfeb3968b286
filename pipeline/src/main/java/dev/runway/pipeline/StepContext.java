package dev.runway.pipeline;

import java.util.Optional;

/**
 * What a running step sees: the run it belongs to and a log whose lines become the step's output
 * (secret values are masked before a line is stored, shown or sent).
 */
public interface StepContext {
  /** The step's id. */
  String stepId();

  /** The run's id (also in the run record and notifications). */
  String runId();

  /** The branch the run is for ({@code main} by default). */
  String branch();

  /** The environment the run targets ({@code production} by default). */
  String environment();

  /** Appends a line to the step's output; secret values are masked. */
  void log(String line);

  /** A variable from the run's environment (the process environment by default). */
  Optional<String> variable(String name);
}

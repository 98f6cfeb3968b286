package dev.runway.cli;

/** The exit codes every subcommand uses. */
final class ExitCodes {
  static final int OK = 0;
  static final int PROBLEMS = 1;
  static final int USAGE = 2;

  private ExitCodes() {}
}

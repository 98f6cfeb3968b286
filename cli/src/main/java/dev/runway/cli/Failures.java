package dev.runway.cli;

import dev.runway.base.RunwayException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Turns exceptions into one clear message and an exit code; never a stack trace. */
final class Failures implements CommandLine.IExecutionExceptionHandler {
  private final PrintWriter err;

  Failures(PrintWriter err) {
    this.err = err;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    if (e instanceof RunwayException.ValidationFailed failed) {
      err.println(failed.getMessage());
      return ExitCodes.PROBLEMS;
    }
    if (e instanceof RunwayException re) {
      err.println("runway: " + re.getMessage());
      return ExitCodes.USAGE;
    }
    // A bug of ours: say so plainly, without the stack trace (which could carry values).
    err.println("runway: internal error (" + e.getClass().getName() + "); please report it with the command you ran");
    return ExitCodes.USAGE;
  }
}

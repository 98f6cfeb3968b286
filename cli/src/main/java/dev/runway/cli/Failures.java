package dev.runway.cli;

import dev.runway.base.RunwayException;
import dev.runway.base.internal.Printable;
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
      err.println(Printable.escapeKeepingLines(failed.getMessage()));
      err.flush();
      return ExitCodes.PROBLEMS;
    }
    err.println("runway: " + describe(e));
    err.flush();
    return ExitCodes.USAGE;
  }

  /**
   * What went wrong, without the stack trace (which could carry values), safe to print: a control
   * or bidi character that reached the message from input shows as an escape.
   */
  static String describe(Throwable t) {
    if (t instanceof RunwayException re) return Printable.escapeKeepingLines(String.valueOf(re.getMessage()));
    if (t instanceof OutOfMemoryError) {
      return "ran out of memory reading the input; check that every file it reads is the right one (Runway reads"
          + " input files of up to 5 MB), or give the JVM more memory with RUNWAY_JAVA_OPTS=-Xmx1g";
    }
    if (t instanceof StackOverflowError) {
      return "the input nests too deeply to read; flatten the file the command reads";
    }
    // A bug of ours: say so plainly.
    return "internal error (" + t.getClass().getName() + "); please report it with the command you ran";
  }
}

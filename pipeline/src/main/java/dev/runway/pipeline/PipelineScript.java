package dev.runway.pipeline;

import dev.runway.base.RunwayException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code main} of a JBang pipeline script, and what an exported workflow calls:
 *
 * <ul>
 *   <li>{@code --step <id>}: runs one step (a GitHub job's step); a deploy writes {@code version}
 *       and {@code previous} to {@code $GITHUB_OUTPUT} for the rollback job;</li>
 *   <li>{@code --rollback <id> --from <version> --to <version>}: rolls one deploy back;</li>
 *   <li>otherwise a full local run; {@code --approve <gate>} (repeatable) approves gates up front.</li>
 * </ul>
 *
 * <p>The branch comes from {@code GITHUB_REF_NAME} when set, the environment from
 * {@code RUNWAY_ENVIRONMENT} (default {@code production}). Exit codes: 0 success, 1 failed, 2 usage.
 *
 * <pre>{@code
 * ///usr/bin/env jbang "$0" "$@" ; exit $?
 * //DEPS dev.runway:runway-core:0.1.0
 * public static void main(String... args) { System.exit(PipelineScript.run(pipeline(), args)); }
 * }</pre>
 */
public final class PipelineScript {
  private PipelineScript() {}

  public static int run(Pipeline pipeline, String... args) {
    return run(pipeline, System.out, System.getenv("GITHUB_OUTPUT"), args);
  }

  static int run(Pipeline pipeline, PrintStream out, String githubOutput, String... args) {
    String step = null, rollback = null, from = null, to = null;
    List<String> approvals = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      boolean hasValue = i + 1 < args.length;
      switch (a) {
        case "--step" -> { if (!hasValue) return usage(out, a); step = args[++i]; }
        case "--rollback" -> { if (!hasValue) return usage(out, a); rollback = args[++i]; }
        case "--from" -> { if (!hasValue) return usage(out, a); from = args[++i]; }
        case "--to" -> { if (!hasValue) return usage(out, a); to = args[++i]; }
        case "--approve" -> { if (!hasValue) return usage(out, a); approvals.add(args[++i]); }
        default -> { return usage(out, a); }
      }
    }
    LocalExecutor.Builder b = LocalExecutor.builder().progress(out, System.console() != null)
        .branch(Optional.ofNullable(System.getenv("GITHUB_REF_NAME")).orElse("main"))
        .environment(Optional.ofNullable(System.getenv("RUNWAY_ENVIRONMENT")).orElse("production"))
        .approver(Approver.upFront(approvals).orElse(System.console() != null
            ? Approver.terminal(new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8)), out)
            : Approver.refuseAll()));
    try {
      if (rollback != null) {
        if (from == null || to == null || to.isEmpty()) {
          out.println("pipeline " + pipeline.name() + ": --rollback " + rollback + ": needs --from <version> and --to <version>");
          return 2;
        }
        PipelineRun.RollbackResult r = b.build().rollback(pipeline, rollback, from, to);
        out.println(r.succeeded() ? "rolled back " + r.step() + " (" + r.target() + ") from " + r.from() + " to " + r.to()
            : "ROLLBACK FAILED for " + r.step() + " (" + r.target() + "): " + r.message());
        return r.succeeded() ? 0 : 1;
      }
      PipelineRun run = step != null ? b.build().runStep(pipeline, step) : b.build().run(pipeline);
      if (step != null && githubOutput != null && !githubOutput.isEmpty()) {
        Step s = pipeline.step(step);
        if (s.kind() == Step.Kind.DEPLOY) writeOutputs(Path.of(githubOutput), run, s);
      }
      out.print(run.toText());
      return run.exitCode();
    } catch (RunwayException e) {
      out.println(e.getMessage());
      return e instanceof RunwayException.UnknownName ? 2 : 1;
    }
  }

  private static void writeOutputs(Path file, PipelineRun run, Step s) {
    PipelineRun.StepResult r = run.step(s.id());
    String previous = r.previous();
    try {
      Files.writeString(file, "version=" + r.version() + "\nprevious=" + previous + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new RunwayException.IoFailed(file + ": cannot append the step outputs (" + e.getClass().getSimpleName()
          + "); is GITHUB_OUTPUT writable?", dev.runway.base.Origin.file(file), e);
    }
  }

  private static int usage(PrintStream out, String arg) {
    out.println("pipeline: unknown or incomplete argument '" + arg
        + "'; use --step <id>, --rollback <id> --from <v> --to <v>, or --approve <gate>");
    return 2;
  }
}

package dev.runway.pipeline;

import tools.jackson.databind.json.JsonMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The record of one run: every step's status, timings, attempts and output tail (secrets masked),
 * what was rolled back and to which version, and warnings (a notification that could not be
 * sent). Immutable; made by executors. {@link #toJson()} is the run record written under
 * {@code .runway/runs/}.
 *
 * @param pipeline the pipeline's name
 * @param runId the run's id
 * @param succeeded whether every step passed (or was skipped) and nothing needed rolling back
 * @param branch the branch the run was for
 * @param environment the environment it targeted
 * @param startedAt when it started
 * @param finishedAt when it finished
 * @param steps every step in declaration order, stages first, then onFailure and always steps
 * @param rollbacks every rollback attempted, in the order they ran
 * @param warnings problems that did not change the outcome
 * @param link where the run record is ({@code file:} URI or the executor's link); empty when none
 */
public record PipelineRun(String pipeline, String runId, boolean succeeded, String branch, String environment,
    Instant startedAt, Instant finishedAt, List<StepResult> steps, List<RollbackResult> rollbacks,
    List<String> warnings, String link) {

  public PipelineRun {
    steps = List.copyOf(steps);
    rollbacks = List.copyOf(rollbacks);
    warnings = List.copyOf(warnings);
  }

  /**
   * One step's outcome.
   *
   * @param stage the stage, or {@code onFailure} / {@code always}
   * @param step the step id
   * @param kind the step kind
   * @param status how it ended
   * @param attempts attempts made (0 when it never ran)
   * @param start offset from the run's start (zero when it never ran)
   * @param duration time spent, retries and backoff included
   * @param message why it failed, was skipped or cancelled; empty when it succeeded silently
   * @param output the last lines of its output, secrets masked
   * @param version for a deploy, the version it made live; else empty
   * @param previous for a deploy, the version live before it (what a rollback returns to); else empty
   */
  public record StepResult(String stage, String step, Step.Kind kind, StepStatus status, int attempts,
      Duration start, Duration duration, String message, List<String> output, String version, String previous) {
    public StepResult {
      output = List.copyOf(output);
    }
  }

  /**
   * One rollback.
   *
   * @param step the deploy step rolled back
   * @param target the deploy target's name
   * @param from the version the run had deployed
   * @param to the version made live again (empty when there was none)
   * @param succeeded whether it worked
   * @param message why it failed; empty when it worked
   */
  public record RollbackResult(String step, String target, String from, String to, boolean succeeded, String message) {}

  /** 0 when the run succeeded, 1 when it failed (rolled back or not). */
  public int exitCode() {
    return succeeded ? 0 : 1;
  }

  public boolean rolledBack() {
    return !rollbacks.isEmpty() && rollbacks.stream().allMatch(RollbackResult::succeeded);
  }

  public boolean rollbackFailed() {
    return rollbacks.stream().anyMatch(r -> !r.succeeded());
  }

  /** Whether this run deployed anything (what deployment metrics count). */
  public boolean deployed() {
    return steps.stream().anyMatch(s -> s.kind() == Step.Kind.DEPLOY && !s.version().isEmpty());
  }

  public StepResult step(String id) {
    return steps.stream().filter(s -> s.step().equals(id)).findFirst()
        .orElseThrow(() -> new dev.runway.base.RunwayException.UnknownName("run " + runId + ": no step named '" + id + "' (known: "
            + String.join(", ", steps.stream().map(StepResult::step).toList()) + ")"));
  }

  /** The first failing step's reason, or empty. */
  public String failure() {
    return steps.stream().filter(s -> s.status().isFailure()).findFirst()
        .map(s -> s.step() + ": " + s.message()).orElse("");
  }

  /** A summary for people: outcome, failures, rollbacks (loud when one failed). */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    if (succeeded) {
      sb.append("pipeline ").append(pipeline).append(" succeeded in ").append(secs(Duration.between(startedAt, finishedAt)));
    } else {
      sb.append("pipeline ").append(pipeline).append(" FAILED");
      String f = failure();
      if (!f.isEmpty()) sb.append(": ").append(f);
    }
    sb.append('\n');
    for (RollbackResult r : rollbacks) {
      if (r.succeeded()) {
        sb.append("  rolled back ").append(r.step()).append(" (").append(r.target()).append(") from ")
            .append(r.from()).append(" to ").append(r.to()).append('\n');
      } else {
        sb.append("  ROLLBACK FAILED for ").append(r.step()).append(" (").append(r.target()).append("): ")
            .append(r.message()).append("; ").append(r.from()).append(" is still live, roll it back by hand").append('\n');
      }
    }
    if (!succeeded && rollbacks.isEmpty() && deployed()) sb.append("  nothing was rolled back\n");
    for (String w : warnings) sb.append("  warning: ").append(w).append('\n');
    if (!link.isEmpty()) sb.append("  run record: ").append(link).append('\n');
    return sb.toString();
  }

  private static String secs(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  /** The run record as JSON. */
  public String toJson() {
    ObjectNode root = JsonMapper.shared().createObjectNode();
    root.put("pipeline", pipeline);
    root.put("runId", runId);
    root.put("status", succeeded ? "succeeded" : "failed");
    root.put("branch", branch);
    root.put("environment", environment);
    root.put("startedAt", startedAt.toString());
    root.put("finishedAt", finishedAt.toString());
    root.put("durationMs", Duration.between(startedAt, finishedAt).toMillis());
    ArrayNode s = root.putArray("steps");
    for (StepResult r : steps) {
      ObjectNode n = s.addObject();
      n.put("stage", r.stage());
      n.put("step", r.step());
      n.put("kind", r.kind().name().toLowerCase(Locale.ROOT));
      n.put("status", r.status().name().toLowerCase(Locale.ROOT));
      n.put("attempts", r.attempts());
      n.put("startMs", r.start().toMillis());
      n.put("durationMs", r.duration().toMillis());
      if (!r.message().isEmpty()) n.put("message", r.message());
      if (!r.version().isEmpty()) n.put("version", r.version());
      if (!r.previous().isEmpty()) n.put("previous", r.previous());
      ArrayNode out = n.putArray("output");
      r.output().forEach(out::add);
    }
    ArrayNode rb = root.putArray("rollbacks");
    for (RollbackResult r : rollbacks) {
      ObjectNode n = rb.addObject();
      n.put("step", r.step());
      n.put("target", r.target());
      n.put("from", r.from());
      n.put("to", r.to());
      n.put("status", r.succeeded() ? "succeeded" : "failed");
      if (!r.message().isEmpty()) n.put("message", r.message());
    }
    ArrayNode w = root.putArray("warnings");
    warnings.forEach(w::add);
    if (!link.isEmpty()) root.put("link", link);
    return JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }
}

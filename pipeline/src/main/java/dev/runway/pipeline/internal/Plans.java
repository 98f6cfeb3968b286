package dev.runway.pipeline.internal;

import dev.runway.pipeline.Pipeline;
import dev.runway.pipeline.Stage;
import dev.runway.pipeline.Step;
import dev.runway.pipeline.Trigger;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The text form of a pipeline's graph ({@code runway pipeline plan}). */
public final class Plans {
  private Plans() {}

  public static String text(Pipeline p) {
    StringBuilder sb = new StringBuilder();
    sb.append("pipeline ").append(p.name()).append('\n');
    if (!p.triggers().isEmpty()) {
      sb.append("  on: ").append(String.join("; ", p.triggers().stream().map(Trigger::toString).toList())).append('\n');
    }
    p.concurrency().ifPresent(c -> sb.append("  concurrency: ").append(c).append('\n'));
    int n = 1;
    for (Stage stage : p.stages()) {
      sb.append("  ").append(n++).append(". ").append(stage.name()).append('\n');
      for (List<Step> group : stage.groups()) {
        boolean parallel = group.size() > 1;
        if (parallel) sb.append("     parallel:\n");
        for (Step s : group) sb.append(parallel ? "       - " : "     - ").append(line(s)).append('\n');
      }
    }
    if (p.rollback()) sb.append("  on failure after a deploy: roll back this run's deploys in reverse order\n");
    for (Step s : p.onFailure()) sb.append("  on failure: ").append(line(s)).append('\n');
    for (Step s : p.always()) sb.append("  always: ").append(line(s)).append('\n');
    return sb.toString();
  }

  static String line(Step s) {
    StringBuilder sb = new StringBuilder();
    sb.append(s.id()).append(" [").append(s.kind().name().toLowerCase(Locale.ROOT)).append("] ").append(s.description());
    if (s.kind() != Step.Kind.APPROVAL) sb.append(" (timeout ").append(human(s.timeout()));
    else sb.append(" (");
    if (s.retries() > 0) sb.append(", retries ").append(s.retries());
    if (!s.condition().isAlways()) sb.append(", when ").append(s.condition());
    if (!s.secrets().isEmpty()) sb.append(", secrets ").append(String.join(", ", s.secrets()));
    sb.append(')');
    return sb.toString().replace(" ()", "");
  }

  public static String human(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) return ms + " ms";
    long s = d.getSeconds();
    if (s % 3600 == 0) return s / 3600 + " h";
    if (s % 60 == 0) return s / 60 + " min";
    if (s >= 60) return s / 60 + " min " + s % 60 + " s";
    return s + " s";
  }
}

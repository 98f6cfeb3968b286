package dev.runway.pipeline;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What starts a pipeline: a push to branches, a pull request against branches, a manual start, or
 * a schedule (a cron expression in UTC, five fields). Immutable and thread-safe.
 *
 * <pre>{@code
 * Pipeline.named("production-deploy").on(Trigger.push("main"), Trigger.manual());
 * }</pre>
 */
public final class Trigger {
  /** The kinds of trigger. */
  public enum Kind { PUSH, PULL_REQUEST, MANUAL, SCHEDULE }

  private final Kind kind;
  private final List<String> branches;
  private final @Nullable String cron;

  private Trigger(Kind kind, List<String> branches, @Nullable String cron) {
    this.kind = kind;
    this.branches = List.copyOf(branches);
    this.cron = cron;
  }

  /** A push to one of {@code branches} (every branch when none is given). */
  public static Trigger push(String... branches) {
    return new Trigger(Kind.PUSH, List.of(branches), null);
  }

  /** A pull request whose base is one of {@code branches} (every branch when none is given). */
  public static Trigger pullRequest(String... branches) {
    return new Trigger(Kind.PULL_REQUEST, List.of(branches), null);
  }

  /** A start by hand: {@code runway pipeline run}, or "Run workflow" on GitHub. */
  public static Trigger manual() {
    return new Trigger(Kind.MANUAL, List.of(), null);
  }

  /** A schedule, as a five-field cron expression in UTC ({@code "0 6 * * 1"}). */
  public static Trigger schedule(String cron) {
    Objects.requireNonNull(cron, "cron");
    if (cron.trim().split("\\s+").length != 5) {
      throw new IllegalArgumentException(
          "pipeline: trigger: cron '" + cron + "' must have five fields; write e.g. \"0 6 * * 1\"");
    }
    return new Trigger(Kind.SCHEDULE, List.of(), cron.trim());
  }

  public Kind kind() {
    return kind;
  }

  public List<String> branches() {
    return branches;
  }

  public Optional<String> cron() {
    return Optional.ofNullable(cron);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case PUSH -> "push" + (branches.isEmpty() ? "" : " to " + String.join(", ", branches));
      case PULL_REQUEST -> "pull request" + (branches.isEmpty() ? "" : " to " + String.join(", ", branches));
      case MANUAL -> "manual";
      case SCHEDULE -> "schedule " + cron;
    };
  }
}

package dev.runway.sync;

import tools.jackson.databind.json.JsonMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@link Sync#apply} did: the changes applied (in order), those not applied because a write
 * failed, those skipped on purpose (removals without prune), the failure, and the snapshot (and its
 * backup file) to restore. Immutable; no rendering shows a value.
 */
public final class SyncResult {
  private final SyncPlan plan;
  private final EnvSnapshot snapshot;
  private final @Nullable Path backup;
  private final List<SyncChange> applied;
  private final List<SyncChange> notApplied;
  private final List<SyncChange> skipped;
  private final @Nullable String failure;
  private final @Nullable String restoreCommand;

  SyncResult(SyncPlan plan, EnvSnapshot snapshot, @Nullable Path backup, List<SyncChange> applied,
      List<SyncChange> notApplied, List<SyncChange> skipped, @Nullable String failure) {
    this(plan, snapshot, backup, applied, notApplied, skipped, failure, null);
  }

  private SyncResult(SyncPlan plan, EnvSnapshot snapshot, @Nullable Path backup, List<SyncChange> applied,
      List<SyncChange> notApplied, List<SyncChange> skipped, @Nullable String failure, @Nullable String restoreCommand) {
    this.plan = plan;
    this.snapshot = snapshot;
    this.backup = backup;
    this.applied = List.copyOf(applied);
    this.notApplied = List.copyOf(notApplied);
    this.skipped = List.copyOf(skipped);
    this.failure = failure;
    this.restoreCommand = restoreCommand;
  }

  /**
   * A copy whose {@link #toText()} names {@code command} as the way to put the target back after a
   * failure: the exact command line of the tool that ran the sync ({@code runway sync restore --env
   * production --to .env.production <backup>}).
   */
  public SyncResult withRestoreCommand(String command) {
    return new SyncResult(plan, snapshot, backup, applied, notApplied, skipped, failure,
        java.util.Objects.requireNonNull(command, "command"));
  }

  public SyncPlan plan() {
    return plan;
  }

  /** The target as it was before the first write. */
  public EnvSnapshot snapshot() {
    return snapshot;
  }

  /** The encrypted backup of {@link #snapshot()}, when backups were asked for. */
  public Optional<Path> backup() {
    return Optional.ofNullable(backup);
  }

  public List<SyncChange> applied() {
    return applied;
  }

  /** Changes not made because an earlier write failed; the first is the one that failed. */
  public List<SyncChange> notApplied() {
    return notApplied;
  }

  /** Removals left alone: prune was off, or the variable is write-only and could not be restored. */
  public List<SyncChange> skipped() {
    return skipped;
  }

  /** Why the apply stopped, when it did. */
  public Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  /** True when every planned change was made. */
  public boolean isComplete() {
    return failure == null;
  }

  /**
   * For people: a summary, then the applied and the not-applied names, and how to restore: after a
   * failure, the {@link #withRestoreCommand command} when one was given, else the Java calls; after a
   * complete apply that changed something, the command that undoes it, when one was given.
   */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append(plan.source()).append(" -> ").append(plan.target()).append(": ")
        .append(isComplete() ? "applied " : "STOPPED after ").append(applied.size())
        .append(applied.size() == 1 ? " change" : " changes");
    if (!skipped.isEmpty()) sb.append(", ").append(skipped.size()).append(" removal(s) skipped (no --prune, or write-only)");
    for (SyncChange c : applied) sb.append("\n  applied     ").append(verb(c)).append(' ').append(c.name());
    if (failure != null) {
      sb.append("\n  failed: ").append(failure);
      for (SyncChange c : notApplied) sb.append("\n  not applied ").append(verb(c)).append(' ').append(c.name());
    }
    if (backup != null) {
      sb.append("\n  backup: ").append(backup);
      if (failure != null) {
        sb.append("\n  to put the target back: ").append(restoreCommand != null ? restoreCommand
            : "Sync.restore(Sync.readBackup(Path.of(\"" + backup + "\"), key), target)");
      } else if (restoreCommand != null && !applied.isEmpty()) {
        sb.append("\n  to undo it: ").append(restoreCommand);
      }
    }
    return sb.toString();
  }

  private static String verb(SyncChange c) {
    return switch (c.kind()) {
      case ADD -> "add";
      case CHANGE -> "change";
      case REMOVE -> "remove";
      case UNCHANGED -> "keep";
    };
  }

  /** The same as JSON, for CI. */
  public String toJson() {
    ObjectNode node = JsonMapper.shared().createObjectNode();
    node.put("source", plan.source());
    node.put("target", plan.target());
    node.put("complete", isComplete());
    if (failure != null) node.put("failure", failure);
    if (backup != null) node.put("backup", backup.toString());
    if (backup != null && restoreCommand != null) node.put("restore", restoreCommand);
    ArrayNode a = node.putArray("applied");
    applied.forEach(c -> a.add(c.name()));
    ArrayNode n = node.putArray("notApplied");
    notApplied.forEach(c -> n.add(c.name()));
    ArrayNode s = node.putArray("skipped");
    skipped.forEach(c -> s.add(c.name()));
    return JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(node);
  }

  @Override
  public String toString() {
    return toText();
  }
}

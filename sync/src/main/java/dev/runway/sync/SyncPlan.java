package dev.runway.sync;

import tools.jackson.databind.json.JsonMapper;
import dev.runway.security.Fingerprints;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What syncing a source into a target would do, variable by variable: add, change, remove (with
 * prune) or leave alone. Made by {@link Sync#plan}, carried out by {@link Sync#apply}.
 *
 * <p>Every rendering shows names and fingerprints, never a value; the plan holds the source's
 * values privately so that it can be applied. Drift is named in words: {@code render:api has
 * OPENAI_API_KEY different from .env.production}. Immutable and thread-safe.
 */
public final class SyncPlan {
  private final String source;
  private final String target;
  private final List<SyncChange> changes;
  private final Map<String, String> desired; // the source's values of ADD and CHANGE
  private final Map<String, String> before; // full salted HMACs of the target's planned values
  private final Fingerprints fingerprints;

  SyncPlan(String source, String target, List<SyncChange> changes, Map<String, String> desired,
      Map<String, String> before, Fingerprints fingerprints) {
    this.source = source;
    this.target = target;
    this.changes = List.copyOf(changes);
    this.desired = Collections.unmodifiableMap(desired);
    this.before = Collections.unmodifiableMap(before);
    this.fingerprints = fingerprints;
  }

  /** The source's name: {@code .env.production}. */
  public String source() {
    return source;
  }

  /** The target's name: {@code render:api}. */
  public String target() {
    return target;
  }

  /** Every planned variable, sorted by name, the unchanged ones included. */
  public List<SyncChange> changes() {
    return changes;
  }

  /** The changes of one kind. */
  public List<SyncChange> changes(SyncChange.Kind kind) {
    return changes.stream().filter(c -> c.kind() == kind).toList();
  }

  /** The planned variable names. */
  public Set<String> keys() {
    return before.keySet();
  }

  /** Whether the plan would change anything (removals count only with prune). */
  public boolean hasChanges(boolean prune) {
    return changes.stream().anyMatch(c -> c.kind() == SyncChange.Kind.ADD || c.kind() == SyncChange.Kind.CHANGE
        || (prune && c.kind() == SyncChange.Kind.REMOVE));
  }

  /** The drift in words, one line per difference: {@code render:api has X different from .env.production}. */
  public List<String> drift() {
    return changes.stream().filter(c -> c.kind() != SyncChange.Kind.UNCHANGED).map(this::drift).toList();
  }

  private String drift(SyncChange c) {
    return switch (c.kind()) {
      case ADD -> target + " lacks " + c.name() + ", which " + source + " has";
      case CHANGE -> target + " has " + c.name() + " different from " + source;
      case REMOVE -> target + " has " + c.name() + ", which " + source + " lacks";
      case UNCHANGED -> target + " has " + c.name() + " equal to " + source;
    };
  }

  /**
   * The plan for people:
   *
   * <pre>
   * .env.production -> render:api: 1 to add, 1 to change, 1 to remove (with --prune), 2 unchanged
   *   + SENTRY_DSN (fp:1a2b3c4d)
   *   ~ OPENAI_API_KEY (fp:0f0f0f0f -> fp:9a9a9a9a)
   *   - OLD_FLAG (fp:77777777)
   *   render:api has OPENAI_API_KEY different from .env.production
   * </pre>
   */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append(source).append(" -> ").append(target).append(": ")
        .append(changes(SyncChange.Kind.ADD).size()).append(" to add, ")
        .append(changes(SyncChange.Kind.CHANGE).size()).append(" to change, ")
        .append(changes(SyncChange.Kind.REMOVE).size()).append(" to remove (with --prune), ")
        .append(changes(SyncChange.Kind.UNCHANGED).size()).append(" unchanged");
    for (SyncChange c : changes) {
      switch (c.kind()) {
        case ADD -> sb.append("\n  + ").append(c.name()).append(" (").append(c.source().orElse("")).append(')');
        case CHANGE -> sb.append("\n  ~ ").append(c.name()).append(" (").append(c.target().orElse(""))
            .append(" -> ").append(c.source().orElse("")).append(')');
        case REMOVE -> sb.append("\n  - ").append(c.name()).append(" (").append(c.target().orElse("")).append(')')
            .append(c.target().filter(Sync.WRITE_ONLY::equals).isPresent() ? " never pruned: it cannot be backed up" : "");
        case UNCHANGED -> { }
      }
    }
    for (SyncChange c : changes) {
      if (c.kind() == SyncChange.Kind.CHANGE && c.target().filter(Sync.WRITE_ONLY::equals).isPresent()) {
        sb.append("\n  ").append(target).append(" cannot show ").append(c.name())
            .append(" (write-only): it is overwritten, and a restore cannot bring its old value back");
      } else if (c.kind() == SyncChange.Kind.CHANGE) {
        sb.append("\n  ").append(drift(c));
      }
    }
    return sb.toString();
  }

  /** The plan as JSON, for CI: source, target, counts and every change with fingerprints. */
  public String toJson() {
    return JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(toJsonNode());
  }

  ObjectNode toJsonNode() {
    ObjectNode node = JsonMapper.shared().createObjectNode();
    node.put("source", source);
    node.put("target", target);
    for (SyncChange.Kind k : SyncChange.Kind.values()) {
      node.put(k.name().toLowerCase(java.util.Locale.ROOT), changes(k).size());
    }
    ArrayNode array = node.putArray("changes");
    for (SyncChange c : changes) {
      ObjectNode o = array.addObject();
      o.put("name", c.name());
      o.put("kind", c.kind().name().toLowerCase(java.util.Locale.ROOT));
      c.target().ifPresent(f -> o.put("target", f));
      c.source().ifPresent(f -> o.put("source", f));
    }
    ArrayNode drift = node.putArray("drift");
    drift().forEach(drift::add);
    return node;
  }

  Map<String, String> desired() {
    return desired;
  }

  Map<String, String> before() {
    return before;
  }

  Fingerprints fingerprints() {
    return fingerprints;
  }

  @Override
  public boolean equals(Object o) {
    return o == this;
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, target, changes.size());
  }

  @Override
  public String toString() {
    return toText();
  }
}

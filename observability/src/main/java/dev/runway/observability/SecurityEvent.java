package dev.runway.observability;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Something that matters afterwards: who did what to what, when, and how it ended. Never holds a
 * secret: name variables, never their values (the log masks them anyway). Immutable and thread-safe.
 *
 * <pre>{@code
 * SecurityEvent.of(SecurityEvent.Type.KEY_ROTATED, "alice", "OPENAI_API_KEY").detail("service", "api");
 * }</pre>
 *
 * @see SecurityLog
 */
public final class SecurityEvent {
  /** The kinds of event Runway records; {@link #action()} names each in the log. */
  public enum Type {
    TOKEN_REJECTED("token.rejected", Outcome.DENIED),
    ENV_SYNC_APPLIED("env.sync.applied", Outcome.SUCCESS),
    ENV_RESTORED("env.restored", Outcome.SUCCESS),
    KEY_ROTATED("key.rotated", Outcome.SUCCESS),
    APPROVAL_GIVEN("approval.given", Outcome.SUCCESS),
    APPROVAL_REFUSED("approval.refused", Outcome.DENIED),
    ROLLBACK("deploy.rollback", Outcome.SUCCESS);

    private final String action;
    private final Outcome outcome;

    Type(String action, Outcome outcome) {
      this.action = action;
      this.outcome = outcome;
    }

    public String action() {
      return action;
    }

    Outcome defaultOutcome() {
      return outcome;
    }
  }

  /** How it ended. */
  public enum Outcome { SUCCESS, DENIED, FAILURE }

  private final Type type;
  private final String actor;
  private final String subject;
  private final Outcome outcome;
  private final Instant at;
  private final Map<String, String> details;

  private SecurityEvent(Type type, String actor, String subject, Outcome outcome, Instant at,
      Map<String, String> details) {
    this.type = Objects.requireNonNull(type, "type");
    this.actor = Objects.requireNonNull(actor, "actor");
    this.subject = Objects.requireNonNull(subject, "subject");
    this.outcome = Objects.requireNonNull(outcome, "outcome");
    this.at = Objects.requireNonNull(at, "at");
    this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /**
   * @param actor who: a user, a CI job, a remote address for an anonymous request
   * @param subject what: an endpoint, a variable name, a service, a pipeline
   */
  public static SecurityEvent of(Type type, String actor, String subject) {
    return new SecurityEvent(type, actor, subject, type.defaultOutcome(), Instant.now(), Map.of());
  }

  public SecurityEvent withOutcome(Outcome value) {
    return new SecurityEvent(type, actor, subject, value, at, details);
  }

  public SecurityEvent withAt(Instant value) {
    return new SecurityEvent(type, actor, subject, outcome, value, details);
  }

  /** One more detail (a count, a backup name, a target); never a secret value. */
  public SecurityEvent detail(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(details);
    copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return new SecurityEvent(type, actor, subject, outcome, at, copy);
  }

  public Type type() {
    return type;
  }

  public String actor() {
    return actor;
  }

  public String subject() {
    return subject;
  }

  public Outcome outcome() {
    return outcome;
  }

  public Instant at() {
    return at;
  }

  public Map<String, String> details() {
    return details;
  }

  /** {@code key.rotated by alice on OPENAI_API_KEY: SUCCESS}. */
  @Override
  public String toString() {
    return type.action() + " by " + actor + " on " + subject + ": " + outcome;
  }
}

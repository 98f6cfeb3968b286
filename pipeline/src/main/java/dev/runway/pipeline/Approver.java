package dev.runway.pipeline;

import java.io.BufferedReader;
import java.io.PrintStream;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;

/**
 * Decides approval gates in a local run: approvals given up front ({@code --approve production}), a
 * prompt on a terminal, or refusal when nobody can be asked. The executor bounds every decision by
 * the gate's {@link Approval#within()}: no answer in time counts as refused.
 *
 * <pre>{@code
 * Approver.upFront(Set.of("production")).orElse(Approver.refuseAll());
 * }</pre>
 */
@FunctionalInterface
public interface Approver {
  /** The answer to one gate. */
  enum Verdict { APPROVED, REFUSED, ABSTAINED }

  /** A verdict, who gave it and why. */
  record Decision(Verdict verdict, String by, String reason) {}

  /** Decides; may block (interruptibly) until someone answers. */
  Decision decide(Approval gate) throws InterruptedException;

  /** Asks {@code next} when this approver abstains. */
  default Approver orElse(Approver next) {
    return gate -> {
      Decision d = decide(gate);
      return d.verdict() == Verdict.ABSTAINED ? next.decide(gate) : d;
    };
  }

  /** Approves the gates named, abstains on the others. */
  static Approver upFront(Collection<String> gates) {
    Set<String> approved = Set.copyOf(gates);
    return gate -> approved.contains(gate.name())
        ? new Decision(Verdict.APPROVED, "--approve " + gate.name(), "approved up front")
        : new Decision(Verdict.ABSTAINED, "", "");
  }

  /** Refuses every gate: what a non-interactive run without {@code --approve} does. */
  static Approver refuseAll() {
    return gate -> new Decision(Verdict.REFUSED, "non-interactive run",
        "not approved up front and no terminal to ask; pass --approve " + gate.name());
  }

  /**
   * Asks on a terminal: {@code Approve gate 'production' (approvers: ops)? [y/N]}. Reads without
   * blocking uninterruptibly, so the gate's time limit applies.
   */
  static Approver terminal(BufferedReader in, PrintStream out) {
    return gate -> {
      synchronized (Approver.class) {
        out.print("Approve gate '" + gate.name() + "'"
            + (gate.approvers().isEmpty() ? "" : " (approvers: " + String.join(", ", gate.approvers()) + ")")
            + "? [y/N] ");
        out.flush();
        try {
          while (!in.ready()) Thread.sleep(50); // polling keeps the wait interruptible
          String line = in.readLine();
          String answer = line == null ? "" : line.trim().toLowerCase(Locale.ROOT);
          String user = System.getProperty("user.name", "terminal");
          return answer.equals("y") || answer.equals("yes")
              ? new Decision(Verdict.APPROVED, user, "approved on the terminal")
              : new Decision(Verdict.REFUSED, user, "refused on the terminal");
        } catch (java.io.IOException e) {
          return new Decision(Verdict.REFUSED, "terminal", "terminal closed");
        }
      }
    };
  }
}

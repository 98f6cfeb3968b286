package dev.runway.security;

import dev.runway.base.Problem;
import dev.runway.base.Problems;
import dev.runway.env.Environment;
import tools.jackson.databind.json.JsonMapper;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an {@link Audit} found: every finding as a {@link Problem}, sorted by origin. Errors fail
 * CI ({@code runway audit} exits 1), warnings do not. Immutable; no rendering shows a value.
 */
public final class AuditReport {
  private final List<Environment> environments;
  private final Problems problems;

  AuditReport(List<Environment> environments, Problems problems) {
    this.environments = List.copyOf(environments);
    this.problems = problems;
  }

  /** The environments audited. */
  public List<Environment> environments() {
    return environments;
  }

  public Problems problems() {
    return problems;
  }

  public boolean hasErrors() {
    return problems.hasErrors();
  }

  /** True when nothing at all was found. */
  public boolean isClean() {
    return problems.isEmpty();
  }

  /**
   * For people: {@code audit of production, development: 2 errors, 1 warning}, then one line per
   * finding ({@code error LEAK .env.production:4: NEXT_PUBLIC_X: ...; fix}).
   */
  public String toText() {
    int errors = problems.errors().size();
    int warnings = problems.warnings().size();
    StringBuilder sb = new StringBuilder("audit of ")
        .append(String.join(", ", environments.stream().map(Environment::name).toList())).append(": ")
        .append(errors == 0 && warnings == 0 ? "clean" : errors + (errors == 1 ? " error, " : " errors, ")
            + warnings + (warnings == 1 ? " warning" : " warnings"));
    for (String line : problems.toText().split("\n")) {
      if (!line.isEmpty()) sb.append("\n  ").append(line);
    }
    return sb.toString();
  }

  /** For CI: {@code {"environments": [...], "errors": n, "warnings": n, "problems": [...]}}. */
  public String toJson() {
    ObjectNode node = JsonMapper.shared().createObjectNode();
    ArrayNode envs = node.putArray("environments");
    environments.forEach(e -> envs.add(e.name()));
    node.put("errors", problems.errors().size());
    node.put("warnings", problems.warnings().size());
    node.set("problems", JsonMapper.shared().readTree(problems.toJson()));
    return JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(node);
  }

  @Override
  public String toString() {
    return toText();
  }
}

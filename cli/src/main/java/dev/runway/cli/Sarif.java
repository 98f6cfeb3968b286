package dev.runway.cli;

import dev.runway.base.Problem;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lint findings as SARIF 2.1.0, the format GitHub code scanning uploads
 * ({@code github/codeql-action/upload-sarif}): one run, a rule per problem code, a result per
 * finding with its file (relative, forward slashes) and line.
 */
final class Sarif {
  /** What each problem code means, for the rule list code scanning shows beside each alert. */
  private static final Map<String, String> RULES = new LinkedHashMap<>();

  static {
    RULES.put(Problem.MISSING, "A field or value the platform needs is missing");
    RULES.put(Problem.MALFORMED, "A value or file is not in the form the platform reads");
    RULES.put(Problem.OUT_OF_RANGE, "A value is outside what the platform accepts");
    RULES.put(Problem.NOT_ALLOWED, "A setting the platform or plan does not allow");
    RULES.put(Problem.UNKNOWN, "A name the platform does not know, or a reference to nothing");
    RULES.put(Problem.RULE, "A platform rule is broken");
    RULES.put(Problem.LEAK, "A secret value is committed or exposed");
    RULES.put(Problem.CONFLICT, "Two places disagree");
    RULES.put(Problem.INSECURE, "An insecure setting");
    RULES.put(Problem.DUPLICATE, "Something is declared twice");
  }

  private Sarif() {}

  static String of(List<LintCommand.Checked> results, Optional<String> version) {
    JsonMapper mapper = JsonMapper.shared();
    ObjectNode root = mapper.createObjectNode();
    root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "runway");
    version.ifPresent(v -> driver.put("semanticVersion", v));
    ArrayNode rules = driver.putArray("rules");
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    ArrayNode out = run.putArray("results");
    for (LintCommand.Checked r : results) {
      for (Problem p : r.problems().all()) {
        Integer index = ruleIndex.get(p.code());
        if (index == null) {
          index = ruleIndex.size();
          ruleIndex.put(p.code(), index);
          ObjectNode rule = rules.addObject();
          rule.put("id", p.code());
          rule.putObject("shortDescription").put("text", RULES.getOrDefault(p.code(), p.code()));
        }
        ObjectNode result = out.addObject();
        result.put("ruleId", p.code());
        result.put("ruleIndex", index);
        result.put("level", p.isError() ? "error" : "warning");
        result.putObject("message").put("text", message(p));
        ObjectNode location = result.putArray("locations").addObject().putObject("physicalLocation");
        Path file = p.origin().flatMap(o -> o.path()).orElse(r.file());
        ObjectNode artifact = location.putObject("artifactLocation").put("uri", uri(file));
        if (!artifact.get("uri").asString().startsWith("file:")) artifact.put("uriBaseId", "%SRCROOT%");
        int line = p.origin().filter(o -> o.path().isPresent()).map(o -> o.line()).orElse(0);
        if (line > 0) location.putObject("region").put("startLine", line);
      }
    }
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }

  /** The problem without its origin (the location says it): subject, what is wrong, expected, fix. */
  private static String message(Problem p) {
    StringBuilder sb = new StringBuilder(p.subject()).append(": ").append(p.message());
    p.expected().ifPresent(e -> sb.append(" (expected ").append(e).append(')'));
    p.fix().ifPresent(f -> sb.append("; ").append(f));
    return sb.toString();
  }

  /**
   * A path as code scanning wants it: relative to the checkout (the working folder), with forward
   * slashes; a file outside it as an absolute {@code file:} URI.
   */
  static String uri(Path file) {
    Path cwd = Path.of("").toAbsolutePath();
    Path absolute = file.toAbsolutePath().normalize();
    if (!absolute.startsWith(cwd)) return absolute.toUri().toString();
    String s = cwd.relativize(absolute).toString().replace('\\', '/');
    return s.isEmpty() ? "." : s;
  }
}

package dev.runway.cli;

import dev.runway.base.Problems;
import tools.jackson.databind.json.JsonMapper;
import java.io.PrintWriter;
import tools.jackson.databind.node.ObjectNode;

/** How subcommands print a list of problems, as text or JSON. */
final class Output {
  private Output() {}

  static void problems(PrintWriter out, ModelOptions.Format format, String subject, Problems problems) {
    if (format == ModelOptions.Format.json) {
      ObjectNode node = JsonMapper.shared().createObjectNode();
      node.put("subject", subject);
      node.put("valid", !problems.hasErrors());
      node.set("problems", JsonMapper.shared().readTree(problems.toJson()));
      out.println(JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(node));
    } else {
      int errors = problems.errors().size();
      int warnings = problems.warnings().size();
      out.println(subject + ": " + (errors == 0 ? "ok" : "problems found") + " (" + errors
          + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning)" : " warnings)"));
      for (String line : problems.toText().split("\n")) if (!line.isEmpty()) out.println("  " + line);
    }
    out.flush();
  }
}

package dev.runway.cli;

import dev.runway.App;
import dev.runway.env.EnvSources;
import dev.runway.env.Environment;
import dev.runway.env.Validation;
import tools.jackson.databind.json.JsonMapper;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.node.ArrayNode;

@Command(name = "validate", mixinStandardHelpOptions = true,
    header = "Validates an environment's variables against the model.",
    description = {"Validates an environment's variables against the model: every problem at once,",
        "each with its file:line and the fix. Exit 1 when there is an error (warnings pass)."})
final class ValidateCommand implements Callable<Integer> {
  @Mixin ModelOptions options;

  @Option(names = "--all", description = "Validate every environment the model declares.")
  boolean all;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    App app = options.app();
    EnvSources sources = options.sources();
    List<Validation> results = new ArrayList<>();
    for (Environment e : options.environments(app, all)) {
      Validation v = options.env() == null && !all ? app.validate(sources) : app.validate(e, sources);
      Inputs.requireReadable(v, sources);   // an env file that does not read is exit 2, not a finding
      results.add(v);
    }
    print(results, options.format(), spec.commandLine().getOut());
    return results.stream().allMatch(Validation::isValid) ? ExitCodes.OK : ExitCodes.PROBLEMS;
  }

  static void print(List<Validation> results, ModelOptions.Format format, PrintWriter out) {
    if (format == ModelOptions.Format.json) {
      ArrayNode array = JsonMapper.shared().createArrayNode();
      for (Validation v : results) array.add(JsonMapper.shared().readTree(v.toJson()));
      out.println(JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(array));
    } else {
      for (Validation v : results) out.println(v.toText());
    }
    out.flush();
  }
}

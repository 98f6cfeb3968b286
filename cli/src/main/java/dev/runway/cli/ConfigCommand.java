package dev.runway.cli;

import dev.runway.App;
import dev.runway.Service;
import dev.runway.base.Secret;
import dev.runway.env.Environment;
import dev.runway.env.KeyFormat;
import dev.runway.env.Rule;
import dev.runway.env.Var;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code runway config}: the model as Runway understood it, the way {@code docker compose config}
 * shows a resolved compose file. The JSON shape is documented in docs/cli.md and kept by a test.
 * No secret value is ever printed: a secret variable's default shows as {@link Secret#MASK}.
 */
@Command(name = "config", mixinStandardHelpOptions = true,
    header = "Prints the model as Runway resolved it, without secret values.",
    description = {"Prints the resolved model: services with their settings, environments, and every variable",
        "with its type, sensitivity, targets, requirement, defaults and format; no secret value."})
final class ConfigCommand implements Callable<Integer> {
  @Mixin ModelOptions options;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    App app = options.app();
    PrintWriter out = spec.commandLine().getOut();
    if (options.format() == ModelOptions.Format.json) {
      out.println(JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(model(app)));
    } else {
      out.print(text(app));
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** The JSON shape (docs/cli.md#runway-config): plain maps and lists, in the model's order. */
  static Map<String, Object> model(App app) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("app", app.name());
    m.put("environments", app.environments().stream().map(Environment::name).toList());
    List<Object> services = new ArrayList<>();
    for (Service s : app.services()) {
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("name", s.name());
      node.put("platform", s.platform());
      node.put("settings", s.settings());
      services.add(node);
    }
    m.put("services", services);
    List<Object> variables = new ArrayList<>();
    for (Var<?> v : app.schema().variables()) variables.add(variable(v, app.environments()));
    m.put("variables", variables);
    m.put("rules", app.schema().rules().stream().map(Rule::toString).toList());
    return m;
  }

  private static Map<String, Object> variable(Var<?> v, List<Environment> environments) {
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("name", v.name());
    node.put("type", v.typeName());
    node.put("sensitivity", v.sensitivity().name().toLowerCase(java.util.Locale.ROOT));
    node.put("targets", List.copyOf(v.targets()));
    node.put("required", required(v, environments));
    node.put("forbiddenIn", List.copyOf(v.forbiddenInNames()));
    Map<String, String> defaults = new LinkedHashMap<>();
    for (Environment e : environments) defaultText(v, e).ifPresent(d -> defaults.put(e.name(), d));
    node.put("defaults", defaults);
    node.put("format", v.format().map(KeyFormat::name).orElse(null));
    node.put("expected", v.expected());
    node.put("description", v.description().orElse(null));
    return node;
  }

  /** The environments the variable is required in, in the model's order. */
  private static List<String> required(Var<?> v, List<Environment> environments) {
    List<String> in = new ArrayList<>();
    for (Environment e : environments) if (v.isRequiredIn(e)) in.add(e.name());
    return in;
  }

  private static Optional<String> defaultText(Var<?> v, Environment e) {
    Optional<String> text = v.defaultTextIn(e);
    return v.isSecret() ? text.map(t -> Secret.MASK) : text;
  }

  private static String text(App app) {
    StringBuilder sb = new StringBuilder();
    List<Environment> envs = app.environments();
    sb.append("app ").append(app.name()).append('\n');
    sb.append("environments ").append(String.join(", ", envs.stream().map(Environment::name).toList())).append('\n');
    sb.append("services\n");
    for (Service s : app.services()) {
      sb.append("  ").append(s.name()).append(" (").append(s.platform()).append(')');
      s.settings().forEach((k, val) -> sb.append(' ').append(k).append('=').append(val));
      sb.append('\n');
    }
    sb.append("variables\n");
    for (Var<?> v : app.schema().variables()) {
      sb.append("  ").append(v.name()).append(": ").append(v.typeName()).append(", ")
          .append(v.sensitivity().name().toLowerCase(java.util.Locale.ROOT));
      if (!v.targets().isEmpty()) sb.append(", to ").append(String.join(", ", v.targets()));
      List<String> req = required(v, envs);
      sb.append(req.isEmpty() ? ", optional" : req.size() == envs.size() ? ", required" : ", required in " + String.join(", ", req));
      if (!v.forbiddenInNames().isEmpty()) sb.append(", forbidden in ").append(String.join(", ", v.forbiddenInNames()));
      v.format().ifPresent(f -> sb.append(", format ").append(f.name()));
      Map<String, String> defaults = new LinkedHashMap<>();
      for (Environment e : envs) defaultText(v, e).ifPresent(d -> defaults.put(e.name(), d));
      if (defaults.size() == envs.size() && defaults.values().stream().distinct().count() == 1) {
        sb.append(", default ").append(defaults.values().iterator().next());
      } else if (!defaults.isEmpty()) {
        sb.append(", default");
        defaults.forEach((e, d) -> sb.append(' ').append(e).append('=').append(d));
      }
      sb.append('\n');
    }
    if (!app.schema().rules().isEmpty()) {
      sb.append("rules\n");
      for (Rule r : app.schema().rules()) sb.append("  ").append(r).append('\n');
    }
    return sb.toString();
  }
}

package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * docs/cli.md's "Conventions every subcommand keeps" holds for every subcommand picocli knows,
 * found by walking the command tree from the root (a new subcommand is checked without being
 * listed here), and every option of every subcommand is in docs/cli.md.
 */
class ConventionsTest {
  private static final Path CLI_MD = Path.of("..", "docs", "cli.md").toAbsolutePath().normalize();

  /** The shared options, each with its documented parameter label and default. */
  private static final Map<String, String[]> SHARED = Map.of(
      "--config", new String[] {"<file>", "(default: ./runway.conf)"},
      "--env", new String[] {"<name>", "(default: detected from RUNWAY_ENV"},
      "--env-dir", new String[] {"<dir>", "(default: the config's folder)"},
      "--format", new String[] {"text|json", "(default: text)"});

  /**
   * Where a shared option means nothing, and why; docs/cli.md's table says the same. Group commands
   * (render, vercel, pipeline, ...) only list their subcommands and are checked for --help alone.
   */
  private static final Map<String, Map<String, String>> EXEMPT = Map.of(
      "init", all("drafts runway.conf from the folder --dir names: there is no model, environment or report yet"),
      "demo", all("runs on its own copy of the example app in --out; it reads nothing of the user's"),
      "lint", Map.of(
          "--env", "checks every .env file it finds under its paths, not one environment's",
          "--env-dir", "its paths say where the files are",
          "--format", "also sarif (text|json|sarif), for GitHub code scanning"),
      "supabase status", Map.of(
          "--config", "asks the Management API about the project --ref names; it reads no model",
          "--env", "the project --ref names has no environment in the model",
          "--env-dir", "it reads no .env file; the token comes from the process environment"),
      "pipeline plan", pipeline(true),
      "pipeline export", pipeline(true),
      "pipeline stats", pipeline(true),
      "pipeline step", pipeline(true),
      "pipeline run", pipeline(false));

  private static Map<String, String> all(String why) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String o : SHARED.keySet()) out.put(o, why);
    return out;
  }

  private static Map<String, String> pipeline(boolean noEnv) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("--env-dir", "no step of a pipeline reads .env files through the CLI");
    out.put("--format", "plan prints a graph and stats a report for people, export writes workflow YAML, run and"
        + " step stream progress and write a JSON run record");
    if (noEnv) {
      out.put("--env", "the graph, workflow and history are the same for every environment (stages name theirs);"
          + " step takes RUNWAY_ENVIRONMENT from the exported job");
    }
    return out;
  }

  static CommandLine root() {
    CommandLine cli = new CommandLine(new RunwayCommand());
    RunwayCommand.addSubcommands(cli, null);
    return cli;
  }

  /** Every command below the root, by its path without "runway " (e.g. "pipeline run"). */
  static Map<String, CommandSpec> commands() {
    Map<String, CommandSpec> out = new LinkedHashMap<>();
    walk(root(), out);
    return out;
  }

  private static void walk(CommandLine cl, Map<String, CommandSpec> into) {
    for (CommandLine sub : new LinkedHashMap<>(cl.getSubcommands()).values()) {
      String path = sub.getCommandSpec().qualifiedName(" ").replaceFirst("^runway ", "");
      if (into.containsKey(path)) continue;   // an alias
      into.put(path, sub.getCommandSpec());
      walk(sub, into);
    }
  }

  @Test
  void everySubcommandTakesTheSharedOptionsWithTheirDocumentedLabelsAndDefaults() {
    Map<String, CommandSpec> commands = commands();
    assertThat(commands).containsKeys("keygen", "encrypt", "decrypt", "rotate", "pipeline run", "supabase status",
        "demo", "monitor export", "keep-warm plan", "status-page");
    assertThat(EXEMPT.keySet()).as("exemptions name commands that exist").allMatch(commands::containsKey);
    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(root().getCommandSpec().findOption("--help")).as("runway --help").isNotNull();
    commands.forEach((path, spec) -> {
      softly.assertThat(spec.findOption("--help")).as(path + " --help").isNotNull();
      if (!spec.subcommands().isEmpty()) return;
      Map<String, String> exempt = EXEMPT.getOrDefault(path, Map.of());
      SHARED.forEach((name, expected) -> {
        if (exempt.containsKey(name)) return;
        OptionSpec o = spec.findOption(name);
        softly.assertThat(o).as(path + " " + name).isNotNull();
        if (o == null) return;
        softly.assertThat(o.paramLabel()).as(path + " " + name + " label").isEqualTo(expected[0]);
        softly.assertThat(String.join(" ", o.description())).as(path + " " + name + " default").contains(expected[1]);
      });
    });
    softly.assertAll();
  }

  @Test
  void theSharedOptionsAreDeclaredOnceAndMeanTheSameEverywhere() {
    // Copied option blocks drift: each shared option's text is the same in every command that has it.
    Map<String, Set<String>> descriptions = new LinkedHashMap<>();
    commands().forEach((path, spec) -> SHARED.keySet().forEach(name -> {
      OptionSpec o = spec.findOption(name);
      if (o != null && !EXEMPT.getOrDefault(path, Map.of()).containsKey(name)) {
        descriptions.computeIfAbsent(name, k -> new java.util.TreeSet<>()).add(String.join(" ", o.description()));
      }
    }));
    assertThat(descriptions).hasSize(4);
    descriptions.forEach((name, texts) -> assertThat(texts).as(name).hasSize(1));
  }

  @Test
  void theConventionsTableNamesEveryExemption() throws IOException {
    String doc = Files.readString(CLI_MD);
    String table = doc.substring(doc.indexOf("## Conventions every subcommand keeps"), doc.indexOf("## Commands"));
    EXEMPT.forEach((path, options) -> assertThat(table).as(path).contains("`" + path.split(" ")[0]));
    assertThat(table).doesNotContain("every subcommand keeps them all");
  }

  @Test
  void everyCommandsSummaryInTheHelpIsOneWholeSentence() {
    SoftAssertions softly = new SoftAssertions();
    List<CommandLine> groups = new ArrayList<>();
    groups.add(root());
    for (CommandLine sub : groups.get(0).getSubcommands().values()) if (!sub.getSubcommands().isEmpty()) groups.add(sub);
    for (CommandLine group : groups) {
      String help = group.getUsageMessage(CommandLine.Help.Ansi.OFF);
      Map<String, String> listed = summaries(help);
      for (CommandLine sub : group.getSubcommands().values()) {
        CommandSpec spec = sub.getCommandSpec();
        String path = spec.qualifiedName(" ");
        String[] header = spec.usageMessage().header();
        softly.assertThat(header).as(path + " header").hasSize(1);
        if (header.length != 1) continue;
        softly.assertThat(header[0]).as(path + " header").endsWith(".").doesNotContain("  ");
        // picocli wraps at spaces and sometimes inside a word ("render." / "yaml"): compare without the breaks.
        String summary = listed.getOrDefault(spec.name(), "");
        softly.assertThat(summary.replaceAll("\\s+", "")).as("the summary of " + path + " in "
            + group.getCommandName() + " --help: " + summary).isEqualTo(header[0].replaceAll("\\s+", ""));
      }
    }
    softly.assertAll();
  }

  /** The "Commands:" list of a help text: name → its summary with the wrapped lines joined. */
  private static Map<String, String> summaries(String help) {
    Map<String, String> out = new LinkedHashMap<>();
    String current = null;
    boolean in = false;
    for (String line : help.split("\n")) {
      if (line.equals("Commands:")) {
        in = true;
        continue;
      }
      if (!in) continue;
      if (line.isBlank()) break;
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("^  (\\S+)\\s+(.*)$").matcher(line);
      if (!line.startsWith("   ") && m.matches()) {
        current = m.group(1).replaceAll(",$", "");
        out.put(current, m.group(2).strip());
      } else if (current != null) {
        out.put(current, out.get(current) + " " + line.strip());
      }
    }
    return out;
  }
}

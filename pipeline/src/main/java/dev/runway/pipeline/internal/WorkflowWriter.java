package dev.runway.pipeline.internal;

import dev.runway.base.RunwayException;
import dev.runway.pipeline.ActionPins;
import dev.runway.pipeline.Condition;
import dev.runway.pipeline.Pipeline;
import dev.runway.pipeline.Stage;
import dev.runway.pipeline.Step;
import dev.runway.pipeline.Trigger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** Builds the workflow tree and writes it as readable YAML. */
public final class WorkflowWriter {
  static final int MAX_JOB_MINUTES = 360; // GitHub's limit for hosted runners
  static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
      .enable(YAMLWriteFeature.LITERAL_BLOCK_STYLE)
      .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
      .disable(YAMLWriteFeature.SPLIT_LINES)
      .build();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private WorkflowWriter() {}

  /** One job being built: its id, the steps it runs, and the jobs it needs. */
  private record Job(String id, String title, List<Step> steps, List<String> needs, boolean approval) {}

  /**
   * How non-shell steps run on the runner: {@code jbang <script> --step <id>} for a Java pipeline, or
   * {@code runway pipeline step} from an installed Runway for one declared in runway.conf.
   */
  private record Runner(String script, @org.jspecify.annotations.Nullable String config, String pipeline,
      String runwayVersion, String runwayUrl, String javaVersion) {
    boolean runway() {
      return config != null;
    }

    String step(String id) {
      return runway() ? "runway pipeline step " + pipeline + " " + id + " --config " + config
          : "jbang " + script + " --step " + id;
    }

    String rollback(String id) {
      return runway()
          ? "runway pipeline step " + pipeline + " " + id + " --config " + config
              + " --rollback-from \"$FROM_VERSION\" --rollback-to \"$TO_VERSION\""
          : "jbang " + script + " --rollback " + id + " --from \"$FROM_VERSION\" --to \"$TO_VERSION\"";
    }
  }

  /** Where the Runway distribution comes from when {@code {version}} is replaced. */
  public static final String DEFAULT_RUNWAY_URL =
      "https://github.com/runway-dev/runway/releases/download/v{version}/runway-{version}.tar.gz";

  public static String yaml(Pipeline p, String runsOn, String javaVersion, String environment, String runwayVersion,
      String runwayUrl) {
    return withPinComments(YAML.writeValueAsString(tree(p, runsOn, javaVersion, environment, runwayVersion, runwayUrl)));
  }

  /** YAML has no comment nodes in Jackson: the release tag goes beside each pinned SHA afterwards. */
  static String withPinComments(String yaml) {
    StringBuilder out = new StringBuilder();
    for (String line : yaml.split("\n", -1)) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\s*(?:- )?uses: )([^@\\s]+)@([0-9a-f]{40})$").matcher(line);
      if (m.matches()) {
        String action = m.group(2);
        line = line + ActionPins.find(action).map(pin -> " # " + pin.version()).orElse("");
      }
      out.append(line).append('\n');
    }
    return out.substring(0, out.length() - 1);
  }

  public static ObjectNode tree(Pipeline p, String runsOn, String javaVersion, String environment, String runwayVersion,
      String runwayUrl) {
    List<String> needScript = new ArrayList<>();
    List<Step> all = new ArrayList<>(p.steps());
    all.addAll(p.onFailure());
    all.addAll(p.always());
    for (Step s : all) if (usesJbang(s)) needScript.add(s.id());
    if (!needScript.isEmpty() && p.script().isEmpty() && p.config().isEmpty()) {
      throw new RunwayException.ModelInvalid("pipeline " + p.name() + ": script: Java steps (" + String.join(", ", needScript)
          + ") need a JBang script on the runner; add .script(\"ops/Pipeline.java\") to the pipeline", null);
    }
    for (Step s : all) untrusted(p, s);
    if (!runwayUrl.contains("{version}") || !runwayUrl.startsWith("https://")) {
      throw new IllegalArgumentException("pipeline " + p.name() + ": runway install URL '" + runwayUrl
          + "' must be an https URL with {version} in it, e.g. " + DEFAULT_RUNWAY_URL);
    }
    if (!runwayVersion.matches("[0-9A-Za-z.+-]+")) {
      throw new IllegalArgumentException("pipeline " + p.name() + ": runway version '" + runwayVersion
          + "' is not a version; write e.g. 0.1.0");
    }
    Runner runner = new Runner(p.script().orElse(""), p.config().orElse(null), p.name(), runwayVersion,
        runwayUrl.replace("{version}", runwayVersion), javaVersion);

    ObjectNode root = F.objectNode();
    root.put("name", p.name());
    root.set("on", triggers(p));
    // Nothing by default; each job asks for what it needs (least privilege).
    root.putObject("permissions");
    p.concurrency().ifPresent(c -> root.putObject("concurrency").put("group", c).put("cancel-in-progress", false));
    root.putObject("env").put("RUNWAY_ENVIRONMENT", environment);

    List<Job> jobs = plan(p);
    ObjectNode jobsNode = root.putObject("jobs");
    Map<String, String> jobOfStep = new LinkedHashMap<>();
    for (Job job : jobs) {
      for (Step s : job.steps()) jobOfStep.put(s.id(), job.id());
      jobsNode.set(job.id(), job(job, runsOn, runner));
    }
    List<String> allJobs = jobs.stream().map(Job::id).toList();
    List<Step> deploys = p.steps().stream().filter(s -> s.kind() == Step.Kind.DEPLOY).toList();
    Set<String> used = new HashSet<>(allJobs);
    List<String> handlerNeeds = new ArrayList<>(allJobs);
    if (p.rollback() && !deploys.isEmpty()) {
      String id = unique("rollback", used);
      ObjectNode rb = F.objectNode();
      rb.put("name", "roll back deploys");
      rb.set("needs", strings(allJobs));
      rb.put("if", "${{ failure() }}");
      rb.put("runs-on", runsOn);
      rb.putObject("permissions").put("contents", "read");
      long minutes = 5;
      for (Step d : deploys) minutes += minutes(d.timeout());
      rb.put("timeout-minutes", Math.min(MAX_JOB_MINUTES, minutes));
      ArrayNode steps = rb.putArray("steps");
      setup(steps, runner, true);
      List<Step> reverse = new ArrayList<>(deploys);
      java.util.Collections.reverse(reverse);
      for (Step d : reverse) {
        String job = jobOfStep.get(d.id());
        String out = outputName(d.id());
        ObjectNode st = steps.addObject();
        st.put("name", "roll back " + d.id());
        st.put("if", "${{ needs." + job + ".outputs." + out + "_version != '' }}");
        ObjectNode env = st.putObject("env")
            .put("FROM_VERSION", "${{ needs." + job + ".outputs." + out + "_version }}")
            .put("TO_VERSION", "${{ needs." + job + ".outputs." + out + "_previous }}");
        // The rollback calls the same platform API as the deploy, so it needs the deploy's credentials.
        for (String secret : d.secrets()) env.put(secret, "${{ secrets." + secret + " }}");
        st.put("run", runner.rollback(d.id()));
        st.put("timeout-minutes", minutes(d.timeout()));
      }
      jobsNode.set(id, rb);
      handlerNeeds.add(id);
    }
    if (!p.onFailure().isEmpty()) {
      String id = unique("on-failure", used);
      jobsNode.set(id, handler(new Job(id, "on failure", p.onFailure(), List.copyOf(handlerNeeds), false),
          "${{ failure() }}", runsOn, runner));
      handlerNeeds.add(id);
    }
    if (!p.always().isEmpty()) {
      String id = unique("always", used);
      jobsNode.set(id, handler(new Job(id, "always", p.always(), List.copyOf(handlerNeeds), false),
          "${{ always() }}", runsOn, runner));
    }
    return root;
  }

  private static ObjectNode handler(Job job, String condition, String runsOn, Runner runner) {
    ObjectNode n = job(job, runsOn, runner);
    ObjectNode ordered = F.objectNode();
    n.properties().forEach(e -> {
      ordered.set(e.getKey(), e.getValue());
      if (e.getKey().equals("needs")) ordered.put("if", condition);
    });
    return ordered;
  }

  private static ObjectNode triggers(Pipeline p) {
    ObjectNode on = F.objectNode();
    List<Trigger> triggers = p.triggers().isEmpty() ? List.of(Trigger.manual()) : p.triggers();
    for (Trigger t : triggers) {
      switch (t.kind()) {
        case PUSH -> branches(on.putObject("push"), t);
        case PULL_REQUEST -> branches(on.putObject("pull_request"), t);
        case MANUAL -> on.set("workflow_dispatch", F.objectNode());
        case SCHEDULE -> {
          ArrayNode a = on.has("schedule") ? (ArrayNode) on.get("schedule") : on.putArray("schedule");
          a.addObject().put("cron", t.cron().orElseThrow());
        }
      }
    }
    return on;
  }

  private static void branches(ObjectNode node, Trigger t) {
    if (!t.branches().isEmpty()) node.set("branches", strings(t.branches()));
  }

  /** Stages → jobs: runs of single steps share a job; a parallel group is one job per step; an approval has its own job. */
  private static List<Job> plan(Pipeline p) {
    List<Job> jobs = new ArrayList<>();
    Set<String> used = new HashSet<>();
    List<String> previous = List.of();
    for (Stage stage : p.stages()) {
      List<List<List<Step>>> segments = new ArrayList<>();
      List<List<Step>> current = new ArrayList<>();
      for (List<Step> group : stage.groups()) {
        boolean separate = group.size() > 1 || group.get(0).kind() == Step.Kind.APPROVAL;
        if (separate) {
          if (!current.isEmpty()) segments.add(current);
          segments.add(List.of(group));
          current = new ArrayList<>();
        } else {
          current.add(group);
        }
      }
      if (!current.isEmpty()) segments.add(current);
      for (List<List<Step>> seg : segments) {
        List<String> layer = new ArrayList<>();
        boolean parallel = seg.size() == 1 && seg.get(0).size() > 1;
        if (parallel) {
          for (Step s : seg.get(0)) {
            String id = unique(s.id(), used);
            jobs.add(new Job(id, stage.name() + " / " + s.id(), List.of(s), previous, false));
            layer.add(id);
          }
        } else {
          List<Step> steps = seg.stream().flatMap(List::stream).toList();
          boolean approval = steps.size() == 1 && steps.get(0).kind() == Step.Kind.APPROVAL;
          String base = segments.size() == 1 ? stage.name() : approval ? steps.get(0).id() : stage.name() + "-" + steps.get(0).id();
          String id = unique(base, used);
          jobs.add(new Job(id, segments.size() == 1 ? stage.name() : stage.name() + " / " + steps.get(0).id(),
              steps, previous, approval));
          layer.add(id);
        }
        previous = layer;
      }
    }
    return jobs;
  }

  private static String unique(String base, Set<String> used) {
    String id = base;
    for (int i = 2; !used.add(id); i++) id = base + "-" + i;
    return id;
  }

  private static ObjectNode job(Job job, String runsOn, Runner runner) {
    ObjectNode n = F.objectNode();
    n.put("name", job.title());
    if (!job.needs().isEmpty()) n.set("needs", strings(job.needs()));
    n.put("runs-on", runsOn);
    if (job.approval()) {
      n.putObject("permissions"); // it checks nothing out: the environment's reviewers are the gate
      Step gate = job.steps().get(0);
      n.putObject("environment").put("name", gate.id());
      n.put("timeout-minutes", 5);
      ArrayNode steps = n.putArray("steps");
      String who = gate.approval().map(a -> a.approvers().isEmpty() ? "a required reviewer" : String.join(", ", a.approvers()))
          .orElse("a required reviewer");
      steps.addObject().put("name", "approved: " + gate.id())
          .put("run", "echo \"Gate '" + gate.id() + "' approved by " + who.replace("\"", "")
              + " (required reviewers of environment '" + gate.id() + "')\"");
      return n;
    }
    n.putObject("permissions").put("contents", "read");
    long total = 5;
    for (Step s : job.steps()) total += minutes(budget(s));
    n.put("timeout-minutes", Math.min(MAX_JOB_MINUTES, total));
    ObjectNode outputs = F.objectNode();
    for (Step s : job.steps()) {
      if (s.kind() == Step.Kind.DEPLOY) {
        outputs.put(outputName(s.id()) + "_version", "${{ steps." + s.id() + ".outputs.version }}");
        outputs.put(outputName(s.id()) + "_previous", "${{ steps." + s.id() + ".outputs.previous }}");
      }
    }
    if (!outputs.isEmpty()) n.set("outputs", outputs);
    ArrayNode steps = n.putArray("steps");
    setup(steps, runner, job.steps().stream().anyMatch(WorkflowWriter::usesJbang));
    for (Step s : job.steps()) steps.add(step(s, runner));
    return n;
  }

  private static void setup(ArrayNode steps, Runner runner, boolean java) {
    steps.addObject().put("uses", ActionPins.uses("actions/checkout"))
        // The token is for the checkout only; later steps need not find it in .git/config.
        .putObject("with").put("persist-credentials", false);
    if (!java) return;
    steps.addObject().put("uses", ActionPins.uses("actions/setup-java")).putObject("with")
        .put("distribution", "temurin").put("java-version", runner.javaVersion());
    if (!runner.runway()) {
      steps.addObject().put("uses", ActionPins.uses("jbangdev/setup-jbang"));
      return;
    }
    // An installed Runway runs the steps of runway.conf: nothing is built on the runner.
    String dir = "~/.runway-dist/runway-" + runner.runwayVersion();
    steps.addObject().put("name", "cache Runway " + runner.runwayVersion())
        .put("uses", ActionPins.uses("actions/cache")).putObject("with")
        .put("path", dir).put("key", "runway-" + runner.runwayVersion());
    steps.addObject().put("name", "install Runway " + runner.runwayVersion())
        .put("shell", "bash")
        .put("run", String.join("\n",
            "dist=\"$HOME/.runway-dist\"",
            "if [ ! -x \"$dist/runway-$RUNWAY_VERSION/bin/runway\" ]; then",
            "  mkdir -p \"$dist\"",
            "  curl --fail --silent --show-error --location --retry 3 \"$RUNWAY_URL\" | tar -xz -C \"$dist\"",
            "fi",
            "echo \"$dist/runway-$RUNWAY_VERSION/bin\" >> \"$GITHUB_PATH\"",
            ""))
        .putObject("env").put("RUNWAY_VERSION", runner.runwayVersion()).put("RUNWAY_URL", runner.runwayUrl());
  }

  /**
   * Event fields anyone can write (a pull request's title, a branch name, a comment) must not be
   * pasted into a script, where they run as code; they belong in {@code env:}.
   */
  private static final java.util.regex.Pattern UNTRUSTED = java.util.regex.Pattern.compile(
      "\\$\\{\\{[^}]*\\b(github\\.event\\.[a-z_.\\[\\]0-9*]+|github\\.head_ref)[^}]*}}");

  private static void untrusted(Pipeline p, Step s) {
    String command = s.command().orElse("");
    java.util.regex.Matcher m = UNTRUSTED.matcher(command);
    if (m.find()) {
      throw new RunwayException.ModelInvalid("pipeline " + p.name() + ": step '" + s.id() + "': command uses "
          + m.group() + ", which an outsider can set and the runner would execute as script; pass it through the"
          + " environment instead: .env(\"VALUE\", \"" + m.group() + "\") and use \"$VALUE\" in the command", null);
    }
  }

  static boolean usesJbang(Step s) {
    return s.command().isEmpty() && s.kind() != Step.Kind.APPROVAL;
  }

  static String outputName(String stepId) {
    return stepId.replace('-', '_');
  }

  private static JsonNode step(Step s, Runner runner) {
    ObjectNode n = F.objectNode();
    n.put("name", s.id());
    n.put("id", s.id());
    String cond = condition(s.condition());
    if (!cond.isEmpty()) n.put("if", cond);
    s.workingDir().ifPresent(d -> n.put("working-directory", d.toString()));
    if (!s.env().isEmpty() || !s.secrets().isEmpty()) {
      ObjectNode env = n.putObject("env");
      s.env().forEach(env::put);
      for (String secret : s.secrets()) env.put(secret, "${{ secrets." + secret + " }}");
    }
    String command = s.command().orElse(runner.step(s.id()));
    n.put("run", retried(command, s.retries(), s.backoff()));
    n.put("timeout-minutes", minutes(budget(s)));
    return n;
  }

  /** The step's whole budget: every attempt at its timeout plus the backoffs between them. */
  static Duration budget(Step s) {
    Duration total = s.timeout().multipliedBy(s.retries() + 1L);
    for (int i = 0; i < s.retries(); i++) total = total.plus(s.backoff().multipliedBy(1L << Math.min(i, 20)));
    return total;
  }

  static long minutes(Duration d) {
    return Math.max(1, (d.toSeconds() + 59) / 60);
  }

  /** A bounded retry loop (the workflow schema has no retry): at most retries + 1 attempts, doubling backoff. */
  static String retried(String command, int retries, Duration backoff) {
    if (retries == 0) return command;
    int attempts = retries + 1;
    long first = Math.max(0, backoff.toSeconds());
    StringBuilder sb = new StringBuilder();
    sb.append("for attempt in $(seq 1 ").append(attempts).append("); do\n");
    sb.append("  if (\n");
    for (String line : command.split("\n")) sb.append("    ").append(line).append('\n');
    sb.append("  ); then exit 0; fi\n");
    sb.append("  echo \"attempt $attempt of ").append(attempts).append(" failed\"\n");
    if (first > 0) {
      sb.append("  if [ \"$attempt\" -lt ").append(attempts).append(" ]; then sleep $((")
          .append(first).append(" * (1 << (attempt - 1)))); fi\n");
    }
    sb.append("done\nexit 1\n");
    return sb.toString();
  }

  static String condition(Condition c) {
    List<String> parts = new ArrayList<>();
    if (!c.branches().isEmpty()) {
      parts.add(or(c.branches().stream().map(b -> "github.ref == 'refs/heads/" + b + "'").collect(Collectors.toList())));
    }
    if (!c.environments().isEmpty()) {
      parts.add(or(c.environments().stream().map(e -> "env.RUNWAY_ENVIRONMENT == '" + e + "'").collect(Collectors.toList())));
    }
    if (parts.isEmpty()) return "";
    return "${{ " + String.join(" && ", parts) + " }}";
  }

  private static String or(List<String> alternatives) {
    return alternatives.size() == 1 ? alternatives.get(0) : "(" + String.join(" || ", alternatives) + ")";
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode a = F.arrayNode();
    values.forEach(a::add);
    return a;
  }
}

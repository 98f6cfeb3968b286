package dev.runway.cli;

import dev.runway.App;
import dev.runway.base.Problems;
import dev.runway.base.RunwayException;
import dev.runway.env.Environment;
import tools.jackson.databind.json.JsonMapper;
import dev.runway.supabase.Backups;
import dev.runway.supabase.ManagementClient;
import dev.runway.supabase.PoolerConfig;
import dev.runway.supabase.Project;
import dev.runway.supabase.ServiceHealth;
import dev.runway.supabase.Supabase;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "supabase", mixinStandardHelpOptions = true,
    header = "Checks Supabase keys and connection strings, and a project's state.",
    description = "Supabase keys and connection strings in the model's environments, and a project's state.",
    subcommands = {SupabaseCommand.Check.class, SupabaseCommand.Status.class})
final class SupabaseCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      header = "Checks an environment's Supabase keys and connection strings.",
      description = {"Checks an environment's Supabase keys and connection strings: a service_role or secret key",
          "in a browser variable (LEAK), a transaction-pooler URL without prepareThreshold=0 (POOLER),",
          "a pooler user without the project ref, an IPv6-only direct host, sslmode. Exit 1 on an error."})
  static final class Check implements Callable<Integer> {
    @Mixin ModelOptions options;
    @Option(names = "--all", description = "Check every environment the model declares.")
    boolean all;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      App app = options.app();
      boolean errors = false;
      for (Environment e : options.environments(app, all)) {
        Inputs.requireEnvFiles(app, e, options.envDir());
        Problems problems = Problems.of(Supabase.check(app, e, options.sources()));
        Output.problems(spec.commandLine().getOut(), options.format(), "supabase (" + e.name() + ")", problems);
        errors |= problems.hasErrors();
      }
      return errors ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      header = "Asks Supabase's Management API how a project is.",
      description = {"Asks the Management API about a project: status (INACTIVE = paused), services' health,",
          "pooler and backups. The token is read from an environment variable, never from the command line.",
          "Exit 1 when the project is not ACTIVE_HEALTHY or a service is unhealthy."})
  static final class Status implements Callable<Integer> {
    @Option(names = "--ref", required = true, paramLabel = "<ref>", description = "The project ref (20 lower-case letters).")
    String ref = "";
    @Option(names = "--token-env", paramLabel = "<name>",
        description = "The variable holding the access token (default: SUPABASE_ACCESS_TOKEN).")
    String tokenEnv = "SUPABASE_ACCESS_TOKEN";
    @Option(names = "--api-url", paramLabel = "<url>", description = "The API (default: https://api.supabase.com; a SupabaseSandbox's URL for demos).")
    URI apiUrl = URI.create("https://api.supabase.com");
    @Option(names = "--max-backup-age", paramLabel = "<hours>", description = "Warn when the newest backup is older (default: 26).")
    long maxBackupAgeHours = 26;
    @Mixin ModelOptions.FormatOption formatOption = new ModelOptions.FormatOption();
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      String token = System.getenv(tokenEnv);
      if (token == null || token.isBlank()) {
        throw new RunwayException("process env: " + tokenEnv + ": is not set; export " + tokenEnv
            + "=sbp_... with a token from supabase.com/dashboard/account/tokens");
      }
      ManagementClient api = Supabase.managementApi().token(token).baseUrl(apiUrl).build();
      Project project = api.project(ref);
      List<ServiceHealth> health = api.health(ref);
      List<PoolerConfig> poolers = api.poolerConfig(ref);
      Backups backups = api.backups(ref);
      List<String> notes = new ArrayList<>();
      if (!backups.hasAny()) {
        notes.add("no backups: if the database is lost nothing can be restored; before a cutover, schedule your own"
            + " pg_dump or move to a plan with daily backups");
      } else if (!backups.pitrEnabled()) {
        Duration age = Duration.between(backups.newestCompleted().orElseThrow().insertedAt(), Instant.now());
        if (age.toHours() > maxBackupAgeHours) notes.add("newest backup is " + age.toHours() + " h old (more than " + maxBackupAgeHours + " h)");
      }
      boolean bad = !project.status().name().equals("ACTIVE_HEALTHY") || health.stream().anyMatch(h -> !h.isHealthy());
      PrintWriter out = spec.commandLine().getOut();
      if (formatOption.format == ModelOptions.Format.json) {
        ObjectNode node = JsonMapper.shared().createObjectNode();
        node.put("ref", project.ref());
        node.put("name", project.name());
        node.put("region", project.region());
        node.put("status", project.status().name());
        ObjectNode services = node.putObject("services");
        health.forEach(h -> services.put(h.name(), h.status()));
        ArrayNode pools = node.putArray("poolers");
        poolers.forEach(p -> pools.addObject().put("host", p.host()).put("port", p.port()).put("mode", p.poolMode()));
        node.put("backups", backups.backups().size());
        node.put("pitr", backups.pitrEnabled());
        ArrayNode n = node.putArray("notes");
        notes.forEach(n::add);
        out.println(JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(node));
      } else {
        out.println("project " + project.ref() + " (" + project.name() + ", " + project.region() + "): " + project.status());
        for (ServiceHealth h : health) {
          out.println("  " + h.name() + ": " + h.status() + h.error().map(e -> " (" + e + ")").orElse(""));
        }
        for (PoolerConfig p : poolers) out.println("  pooler: " + p.host() + ":" + p.port() + " (" + p.poolMode() + " mode)");
        out.println("  backups: " + backups.backups().size() + (backups.pitrEnabled() ? ", point-in-time recovery on" : ""));
        for (String note : notes) out.println("  note: " + note);
      }
      out.flush();
      return bad ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }
  }
}

package dev.runway.cli;

import dev.runway.App;
import dev.runway.base.RunwayException;
import dev.runway.Service;
import dev.runway.env.Env;
import dev.runway.env.EnvSources;
import dev.runway.env.Environment;
import dev.runway.env.Var;
import tools.jackson.databind.json.JsonMapper;
import dev.runway.security.EnvKey;
import dev.runway.sync.EnvSnapshot;
import dev.runway.sync.EnvStore;
import dev.runway.sync.EnvStores;
import dev.runway.sync.Sync;
import dev.runway.sync.SyncPlan;
import dev.runway.sync.SyncResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.node.ArrayNode;

@Command(name = "sync", mixinStandardHelpOptions = true,
    header = "Diffs and syncs env vars to Render, Vercel or an env file.",
    subcommands = {SyncCommand.Plan.class, SyncCommand.Apply.class, SyncCommand.Restore.class},
    description = {"Diff and sync env vars from the model and the project's env files (.env, .env.<env>,",
        ".env.<env>.enc) to Render services, Vercel projects or another env file. Values are never shown:",
        "plans show fingerprints only."})
final class SyncCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Where to sync to. */
  static final class Targets {
    @Option(names = "--service", paramLabel = "<name>",
        description = "A service to sync (repeatable; default: every service whose platform has an env store).")
    List<String> services = new ArrayList<>();

    @Option(names = "--to", paramLabel = "<file>",
        description = "Sync into this env file instead (a .enc file is encrypted with the environment's key).")
    @Nullable Path to;
  }

  /** One source-to-target pair: the model's values for what the target receives. */
  record Pair(String source, Map<String, String> desired, EnvStore target, List<String> keys, @Nullable String service) {}

  static List<Pair> pairs(App app, Environment e, Path envDir, Targets targets, List<String> notes) {
    EnvSources files = EnvSources.files(envDir);
    dev.runway.env.Validation validation = app.validate(e, files);
    Inputs.requireReadable(validation, files);
    Env env = validation.orThrow();
    String source = ".env." + e.name();
    List<Pair> out = new ArrayList<>();
    if (targets.to != null) {
      Map<String, String> all = new LinkedHashMap<>();
      for (String name : env.names()) env.text(name).ifPresent(t -> all.put(name, t));
      out.add(new Pair(source, all, fileStore(targets.to, e, envDir),
          app.schema().variables().stream().map(Var::name).toList(), null));
      return out;
    }
    List<Service> services = targets.services.isEmpty() ? app.services()
        : targets.services.stream().map(app::service).toList();
    for (Service s : services) {
      List<EnvStore> stores;
      try {
        stores = EnvStores.forService(app, s, e);
      } catch (RunwayException.UnknownName missing) {
        if (!targets.services.isEmpty()) throw missing;
        notes.add("skipped " + s.name() + ": no env store for platform " + s.platform());
        continue;
      }
      List<String> keys = app.schema().variablesFor(s.name()).stream().map(Var::name).toList();
      for (EnvStore store : stores) out.add(new Pair(source, env.textsFor(s.name()), store, keys, s.name()));
    }
    return out;
  }

  /** A --to file as a store: a .enc file encrypted with the environment's key and bound to it. */
  static EnvStore fileStore(Path to, Environment e, Path envDir) {
    return to.toString().endsWith(".enc") ? EnvStores.encrypted(to, key(e, envDir), e) : EnvStores.dotenv(to);
  }

  /** The exact command line that puts {@code pair}'s target back from {@code backup}. */
  static String restoreCommand(ModelOptions options, Environment e, Targets targets, Pair pair, Path backup) {
    List<String> args = new ArrayList<>(List.of("runway", "sync", "restore"));
    if (options.configOption.given) args.addAll(List.of("--config", options.config().toString()));
    if (options.envDir != null) args.addAll(List.of("--env-dir", options.envDir.toString()));
    args.addAll(List.of("--env", e.name()));
    if (targets.to != null) args.addAll(List.of("--to", targets.to.toString()));
    else if (pair.service() != null) args.addAll(List.of("--service", pair.service()));
    args.add(backup.toString());
    return String.join(" ", args.stream().map(SyncCommand::shellQuoted).toList());
  }

  private static String shellQuoted(String arg) {
    if (!arg.isEmpty() && arg.chars().allMatch(c -> Character.isLetterOrDigit(c) || "/._-:=+@%,".indexOf(c) >= 0)) {
      return arg;
    }
    return "'" + arg.replace("'", "'\\''") + "'";
  }

  static EnvKey key(Environment e, Path envDir) {
    return EnvKey.find(e, envDir).orElseThrow(() -> new RunwayException(e + ": no key to encrypt backups and"
        + " .enc files; set " + EnvKey.variableFor(e) + " or run: runway keygen --env " + e));
  }

  static Path backups(Path envDir) {
    return envDir.resolve(".runway").resolve("backups");
  }

  @Command(name = "plan", mixinStandardHelpOptions = true,
      header = "Shows what a sync would change, without changing anything.",
      description = {"Shows, for each environment and target, what would be added, changed, removed or left",
          "alone, and the drift in words. Changes nothing."})
  static final class Plan implements Callable<Integer> {
    @Mixin ModelOptions options;
    @Mixin Targets targets = new Targets();
    @Option(names = "--all", description = "Every environment the model declares.")
    boolean all;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      App app = options.app();
      PrintWriter out = spec.commandLine().getOut();
      List<String> notes = new ArrayList<>();
      List<SyncPlan> plans = new ArrayList<>();
      for (Environment e : options.environments(app, all)) {
        for (Pair p : pairs(app, e, options.envDir(), targets, notes)) {
          plans.add(Sync.plan(p.source(), p.desired(), p.target(), p.keys()));
        }
      }
      if (options.format() == ModelOptions.Format.json) {
        ArrayNode array = JsonMapper.shared().createArrayNode();
        for (SyncPlan plan : plans) array.add(JsonMapper.shared().readTree(plan.toJson()));
        out.println(JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(array));
      } else {
        for (SyncPlan plan : plans) out.println(plan.toText());
        notes.forEach(out::println);
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "apply", mixinStandardHelpOptions = true,
      header = "Applies the sync plan, with a snapshot of every target first.",
      description = {"Applies the plan: a dry run unless --apply. Never deletes unless --prune. Before writing,",
          "snapshots every target, encrypted with the environment's key, under .runway/backups/; writes key by",
          "key; on a failure stops and reports what was applied and what was not (exit 1)."})
  static final class Apply implements Callable<Integer> {
    @Mixin ModelOptions options;
    @Mixin Targets targets = new Targets();
    @Option(names = "--apply", description = "Write for real (default: show what would be written).")
    boolean apply;
    @Option(names = "--prune", description = "Delete variables the model does not give the target.")
    boolean prune;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      App app = options.app();
      PrintWriter out = spec.commandLine().getOut();
      List<String> notes = new ArrayList<>();
      for (Environment e : options.environments(app, false)) {
        EnvKey key = apply ? key(e, options.envDir()) : null;
        for (Pair p : pairs(app, e, options.envDir(), targets, notes)) {
          SyncPlan plan = Sync.plan(p.source(), p.desired(), p.target(), p.keys());
          if (!apply) {
            out.println(plan.toText());
            continue;
          }
          SyncResult result = Sync.apply(plan, p.target(),
              Sync.options().prune(prune).backups(backups(options.envDir()), key).environment(e));
          if (result.backup().isPresent()) {
            result = result.withRestoreCommand(restoreCommand(options, e, targets, p, result.backup().get()));
          }
          out.println(options.format() == ModelOptions.Format.json ? result.toJson() : result.toText());
          if (!result.isComplete()) {
            out.flush();
            return ExitCodes.PROBLEMS;
          }
        }
      }
      if (!apply) out.println("dry run: nothing was written; run again with --apply to write");
      notes.forEach(out::println);
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "restore", mixinStandardHelpOptions = true,
      header = "Puts a target back as a snapshot recorded it.",
      description = {"Puts a target back exactly as a snapshot under .runway/backups/ recorded it."})
  static final class Restore implements Callable<Integer> {
    @Mixin ModelOptions options;
    @Mixin Targets targets = new Targets();
    @Parameters(index = "0", paramLabel = "<snapshot>", description = "A file under .runway/backups/.")
    Path snapshot = Path.of("");
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      App app = options.app();
      Environment e = options.environments(app, false).get(0);
      EnvSnapshot snap = Sync.readBackup(snapshot, key(e, options.envDir()), e);
      EnvStore target = null;
      if (targets.to != null) {
        target = fileStore(targets.to, e, options.envDir());
      } else {
        List<Service> services = targets.services.isEmpty() ? app.services()
            : targets.services.stream().map(app::service).toList();
        for (Service s : services) {
          try {
            for (EnvStore store : EnvStores.forService(app, s, e)) if (store.name().equals(snap.store())) target = store;
          } catch (RunwayException.UnknownName missing) {
            // a platform without a store cannot be the snapshot's
          }
        }
      }
      if (target == null) {
        throw new RunwayException(snapshot + ": its store " + snap.store() + " is not among the targets of " + e
            + "; pass --service <name> or --to <file> for it");
      }
      Sync.restore(snap, target);
      PrintWriter out = spec.commandLine().getOut();
      out.println("restored " + target.name() + " to the snapshot of " + snap.takenAt() + " (" + snap.values().size()
          + " variables)");
      out.flush();
      return ExitCodes.OK;
    }
  }
}

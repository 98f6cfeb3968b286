///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.runway:runway-core:0.1.0-SNAPSHOT
//DEPS dev.runway:runway-render:0.1.0-SNAPSHOT
//DEPS dev.runway:runway-vercel:0.1.0-SNAPSHOT
//DEPS dev.runway:runway-supabase:0.1.0-SNAPSHOT
//DEPS org.slf4j:slf4j-simple:2.0.20

import dev.runway.App;
import dev.runway.Runway;
import dev.runway.base.RunwayException;
import dev.runway.env.EnvSources;
import dev.runway.env.Environment;
import dev.runway.env.Validation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates environments against the model in runway.conf: every problem at once, each with its
 * file:line and the fix. Values come from .env, .env.<environment> (and its encrypted twin) beside
 * runway.conf, then the process environment, as at start-up on the platform. The platform modules
 * on the class path add their checks (a secret in a NEXT_PUBLIC_ variable, say).
 *
 * Exit codes: 0 every environment valid, 1 problems found, 2 usage error or unreadable model.
 * Values are never printed: problems name the variable, its origin and what is wrong.
 */
class validate_environment {
  static final String USAGE = "usage: validate-environment.java [--config runway.conf] [--env <name> | --all] [--json]";

  public static void main(String... args) {
    Path config = Path.of("runway.conf");
    String env = null;
    boolean all = false;
    boolean json = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> config = Path.of(value(args, ++i));
        case "--env" -> env = value(args, ++i);
        case "--all" -> all = true;
        case "--json" -> json = true;
        case "-h", "--help" -> { System.out.println(USAGE); System.exit(0); }
        default -> usage("unknown argument '" + args[i] + "'");
      }
    }
    if (all && env != null) usage("--env and --all exclude each other");
    if (!Files.isRegularFile(config)) usage(config + ": no such file; pass --config <path to runway.conf>");

    try {
      App app = Runway.load(config);
      EnvSources sources = EnvSources.standard(config.toAbsolutePath().getParent());
      List<Validation> results = new ArrayList<>();
      if (all) {
        for (Environment e : app.environments()) results.add(app.validate(e, sources));
      } else if (env != null) {
        results.add(app.validate(app.environment(env), sources));
      } else {
        results.add(app.validate(sources));   // detected: RUNWAY_ENV, APP_ENV, VERCEL_ENV, RENDER, NODE_ENV
      }
      if (json) {
        System.out.println(results.stream().map(Validation::toJson).toList());
      } else {
        results.forEach(v -> System.out.println(v.toText()));
      }
      System.exit(results.stream().allMatch(Validation::isValid) ? 0 : 1);
    } catch (RunwayException e) {
      System.err.println("validate-environment: " + e.getMessage());
      System.exit(2);
    }
  }

  static String value(String[] args, int i) {
    if (i >= args.length) usage(args[i - 1] + " needs a value");
    return args[i];
  }

  static void usage(String problem) {
    System.err.println("validate-environment: " + problem);
    System.err.println(USAGE);
    System.exit(2);
  }
}

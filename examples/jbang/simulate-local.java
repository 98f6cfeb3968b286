///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.runway:runway-docker-sim:0.1.0-SNAPSHOT
//DEPS org.slf4j:slf4j-simple:2.0.20

import dev.runway.App;
import dev.runway.Runway;
import dev.runway.base.RunwayException;
import dev.runway.dockersim.DockerSim;
import dev.runway.dockersim.ProcessSimulation;
import dev.runway.env.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a Render service of the model locally the way Render runs it, with no Docker: its start
 * command (from runway.conf, else the Dockerfile's CMD) as a child process with the environment's
 * variables for that service (validated first), PORT, and what Render injects (RENDER=true,
 * RENDER_SERVICE_NAME, ...), in a clean environment. It waits for the health check path to answer
 * 2xx/3xx - the gate Render puts before a deploy goes live - then streams the logs, secrets masked,
 * until stopped; --once stops it as soon as it is healthy (a CI smoke check).
 *
 * Exit codes: 0 healthy (and stopped), 1 invalid environment, the process exited or was not healthy
 * in time, 2 usage error or unreadable model.
 */
class simulate_local {
  static final String USAGE = "usage: simulate-local.java [--config runway.conf] [--service <name>] [--env production]"
      + " [--port 10000] [--timeout 60s] [--once]";

  public static void main(String... args) throws InterruptedException {
    Path config = Path.of("runway.conf");
    String service = null;
    String env = "production";
    Integer port = null;
    Duration timeout = Duration.ofSeconds(60);
    boolean once = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> config = Path.of(value(args, ++i));
        case "--service" -> service = value(args, ++i);
        case "--env" -> env = value(args, ++i);
        case "--port" -> port = number(value(args, ++i));
        case "--timeout" -> timeout = Duration.ofSeconds(number(value(args, ++i).replaceFirst("s$", "")));
        case "--once" -> once = true;
        case "-h", "--help" -> { System.out.println(USAGE); System.exit(0); }
        default -> usage("unknown argument '" + args[i] + "'");
      }
    }
    if (!Files.isRegularFile(config)) usage(config + ": no such file; pass --config <path to runway.conf>");

    ProcessSimulation simulation;
    try {
      App app = Runway.load(config);
      if (service == null) {
        if (DockerSim.services(app).isEmpty()) usage("the model has no Render service to simulate");
        service = DockerSim.services(app).get(0);
      }
      Environment environment = app.environment(env);
      ProcessSimulation.Builder builder = DockerSim.process(app, service)
          .root(config.toAbsolutePath().getParent())
          .environment(environment)
          .healthTimeout(timeout)
          .logs(line -> System.out.println("  | " + line));
      if (port != null) builder.port(port);
      System.out.println("simulate-local: starting " + service + " (" + environment.name() + ") as Render would");
      simulation = builder.start();
    } catch (RunwayException.ValidationFailed | RunwayException.DeployFailed | RunwayException.Timeout e) {
      System.err.println("simulate-local: " + e.getMessage());
      System.exit(1);
      return;
    } catch (RunwayException e) {
      System.err.println("simulate-local: " + e.getMessage());
      System.exit(2);
      return;
    }

    System.out.println("simulate-local: " + simulation.service() + " is healthy at "
        + simulation.healthUrl().orElse(simulation.url()) + " (pid " + simulation.pid() + ")");
    if (once) {
      int code = simulation.stop();
      System.out.println("simulate-local: stopped (exit " + code + ")");
      System.exit(0);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      simulation.close();
      stopped.countDown();
    }, "simulate-local-stop"));
    stopped.await();
  }

  static int number(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      usage("'" + text + "' is not a number");
      return 0;
    }
  }

  static String value(String[] args, int i) {
    if (i >= args.length) usage(args[i - 1] + " needs a value");
    return args[i];
  }

  static void usage(String problem) {
    System.err.println("simulate-local: " + problem);
    System.err.println(USAGE);
    System.exit(2);
  }
}

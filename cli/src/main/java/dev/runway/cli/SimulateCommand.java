package dev.runway.cli;

import dev.runway.App;
import dev.runway.base.Problems;
import dev.runway.base.RunwayException;
import dev.runway.dockersim.ComposeFile;
import dev.runway.dockersim.DockerDriver;
import dev.runway.dockersim.DockerSim;
import dev.runway.dockersim.ProcessSimulation;
import dev.runway.env.Environment;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "simulate", mixinStandardHelpOptions = true,
    header = "Simulates Render locally from the same model.",
    description = {"Render, simulated locally from the same model: docker-compose.yml, parity with the blueprint,",
        "Dockerfile checks, and the service run with Render's environment (as a process, or in Docker).",
        "The environment defaults to production here."},
    subcommands = {SimulateCommand.Compose.class, SimulateCommand.Parity.class, SimulateCommand.DockerfileCheck.class,
        SimulateCommand.Up.class, SimulateCommand.Down.class})
final class SimulateCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** --env when given, else production: the simulation mirrors Render. */
  static Environment environment(ModelOptions options, App app) {
    return options.env() == null ? Environment.PRODUCTION : app.environment(options.env());
  }

  static Path composeFile(ModelOptions options, @Nullable Path file) {
    return file == null ? options.envDir().resolve("docker-compose.yml") : file;
  }

  /** --service when given, else the model's only Render service. */
  static String service(App app, @Nullable String service) {
    if (service != null) return service;
    List<String> all = DockerSim.services(app);
    if (all.size() == 1) return all.get(0);
    throw new RunwayException.UnknownName("simulate: --service: the model has " + (all.isEmpty() ? "no Render service"
        : "several Render services (" + String.join(", ", all) + ")") + "; name one with --service <name>");
  }

  @Command(name = "compose", mixinStandardHelpOptions = true,
      header = "Writes docker-compose.yml mirroring the blueprint.",
      description = "Writes docker-compose.yml mirroring the blueprint (or prints it with --out -).")
  static final class Compose implements Callable<Integer> {
    @Mixin ModelOptions options;
    @Option(names = "--out", paramLabel = "<file>", description = "Where to write (default: docker-compose.yml beside the config; - for stdout).")
    @Nullable String out;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      App app = options.app();
      ComposeFile compose = DockerSim.compose(app, environment(options, app));
      PrintWriter o = spec.commandLine().getOut();
      if ("-".equals(out)) {
        o.print(compose.toYaml());
      } else {
        Path file = out == null ? composeFile(options, null) : Path.of(out);
        compose.writeTo(file);
        o.println("wrote " + file);
        if (!compose.notSimulated().isEmpty()) {
          o.println("not in the file (native runtimes; use runway simulate up): " + String.join(", ", compose.notSimulated()));
        }
      }
      o.flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "parity", mixinStandardHelpOptions = true,
      header = "Shows where a compose file and the blueprint disagree.",
      description = {"Where a compose file and the blueprint disagree: variables, port, health check, plan limits,",
          "start command; each with the fix. Exit 1 when there is an error."})
  static final class Parity implements Callable<Integer> {
    @Mixin ModelOptions options;
    @Option(names = "--file", paramLabel = "<docker-compose.yml>", description = "The file (default: docker-compose.yml beside the config).")
    @Nullable Path file;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      App app = options.app();
      Path target = composeFile(options, file);
      Problems problems = DockerSim.parity(app, environment(options, app), ComposeFile.read(target));
      Output.problems(spec.commandLine().getOut(), options.format(), target.toString(), problems);
      return problems.hasErrors() ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }
  }

  @Command(name = "dockerfile", mixinStandardHelpOptions = true,
      header = "Checks a Render service's Dockerfile.",
      description = {"Checks a Render service's Dockerfile: $PORT, 0.0.0.0, non-root user, pinned base image, no secrets",
          "in ENV/ARG, .dockerignore excluding .env*, a health check. Exit 1 when there is an error."})
  static final class DockerfileCheck implements Callable<Integer> {
    @Mixin ModelOptions options;
    @Option(names = "--service", paramLabel = "<name>", description = "The Render service (default: the only one).")
    @Nullable String service;
    @Option(names = "--file", paramLabel = "<Dockerfile>", description = "Check this Dockerfile alone instead of the model's.")
    @Nullable Path file;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Problems problems;
      String subject;
      if (file != null) {
        // With a model, the file is still the model's service's: its health check path counts.
        Optional<App> app = options.appIfPresent(false);
        boolean known = app.isPresent() && (service != null || DockerSim.services(app.get()).size() == 1);
        problems = known ? DockerSim.checkDockerfile(file, app.get(), service(app.get(), service))
            : DockerSim.checkDockerfile(file);
        subject = file.toString();
      } else {
        App app = options.app();
        String name = service(app, service);
        problems = DockerSim.checkDockerfile(app, name, options.envDir());
        subject = "Dockerfile of " + name;
      }
      Output.problems(spec.commandLine().getOut(), options.format(), subject, problems);
      return problems.hasErrors() ? ExitCodes.PROBLEMS : ExitCodes.OK;
    }
  }

  @Command(name = "up", mixinStandardHelpOptions = true,
      header = "Runs a Render service locally with Render's environment.",
      description = {"Runs a Render service locally with Render's environment and waits until its health check passes,",
          "as Render gates a deploy. Process mode (default) needs no Docker; --docker builds and starts",
          "docker-compose.yml instead. Logs stream until Ctrl-C (or stop at once with --once)."})
  static final class Up implements Callable<Integer> {
    @Mixin ModelOptions options;
    @Option(names = "--service", paramLabel = "<name>", description = "The Render service (default: the only one).")
    @Nullable String service;
    @Option(names = "--port", paramLabel = "<port>", description = "Listen here instead of Render's PORT (0: any free port).")
    @Nullable Integer port;
    @Option(names = "--timeout", paramLabel = "<seconds>", description = "How long it may take to become healthy (default: 60).")
    int timeout = 60;
    @Option(names = "--command", paramLabel = "<line>", description = "Run this (through sh -c) instead of the model's or the Dockerfile's command.")
    @Nullable String command;
    @Option(names = "--once", description = "Stop as soon as the service is healthy (for scripts and CI).")
    boolean once;
    @Option(names = "--docker", description = "Use docker compose (docker-compose.yml beside the config, or --file).")
    boolean docker;
    @Option(names = "--file", paramLabel = "<docker-compose.yml>", description = "With --docker: the compose file.")
    @Nullable Path file;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
      PrintWriter o = spec.commandLine().getOut();
      App app = options.app();
      if (docker) {
        DockerDriver driver = DockerSim.docker(composeFile(options, file));
        driver.build();
        driver.up(Duration.ofSeconds(timeout));
        o.println("healthy: docker compose --file " + driver.composeFile() + " (stop it with runway simulate down)");
        if (once) driver.down();
        o.flush();
        return ExitCodes.OK;
      }
      String name = service(app, service);
      Inputs.requireEnvFiles(app, environment(options, app), options.envDir());
      ProcessSimulation.Builder b = DockerSim.process(app, name).root(options.envDir()).environment(environment(options, app))
          .sources(options.sources()).healthTimeout(Duration.ofSeconds(timeout))
          .logs(line -> {
            synchronized (o) {
              o.println(name + " | " + line);
              o.flush();
            }
          });
      if (port != null) b.port(port);
      if (command != null) b.command("sh", "-c", command);
      ProcessSimulation sim = b.start();
      synchronized (o) {
        o.println(name + ": healthy at " + sim.healthUrl().orElse(sim.url()) + " (pid " + sim.pid() + ")"
            + (once ? "; stopping" : "; Ctrl-C stops it"));
        o.flush();
      }
      if (once) {
        sim.close();
        return ExitCodes.OK;
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Thread hook = new Thread(() -> {
        sim.close();
        stopped.countDown();
      }, "runway-simulate-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      while (sim.isAlive()) {
        if (stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) break;
      }
      if (stopped.getCount() > 0) {
        // The service ended by itself: Render would restart it; say so and fail.
        Runtime.getRuntime().removeShutdownHook(hook);
        int code = sim.stop();
        o.println(name + ": exited with code " + code + "; on Render this instance would be restarted");
        o.flush();
        return ExitCodes.PROBLEMS;
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "down", mixinStandardHelpOptions = true,
      header = "Stops what runway simulate up --docker started.",
      description = "Stops what runway simulate up --docker started: docker compose down.")
  static final class Down implements Callable<Integer> {
    @Mixin ModelOptions options;
    @Option(names = "--file", paramLabel = "<docker-compose.yml>", description = "The compose file (default: docker-compose.yml beside the config).")
    @Nullable Path file;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      DockerDriver driver = DockerSim.docker(composeFile(options, file));
      driver.down();
      spec.commandLine().getOut().println("stopped: docker compose --file " + driver.composeFile());
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }
}

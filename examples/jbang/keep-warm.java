///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS dev.runway:runway-monitor:0.1.0-SNAPSHOT
//DEPS org.slf4j:slf4j-simple:2.0.20

import dev.runway.base.RunwayException;
import dev.runway.env.Var;
import dev.runway.health.Group;
import dev.runway.health.Health;
import dev.runway.health.HealthRegistry;
import dev.runway.health.HealthReport;
import dev.runway.health.HttpProbe;
import dev.runway.health.Probe;
import dev.runway.health.Status;
import java.time.Duration;

/**
 * Keeps a free-tier service warm: pings its health URL every --every, at most --runs times (0: until
 * stopped). Render's free web services sleep after 15 minutes without traffic and take ~30-60 s to wake;
 * a ping every 10-14 minutes keeps one awake, which spends its 750 free instance hours a month in about
 * 31 days - so keep one service warm, not two.
 *
 * Each ping is one HTTP probe (any 2xx passes), time-boxed by --timeout. The URL's query string is
 * never printed (it may carry a token): lines show method, host and path.
 *
 * Exit codes: 0 every ping passed, 1 at least one failed, 2 usage error.
 */
class keep_warm {
  static final String USAGE = "usage: keep-warm.java [<url>] [--every 10m] [--runs 1] [--timeout 10s]";

  public static void main(String... args) throws InterruptedException {
    String url = "http://127.0.0.1:10000/api/health";   // simulate-local.java's default port
    Duration every = Duration.ofMinutes(10);
    Duration timeout = Duration.ofSeconds(10);
    int runs = 1;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--every" -> every = duration(value(args, ++i), "--every");
        case "--runs" -> runs = count(value(args, ++i));
        case "--timeout" -> timeout = duration(value(args, ++i), "--timeout");
        case "-h", "--help" -> { System.out.println(USAGE); System.exit(0); }
        default -> {
          if (args[i].startsWith("-")) usage("unknown argument '" + args[i] + "'");
          url = args[i];
        }
      }
    }

    Probe ping;
    try {
      ping = HttpProbe.get(url).build().timeout(timeout).cacheFor(Duration.ZERO);   // every check runs
    } catch (RunwayException | IllegalArgumentException e) {
      usage(e.getMessage());
      return;
    }
    int failures = 0;
    try (HealthRegistry registry = Health.registry().liveness("target", ping)
        .deadline(timeout.plusSeconds(1)).build()) {
      System.out.println("keep-warm: " + ping.target() + " every " + text(every)
          + (runs == 0 ? ", until stopped" : ", " + runs + " run(s)"));
      for (int run = 1; runs == 0 || run <= runs; run++) {
        long started = System.nanoTime();
        HealthReport.Entry result = registry.check(Group.LIVENESS).entry("target").orElseThrow();
        boolean ok = result.status() != Status.FAIL;
        if (!ok) failures++;
        System.out.println("ping " + run + ": " + result.status().wire() + " in " + result.duration().toMillis() + " ms"
            + (result.message().isEmpty() ? "" : " (" + result.message() + ")"));
        if (runs != 0 && run == runs) break;
        long left = every.toNanos() - (System.nanoTime() - started);
        if (left > 0) Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
      }
    }
    System.exit(failures == 0 ? 0 : 1);
  }

  static String text(Duration d) {
    return d.toString().substring(2).toLowerCase();
  }

  static int count(String text) {
    try {
      int n = Integer.parseInt(text);
      if (n >= 0) return n;
    } catch (NumberFormatException ignored) {
      // reported below
    }
    usage("--runs " + text + ": not a count; write 0 (until stopped) or more");
    return 0;
  }

  /** 500ms, 90s, 10m, 1h30m: read by Runway's own duration type, as runway.conf reads them. */
  static Duration duration(String text, String option) {
    try {
      Duration d = Var.duration("DURATION").parse(text);
      if (d.compareTo(Duration.ZERO) > 0) return d;
    } catch (IllegalArgumentException e) {
      // named below, with the fix
    }
    usage(option + " " + text + ": not a duration; write 500ms, 90s, 10m or 1h");
    return null;
  }

  static String value(String[] args, int i) {
    if (i >= args.length) usage(args[i - 1] + " needs a value");
    return args[i];
  }

  static void usage(String problem) {
    System.err.println("keep-warm: " + problem);
    System.err.println(USAGE);
    System.exit(2);
  }
}

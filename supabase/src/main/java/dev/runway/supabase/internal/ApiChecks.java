package dev.runway.supabase.internal;

import dev.runway.base.RunwayException;
import dev.runway.supabase.Backups;
import dev.runway.supabase.ManagementClient;
import dev.runway.supabase.PlanLimits;
import dev.runway.supabase.Project;
import dev.runway.supabase.ProjectStatus;
import dev.runway.supabase.ServiceHealth;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** Checks over the Management API: project status, services' health, backups. Never throw. */
public final class ApiChecks {
  private final ManagementClient client;
  private final Clock clock;

  public ApiChecks(ManagementClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public Outcome status(String ref) {
    try {
      Project p = client.project(ref);
      ProjectStatus s = p.status();
      Outcome out = switch (s) {
        case ACTIVE_HEALTHY -> Outcome.pass("project " + ref + " is ACTIVE_HEALTHY");
        case INACTIVE -> Outcome.fail("project " + ref + " is paused (INACTIVE); restore it in the dashboard or with"
            + " POST /v1/projects/" + ref + "/restore, and run a keep-alive so it does not pause again");
        case COMING_UP, RESTARTING, RESIZING, UPGRADING, RESTORING -> Outcome.warn("project " + ref + " is " + s
            + "; it should serve again within minutes");
        case ACTIVE_UNHEALTHY -> Outcome.warn("project " + ref + " is ACTIVE_UNHEALTHY; check the services' health");
        default -> Outcome.fail("project " + ref + " is " + s);
      };
      return out.with("projectStatus", s.name());
    } catch (RunwayException e) {
      return Outcome.fail(e.getMessage());
    }
  }

  public Outcome health(String ref) {
    try {
      List<ServiceHealth> services = client.health(ref);
      List<ServiceHealth> bad = services.stream().filter(s -> !s.isHealthy()).toList();
      Outcome out;
      if (bad.isEmpty()) {
        out = Outcome.pass(services.size() + " services healthy");
      } else {
        boolean allComingUp = bad.stream().allMatch(s -> s.status().equals("COMING_UP"));
        String list = bad.stream().map(s -> s.name() + " " + s.status() + s.error().map(e -> " (" + e + ")").orElse(""))
            .collect(Collectors.joining(", "));
        out = allComingUp ? Outcome.warn("coming up: " + list) : Outcome.fail("unhealthy: " + list);
      }
      for (ServiceHealth s : services) out = out.with(s.name().replaceAll("[^A-Za-z0-9_]", "_"), s.status());
      return out;
    } catch (RunwayException e) {
      return Outcome.fail(e.getMessage());
    }
  }

  /**
   * Warns when the newest completed backup is older than {@code maxAge}, and says plainly when there
   * are none at all (the free plan keeps none).
   */
  public Outcome backups(String ref, Duration maxAge, PlanLimits plan) {
    try {
      Backups b = client.backups(ref);
      if (!b.hasAny()) {
        String why = plan.dailyBackups() ? "none are listed yet" : "the " + plan.name() + " plan keeps none";
        return Outcome.warn("project " + ref + " has no backups (" + why + "): if the database is lost, nothing can be"
                + " restored; before a cutover, schedule your own pg_dump to storage you control, or move to a plan with"
                + " daily backups")
            .with("backups", 0).with("pitr", b.pitrEnabled());
      }
      if (b.pitrEnabled()) return Outcome.pass("point-in-time recovery is on").with("pitr", true).with("backups", b.backups().size());
      Backups.Backup newest = b.newestCompleted().orElseThrow();
      Duration age = Duration.between(newest.insertedAt(), clock.instant());
      Outcome out = age.compareTo(maxAge) > 0
          ? Outcome.warn("newest backup is " + hours(age) + " old, older than " + hours(maxAge) + "; check the backup"
              + " schedule in the dashboard (Database > Backups)")
          : Outcome.pass("newest backup is " + hours(age) + " old");
      return out.with("backups", b.backups().size()).with("newestAgeHours", age.toHours()).with("pitr", false);
    } catch (RunwayException e) {
      return Outcome.fail(e.getMessage());
    }
  }

  private static String hours(Duration d) {
    long h = d.toHours();
    return h >= 48 ? (h / 24) + " days" : h + " h";
  }
}

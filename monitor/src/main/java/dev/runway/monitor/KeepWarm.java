package dev.runway.monitor;

import dev.runway.base.Problem;
import dev.runway.base.Problems;
import dev.runway.base.RunwayException;
import dev.runway.health.HttpProbe;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Keep-warm for free services that spin down when idle: a ping more often than the spin-down,
 * within active hours in a time zone, and a check that the plan fits the workspace's monthly
 * instance-hour budget. On Render the free services of a workspace share 750 hours a month, so
 * keeping two services awake all month (2 x 744 h) runs the budget out and suspends all of them:
 * {@link Plan.Builder#build()} refuses such a plan (or warns, by choice), naming the numbers.
 * Immutable and thread-safe once built.
 *
 * <pre>{@code
 * KeepWarm.Plan plan = KeepWarm.plan(HourBudget.of("Render free", 750, Duration.ofMinutes(15)))
 *     .service("acme-api", "https://acme-api.onrender.com/api/health")
 *     .interval(Duration.ofMinutes(10)).jitter(Duration.ofMinutes(1))
 *     .activeHours(LocalTime.of(8, 0), LocalTime.of(20, 0), ZoneId.of("Europe/Berlin"))
 *     .build();                      // throws with the numbers when over budget
 * monitorBuilder.endpoints(plan.endpoints());
 * }</pre>
 */
public final class KeepWarm {
  private KeepWarm() {}

  /** What to do with a plan over budget. */
  public enum OverBudget { REFUSE, WARN }

  public static Plan.Builder plan(HourBudget budget) {
    return new Plan.Builder(budget);
  }

  /**
   * What the pings of one service found over a period: checks made (maintenance excluded), cold
   * starts (answers slower than the plan's threshold: a user arriving then would have waited as
   * long), failed checks and the slowest answer.
   */
  public record Summary(String service, String endpoint, long checks, long coldStarts, long failed, double slowestMillis) {
    /** Cold starts per check, 0 without checks. */
    public double coldStartRate() {
      return checks == 0 ? 0 : (double) coldStarts / checks;
    }
  }

  /** Summarises the history of {@code endpoints} (a plan's, or any with a cold-start threshold) from {@code from} to {@code to}. */
  public static List<Summary> report(List<Endpoint> endpoints, History history, Instant from, Instant to) {
    List<Summary> out = new ArrayList<>();
    for (Endpoint e : endpoints) {
      long checks = 0;
      long cold = 0;
      long failed = 0;
      double slowest = 0;
      for (Observation o : history.observations(e.name(), from, to)) {
        if (o.state() == State.MAINTENANCE) continue;
        checks++;
        if (o.coldStart()) cold++;
        if (o.state() == State.DOWN) failed++;
        if (o.responseTime().isPresent()) slowest = Math.max(slowest, o.responseMillis());
      }
      out.add(new Summary(e.service(), e.name(), checks, cold, failed, slowest));
    }
    return out;
  }

  /** A checked keep-warm plan. */
  public static final class Plan {
    private final HourBudget budget;
    private final Map<String, String> services;
    private final Duration interval;
    private final Duration jitter;
    private final @Nullable LocalTime activeFrom;
    private final @Nullable LocalTime activeTo;
    private final ZoneId zone;
    private final double otherHours;
    private final Duration coldStartAbove;
    private final Problems problems;

    private Plan(Builder b, Problems problems) {
      this.budget = b.budget;
      this.services = Map.copyOf(b.services);
      this.interval = b.interval;
      this.jitter = b.jitter;
      this.activeFrom = b.activeFrom;
      this.activeTo = b.activeTo;
      this.zone = b.zone;
      this.otherHours = b.otherHours;
      this.coldStartAbove = b.coldStartAbove;
      this.problems = problems;
    }

    public HourBudget budget() {
      return budget;
    }

    /** Service name to ping URL. */
    public Map<String, String> services() {
      return services;
    }

    public Duration interval() {
      return interval;
    }

    public Duration jitter() {
      return jitter;
    }

    public ZoneId zone() {
      return zone;
    }

    /** Warnings found at build (with {@link OverBudget#WARN}, the budget one); empty when all is well. */
    public Problems problems() {
      return problems;
    }

    /** Hours a day each service is awake: the active window plus the spin-down tail, at most 24. */
    public double awakeHoursPerDay() {
      return awake(activeFrom, activeTo, budget);
    }

    /** The hours this plan uses in {@code month}. */
    public KeepWarmEstimate estimate(YearMonth month) {
      double perDay = awakeHoursPerDay();
      int days = month.lengthOfMonth();
      double activeMinutes = activeWindow(activeFrom, activeTo).toMinutes() * (double) days;
      long pings = (long) Math.floor(activeMinutes / Math.max(1, interval.toMinutes())) * services.size();
      return new KeepWarmEstimate(month, services.size(), perDay, perDay * days * services.size(), otherHours,
          budget.hoursPerMonth(), pings);
    }

    /**
     * One endpoint per service: an HTTP GET every interval, not run outside the active hours
     * (a maintenance window), recording answers slower than the cold-start threshold.
     */
    public List<Endpoint> endpoints() {
      List<Endpoint> out = new ArrayList<>();
      for (Map.Entry<String, String> s : new java.util.TreeMap<>(services).entrySet()) {
        Endpoint.Builder b = Endpoint.builder("keep-warm-" + s.getKey(), HttpProbe.get(s.getValue()).build()
                .timeout(Duration.ofSeconds(60)))
            .service(s.getKey()).interval(interval).jitter(jitter).coldStartAbove(coldStartAbove)
            .failuresToOpen(2).successesToResolve(1);
        if (activeFrom != null && activeTo != null) {
          Duration asleep = Duration.ofDays(1).minus(activeWindow(activeFrom, activeTo));
          if (!asleep.isZero()) b.maintenance(MaintenanceWindow.daily(activeTo, asleep, zone));
        }
        out.add(b.build());
      }
      return out;
    }

    /** Whether {@code at} is inside the active hours. */
    public boolean active(Instant at) {
      if (activeFrom == null || activeTo == null) return true;
      LocalTime t = at.atZone(zone).toLocalTime();
      return activeFrom.isBefore(activeTo) ? !t.isBefore(activeFrom) && t.isBefore(activeTo)
          : !t.isBefore(activeFrom) || t.isBefore(activeTo);
    }

    @Override
    public String toString() {
      return "KeepWarm.Plan{" + new java.util.TreeMap<>(services).keySet() + " every " + interval.toMinutes() + " min, "
          + fmt(awakeHoursPerDay()) + " h a day}";
    }

    /** Collects a plan; not thread-safe. */
    public static final class Builder {
      private final HourBudget budget;
      private final Map<String, String> services = new LinkedHashMap<>();
      private Duration interval = Duration.ofMinutes(10);
      private Duration jitter = Duration.ofMinutes(1);
      private @Nullable LocalTime activeFrom;
      private @Nullable LocalTime activeTo;
      private ZoneId zone = ZoneOffset.UTC;
      private double otherHours;
      private OverBudget overBudget = OverBudget.REFUSE;
      private Duration coldStartAbove = Duration.ofSeconds(10);

      private Builder(HourBudget budget) {
        this.budget = Objects.requireNonNull(budget, "budget");
      }

      /** A service to keep warm and the URL to ping (its health path). */
      public Builder service(String name, String url) {
        HttpProbe.get(url); // validates the URL now, not at the first ping
        services.put(Objects.requireNonNull(name, "name"), url);
        return this;
      }

      /** Time between pings; default 10 min. Must stay below the spin-down with the jitter added. */
      public Builder interval(Duration value) {
        this.interval = Objects.requireNonNull(value, "value");
        return this;
      }

      /** Default 1 min. */
      public Builder jitter(Duration value) {
        this.jitter = Objects.requireNonNull(value, "value");
        return this;
      }

      /** Ping only from {@code from} to {@code to} (may cross midnight) in {@code zone}; default all day. */
      public Builder activeHours(LocalTime from, LocalTime to, ZoneId zone) {
        if (from.equals(to)) throw new IllegalArgumentException("monitor: keep-warm: active hours from " + from
            + " to " + to + " are empty; leave them out to ping all day");
        this.activeFrom = from;
        this.activeTo = to;
        this.zone = Objects.requireNonNull(zone, "zone");
        return this;
      }

      /** Hours a month the workspace's other free services use (they share the budget); default 0. */
      public Builder otherHours(double hours) {
        this.otherHours = hours;
        return this;
      }

      /** Refuse (default) or only warn when the plan is over budget. */
      public Builder overBudget(OverBudget policy) {
        this.overBudget = Objects.requireNonNull(policy, "policy");
        return this;
      }

      /** An answer slower than this counts as a cold start; default 10 s. */
      public Builder coldStartAbove(Duration value) {
        this.coldStartAbove = Objects.requireNonNull(value, "value");
        return this;
      }

      /**
       * The plan, checked against the budget for a 31-day month (the worst case).
       *
       * @throws RunwayException.ValidationFailed with every problem: no service, an interval that
       *     lets a service spin down, or (with {@link OverBudget#REFUSE}) hours over the budget
       */
      public Plan build() {
        List<Problem> problems = new ArrayList<>();
        if (services.isEmpty()) {
          problems.add(Problem.error(Problem.MISSING, "keep-warm", "no service to keep warm")
              .withFix("add one with .service(name, url)"));
        }
        long spin = budget.spinDownAfter().toMinutes();
        if (interval.isNegative() || interval.isZero() || jitter.isNegative()
            || interval.plus(jitter).compareTo(budget.spinDownAfter()) >= 0) {
          long maxInterval = Math.max(1, spin - 1 - jitter.toMinutes());
          problems.add(Problem.error(Problem.OUT_OF_RANGE, "keep-warm: interval",
                  "a ping every " + minutes(interval) + " with up to " + minutes(jitter) + " jitter can leave "
                      + minutes(interval.plus(jitter)) + " between pings, which reaches the " + spin + " min spin-down of "
                      + budget.name())
              .withFix("use an interval of at most " + maxInterval + " min (interval + jitter below " + spin + " min)"));
        }
        if (!services.isEmpty()) {
          double perDay = awake(activeFrom, activeTo, budget);
          int days = 31;
          double kept = perDay * days * services.size();
          double total = kept + otherHours;
          if (total > budget.hoursPerMonth()) {
            double maxPerDay = (budget.hoursPerMonth() - otherHours) / (services.size() * (double) days);
            double window = maxPerDay - budget.spinDownAfter().toMinutes() / 60.0;
            String fix = window <= 0
                ? "keep fewer services warm: the budget has no room for " + services.size()
                : "keep fewer services warm, or narrow the active hours to at most " + fmt(window) + " h a day each";
            Problem p = Problem.error(Problem.OUT_OF_RANGE, "keep-warm: budget",
                    services.size() + (services.size() == 1 ? " service" : " services") + " awake " + fmt(perDay)
                        + " h a day use " + fmt(kept) + " instance hours in a " + days + "-day month"
                        + (otherHours > 0 ? ", plus " + fmt(otherHours) + " h of other free services: " + fmt(total) + " h" : "")
                        + ", over the " + fmt(budget.hoursPerMonth()) + " free hours of "
                        + budget.name() + "; when they run out every free service of the workspace is suspended"
                        + " until the month ends")
                .withFix(fix);
            problems.add(overBudget == OverBudget.WARN ? p.withSeverity(Problem.Severity.WARNING) : p);
          }
        }
        Problems all = Problems.of(problems);
        all.orThrow();
        return new Plan(this, all);
      }
    }
  }

  static double awake(@Nullable LocalTime from, @Nullable LocalTime to, HourBudget budget) {
    Duration window = activeWindow(from, to);
    if (window.equals(Duration.ofDays(1))) return 24;
    return Math.min(24, (window.toMinutes() + budget.spinDownAfter().toMinutes()) / 60.0);
  }

  static Duration activeWindow(@Nullable LocalTime from, @Nullable LocalTime to) {
    if (from == null || to == null) return Duration.ofDays(1);
    Duration d = Duration.between(from, to);
    return d.isNegative() ? d.plusDays(1) : d;
  }

  private static String minutes(Duration d) {
    long s = d.getSeconds();
    return s % 60 == 0 ? (s / 60) + " min" : s + " s";
  }

  static String fmt(double hours) {
    if (Math.abs(hours - Math.rint(hours)) < 0.05) return String.valueOf((long) Math.rint(hours));
    return String.format(Locale.ROOT, "%.1f", hours);
  }
}

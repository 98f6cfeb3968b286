package dev.runway.monitor;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A period in which an endpoint is not checked and cannot open an incident: daily or weekly at a
 * local time in a time zone (so it follows daylight saving), or once between two instants.
 * Immutable.
 *
 * <pre>{@code
 * MaintenanceWindow.daily(LocalTime.of(3, 0), Duration.ofMinutes(30), ZoneId.of("Europe/Berlin"));
 * MaintenanceWindow.weekly(DayOfWeek.SUNDAY, LocalTime.of(2, 0), Duration.ofHours(2), ZoneId.of("UTC"));
 * }</pre>
 */
public final class MaintenanceWindow {
  private final @Nullable DayOfWeek day;
  private final @Nullable LocalTime start;
  private final Duration length;
  private final @Nullable ZoneId zone;
  private final @Nullable Instant onceFrom;

  private MaintenanceWindow(@Nullable DayOfWeek day, @Nullable LocalTime start, Duration length,
      @Nullable ZoneId zone, @Nullable Instant onceFrom) {
    if (length.isNegative() || length.isZero() || length.compareTo(Duration.ofDays(7)) > 0) {
      throw new IllegalArgumentException("monitor: maintenance window: length must be between 0 and 7 days but was " + length);
    }
    this.day = day;
    this.start = start;
    this.length = length;
    this.zone = zone;
    this.onceFrom = onceFrom;
  }

  public static MaintenanceWindow daily(LocalTime start, Duration length, ZoneId zone) {
    return new MaintenanceWindow(null, Objects.requireNonNull(start), length, Objects.requireNonNull(zone), null);
  }

  public static MaintenanceWindow weekly(DayOfWeek day, LocalTime start, Duration length, ZoneId zone) {
    return new MaintenanceWindow(Objects.requireNonNull(day), Objects.requireNonNull(start), length,
        Objects.requireNonNull(zone), null);
  }

  public static MaintenanceWindow once(Instant from, Instant to) {
    return new MaintenanceWindow(null, null, Duration.between(from, to), null, from);
  }

  /** Whether {@code at} falls inside the window. */
  public boolean covers(Instant at) {
    if (onceFrom != null) return !at.isBefore(onceFrom) && at.isBefore(onceFrom.plus(length));
    ZonedDateTime local = at.atZone(Objects.requireNonNull(zone));
    // The window may have started on an earlier day (it may last past midnight): look back far enough.
    int lookBackDays = (int) Math.min(7, length.toDays() + 1);
    for (int back = 0; back <= lookBackDays; back++) {
      ZonedDateTime date = local.minusDays(back);
      if (day != null && date.getDayOfWeek() != day) continue;
      ZonedDateTime from = date.with(Objects.requireNonNull(start));
      if (!local.isBefore(from) && local.isBefore(from.plus(length))) return true;
    }
    return false;
  }

  public Duration length() {
    return length;
  }

  public Optional<ZoneId> zone() {
    return Optional.ofNullable(zone);
  }

  @Override
  public String toString() {
    if (onceFrom != null) return "maintenance " + onceFrom + " for " + length;
    return "maintenance " + (day == null ? "daily" : day.toString().toLowerCase(java.util.Locale.ROOT))
        + " at " + start + " " + zone + " for " + length;
  }
}

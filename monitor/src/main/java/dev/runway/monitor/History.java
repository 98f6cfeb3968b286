package dev.runway.monitor;

import dev.runway.monitor.internal.JdbcHistory;
import dev.runway.monitor.internal.MemoryHistory;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/**
 * Where observations and incidents are kept: SQLite (embedded, the default), PostgreSQL (for
 * production; the same schema, migrated at open), a git branch (for scheduled runners with no disk
 * of their own), or memory. Thread-safe.
 *
 * <p>A {@link Monitor} never lets a failing history stop monitoring: when a write fails it keeps
 * observations in memory, says so ({@link Monitor#historyProblem()}, the status page, a log line)
 * and writes them when the database is back.
 *
 * <pre>{@code
 * History h = History.sqlite(Path.of("runway-monitor.db"));
 * History pg = History.postgres("postgresql://monitor@db.internal:5432/runway", password);
 * }</pre>
 */
public interface History extends AutoCloseable {
  /**
   * An SQLite file, created (with its tables) when missing.
   *
   * @throws dev.runway.base.RunwayException.IoFailed when the file cannot be opened or migrated
   */
  static History sqlite(Path file) {
    return JdbcHistory.sqlite(file);
  }

  /**
   * A PostgreSQL database ({@code postgresql://user[:password]@host:port/db} or a
   * {@code jdbc:postgresql:} URL); needs {@code org.postgresql:postgresql} on the class path. The
   * password never appears in a message or {@code toString()}.
   *
   * @throws dev.runway.base.RunwayException.IoFailed when the database cannot be reached or migrated
   */
  static History postgres(String url, String password) {
    return JdbcHistory.postgres(url, password);
  }

  /**
   * A branch of the git repository {@code folder} is in (pushed to {@code origin}), for runs that
   * start on a fresh machine each time: append-only text files, read at open, committed and pushed
   * at {@link #close()}. Needs {@code git} on the PATH and the right to push ({@code contents: write}
   * in GitHub Actions).
   *
   * @throws dev.runway.base.RunwayException.IoFailed when git fails or the branch cannot be read
   */
  static History git(Path folder, String branch) {
    return dev.runway.monitor.internal.GitHistory.open(folder, branch);
  }

  /** Keeps the last {@code perEndpoint} observations of each endpoint and every incident in memory. */
  static History inMemory(int perEndpoint) {
    return new MemoryHistory(perEndpoint);
  }

  /** Stores observations (possibly buffered until {@link #flush()}). */
  void record(Collection<Observation> observations);

  /** Inserts or updates an incident by its id. */
  void save(Incident incident);

  /** Writes what is buffered. */
  void flush();

  /** The next free incident id. */
  long nextIncidentId();

  /** The observations of {@code endpoint} with {@code from <= at < to}, oldest first. */
  List<Observation> observations(String endpoint, Instant from, Instant to);

  /** Incidents opened at or after {@code since}, and every incident still open; newest first. */
  List<Incident> incidents(Instant since);

  /** One entry per UTC day from {@code from} to {@code to} inclusive, days without checks included. */
  List<DailyUptime> daily(String endpoint, LocalDate from, LocalDate to);

  /** Deletes observations and resolved incidents older than {@code before}; returns how many rows went. */
  long purge(Instant before);

  /** What it is, for people: {@code sqlite /var/lib/runway/monitor.db}; never a password. */
  String describe();

  @Override
  void close();
}

package dev.runway.monitor.internal;

import dev.runway.base.RunwayException;
import dev.runway.monitor.DailyUptime;
import dev.runway.monitor.History;
import dev.runway.monitor.Incident;
import dev.runway.monitor.Observation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's view of its history: every write goes to a bounded memory mirror and to the
 * primary store. When the primary fails (unreachable, full, locked), monitoring goes on: reads
 * are answered from memory, the problem is reported once (log and {@link #problem()}), incident
 * writes are kept and retried on each flush, and observations wait in the primary's own buffer.
 */
public final class FailoverHistory implements History {
  private static final Logger LOG = LoggerFactory.getLogger(FailoverHistory.class);

  private final History primary;
  private final MemoryHistory memory;
  private final AtomicReference<@Nullable String> problem = new AtomicReference<>();
  private final Map<Long, Incident> unsaved = new LinkedHashMap<>(); // guarded by itself, never held during I/O

  public FailoverHistory(History primary, int memoryPerEndpoint) {
    this.primary = primary;
    this.memory = primary instanceof MemoryHistory m ? m : new MemoryHistory(memoryPerEndpoint);
  }

  /** Why the history is in memory only right now; empty when the database is fine. */
  public Optional<String> problem() {
    return Optional.ofNullable(problem.get());
  }

  @Override
  public void record(Collection<Observation> observations) {
    if (memory != primary) memory.record(observations);
    primary.record(observations);
  }

  /** Kept in memory at once; written to the primary by the next {@link #flush()}, off the checking threads. */
  @Override
  public void save(Incident incident) {
    if (memory != primary) memory.save(incident);
    synchronized (unsaved) {
      unsaved.put(incident.id(), incident);
    }
  }

  /** Writes incidents, then observations; a failure is remembered and retried next time. */
  @Override
  public synchronized void flush() {
    try {
      List<Incident> pending;
      synchronized (unsaved) {
        pending = List.copyOf(unsaved.values());
      }
      for (Incident i : pending) {
        primary.save(i);
        synchronized (unsaved) {
          unsaved.remove(i.id(), i);
        }
      }
      primary.flush();
      recovered();
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  private void failed(RuntimeException e) {
    String message = e instanceof RunwayException ? e.getMessage() : "monitor: history " + primary.describe()
        + ": " + e.getClass().getSimpleName() + "; monitoring goes on in memory until the database is back";
    if (problem.getAndSet(message) == null) LOG.warn("{}", message);
  }

  private void recovered() {
    String was = problem.getAndSet(null);
    if (was != null) LOG.info("monitor: history {}: writing again", primary.describe());
  }

  @Override
  public long nextIncidentId() {
    if (primary == memory) return memory.nextIncidentId();
    long fromPrimary;
    try {
      fromPrimary = primary.nextIncidentId();
    } catch (RuntimeException e) {
      failed(e);
      fromPrimary = 0;
    }
    long fromMemory = memory.nextIncidentId();
    long id = Math.max(fromPrimary, fromMemory);
    memory.reserve(id);
    return id;
  }

  @Override
  public List<Observation> observations(String endpoint, Instant from, Instant to) {
    return read(h -> h.observations(endpoint, from, to));
  }

  @Override
  public List<Incident> incidents(Instant since) {
    return read(h -> h.incidents(since));
  }

  @Override
  public List<DailyUptime> daily(String endpoint, LocalDate from, LocalDate to) {
    return read(h -> h.daily(endpoint, from, to));
  }

  /** From the database while it works; from memory once it has failed (and for this read, if it fails now). */
  private <T> T read(Function<History, T> query) {
    if (problem.get() == null) {
      try {
        return query.apply(primary);
      } catch (RuntimeException e) {
        failed(e);
      }
    }
    return query.apply(memory);
  }

  @Override
  public long purge(Instant before) {
    memory.purge(before);
    try {
      return primary == memory ? 0 : primary.purge(before);
    } catch (RuntimeException e) {
      failed(e);
      return 0;
    }
  }

  @Override
  public String describe() {
    return primary.describe();
  }

  @Override
  public void close() {
    try {
      flush();
    } finally {
      primary.close();
    }
  }

  @Override
  public String toString() {
    return "History{" + describe() + (problem.get() == null ? "" : ", in memory: database unavailable") + "}";
  }
}

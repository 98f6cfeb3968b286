package dev.runway.monitor.internal;

import dev.runway.monitor.DailyUptime;
import dev.runway.monitor.History;
import dev.runway.monitor.Incident;
import dev.runway.monitor.Observation;
import dev.runway.monitor.State;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Bounded per endpoint (a ring of the last N observations); incidents are few and all kept. */
public final class MemoryHistory implements History {
  private final int perEndpoint;
  private final Map<String, ArrayDeque<Observation>> observations = new HashMap<>();
  private final Map<Long, Incident> incidents = new LinkedHashMap<>();
  private final AtomicLong nextId = new AtomicLong(1);

  public MemoryHistory(int perEndpoint) {
    if (perEndpoint < 1) throw new IllegalArgumentException("monitor: history: perEndpoint must be >= 1 but was " + perEndpoint);
    this.perEndpoint = perEndpoint;
  }

  @Override
  public synchronized void record(Collection<Observation> batch) {
    for (Observation o : batch) {
      ArrayDeque<Observation> ring = observations.computeIfAbsent(o.endpoint(), k -> new ArrayDeque<>());
      if (ring.size() >= perEndpoint) ring.pollFirst();
      ring.addLast(o);
    }
  }

  @Override
  public synchronized void save(Incident incident) {
    incidents.put(incident.id(), incident);
    nextId.accumulateAndGet(incident.id() + 1, Math::max);
  }

  @Override
  public void flush() {}

  /** Makes sure ids up to {@code id} are never handed out again. */
  public void reserve(long id) {
    nextId.accumulateAndGet(id + 1, Math::max);
  }

  @Override
  public long nextIncidentId() {
    return nextId.getAndIncrement();
  }

  @Override
  public synchronized List<Observation> observations(String endpoint, Instant from, Instant to) {
    List<Observation> out = new ArrayList<>();
    for (Observation o : observations.getOrDefault(endpoint, new ArrayDeque<>())) {
      if (!o.at().isBefore(from) && o.at().isBefore(to)) out.add(o);
    }
    out.sort(Comparator.comparing(Observation::at));
    return out;
  }

  @Override
  public synchronized List<Incident> incidents(Instant since) {
    List<Incident> out = new ArrayList<>();
    for (Incident i : incidents.values()) if (i.open() || !i.opened().isBefore(since)) out.add(i);
    out.sort(Comparator.comparing(Incident::opened).reversed().thenComparing(Comparator.comparing(Incident::id).reversed()));
    return out;
  }

  @Override
  public synchronized List<DailyUptime> daily(String endpoint, LocalDate from, LocalDate to) {
    return dailyOf(observations.getOrDefault(endpoint, new ArrayDeque<>()), from, to);
  }

  static List<DailyUptime> dailyOf(Collection<Observation> all, LocalDate from, LocalDate to) {
    Map<LocalDate, long[]> counts = new HashMap<>();
    for (Observation o : all) {
      LocalDate day = LocalDate.ofInstant(o.at(), ZoneOffset.UTC);
      if (day.isBefore(from) || day.isAfter(to) || o.state() == State.MAINTENANCE) continue;
      counts.computeIfAbsent(day, d -> new long[3])[o.state().ordinal()]++;
    }
    return days(from, to, counts);
  }

  static List<DailyUptime> days(LocalDate from, LocalDate to, Map<LocalDate, long[]> counts) {
    List<DailyUptime> out = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      long[] c = counts.getOrDefault(d, new long[3]);
      out.add(new DailyUptime(d, c[0], c[1], c[2]));
    }
    return out;
  }

  @Override
  public synchronized long purge(Instant before) {
    long n = 0;
    for (ArrayDeque<Observation> ring : observations.values()) {
      int size = ring.size();
      ring.removeIf(o -> o.at().isBefore(before));
      n += size - ring.size();
    }
    int size = incidents.size();
    incidents.values().removeIf(i -> i.resolved().map(r -> r.isBefore(before)).orElse(false));
    return n + size - incidents.size();
  }

  @Override
  public String describe() {
    return "memory (last " + perEndpoint + " checks per endpoint)";
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return "History{" + describe() + "}";
  }
}

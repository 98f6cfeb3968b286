package dev.runway.sync.internal;

import dev.runway.sync.EnvStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A store in memory; every method is synchronized, so a read is one consistent view. */
public final class MemoryStore implements EnvStore {
  private final String name;
  private final Map<String, String> values;

  public MemoryStore(String name, Map<String, String> initial) {
    this.name = Objects.requireNonNull(name, "name");
    this.values = new LinkedHashMap<>(initial);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized Map<String, String> readAll() {
    return Map.copyOf(values);
  }

  @Override
  public synchronized void write(String key, String value) {
    values.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
  }

  @Override
  public synchronized void delete(String key) {
    values.remove(key);
  }

  @Override
  public String toString() {
    return "MemoryStore[" + name + "]";
  }
}

package dev.runway.sync;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A store like a Vercel project with {@code sensitive} variables: names in {@code sensitive} are write-only. */
final class WriteOnlyStore implements EnvStore {
  private final Map<String, String> raw;
  private final Set<String> sensitive;

  WriteOnlyStore(Map<String, String> initial, Set<String> sensitive) {
    this.raw = new LinkedHashMap<>(initial);
    this.sensitive = Set.copyOf(sensitive);
  }

  /** Everything, write-only values included: what the platform really holds. */
  Map<String, String> raw() {
    return Map.copyOf(raw);
  }

  @Override
  public String name() {
    return "vercel:web/production";
  }

  @Override
  public Map<String, String> readAll() {
    Map<String, String> out = new LinkedHashMap<>(raw);
    out.keySet().removeAll(sensitive);
    return out;
  }

  @Override
  public Set<String> writeOnly() {
    Set<String> out = new TreeSet<>(raw.keySet());
    out.retainAll(sensitive);
    return out;
  }

  @Override
  public void write(String name, String value) {
    raw.put(name, value);
  }

  @Override
  public void delete(String name) {
    raw.remove(name);
  }
}

package dev.runway.env;

// TEMPORARY STUB — replaced by the dotenv branch at merge.
import dev.runway.Origin;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class DotenvFile {
  private final Origin source;
  private final List<DotenvEntry> entries;

  DotenvFile(Origin source, List<DotenvEntry> entries) {
    this.source = source;
    this.entries = List.copyOf(entries);
  }

  public Origin source() {
    return source;
  }

  public List<DotenvEntry> entries() {
    return entries;
  }

  public Map<String, String> values() {
    Map<String, String> m = new LinkedHashMap<>();
    entries.forEach(e -> m.put(e.name(), e.value()));
    return m;
  }

  public Optional<DotenvEntry> entry(String name) {
    DotenvEntry last = null;
    for (DotenvEntry e : entries) if (e.name().equals(name)) last = e;
    return Optional.ofNullable(last);
  }
}

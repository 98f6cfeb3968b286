package dev.runway.env;

import dev.runway.Origin;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parsed content of one dotenv file: every assignment in file order, duplicates kept, and the
 * resulting name-to-value map in which the last assignment of a name wins.
 *
 * <p>Immutable and thread-safe. {@link #toString()} names the source and the entry count, never a
 * value.
 *
 * <pre>{@code
 * DotenvFile file = Dotenv.read(Path.of(".env.production"));
 * file.values().get("PORT");                        // "10000"
 * file.entry("PORT").map(DotenvEntry::origin);      // .env.production:3
 * }</pre>
 */
public final class DotenvFile {
  private final Origin source;
  private final List<DotenvEntry> entries;
  private final Map<String, String> values;
  private final Map<String, DotenvEntry> last;

  DotenvFile(Origin source, List<DotenvEntry> entries) {
    this.source = source;
    this.entries = List.copyOf(entries);
    Map<String, String> v = new LinkedHashMap<>();
    Map<String, DotenvEntry> l = new LinkedHashMap<>();
    for (DotenvEntry e : this.entries) {
      v.put(e.name(), e.value());
      l.put(e.name(), e);
    }
    this.values = Collections.unmodifiableMap(v);
    this.last = l;
  }

  /** Where the text came from: {@code Origin.file(path)} for {@link Dotenv#read}, else what {@link Dotenv#parse} was given. */
  public Origin source() {
    return source;
  }

  /** Every assignment in file order; a name assigned twice appears twice. Unmodifiable. */
  public List<DotenvEntry> entries() {
    return entries;
  }

  /**
   * Name to value, in order of each name's first assignment, holding the value of its last
   * assignment (the semantics of {@link LinkedHashMap#put}). Unmodifiable.
   */
  public Map<String, String> values() {
    return values;
  }

  /** The last assignment of {@code name}, or empty when the file does not assign it. */
  public Optional<DotenvEntry> entry(String name) {
    return Optional.ofNullable(last.get(name));
  }

  @Override
  public String toString() {
    return "DotenvFile[" + source + ", " + entries.size() + " entries]";
  }
}

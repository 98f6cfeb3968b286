package dev.runway.env;

import dev.runway.base.Origin;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

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

  /** {@code entries} and {@code last} are unmodifiable and owned by this file from now on. */
  DotenvFile(Origin source, List<DotenvEntry> entries, Map<String, DotenvEntry> last) {
    this.source = source;
    this.entries = entries;
    this.last = last;
    this.values = new ValuesView(last);
  }

  /** values() as a read-only view over the last entry of each name: one map, not two, per parse. */
  private static final class ValuesView extends AbstractMap<String, String> {
    private final Map<String, DotenvEntry> last;

    ValuesView(Map<String, DotenvEntry> last) {
      this.last = last;
    }

    @Override
    public @Nullable String get(@Nullable Object key) {
      DotenvEntry e = last.get(key);
      return e == null ? null : e.value();
    }

    @Override
    public boolean containsKey(@Nullable Object key) {
      return last.containsKey(key);
    }

    @Override
    public int size() {
      return last.size();
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Map.Entry<String, String>> iterator() {
          Iterator<DotenvEntry> it = last.values().iterator();
          return new Iterator<>() {
            @Override
            public boolean hasNext() {
              return it.hasNext();
            }

            @Override
            public Map.Entry<String, String> next() {
              DotenvEntry e = it.next();
              return new AbstractMap.SimpleImmutableEntry<>(e.name(), e.value());
            }
          };
        }

        @Override
        public int size() {
          return last.size();
        }
      };
    }
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
